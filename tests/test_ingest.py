"""Ingestion: encodings detected and recorded, bad files skipped with a reason, tables read."""

import json

import pytest

from govtopics.reading.ingest import CorpusError, decode_bytes, read_corpus, shard

TEXT = "党建引领基层治理，成都市推进微网实格治理。網格化服務"


@pytest.mark.parametrize("encoding, expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_encodings_detected(encoding, expected):
    text, found = decode_bytes(TEXT.encode(encoding))
    assert (text, found) == (TEXT, expected)


def test_big5_detected():
    traditional = "黨建引領基層治理，成都市推進微網實格治理，社區居民議事會。"
    text, found = decode_bytes(traditional.encode("big5"))
    assert (text, found) == (traditional, "big5")


def test_folder_with_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    documents, log = read_corpus(tmp_path)
    assert [d["doc_id"] for d in documents] == ["a", "b"]
    assert all(d["text"] == TEXT for d in documents)
    status = {row["doc_id"]: (row["status"], row["reason"]) for row in log}
    assert status["empty"] == ("skipped", "empty file")
    assert status["binary"][0] == "skipped" and "binary" in status["binary"][1]
    assert status["picture"][0] == "skipped"


def test_no_readable_document_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="no readable document"):
        read_corpus(tmp_path)


def test_jsonl_table(tmp_path):
    path = tmp_path / "reports.jsonl"
    rows = [{"title": "报告一", "year": 2024, "content": TEXT}, {"title": "空", "year": None, "content": ""}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    documents, log = read_corpus(path, text_column="content")
    assert len(documents) == 1
    assert documents[0]["metadata"] == {"title": "报告一", "year": "2024"}
    assert documents[0]["doc_id"] == "reports_1"
    assert log[1]["status"] == "skipped"


def test_table_without_text_column_names_the_setting(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("title,words\n一,二\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="corpus.text_column"):
        read_corpus(path, text_column="content")


# Issue 10, items 5, 6, 10 and 11: inputs that used to be misread or skipped.


def test_utf16_with_bom_is_read_not_skipped_as_binary(tmp_path):
    """Windows Notepad's "Unicode" is UTF-16 LE with a BOM: full of NUL bytes, yet text."""
    (tmp_path / "notepad.txt").write_bytes(TEXT.encode("utf-16"))
    (tmp_path / "big_endian.txt").write_bytes(b"\xfe\xff" + TEXT.encode("utf-16-be"))
    documents, log = read_corpus(tmp_path)
    assert [d["text"] for d in documents] == [TEXT, TEXT]
    assert {row["encoding"] for row in log} == {"utf-16-le", "utf-16-be"}


def test_file_of_invisible_characters_is_skipped_not_made_a_case(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "blank.txt").write_text("\ufeff\u3000\u3000\n\xa0\u200b\n", encoding="utf-8")
    documents, log = read_corpus(tmp_path)
    assert [d["doc_id"] for d in documents] == ["a"]
    blank = next(row for row in log if row["doc_id"] == "blank")
    assert blank["status"] == "skipped" and "no text" in blank["reason"]


PAGE = """<!DOCTYPE html><html><head><title>成都微网格_新闻中心</title>
<script>var tracker = "党建引领";</script><style>.nav{color:red}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/about">关于我们</a></div>
<h1>成都：以微网格激活基层治理</h1>
<div class="content"><p>近年来，成都市坚持党建引领，把城乡社区划分为微网格，推动治理重心下移、资源下沉。每个微网格由专职网格员负责，及时发现和解决群众身边的问题。</p>
<p>在武侯区，社区党组织牵头成立居民议事会，形成了“党组织领导、居民自治、多方参与”的格局，群众满意度明显提升。</p></div>
<div class="footer">版权所有 © 2024 某某网 京ICP备12345号</div><script>track("page")</script></body></html>"""


@pytest.mark.parametrize("name", ["page.html", "saved_as.txt"])
def test_html_page_is_reduced_to_its_article(tmp_path, name):
    (tmp_path / name).write_text(PAGE, encoding="utf-8")
    documents, log = read_corpus(tmp_path)
    text = documents[0]["text"]
    assert text.splitlines()[0] == "成都：以微网格激活基层治理", "the <h1> heads the text, where it can start a case"
    assert "居民议事会" in text and "专职网格员" in text
    for markup in ("<", ">", "tracker", "track(", "color:red", "href"):
        assert markup not in text
    assert "trafilatura" in log[0]["reason"] and log[0]["status"] == "read"


def test_html_in_a_table_column(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "p1", "content": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    documents, _ = read_corpus(path, text_column="content", id_column="id")
    assert "<script" not in documents[0]["text"] and "居民议事会" in documents[0]["text"]


def test_csv_keeps_line_breaks_inside_quoted_fields(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        'id,content,year\n1,"第一段。\r\n\r\n第二段。\n第三行。",2024\n2,"另一篇。",2025\n', encoding="utf-8"
    )
    documents, _ = read_corpus(path, text_column="content", id_column="id")
    assert documents[0]["text"] == "第一段。\n\n第二段。\n第三行。"
    assert [d["doc_id"] for d in documents] == ["1", "2"]
    assert documents[1]["metadata"]["year"] == "2025"


def test_metadata_table_keeps_line_breaks_inside_quoted_fields(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text('doc_id,title,note\na,"两行的\n标题",x\n', encoding="utf-8")
    documents, _ = read_corpus(tmp_path / "corpus", metadata_path=meta)
    assert documents[0]["metadata"] == {"title": "两行的\n标题", "note": "x"}


def test_empty_table_and_empty_folder_say_what_is_wrong(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("id,content\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="has no rows"):
        read_corpus(table, text_column="content")
    (tmp_path / "folder").mkdir()
    with pytest.raises(CorpusError, match="has no files"):
        read_corpus(tmp_path / "folder")


MALFORMED_TABLES = {  # file name, content → what the one-line error says
    ("corpus.xlsx", b"PK\x03\x04" + bytes(40)): "not a readable workbook",
    ("corpus.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00"): "cannot be read as a text table",
    (
        "corpus.csv",
        "id,content\n1,社区治理,多出来的一格\n".encode(),
    ): "line 2 of the table: 3 cells but the header has 2",
    ("corpus.csv", "id,words\n1,社区治理\n".encode()): "has no column 'content'",
    ("corpus.csv", "id,content\n1,社区治理\n1,网格\n".encode()): "id '1' occurs twice",
    ("corpus.jsonl", '{"id": 1, "content": "社区"}\n{"id": 2, "content": \n'.encode()): "line 2: not valid JSON",
    ("corpus.jsonl", '["社区治理", "网格"]\n'.encode()): "line 1: a JSON list, not an object",
    ("corpus.csv", b"id,content\n"): "has no rows",
    ("corpus.parquet", b"PAR1"): "not a format govtopics reads (suffix .parquet)",
}


@pytest.mark.parametrize(
    ("name", "data"), list(MALFORMED_TABLES), ids=[f"{n}-{i}" for i, (n, _) in enumerate(MALFORMED_TABLES)]
)
def test_malformed_tables_say_what_is_wrong_in_one_line(name, data, tmp_path):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CorpusError) as error:
        read_corpus(tmp_path / name, id_column="id")
    assert MALFORMED_TABLES[(name, data)] in str(error.value) and "\n" not in str(error.value)


def test_an_id_column_that_is_not_there_is_named(tmp_path):
    (tmp_path / "corpus.csv").write_text("编号,content\n1,社区治理\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'corpus.id_column' in the config is 'id', which is not a column"):
        read_corpus(tmp_path / "corpus.csv", id_column="id")


def test_shards_hold_at_most_their_documents_and_characters_in_corpus_order():
    documents = [{"doc_id": str(i), "text": "字" * n} for i, n in enumerate([30, 30, 30, 100, 10, 10, 10, 10])]
    by_count = shard(documents, 3)
    assert [[d["doc_id"] for d in part] for part in by_count] == [["0", "1", "2"], ["3", "4", "5"], ["6", "7"]]
    by_chars = shard(documents, 3, chars=60)
    # a document longer than the limit is a shard of its own; the count limit still holds
    assert [[d["doc_id"] for d in part] for part in by_chars] == [["0", "1"], ["2"], ["3"], ["4", "5", "6"], ["7"]]
    assert [d for part in by_chars for d in part] == documents
    assert shard([], 3, 60) == []


# Issue 23, items 1–3 and 13–17: odd inputs that ended in a traceback or a silent wrong result.


def test_two_files_with_one_name_stay_two_documents(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT + "另一篇", encoding="utf-8")
    documents, _ = read_corpus(tmp_path)
    assert [d["doc_id"] for d in documents] == ["a_md", "a_txt"]


def test_a_csv_cell_longer_than_the_csv_modules_limit_is_read(tmp_path):
    long = "社区治理。" * 40000  # 200,000 characters, over csv's default 131,072
    (tmp_path / "t.csv").write_text(f"title,content\n长文,{long}\n", encoding="utf-8")
    documents, _ = read_corpus(tmp_path / "t.csv")
    assert documents[0]["text"] == long


def test_a_binary_or_ragged_metadata_table_is_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "meta.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    with pytest.raises(CorpusError, match="corpus.metadata"):
        read_corpus(tmp_path, metadata_path=tmp_path / "meta.csv")
    (tmp_path / "meta.csv").write_text("doc_id,title\na,一,多余\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: 3 cells where the header has 2"):
        read_corpus(tmp_path, metadata_path=tmp_path / "meta.csv")
    (tmp_path / "meta.csv").write_text("doc_id,title\na,一\na,二\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="doc_id 'a' is on lines 2 and 3"):
        read_corpus(tmp_path, metadata_path=tmp_path / "meta.csv")


def test_dates_of_a_table_are_read_in_their_format_and_said(tmp_path):
    rows = [("05/01/2019", "2019-05-01"), ("1 May 2020", "2020-05-01"), ("2019年5月1日", "2019-05-01"), ("不详", "")]
    body = "".join(f"{n},{raw},{TEXT}\n" for n, (raw, _) in enumerate(rows))
    (tmp_path / "t.csv").write_text("id,日期,content\n" + body, encoding="utf-8")
    documents, log = read_corpus(tmp_path / "t.csv", id_column="id")
    assert [d["metadata"]["date"] for d in documents] == [iso for _, iso in rows]
    assert "read as MM/DD/YYYY" in log[0]["reason"] and "'不详' not read as a date" in log[3]["reason"]


def test_jsonl_line_separators_inside_strings_and_object_texts(tmp_path):
    path = tmp_path / "t.jsonl"
    text = "第一段\u2028第二段\u0085第三段"
    path.write_text(json.dumps({"content": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_corpus(path)[0][0]["text"] == text
    path.write_text(json.dumps({"content": {"正文": "社区"}}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="holds a JSON dict, not a text"):
        read_corpus(path)
