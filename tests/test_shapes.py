"""The five seed articles in every shape a researcher's corpus arrives in give the same eleven cases.

Each shape of :mod:`shapes` (raw .txt without the metadata table, bodies without a title line, a
GBK CSV with Chinese column names and single line breaks, an .xlsx with date cells, saved web pages
with a GB2312 page, a page split over two files and ``_files`` folders, Word files, PDFs printed by
LibreOffice) goes through what the pipeline's ingest, clean and case steps call, and must give the
``.txt`` run's cases with the same labels, and the same titles and dates wherever the shape carries
them. One mixed folder then goes through Snakemake itself, which must list what it did not read.
"""

import shutil

import pytest
import shapes
from project import copy_project, snakemake

from govtopics.reading.ingest import read_corpus
from govtopics.text.cases import heading_table, headings_dropped_in_cleaning, split_cases, unique_labels
from govtopics.text.clean import clean_record

EXPECTED = [
    "上海",
    "上海杨浦平凉路街道",
    "内蒙古赤峰",
    "吉林松原",
    "上海杨浦五角场街道",
    "深圳",
    "珠海",
    "汕头",
    "厦门官任社区",
    "海南施茶村",
    "成都",
]
TITLES = [
    "上海城市基层党建创新带动基层治理机制创新",
    "基层党建工作的创新实践与经验启示",
    "四级联动 增强城市基层党建整体效应",
    "基层治理，经济特区树立党建引领新范式",
    "成都：筑牢“微单元” 做实基层治理“大文章”",
]
DATES = ["2018-12-13", "2019-06-11", "2020-05-18", "2020-10-14", "2024-04-07"]


def corpus_cases(path, metadata=None, texts=False):
    """Cases, document rows and headings of a corpus, as the ingest, clean_shard and cases_shard
    steps make them (with the shipped config); ``texts``: also each document's cleaned text."""
    rules = shapes.clean_rules()
    documents, log = read_corpus(path, "content", None, metadata)
    cleaned, rows, audit = [], [], []
    for doc in documents:
        record, row, removed = clean_record(doc, rules)
        cleaned.append(record)
        rows.append(row)
        audit.extend(removed)
    cases, paragraphs = split_cases(cleaned)
    titled = {r["doc_id"]: r["title"] for r in rows if r["title_source"] in ("given", "file")}
    headings = heading_table(cleaned, paragraphs) + headings_dropped_in_cleaning(audit, titled=titled)
    if texts:
        return (
            unique_labels(cases, {r["doc_id"]: r for r in rows}),
            rows,
            headings,
            log,
            {r["doc_id"]: r["text"] for r in cleaned},
        )
    return unique_labels(cases, {r["doc_id"]: r for r in rows}), rows, headings, log


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Every shape, written once."""
    root = tmp_path_factory.mktemp("shapes")
    paths = {name: make(root / name) for name, make in shapes.SHAPES.items()}
    command = shapes.soffice()
    if command:
        paths["pdf"] = shapes.pdf_files(root / "pdf", command)
    return paths


@pytest.mark.parametrize("shape", [*shapes.SHAPES, "pdf"])
def test_every_shape_gives_the_eleven_cases(made, shape):
    if shape not in made:
        pytest.skip("LibreOffice (Debian's libreoffice-writer-nogui) cannot be installed here to print the PDFs")
    cases, rows, headings, log = corpus_cases(made[shape])
    assert [c["label"] for c in cases] == EXPECTED, [c["label"] for c in cases]
    assert all(c["n_chars"] > 200 for c in cases), "every case has its text"
    # every heading line starts a case; the one exception is listed: without a title given,
    # 成都：筑牢… over its date line is guessed to be the title (the article is still the case 成都).
    # Where the title is given or in the file, that line is known to be the title: not listed.
    statuses = [(h["status"], h["text"][:2]) for h in headings]
    assert len(statuses) == (9 if shape == "txt_without_metadata" else 8) and all(
        s == "case" or (s, t) == ("dropped_in_cleaning", "成都") for s, t in statuses
    ), statuses
    assert all(r["lines_unaccounted"] == 0 for r in rows), "every raw line is in the text or the audit"
    if shape != "body_txt":  # bodies alone carry no title or date
        assert [r["title"] for r in rows] == TITLES
        assert [r["date"] for r in rows] == DATES
        assert {r["title_source"] for r in rows} <= {"given", "file", "guessed"}
    if shape == "html":
        pages = [r for r in log if r["source"].endswith("_2.html")]
        assert pages and "page 2 of 2020_sez-five-zones_qiushi.html" in pages[0]["reason"]
        assert sum(r["reason"].startswith("page resources") for r in log if r["status"] == "skipped") == 5
    if shape == "gbk_csv":
        assert "正文 → text, 标题 → title, 日期 → date" in log[0]["reason"] and "YYYY/M/D" in log[0]["reason"]


def test_the_txt_run_with_its_metadata_table_is_the_reference():
    cases, rows, _, _ = corpus_cases(shapes.SEEDS, shapes.METADATA)
    assert [c["label"] for c in cases] == EXPECTED
    assert [r["title"] for r in rows] == TITLES and [r["title_source"] for r in rows] == ["given"] * 5


def test_pdf_furniture_is_audited_not_silently_dropped(made):
    if "pdf" not in made:
        pytest.skip("LibreOffice cannot be installed here")
    documents, _ = read_corpus(made["pdf"])
    removed = [r for d in documents for r in d["removed"]]
    assert {r["reason"] for r in removed} == {"pdf_page_number", "pdf_running_header"}
    rules = shapes.clean_rules()
    _, _, audit = clean_record(documents[2], rules)
    assert any(r["reason"] == "pdf_running_header" and "中国城市报" in r["text"] for r in audit)
    text = documents[2]["text"]
    assert "·基层治理" not in text, "the running header is not in the text"
    # a paragraph running over a page break is one paragraph again
    assert "严守村街巷口，分批轮值担任防控政策宣讲者" in text.replace("\n", "")
    assert "严守村街巷\n" not in text


def test_a_mixed_folder_through_the_pipeline_says_what_it_did_not_read(made, tmp_path):
    """Snakemake on one folder of HTML pages, Word files and files it cannot read: the cases of the
    pages and Word files, and every file not read named with what to do, in the console."""
    workdir = copy_project(tmp_path / "project")
    corpus = workdir / "corpus"
    corpus.mkdir()
    for name in ("2018_shanghai_nongmin-ribao", "2020_city-news_three-cities"):
        shutil.copy2(made["html"] / f"{name}.html", corpus / f"{name}.html")
        shutil.copytree(made["html"] / f"{name}_files", corpus / f"{name}_files")
    for name in ("2020_sez-five-zones_qiushi", "2024_chengdu_sichuan-dangjian"):
        shutil.copy2(made["docx"] / f"{name}.docx", corpus / f"{name}.docx")
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (corpus / "notes.xlsx").write_bytes((made["xlsx"]).read_bytes())
    overlay = tmp_path / "mixed.yaml"
    overlay.write_text("run: mixed\ncorpus:\n  path: corpus\n  metadata: ''\n", encoding="utf-8")
    result = snakemake(workdir, "results/mixed/corpus/cases.csv", "--configfile", str(overlay))
    assert result.returncode == 0, result.stderr[-3000:]
    cases, _, _, _ = corpus_cases(corpus)
    assert [c["label"] for c in cases] == [label for label in EXPECTED if label != "上海杨浦平凉路街道"]
    tail = result.stderr.strip().splitlines()[-6:]
    summary = next(line for line in tail if line.startswith("Read "))
    assert "skipped 4: 2 × page resources; 1 × a table of documents inside the corpus folder" in summary, summary
    assert "Not read: old.doc: an old Word (.doc) file" in result.stderr, "each file not read, with what to do"
    assert "Not read: 2018_shanghai_nongmin-ribao_files" not in result.stderr, "a page's resources are no news"
    log = (workdir / "results/mixed/corpus/ingest_log.csv").read_text(encoding="utf-8-sig")
    assert "soffice --headless --convert-to docx" in log, "the .doc gets the conversion to make"
    assert "set corpus.path to this file" in log, "a table in a folder says how to read it"
    # the Word file's Title 成都：筑牢… is known to be its title, not a heading left unused
    assert "Case headings: 8 made cases, 0 not used" in tail, tail


def test_the_conservation_check_finds_a_line_lost_without_a_word():
    from govtopics.text.clean import unaccounted_lines

    raw = "内蒙古赤峰：“开门党建”聚焦一体共赢\n赤峰市把四级党组织有效联动作为主轴。\n菜单"
    audit = [{"line": 3, "action": "drop_line", "reason": "widget", "text": "菜单"}]
    assert (
        unaccounted_lines(raw, "内蒙古赤峰：“开门党建”聚焦一体共赢\n\n赤峰市把四级党组织有效联动作为主轴。", audit)
        == []
    )
    assert unaccounted_lines(raw, "内蒙古赤峰：“开门党建”聚焦一体共赢", audit) == [
        (2, "赤峰市把四级党组织有效联动作为主轴。")
    ]


def test_a_saved_page_gives_the_same_cleaned_text_as_its_txt(made):
    """Issue 33: the same article yields the same cleaned paragraphs whatever its container. The
    seeds saved as web pages (the raw lines in a page with menus, a breadcrumb, related links and a
    footer; one page in two files) were cleaned into other text than the .txt files: trafilatura
    dropped the private-use characters of the garbled runs, which then were not repaired."""
    _, _, _, _, as_txt = corpus_cases(made["txt_without_metadata"], texts=True)
    _, _, _, _, as_pages = corpus_cases(made["html"], texts=True)
    utf8 = list(as_txt)
    assert {d: as_pages[d] for d in utf8} == {d: as_txt[d] for d in utf8}
