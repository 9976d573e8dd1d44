"""Readers of Word, PDF and workbook files, the date parser, columns by meaning, and the cleaning
rules that keep a case heading whole in single-line-break text."""

import datetime

import pytest
from shapes import clean_rules

from govtopics.reading import readers
from govtopics.reading.dates import parse_date
from govtopics.reading.ingest import column_roles, read_corpus
from govtopics.text.cases import heading_table, looks_like_heading, split_cases
from govtopics.text.clean import clean_document

RULES = clean_rules()
BODY = "赤峰市把市、旗县区、苏木乡镇(街道)、嘎查村(社区)四级党组织有效联动作为上下贯通的“动力主轴”，以系统思维和方法逐级明确职责任务。"
STREET = "五角场街道在市委、区委坚强领导下，紧密围绕“人民城市人民建，人民城市为人民”这一主旨，推动区域化党建、“两新”党建、睦邻党建“三建融合”。"


@pytest.mark.parametrize(
    ("value", "iso", "fmt"),
    [
        ("2019-05-01", "2019-05-01", "YYYY-MM-DD"),
        ("2019年5月1日", "2019-05-01", "YYYY年M月D日"),
        ("2019/5/1", "2019-05-01", "YYYY/M/D"),
        ("05/01/2019", "2019-05-01", "MM/DD/YYYY"),
        ("25/12/2019", "2019-12-25", "DD/MM/YYYY"),
        ("1 May 2020", "2020-05-01", "D Month YYYY"),
        ("May 1, 2020", "2020-05-01", "Month D, YYYY"),
        ("二〇一九年五月一日", "2019-05-01", "YYYY年M月D日"),
        ("2020-10-14 10:47:10", "2020-10-14", "YYYY-MM-DD"),
        ("2019年3月", "2019-03", "YYYY年M月"),
        (datetime.datetime(2020, 5, 18), "2020-05-18", "date cell"),
        ("2019-13-01", "", ""),
        ("去年", "", ""),
    ],
)
def test_dates_in_common_formats_or_none(value, iso, fmt):
    assert parse_date(value) == (iso, fmt)
    assert parse_date(43969.0, excel_serials=True) == ("2020-05-18", "Excel day number")


def test_columns_recognised_by_their_chinese_and_english_names():
    roles = column_roles(["标题", "发布时间", "正文", "来源", "作者", "地区"])
    assert roles == {"text": "正文", "title": "标题", "date": "发布时间", "publisher": "来源", "authors": "作者"}
    assert column_roles(["Title", "Date", "Body"])["text"] == "Body"
    assert column_roles(["题目", "内容"], {"title": "内容"})["title"] == "内容", "the config names another"


def test_a_configured_column_that_is_not_there_is_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("标题,正文\n一,社区治理\n", encoding="utf-8")
    with pytest.raises(Exception, match="corpus.date_column"):
        read_corpus(path, columns={"date": "发布日期"})


def test_word_file_paragraphs_tables_and_title(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("成都：筑牢“微单元”", style="Title")
    document.add_paragraph(BODY)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "网格数", "3045个"
    document.add_paragraph(STREET)
    document.save(tmp_path / "a.docx")
    read = readers.read_docx(tmp_path / "a.docx")
    assert read["fields"] == {"title": "成都：筑牢“微单元”"}
    assert read["text"].split("\n\n") == ["成都：筑牢“微单元”", BODY, "网格数 3045个", STREET], "in document order"


def blank_pdf() -> bytes:
    """A valid one-page PDF with nothing on its page, written out by hand (objects and xref)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_broken_and_scanned_files_say_why(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04" + bytes(30))
    with pytest.raises(readers.UnreadableFile, match="save it again as .docx"):
        readers.read_docx(tmp_path / "bad.docx")
    (tmp_path / "scan.pdf").write_bytes(blank_pdf())  # one page with no text layer, as a scan is
    with pytest.raises(readers.UnreadableFile, match="no text layer.*OCR"):
        readers.read_pdf(tmp_path / "scan.pdf")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    _, log = read_corpus(tmp_path)
    reasons = {row["doc_id"]: row["reason"] for row in log}
    assert "OCR" in reasons["scan"] and "save it again as .docx" in reasons["bad"]


def test_pdf_paragraphs_rejoined_across_lines_and_pages():
    lines = [  # two pages: a paragraph over the break, a subheading at a page's foot
        {"text": "第一段开头", "x0": 90, "x1": 520, "top": 100, "bottom": 111, "page": 0},
        {"text": "接着写完。", "x0": 90, "x1": 300, "top": 115, "bottom": 126, "page": 0},
        {"text": "第二段一直写到行尾", "x0": 90, "x1": 519, "top": 140, "bottom": 151, "page": 0},
        {"text": "在下一页接着", "x0": 90, "x1": 519, "top": 70, "bottom": 81, "page": 1},
        {"text": "写完了。", "x0": 90, "x1": 200, "top": 85, "bottom": 96, "page": 1},
        {"text": "小标题", "x0": 90, "x1": 150, "top": 700, "bottom": 711, "page": 1},
        {"text": "下一页的正文。", "x0": 90, "x1": 519, "top": 70, "bottom": 81, "page": 2},
    ]
    assert readers._paragraphs(lines) == [
        "第一段开头接着写完。",
        "第二段一直写到行尾在下一页接着写完了。",
        "小标题",
        "下一页的正文。",
    ]


def test_a_workbook_sheet_with_date_cells(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表说明"])
    sheet = book.create_sheet("数据")
    sheet.append(["题目", "发布时间", "正文"])
    sheet.append(["一", datetime.datetime(2020, 5, 18), BODY])
    book.save(tmp_path / "a.xlsx")
    documents, log = read_corpus(tmp_path / "a.xlsx")
    assert documents[0]["metadata"]["date"] == "2020-05-18" and documents[0]["metadata"]["title"] == "一"
    assert "date cell" in log[0]["reason"] or "YYYY-MM-DD" in log[0]["reason"]
    with pytest.raises(Exception, match="has no sheet '表1'"):
        read_corpus(tmp_path / "a.xlsx", sheet="表1")
    assert read_corpus(tmp_path / "a.xlsx", sheet=2)[0][0]["text"] == BODY


def test_a_case_heading_is_not_taken_for_the_title():
    """Without a title given, the first short line of a body was dropped as its title: here a case
    heading, whose case then left every view."""
    text = f"内蒙古赤峰：“开门党建”聚焦一体共赢\n\n■赤峰市委常委、组织部长 李 炯\n\n{BODY}\n\n强化四级联动\n\n{BODY}"
    cleaned = clean_document(text, RULES)
    assert cleaned["text"].startswith("内蒙古赤峰：“开门党建”聚焦一体共赢")
    assert "强化四级联动" in cleaned["text"], "a subheading below the body's start is no title either"
    assert "title" not in cleaned["fields"]


def test_a_place_heading_on_its_own_line_ends_a_single_line_break_join():
    """With single line breaks (a table cell, a saved page) 上海杨浦区五角场街道： and its headline
    were joined into the case before, which was then labelled 吉林松原五角场街道."""
    text = f"吉林松原：“党建+”打造城市基层治理2.0版\n{BODY}\n{BODY}\n上海杨浦区五角场街道：\n三建融合 构建城区基层党建共同体\n{STREET}\n{STREET}"
    cleaned = clean_document(text, RULES, title="四级联动")
    paragraphs = cleaned["text"].split("\n\n")
    assert "上海杨浦区五角场街道：" in paragraphs and "三建融合 构建城区基层党建共同体" in paragraphs
    cases, rows = split_cases([{"doc_id": "d", "text": cleaned["text"], "metadata": {}}])
    assert [c["label"] for c in cases] == ["吉林松原", "上海杨浦五角场"]
    assert [h["status"] for h in heading_table([{"doc_id": "d", "text": cleaned["text"]}], rows)] == ["case", "case"]


def test_a_heading_that_makes_no_case_is_listed_with_why():
    text = f"上海：\n\n{BODY}\n\n深圳：以制度创新引领基层党建新气象\n\n珠海：以服务促融合打造社区党建新模式\n\n{STREET}"
    cases, rows = split_cases([{"doc_id": "d", "text": text, "metadata": {}}])
    table = heading_table([{"doc_id": "d", "text": text}], rows)
    assert [(h["text"][:3], h["status"]) for h in table] == [
        ("上海：", "not_a_case"),
        ("深圳：", "not_a_case"),
        ("珠海：", "case"),
    ]
    assert "next paragraph is no headline" in table[0]["why"] and "no text under it" in table[1]["why"]
    assert looks_like_heading("上海杨浦区五角场街道：") and not looks_like_heading("习近平总书记指出：")


def test_a_saved_page_keeps_the_private_use_characters_of_a_garbled_run():
    """trafilatura drops them; a garbled run (平?jīng)雎方值朗…\ue63dI…) is then repaired in the .txt and not in
    the page. Kept whether the page holds the character or, saved as GBK, its reference."""
    from govtopics.reading.ingest import html_to_text

    sentence = "近年来，平凉路街道坚持以党建引领基层治理，把资源、服务和管理放到基层，群众获得感增强"
    for mark in ("\ue63d", "&#58941;", "&#xE63D;"):
        page = f"<html><body><article><p>{sentence}{mark}。</p><p>{sentence}。</p></article></body></html>"
        text, _ = html_to_text(page)
        assert f"{sentence}\ue63d。" in text, mark


def test_a_year_in_a_saved_page_s_sentence_is_no_date():
    """Issue 33: a page with no date anywhere got 2018-01-01 from 该村2018年开始推行 (htmldate's text
    search); a date comes from the page's markup (meta tags, <time>) or none."""
    from govtopics.reading.ingest import html_to_text

    body = "<p>" + "该村2018年开始推行积分制，村民参与热情高涨，乡村治理效能不断提升。" * 3 + "</p>"
    page = "<html><head><title>积分制</title>{}</head><body><article><h1>积分制的实践</h1>{}</article></body></html>"
    assert "date" not in html_to_text(page.format("", body))[1]
    dated = page.format('<meta name="publishdate" content="2020-05-18">', body)
    assert html_to_text(dated)[1]["date"] == "2020-05-18"
