"""The five seed articles in the shapes a researcher's own corpus arrives in.

Each function writes the seeds (``resources/corpus/seeds`` with ``resources/corpus/metadata.csv``)
into a folder in one shape and returns the path to give as ``corpus.path``: a folder of ``.txt``
files without the metadata table, a GBK CSV with Chinese column names and single line breaks, an
``.xlsx`` workbook with date cells, saved web pages (one declared GB2312, one split over two pages,
with menus, footers, related lists and a ``_files`` folder), Word ``.docx`` files, and PDFs that
LibreOffice prints from those Word files (running header and page numbers included). The tests and
``benchmarks/corpus_shapes.py`` feed each shape to the pipeline and compare its cases with the
``.txt`` run's.
"""

from __future__ import annotations

import csv
import html
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "resources/corpus/seeds"
METADATA = ROOT / "resources/corpus/metadata.csv"
REGION = {  # 地区 as a researcher would fill it in
    "2018_shanghai_nongmin-ribao": "上海",
    "2019_shanghai-pingliang_dangzheng-luntan": "上海",
    "2020_city-news_three-cities": "多地",
    "2020_sez-five-zones_qiushi": "经济特区",
    "2024_chengdu_sichuan-dangjian": "四川",
}


def clean_rules(**changed):
    """The cleaning rules of the shipped config, as the clean_shard step gets them (with the
    ``clean:`` keys given here changed)."""
    import yaml

    from govtopics.text.clean import CleanRules

    with open(ROOT / "config/config.yaml", encoding="utf-8") as handle:
        return CleanRules.from_config({**yaml.safe_load(handle)["clean"], **changed})


def seeds() -> list[dict]:
    """The seed articles: ``{doc_id, title, date, publisher, region, lines, body}``: ``lines`` are
    the raw file's non-blank lines (the page as scraped), ``body`` the article's paragraphs as the
    cleaner gives them with the metadata table (what a researcher copies into a table cell or a Word
    file: no title line, no page furniture)."""
    from govtopics.text.clean import clean_document

    rules = clean_rules()
    with open(METADATA, encoding="utf-8-sig", newline="") as handle:
        metadata = {row["doc_id"]: row for row in csv.DictReader(handle)}
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\xa0", " ")
        meta = metadata[path.stem]
        articles.append(
            {
                "doc_id": path.stem,
                "title": meta["title"],
                "date": meta["date"],
                "publisher": meta["publisher"].split(" (")[0],
                "region": REGION[path.stem],
                "lines": [line.strip() for line in text.splitlines() if line.strip()],
                "body": clean_document(text, rules, title=meta["title"])["text"].split("\n\n"),
            }
        )
    return articles


def txt_folder(target: Path) -> Path:
    """The raw ``.txt`` files alone, without the metadata table: titles and dates must come from the text."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(path, target / path.name)
    return target


def body_txt_folder(target: Path) -> Path:
    """The articles' bodies as ``.txt`` files with no title line and no metadata table: the first
    short line of three-cities is a case heading (内蒙古赤峰：…), not a title."""
    target.mkdir(parents=True, exist_ok=True)
    for article in seeds():
        (target / f"{article['doc_id']}.txt").write_text("\n\n".join(article["body"]) + "\n", encoding="utf-8")
    return target


def gbk_csv(target: Path) -> Path:
    """One GBK-encoded CSV (as Excel saves "CSV" on a Chinese Windows) with columns 标题,日期,正文,地区
    and the text's paragraphs separated by single line breaks (Alt+Enter in a cell)."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / "文章.csv"
    with open(path, "w", encoding="gb18030", newline="") as handle:  # GB18030 = GBK for every GBK character
        writer = csv.writer(handle)
        writer.writerow(["标题", "日期", "正文", "地区"])
        for article in seeds():
            writer.writerow(
                [article["title"], article["date"].replace("-", "/"), "\n".join(article["body"]), article["region"]]
            )
    return path


def xlsx_workbook(target: Path) -> Path:
    """An Excel workbook: a notes sheet first, then the articles with real date cells (题目, 发布时间,
    来源, 正文 with Alt+Enter line breaks)."""
    import datetime

    from openpyxl import Workbook

    target.mkdir(parents=True, exist_ok=True)
    path = target / "articles.xlsx"
    book = Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["本表收录五篇基层治理报道"])
    sheet = book.create_sheet("文章")
    sheet.append(["题目", "发布时间", "来源", "正文"])
    for article in seeds():
        date = datetime.datetime.strptime(article["date"], "%Y-%m-%d")
        sheet.append([article["title"], date, article["publisher"], "\n".join(article["body"])])
        sheet.cell(row=sheet.max_row, column=2).number_format = "yyyy/m/d"
    book.save(path)
    return path


_MENU = "".join(
    f'<li><a href="/{n}/">{name}</a></li>' for n, name in enumerate(["首页", "时政", "地方", "理论", "党建", "视频"])
)
_RELATED = "".join(
    f'<li><a href="/a/{n}.html">{t}</a></li>'
    for n, t in enumerate(["基层治理的新探索", "社区服务再升级", "党建引领乡村振兴"])
)


def _page(article: dict, lines: list[str], charset: str, pager: str = "") -> str:
    site = article["publisher"]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(article["title"])}_{html.escape(site)}</title>
<meta name="publishdate" content="{article["date"]}">
<meta property="og:site_name" content="{html.escape(site)}">
<link rel="stylesheet" href="{article["doc_id"]}_files/style.css">
<script src="{article["doc_id"]}_files/jquery.js"></script>
</head><body>
<div class="header"><ul class="nav">{_MENU}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/dfdt/">地方动态</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{html.escape(article["title"])}</h1>
<div class="info">来源：{html.escape(site)}　发布时间：{article["date"]}　<a href="#">打印</a> <a href="#">关闭</a></div>
<div class="content" id="content">
{body}
</div>{pager}
</div>
<div class="related"><h3>相关阅读</h3><ul>{_RELATED}</ul></div>
</div>
<div class="footer"><p>版权所有 © 2020 {html.escape(site)}　京ICP备12345678号</p><p>联系我们 | 网站地图 | 关于我们</p></div>
</body></html>
"""


def html_pages(
    target: Path, split: str = "2020_sez-five-zones_qiushi", gb2312: str = "2020_city-news_three-cities"
) -> Path:
    """The seeds as pages saved from a browser ("Web page, complete"): ``<doc_id>.html`` with its
    ``<doc_id>_files`` folder; ``gb2312`` is saved in that encoding (as GBK, which pages declaring
    GB2312 really hold), and ``split`` over two pages (``<doc_id>.html`` and ``<doc_id>_2.html``,
    as news sites paginate long articles)."""
    target.mkdir(parents=True, exist_ok=True)
    for article in seeds():
        stem = article["doc_id"]
        files = target / f"{stem}_files"
        files.mkdir(exist_ok=True)
        (files / "style.css").write_text("body{font-size:14px}", encoding="utf-8")
        (files / "jquery.js").write_text("/* jQuery */", encoding="utf-8")
        charset = "gb2312" if stem == gb2312 else "utf-8"
        encoding = "gbk" if stem == gb2312 else "utf-8"
        lines = article["lines"]
        if stem == split:
            half = len(lines) // 2
            pager = f'<div class="page"><a href="{stem}.html">1</a> <a href="{stem}_2.html">2</a> <a href="{stem}_2.html">下一页</a></div>'
            pages = [(f"{stem}.html", lines[:half]), (f"{stem}_2.html", lines[half:])]
        else:
            pager, pages = "", [(f"{stem}.html", lines)]
        for name, part in pages:
            (target / name).write_bytes(
                _page(article, part, charset, pager).encode(encoding, errors="xmlcharrefreplace")
            )
    return target


def docx_files(target: Path, header: bool = False) -> Path:
    """The seeds as Word files: the title in Word's Title style, the date and source in a line under
    it, every line of the article a paragraph. ``header``: a running header (the publisher) and a
    page number in the footer, as a PDF printed from it shows on every page."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    target.mkdir(parents=True, exist_ok=True)
    for article in seeds():
        document = docx.Document()
        document.add_paragraph(article["title"], style="Title")
        document.add_paragraph(f"{article['publisher']}　{article['date']}")
        for line in article["body"]:
            document.add_paragraph(line)
        if header:
            section = document.sections[0]
            section.header.paragraphs[0].text = f"{article['publisher']}·基层治理"
            run = section.footer.paragraphs[0].add_run()
            for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
                if kind:
                    element = OxmlElement("w:fldChar")
                    element.set(qn("w:fldCharType"), kind)
                else:
                    element = OxmlElement("w:instrText")
                    element.text = text
                run._r.append(element)
        document.core_properties.title = article["title"]
        document.save(target / f"{article['doc_id']}.docx")
    return target


def soffice() -> str | None:
    """LibreOffice's command (Debian's ``libreoffice-writer-nogui``), installed if missing where
    the test runs as root with apt; None when it cannot be had."""
    import os

    found = shutil.which("soffice")
    if not found and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=900)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui", "fonts-noto-cjk"],
            env=env,
            capture_output=True,
            timeout=1800,
        )
        found = shutil.which("soffice")
    return found


def pdf_files(target: Path, command: str) -> Path:
    """The seeds as PDFs with a text layer, printed by LibreOffice from the Word files (with a
    running header and page numbers)."""
    words = target.parent / f"{target.name}_docx"
    docx_files(words, header=True)
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            command,
            "--headless",
            f"-env:UserInstallation=file://{target.parent / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(target),
            *sorted(str(p) for p in words.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return target


SHAPES = {
    "txt_without_metadata": txt_folder,
    "body_txt": body_txt_folder,
    "gbk_csv": gbk_csv,
    "xlsx": xlsx_workbook,
    "html": html_pages,
    "docx": docx_files,
}
