"""results/seeds/tables.xlsx: every table a sheet, the same cells as its CSV, Chinese intact, header
frozen, a contents sheet first, and the same bytes for the same tables."""

import math
import time

import pandas as pd
from openpyxl import load_workbook

from govtopics.presentation import workbook
from govtopics.reading.io import read_table, write_table


def _tables(tmp_path):
    cases = pd.DataFrame(
        {"case_id": ["a_c01", "b_c01"], "label": ["成都武侯", "上海杨浦平凉路街道"], "n_chars": [1200, 88]}
    )
    similarity = pd.DataFrame(
        {"case": ["成都武侯", "上海杨浦平凉路街道"], "成都武侯": [1.0, 0.25], "上海杨浦平凉路街道": [0.25, 1.0]}
    )
    agreement = pd.DataFrame({"view_a": ["tfidf"], "view_b": ["codebook"], "p_value": [math.nan], "note": ["常数"]})
    paths = []
    for name, frame in (("cases", cases), ("similarity", similarity), ("agreement", agreement)):
        write_table(frame, tmp_path / f"{name}.csv")
        paths.append((name, tmp_path / f"{name}.csv", f"the {name}", None))
    return paths


def test_sheets_hold_the_csv_cells_with_a_contents_sheet_first(tmp_path):
    tables = _tables(tmp_path)
    workbook.write_workbook(tables, tmp_path / "tables.xlsx")
    book = load_workbook(tmp_path / "tables.xlsx")
    assert book.sheetnames == ["contents", "cases", "similarity", "agreement"]
    contents = list(book["contents"].values)
    assert contents[0] == ("sheet", "file", "what it holds", "rows", "note")
    assert [row[0] for row in contents[1:]] == ["cases", "similarity", "agreement"] and contents[1][3] == 2
    for name, csv, _, _ in tables:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.values)
        frame = read_table(csv)
        assert list(rows[0]) == list(frame.columns)
        expected = [
            [None if (isinstance(v, float) and math.isnan(v)) or v == "" else v for v in r]
            for r in frame.values.tolist()
        ]
        assert [list(r) for r in rows[1:]] == expected, name
    assert book["cases"]["B3"].value == "上海杨浦平凉路街道" and book["cases"].column_dimensions["B"].width >= 20


def test_same_tables_same_bytes_and_a_cut_table_says_so(tmp_path, monkeypatch):
    tables = _tables(tmp_path)
    workbook.write_workbook(tables, tmp_path / "one.xlsx")
    time.sleep(1.1)  # openpyxl stamps the second of saving: it must not reach the file
    workbook.write_workbook(tables, tmp_path / "two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()
    monkeypatch.setattr(workbook, "MAX_ROWS", 1)
    workbook.write_workbook(tables, tmp_path / "cut.xlsx")
    book = load_workbook(tmp_path / "cut.xlsx")
    assert book["cases"].max_row == 2
    assert list(book["contents"].values)[1][4] == "first 1 of 2 rows (Excel's limit); the CSV has all"


def test_sheets_name_the_topics_beside_their_numbers(tmp_path):
    """Issue 25 item 4: a topic column gets its name beside it, a column per topic its name in the
    header; the CSV itself is untouched (names live in lda/topic_names.csv)."""
    topics = pd.DataFrame({"topic": [1, 2], "rank": [1, 1], "term": ["网格", "营商"]})
    mixtures = pd.DataFrame({"case": ["成都"], "topic_1": [0.7], "topic_2": [0.3]})
    for name, frame in (("topics", topics), ("mixtures", mixtures)):
        write_table(frame, tmp_path / f"{name}.csv")
    names = {1: "主题1 网格·小区", 2: "开放与营商服务"}
    tables = [(n, tmp_path / f"{n}.csv", n, None) for n in ("topics", "mixtures")]
    workbook.write_workbook(tables, tmp_path / "named.xlsx", names)
    book = load_workbook(tmp_path / "named.xlsx")
    assert list(book["topics"].values)[:2] == [
        ("topic", "topic_name", "rank", "term"),
        (1, "主题1 网格·小区", 1, "网格"),
    ]
    assert list(book["mixtures"].values)[0] == ("case", "topic_1: 主题1 网格·小区", "topic_2: 开放与营商服务")
    assert list(read_table(tmp_path / "topics.csv").columns) == ["topic", "rank", "term"]


def test_the_contents_sheet_speaks_the_reports_language(tmp_path):
    assert set(workbook.DESCRIPTIONS_ZH) == {name for name, _, _ in workbook.TABLES}
    tables = _tables(tmp_path)
    workbook.write_workbook(tables, tmp_path / "zh.xlsx", language="zh")
    contents = list(load_workbook(tmp_path / "zh.xlsx")["contents"].values)
    assert contents[0] == ("工作表", "文件", "内容", "行数", "说明")
    workbook.write_workbook([("cases", tables[0][1], "one row per case", None)], tmp_path / "one.xlsx", language="zh")
    assert list(load_workbook(tmp_path / "one.xlsx")["contents"].values)[1][2] == workbook.DESCRIPTIONS_ZH["cases"]
