"""Ingestion: encodings detected and recorded, bad files skipped with a reason, tables read."""

import json

import pytest

from govtopics.ingest import CorpusError, decode_bytes, read_corpus

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
    path.write_text("title,body\n一,二\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="corpus.text_column"):
        read_corpus(path, text_column="content")
