"""Compose the labelled page set of ``benchmarks/page_reading.py`` (written to tests/data/pages/).

Every page is written here, not copied: its body is paragraphs of the shipped seed articles' cases
(as the pipeline cleans them, results/seeds/corpus/paragraphs.csv) with a lede sentence composed
here that names the case's place, set in one of eight layouts modelled on the kinds of pages the
pipeline meets: a party or government portal, a central news site, a local news site (saved as
text), a journal article reposted (authors, affiliations with postcodes, abstract, keywords,
classification and funding lines, author biography, references), a WeChat-style repost, a content
farm, a PDF turned to text (running headers, page numbers, lines broken at the page width) and a
page in Traditional characters with a converter's pinyin. Some pages hold several cases under
``<place>：`` headings, some compare several places (a review: labelled multi-site), some name
places inside longer names (浦阳江, 盐城工学院) or in the authors' affiliations.

For each page ``tests/data/page_labels.jsonl`` holds what a reader should find: the case labels (by city or
province; ``多地`` for a comparison), the title, the authors, the body paragraphs and the noise
lines. The half of each page is fixed by a hash of its name (``half``: tune or heldout).

    python benchmarks/page_set.py            # writes tests/data/pages/ (deterministic)
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import sys
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests/data/pages"
LABELS = ROOT / "tests/data/page_labels.jsonl"
sys.path.insert(0, str(ROOT / "workflow/src"))
from govtopics.reading.ingest import read_corpus  # noqa: E402
from govtopics.text.cases import split_cases  # noqa: E402
from govtopics.text.clean import CleanRules, clean_record  # noqa: E402
from govtopics.text.lines import PHOTO_CREDIT, caption  # noqa: E402

# The seed cases: label → (city or province the label speaks of, the place as the lede names it)
CASES = {
    "上海": ("上海", "上海市"),
    "上海杨浦平凉路街道": ("上海", "上海市杨浦区平凉路街道"),
    "内蒙古赤峰": ("赤峰", "内蒙古赤峰市"),
    "吉林松原": ("松原", "吉林省松原市"),
    "上海杨浦五角场街道": ("上海", "上海市杨浦区五角场街道"),
    "深圳": ("深圳", "深圳市"),
    "珠海": ("珠海", "珠海市"),
    "汕头": ("汕头", "汕头市"),
    "厦门官任社区": ("厦门", "厦门市"),
    "海南施茶村": ("海口", "海南省海口市"),
    "成都": ("成都", "成都市"),
}
HEADLINES = [
    "党建引领激活基层治理新动能",
    "织密服务网络 打通治理末梢",
    "小网格撬动大治理",
    "让群众在家门口办成事",
    "以党建“绣花功”提升治理效能",
    "构建共建共治共享新格局",
    "探索超大城市治理新路径",
    "把服务送到群众身边",
]
NAMES = ["王晓明", "李建国", "张丽华", "刘志强", "陈静", "杨帆", "赵文博", "周敏", "吴海燕", "徐立新", "孙悦", "马俊"]
INSTITUTES = [
    ("盐城工学院马克思主义学院", "江苏盐城", "224051"),
    ("华中师范大学政治与国际关系学院", "湖北武汉", "430079"),
    ("中共浙江省委党校", "浙江杭州", "311121"),
    ("南京大学社会学院", "江苏南京", "210023"),
]
SITES = {"portal": "共产党员网", "central": "新华网", "local": "东方城市报", "farm": "热点资讯网"}
RELATED = ["基层治理的新探索", "社区服务再升级", "党建引领乡村振兴", "网格员的一天"]


def seed_cases() -> dict[str, list[str]]:
    """Each seed case's body paragraphs, as the ingest, clean and case steps make them with the
    shipped config, except that photo captions are kept (the pages carry them as noise to drop)."""
    with open(ROOT / "config/config.yaml", encoding="utf-8") as handle:
        section = yaml.safe_load(handle)["clean"]
    rules = CleanRules.from_config({**section, "drop_captions": False})
    documents, _ = read_corpus(ROOT / "resources/corpus/seeds", "content", None, ROOT / "resources/corpus/metadata.csv")
    cleaned = [clean_record(doc, rules)[0] for doc in documents]
    cases, paragraphs = split_cases(cleaned)
    body: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        if paragraph["role"] == "body":
            body.setdefault(paragraph["case_id"], []).append(paragraph["text"])
    return {case["label"]: body.get(case["case_id"], []) for case in cases}


def is_caption(paragraph: str) -> bool:
    """A photo caption (图为…, …徐辉冠/摄): noise on the pages, by the decision of 2026-12-01."""
    return caption(paragraph) == "caption"


def is_headline(paragraph: str) -> bool:
    return paragraph.endswith(tuple(f"：{h}" for h in HEADLINES))


def without_credit(paragraph: str) -> tuple[str, list[str]]:
    """A body paragraph that ends with a photo credit (…开花结果。供图：…): the credit is noise."""
    m = PHOTO_CREDIT.search(paragraph)
    if caption(paragraph) != "credit" or not m:
        return paragraph, []
    return paragraph[: m.start()].rstrip(), [m.group(0)]


def lede(place: str, rng: random.Random) -> str:
    return rng.choice(
        [
            f"近年来，{place}坚持以党建引领基层治理，把资源、服务和管理放到基层，群众的获得感不断增强。",
            f"记者日前在{place}采访看到，一批以党建引领基层治理的新做法正在落地见效，受到居民欢迎。",
            f"{place}聚焦群众急难愁盼，推动治理重心下移、力量下沉，走出了一条基层治理的新路子。",
        ]
    )


def excerpt(paragraphs: list[str], rng: random.Random, most: int = 6) -> list[str]:
    if len(paragraphs) <= most:
        return list(paragraphs)
    start = rng.randrange(0, len(paragraphs) - most + 1)
    return paragraphs[start : start + rng.randint(3, most)]


def page(kind: str, number: int, rng: random.Random, texts: dict[str, list[str]]) -> dict:
    """One page: its file name, its content and what a reader should find in it."""
    shape = rng.choices(["one", "several", "compare"], weights=[6, 2, 2])[0]
    labels = rng.sample(sorted(texts), {"one": 1, "several": rng.randint(2, 3), "compare": 4}[shape])
    date = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    authors = rng.sample(NAMES, rng.randint(1, 3))
    city = CASES[labels[0]][0]
    title = (
        f"{city}：{rng.choice(HEADLINES)}"
        if shape == "one" and rng.random() < 0.5
        else rng.choice(HEADLINES)
        if shape != "compare"
        else f"基层治理的地方实践比较：以{'、'.join(CASES[lb][0] for lb in labels)}为例"
    )
    body: list[str] = []
    expected: list[str] = []
    for label in labels:
        place = CASES[label][1]
        part = [lede(place, rng), *excerpt(texts[label], rng, 4 if shape != "one" else 6)]
        if shape == "several":
            heading = f"{CASES[label][0]}：{rng.choice(HEADLINES)}"
            part = [heading, *part]
        elif shape == "compare":
            part[0] = f"{CASES[label][0]}的做法是：{part[0]}"
        body += part
        expected.append("多地" if shape == "compare" else CASES[label][0])
    if shape == "compare":
        expected = ["多地"]
    # places inside longer names, which must not vote: a river, a university in the text
    if rng.random() < 0.3:
        body.insert(1, "沿浦阳江两岸，浦阳江流域的村社也借鉴了这一做法，浦阳江边的志愿者队伍不断壮大。")
    institute = rng.choice(INSTITUTES)
    make = KINDS[kind]
    content, noise, suffix = make(title, date, authors, institute, body, rng)
    name = f"{kind}_{number:03d}{suffix}"
    half = "heldout" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 else "tune"
    return {
        "file": name,
        "kind": kind,
        "half": half,
        "labels": expected,
        "title": title,
        "authors": authors[:1] if kind == "wechat" else authors if kind in ("journal", "local", "central") else [],
        "body": [without_credit(b)[0] for b in body if not is_headline(b) and not is_caption(b)],
        "noise": noise + [b for b in body if is_caption(b)] + [c for b in body for c in without_credit(b)[1]],
        "content": content,
    }


def portal(title, date, authors, institute, body, rng):
    site = SITES["portal"]
    noise = [f"来源：{site}　发布时间：{date}", f"{site} 打印 纠错", "1 1 1"]
    paragraphs = "\n".join(f"<p>{html.escape(b)}</p>" for b in body)
    content = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}-{site}</title></head>
<body><div class="nav"><a href="/">首页</a> | <a>要闻</a> | <a>党建</a> | <a>地方</a> | <a>视频</a></div>
<div class="crumb">{site} &gt; 党建 &gt; 正文</div><h1>{html.escape(title)}</h1>
<div class="info">来源：{site}　发布时间：{date}</div><div class="TRS_Editor">{paragraphs}</div>
<div class="tools">{site} 打印 纠错</div><div class="vote">1 1 1</div>
<div class="footer">主办单位：中共中央组织部　版权所有　京ICP备10005345号</div></body></html>"""
    return content, noise, ".html"


def central(title, date, authors, institute, body, rng):
    site = SITES["central"]
    byline = f"新华社记者 {' '.join(authors)}"
    noise = [byline, f"【责任编辑：{rng.choice(NAMES)}】", "老人家属(左一)送锦旗到村委会。"]
    paragraphs = "\n".join(f"<p>{html.escape(b)}</p>" for b in body)
    content = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}-{site}</title>
<meta name="publishdate" content="{date}"></head><body>
<div class="crumb">{site} &gt; 时政 &gt; 正文</div><h1>{html.escape(title)}</h1>
<div class="info">{date} 来源：{site}</div>
<div id="detail"><p>{byline}</p>{paragraphs}<p>【责任编辑：{noise[1][6:-1]}】</p></div>
<div class="related"><h3>相关新闻</h3><ul>{"".join(f"<li>{r}</li>" for r in RELATED)}</ul></div></body></html>"""
    return content, noise[:2], ".html"


def local(title, date, authors, institute, body, rng):
    site = SITES["local"]
    noise = [
        f"{site} {date[:4]}年{int(date[5:7])}月{int(date[8:])}日",
        "□ " + " ".join(authors),
        "责编：" + rng.choice(NAMES),
    ]
    lines = ["首页 | 新闻 | 评论 | 专题 | 图片", title, noise[0], noise[1], *body, noise[2], "相关阅读", *RELATED]
    return "\n\n".join(lines) + "\n", noise, ".txt"


def journal(title, date, authors, institute, body, rng):
    unit, city, code = institute
    sep = rng.choice(["〔〕", "【】", "[]"])
    o, c = sep[0], sep[1]
    noise = [
        "，".join(authors),
        f"({unit}，{city}，{code})",
        f"{o}摘要{c}本文以多地基层治理实践为对象，分析党建引领的机制与成效。",
        f"{o}关键词{c}基层社会治理；党建引领；网格化",
        f"{o}中图分类号{c}D267{o}文献标识码{c}A{o}文章编号{c}1008-{rng.randint(1000, 9999)}({date[:4]})"
        f"{rng.randint(1, 12):02d}-0{rng.randint(10, 99)}-0{rng.randint(4, 9)}",
        f"基金：国家社会科学基金一般项目“新时代基层治理现代化研究”(项目编号：{date[2:4]}BZZ0{rng.randint(10, 99)})",
        f"作者简介：{authors[0]}，{unit}副教授，主要研究方向为基层治理。",
    ]
    lines = [title, *noise[:6], *body, noise[6], "参考文献：", "[1]王某某.基层治理研究[J].政治学研究,2019(3):1-10."]
    return "\n\n".join(lines) + "\n", noise, ".txt"


def wechat(title, date, authors, institute, body, rng):
    noise = [f"原创 {authors[0]} 基层治理观察 {date}", "点击上方蓝字关注我们", "点赞 在看 分享"]
    lines = [title, noise[0], noise[1], *body, "END", noise[2], "长按二维码关注"]
    return "\n\n".join(lines) + "\n", noise, ".txt"


def farm(title, date, authors, institute, body, rng):
    spam = "国产精品久久久久久 亚洲欧美日韩在线观看 免费高清完整版"
    noise = [spam, f"发布时间：{date} 浏览次数：{rng.randint(100, 9999)}"]
    paragraphs = "\n".join(f"<p>{html.escape(b)}</p>" for b in body)
    content = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{spam}</title></head><body>
<div class="top">{spam}</div><h1>{html.escape(title)}</h1><div class="meta">{noise[1]}</div>
<div class="article">{paragraphs}</div>
<div class="hot"><h3>猜你喜欢</h3><ul>{"".join(f"<li>{r}</li>" for r in RELATED)}</ul></div>
<div class="foot">本站部分文章系转载，如有侵权请联系删除</div></body></html>"""
    return content, noise, ".html"


def pdf_text(title, date, authors, institute, body, rng):
    header = "城市治理研究 · 基层观察"
    width = rng.choice([34, 38, 42])
    lines, page_lines, page = [title, "，".join(authors), ""], 0, 1
    for paragraph in body:
        chunks = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
        for chunk in chunks:
            lines.append(chunk)
            page_lines += 1
            if page_lines == 30:
                lines += [f"- {page} -", header]
                page += 1
                page_lines = 0
        lines.append("")
    lines.append(f"- {page} -")
    return "\n".join(lines) + "\n", [header, "- 1 -", "，".join(authors)], ".txt"


def traditional(title, date, authors, institute, body, rng):
    from opencc import OpenCC

    t = OpenCC("s2t").convert
    pinyin = {"区": "(qū)", "网": "(wǎng)", "业": "(yè)", "务": "(wù)"}

    def annotate(text):
        return "".join(t(ch) + (pinyin[ch] if ch in pinyin and rng.random() < 0.5 else "") for ch in text)

    noise = [f"時間:{date}    作者:佚名    來源:{SITES['local']}"]
    lines = [
        "當前位置:首頁 > 新聞資訊 > 國內新聞",
        annotate(title),
        noise[0],
        *map(annotate, body),
        "免責聲明：本站部分文章系轉載",
    ]
    return "\n\n".join(lines) + "\n", noise, ".txt"


KINDS = {
    "portal": portal,
    "central": central,
    "local": local,
    "journal": journal,
    "wechat": wechat,
    "farm": farm,
    "pdftext": pdf_text,
    "traditional": traditional,
}


def main(per_kind: int = 16) -> None:
    texts = seed_cases()
    rng = random.Random(20261201)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    rows = []
    for kind in KINDS:
        for number in range(1, per_kind + 1):
            entry = page(kind, number, rng, texts)
            (OUT / entry["file"]).write_text(entry.pop("content"), encoding="utf-8")
            rows.append(entry)
    with open(LABELS, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    halves = pd.Series([r["half"] for r in rows]).value_counts().to_dict()
    print(f"{len(rows)} pages of {len(KINDS)} kinds in {OUT} ({halves})")


if __name__ == "__main__":
    main()
