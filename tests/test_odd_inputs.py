"""Issue 23: odd inputs that ended in a traceback, a silent wrong result or a hang, each reproduced.

Items 1–3 and 13–17 (same-stem files, long CSV cells, binary metadata, dates, JSON lines, object
texts, ragged metadata) are in ``test_ingest.py``; the rest are here, as unit tests where the
fault lay in one function and through Snakemake where it lay in the workflow.
"""

import errno
import time

import numpy as np
import pandas as pd
import pytest
import yaml
from project import ROOT, SEEDS, copy_project, snakemake

from govtopics.config import ConfigError, check_paths, validate_config
from govtopics.presentation.workbook import write_workbook
from govtopics.reading.ingest import read_corpus
from govtopics.reading.io import (
    InputError,
    describe_failure,
    read_matrix,
    read_table,
    read_word_list,
    write_matrix,
    write_table,
)
from govtopics.text.cases import unique_labels
from govtopics.text.clean import CleanRules, UserPattern, clean_document
from govtopics.text.repair import chinese_chars

SCHEMA = "workflow/schemas/config.schema.yaml"
TEXT = "党建引领基层治理，成都市推进微网实格治理。"


# 4. Word lists read like corpus files


def test_word_lists_in_gbk_or_binary(tmp_path):
    (tmp_path / "ansi.txt").write_bytes("网格化\n# 注释\r\n微网实格 5 n\n".encode("gbk"))
    assert read_word_list(tmp_path / "ansi.txt") == ["网格化", "微网实格 5 n"]
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    with pytest.raises(InputError, match="binary.txt: cannot be read as a word list"):
        read_word_list(tmp_path / "binary.txt")


# 5, 19. A folder where a file is wanted; the operating system's folders


def test_a_folder_for_a_word_list_and_a_system_folder_for_the_corpus(tmp_path):
    config = validate_config({"tokens": {"stopwords": ["config"]}}, SCHEMA)
    with pytest.raises(ConfigError, match=r"'tokens.stopwords\[0\]' names config, which is a folder"):
        check_paths(config)
    config = validate_config({"corpus": {"path": "/proc", "metadata": ""}}, SCHEMA)
    with pytest.raises(ConfigError, match="a folder of the operating system"):
        check_paths(config)


def test_an_empty_pseudo_file_is_not_read(tmp_path):
    """Files of /proc report size 0 and some never end (/proc/kmsg): a file of size 0 is skipped
    as empty without being read."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "zero.txt").write_bytes(b"")
    _, log = read_corpus(tmp_path)
    assert {r["doc_id"]: r["reason"] for r in log}["zero"] == "empty file"


# 6. Labels made unique stay unique


def test_labels_made_unique_never_collide_with_a_given_one():
    rows = [{"label": "甲"}, {"label": "甲"}, {"label": "甲-1"}]
    assert [r["label"] for r in unique_labels(rows)] == ["甲-2", "甲-3", "甲-1"]


# 7, 8, 14, 18. Config values


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"lda": {"seeds": [1.0, 2.0]}}, "'lda.seeds.0' is 1.0; write the whole number without a decimal point: 1"),
        ({"compare": {"nearest": 3.0}}, "'compare.nearest' is 3.0; write the whole number"),
        ({"lda": {"k_grid": [2.0, 3.0]}}, "'lda.k_grid.0' is 2.0; write the whole number"),
        ({"run": "seeds\n"}, "'run' is 'seeds\\n'"),
    ],
)
def test_whole_numbers_and_run_names(config, message):
    with pytest.raises(ConfigError) as error:
        validate_config(config, SCHEMA)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_nested_anchors_stop_with_one_short_line(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
    ]
    overlay = tmp_path / "bomb.yaml"
    overlay.write_text("tokens:\n  stopwords: *i\n" + "\n".join(levels) + "\n", encoding="utf-8")
    text = overlay.read_text(encoding="utf-8")
    overlay.write_text("\n".join(levels) + "\ntokens:\n  stopwords: *i\n", encoding="utf-8")
    config = yaml.safe_load(overlay.read_text(encoding="utf-8"))
    assert text
    start = time.perf_counter()
    with pytest.raises(ConfigError) as error:
        validate_config(config, SCHEMA, ["config/config.yaml", str(overlay)])
    assert time.perf_counter() - start < 5 and len(str(error.value)) < 400


def test_an_overlay_that_runs_python_is_refused(tmp_path):
    overlay = tmp_path / "yte.yaml"
    overlay.write_text("__use_yte__: true\nrun: ?str(1+1)\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'__use_yte__' asks Snakemake to run the Python"):
        validate_config({"run": "x"}, SCHEMA, ["config/config.yaml", str(overlay)])


# 9. A full disk


def test_a_full_disk_is_said_with_the_file():
    said = describe_failure(OSError(errno.ENOSPC, "No space left on device", "results/seeds/tokens/x.csv"))
    assert said.startswith("the disk is full at results/seeds/tokens/x.csv: free some space")
    assert describe_failure(ValueError("a bug")) == ""


# 10. One file too large for any shard


def test_a_file_larger_than_a_shard_is_skipped_before_it_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(("社区治理。" * 100_000).encode("utf-8"))  # 1.5 MB
    documents, log = read_corpus(tmp_path, max_chars=100_000)
    assert [d["doc_id"] for d in documents] == ["a"]
    reason = {r["doc_id"]: r["reason"] for r in log}["huge"]
    assert "more than one job holds (corpus.shard_chars = 100,000 characters)" in reason
    long = "社区治理。" * 24_000  # 120,000 characters in 360 kB: read, then refused by its length
    (tmp_path / "huge.txt").write_text(long, encoding="utf-8")
    _, log = read_corpus(tmp_path, max_chars=100_000)
    assert "120,000 characters" in {r["doc_id"]: r["reason"] for r in log}["huge"]
    assert chinese_chars(long) == 96_000


# 12. Formulas in cells


def test_cells_that_start_like_formulas_are_text_in_csv_and_workbook(tmp_path):
    titles = ['=HYPERLINK("http://example.invalid/?x="&A1,"点此")', "-基层", "@区", "+号", "正常", "-0.5"]
    write_table(pd.DataFrame({"title": titles, "value": [-0.5, 1, 2, 3, 4, 5]}), tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert "\n\"'=HYPERLINK" in raw and "\n'-基层," in raw and "\n-0.5,5" in raw and ",-0.500000" in raw
    assert list(read_table(tmp_path / "t.csv")["title"]) == titles, "read back as written"
    write_matrix(np.eye(2), ["=甲", "乙"], tmp_path / "m.csv")
    assert read_matrix(tmp_path / "m.csv")[1] == ["=甲", "乙"]
    write_workbook([("t", tmp_path / "t.csv", "", None)], tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "t.xlsx")["t"]
    assert sheet["A2"].value.startswith("=HYPERLINK") and sheet["A2"].data_type == "s"
    # issue 35: header cells too (a corpus column, a case label heading a similarity sheet)
    headed = pd.DataFrame({'=HYPERLINK("http://example.invalid/?"&A1,"点此")': [1], "=1+1": [2], "@区": [3]})
    write_workbook([("h", tmp_path / "h.csv", "=2+2", headed)], tmp_path / "h.xlsx")
    book = load_workbook(tmp_path / "h.xlsx")
    cells = [*book["h"][1], *book["contents"][2]]
    formulas = [c.coordinate for c in cells if isinstance(c.value, str) and c.value[:1] in "=+@" and c.data_type != "s"]
    assert not formulas and book["h"]["B1"].value == "=1+1"


# 20. A pattern that never finishes


def test_a_runaway_pattern_stops_with_its_name():
    rules = CleanRules(line_patterns={"mine": [r"(a|aa)+$"]})
    UserPattern.SECONDS = 0.2
    try:
        with pytest.raises(InputError, match=r"'clean.line_patterns.mine' in the config has '\(a\|aa\)\+\$'"):
            clean_document("a" * 60 + "!\n\n" + TEXT, rules)
    finally:
        UserPattern.SECONDS = 2.0


# 11. A file named like a wildcard


def test_a_file_named_like_a_wildcard_plans(tmp_path):
    workdir = copy_project(tmp_path / "p")
    (workdir / "corpus").mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (workdir / "corpus" / path.name).write_bytes(path.read_bytes())
    (workdir / "corpus" / "{doc_id}.txt").write_bytes((SEEDS / "2024_chengdu_sichuan-dangjian.txt").read_bytes())
    (workdir / "overlay.yaml").write_text("corpus:\n  path: corpus\n  metadata: ''\n", encoding="utf-8")
    result = snakemake(workdir, "-n", "--configfile", "overlay.yaml")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "WildcardError" not in result.stderr + result.stdout
    _, log = read_corpus(workdir / "corpus")
    assert "rename it without them" in {r["doc_id"]: r["reason"] for r in log}["{doc_id}"]


# Issue 35: config values that named no key or were refused too late


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (("tokens", "stopwords"), [""], "'tokens.stopwords.0': '' should be non-empty"),
        (("lda", "seeds"), [2**40], "'lda.seeds.0' is 1099511627776; allowed: a number from 0 to 4294967295"),
        (("clusters", "seed"), 2**70, "'clusters.seed' is 1180591620717411303424; allowed: a number from 0 to"),
        (("corpus", "path"), "results/seeds/corpus", "'corpus.path' is 'results/seeds/corpus', inside results/"),
        (("corpus", "path"), "", "'corpus.path': '' should be non-empty"),
    ],
)
def test_a_config_value_out_of_range_is_one_line_naming_its_key(key, value, message):
    import copy

    import yaml

    from govtopics.config import ConfigError, validate_config

    config = copy.deepcopy(yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8")))
    config[key[0]][key[1]] = value
    with pytest.raises(ConfigError) as raised:
        validate_config(config, ROOT / "workflow/schemas/config.schema.yaml")
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_pipe_or_a_device_as_the_corpus_is_refused_before_any_job(tmp_path):
    """Issue 35: a FIFO or a character device as corpus.path was taken for a missing path by ingest,
    and then the provenance step blocked for ever reading it."""
    import copy
    import os

    import yaml

    from govtopics.config import ConfigError, check_paths, validate_config

    fifo = tmp_path / "corpus.fifo"
    os.mkfifo(fifo)
    base = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    for path in (str(fifo), "/dev/zero"):
        config = copy.deepcopy(base)
        config["corpus"]["path"] = path
        with pytest.raises(ConfigError, match="neither a file nor a folder"):
            check_paths(validate_config(config, ROOT / "workflow/schemas/config.schema.yaml"))


def test_deeply_nested_html_keeps_every_paragraph(tmp_path):
    """Issue 35: an old-CMS page of 400 paragraphs whose <font> tags are never closed kept 126 of
    them, merged into one (the parser's nesting limit), and a page nested 100,000 deep kept nothing;
    every paragraph is kept, apart, and the log says how the page was read."""
    sentence = "社区网格员每天走访居民，收集群众诉求，及时化解矛盾纠纷，推动基层治理现代化。"
    paragraphs = "".join(f'<p><font face="宋体" size="3">第{i}段：{sentence}' for i in range(400))
    (tmp_path / "font.html").write_text(
        f"<html><head><title>某县政府网</title></head><body><div>{paragraphs}</div></body></html>", encoding="utf-8"
    )
    deep = "<div>" * 100_000 + "".join(f"<p>深层第{i}段：{sentence}</p>" for i in range(20)) + "</div>" * 100_000
    (tmp_path / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    documents, log = read_corpus(tmp_path)
    text = {d["doc_id"]: d["text"] for d in documents}
    assert text["font"].count("段：") == 400 and text["font"].count(sentence) == 400
    lines = [line for line in text["font"].splitlines() if "段：" in line]
    assert all(f"第{i}段" in line for i, line in enumerate(lines))
    assert text["deep"].count(sentence) == 20
    reasons = {row["doc_id"]: row["reason"] for row in log}
    assert "style-only tags" in reasons["font"] and "read flat" in reasons["deep"]


def test_file_names_in_gbk_bytes_and_too_long_become_safe_ids(tmp_path):
    """Issue 35: a name in GBK bytes (a zip from Chinese Windows unpacked on Linux) and a 250-byte
    stem shared by a .txt and a .md ended in tracebacks; they are read, with ids that fit a file
    system, and the log names the file readably."""
    import os

    text = "社区网格员每天走访居民，收集群众诉求，及时化解矛盾纠纷，推动基层治理现代化。" * 3
    gbk = os.fsdecode("成都微网格".encode("gbk") + b".txt")
    (tmp_path / gbk).write_text(text, encoding="utf-8")
    stem = "长" * 83 + "x"  # 250 bytes
    (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    (tmp_path / f"{stem}.md").write_text(text + "另一篇。", encoding="utf-8")
    (tmp_path / "con.txt").write_text(text, encoding="utf-8")
    documents, log = read_corpus(tmp_path)
    ids = {d["doc_id"] for d in documents}
    assert "成都微网格" in ids and "con_" in ids and len(ids) == 4
    assert all(len(i.encode("utf-8")) <= 240 for i in ids)
    assert len({i for i in ids if i.startswith("长")}) == 2
    assert any(row["source"].endswith("成都微网格.txt") for row in log)
    for doc_id in ids:  # every id names a file of the run
        (tmp_path / "out").mkdir(exist_ok=True)
        (tmp_path / "out" / f"{doc_id}.txt").write_text("x", encoding="utf-8")


def test_a_results_folder_that_is_a_file_is_one_line(tmp_path, monkeypatch):
    """Issue 35: ``results/<run>`` being a file ended in a Snakemake stack; it is one line naming
    the key."""
    config = validate_config({"run": "mine"}, ROOT / "workflow/schemas/config.schema.yaml")
    config["corpus"]["path"] = str(ROOT / "resources/corpus/seeds")
    config["corpus"]["metadata"] = ""
    config["tokens"]["user_dictionary"] = ""
    config["tokens"]["stopwords"] = []
    monkeypatch.chdir(tmp_path)
    check_paths(config)
    (tmp_path / "results").mkdir()
    (tmp_path / "results/mine").write_text("not a folder")
    with pytest.raises(ConfigError, match=r"results/mine is a\s+file: move or rename that file, or give 'run'"):
        check_paths(config)


def test_a_lone_surrogate_in_a_json_lines_row_is_read_and_said(tmp_path):
    """Issue 35: a JSON lines row with "\\ud800" (half of a pair) ended in a traceback when written."""
    sentence = "社区网格员每天走访居民，收集群众诉求，及时化解矛盾纠纷。"
    (tmp_path / "t.jsonl").write_text(
        '{"id": "a", "title": "标题\\ud800", "content": "' + sentence + "\\udfff" + sentence + '"}\n', encoding="utf-8"
    )
    documents, log = read_corpus(tmp_path / "t.jsonl", id_column="id")
    assert documents[0]["text"] == sentence + "\ufffd" + sentence
    documents[0]["text"].encode("utf-8")  # can be written
    assert "2 lone surrogate character(s)" in log[0]["reason"]


def _office(path, part: str, xml: bytes, others: dict | None = None):
    """A minimal Office zip with ``part`` replaced by ``xml`` (compressed: a bomb is small on disk)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (others or {}).items():
            archive.writestr(name, data)
        archive.writestr(part, xml)


def test_office_bombs_and_broken_xml_are_skipped_one_by_one(tmp_path):
    """Issue 35: a .docx whose XML inflates to gigabytes, one with a billion laughs, one with a bare
    '&', and such a workbook ended in tracebacks or took gigabytes, stopping the run; each is
    skipped with its reason and the good article is read."""
    import docx

    good = docx.Document()
    good.add_paragraph("社区网格员每天走访居民，收集群众诉求，及时化解矛盾纠纷，推动基层治理现代化。" * 3)
    good.save(tmp_path / "good.docx")
    body = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'
    _office(tmp_path / "bomb.docx", "word/document.xml", body + b"<w:p/>" * 20_000_000 + b"</w:body></w:document>")
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    _office(tmp_path / "laughs.docx", "word/document.xml", laughs + b"<w:document>&b;</w:document>")
    _office(tmp_path / "amp.docx", "word/document.xml", body + b"<w:p>A & B</w:p></w:body></w:document>")
    assert (tmp_path / "bomb.docx").stat().st_size < 1_000_000
    documents, log = read_corpus(tmp_path)
    assert [d["doc_id"] for d in documents] == ["good"]
    reasons = {row["doc_id"]: row["reason"] for row in log if row["status"] == "skipped"}
    assert "part word/document.xml inflates to 120,000,075 bytes" in reasons["bomb"]
    assert "declares XML entities" in reasons["laughs"]
    assert "not a readable Word .docx file" in reasons["amp"]
    workbook = tmp_path / "table" / "bomb.xlsx"
    workbook.parent.mkdir()
    _office(workbook, "xl/worksheets/sheet1.xml", b"<worksheet>" + b"<row/>" * 20_000_000)
    with pytest.raises(Exception, match="workbook file whose part xl/worksheets/sheet1.xml inflates"):
        read_corpus(workbook)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # a 1 MB text aliased 90,000 times: under the value budget, 90 GB of characters
        (
            'big: &s "' + "x" * 1_000_000 + '"\nlots: [' + ", ".join(["*s"] * 90_000) + "]\n",
            "more than 2,000,000 characters",
        ),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)),
            "more than 100,000 values",
        ),
        ('report:\n  language: "x\\ud800y"\n', "'report.language' holds half a character"),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested thousands of levels deep"),
        ('a: "深圳前海"\n'.encode("gbk"), "not UTF-8 (byte 5 is not; the file looks like gb18030)"),
    ],
    ids=["aliased-text", "billion-laughs", "surrogate", "deep", "gbk"],
)
def test_a_yaml_file_that_would_explode_or_cannot_be_decoded_is_one_line(tmp_path, content, message):
    """Issue 35: a codebook or config of aliases counted values, not characters (90 GB); a lone
    surrogate, a GBK file and 100,000 nested brackets ended in tracebacks."""
    from govtopics.config import read_yaml

    path = tmp_path / "codebook.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    start = time.perf_counter()
    with pytest.raises(ConfigError) as raised:
        read_yaml(path)
    assert message in str(raised.value) and str(path) in str(raised.value) and "\n" not in str(raised.value)
    assert time.perf_counter() - start < 30


def test_json_nested_deep_and_a_table_wider_than_excel(tmp_path):
    """Issue 35: a JSON lines row nested 100,000 deep was a RecursionError trace; a CSV of 20,000
    columns was read and analysed, then failed writing the workbook (Excel holds 16,384)."""
    from openpyxl import load_workbook

    (tmp_path / "deep.jsonl").write_text(
        '{"content": "' + TEXT + '"}\n{"content": "x", "tags": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        read_corpus(tmp_path / "deep.jsonl")
    assert "deep.jsonl, line 2: JSON nested thousands of levels deep" in str(raised.value)
    columns = ["content"] + [f"c{i}" for i in range(20_000)]
    (tmp_path / "wide.csv").write_text(",".join(columns) + "\n" + TEXT + ",1" * 20_000 + "\n", encoding="utf-8")
    documents, _ = read_corpus(tmp_path / "wide.csv")
    assert documents[0]["text"] == TEXT and len(documents[0]["metadata"]) == 20_000
    frame = pd.DataFrame([{"doc_id": "a", **documents[0]["metadata"]}])
    write_workbook([("documents", tmp_path / "documents.csv", "", frame)], tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert len(next(book["documents"].iter_rows(values_only=True))) == 16_384
    assert "first 16,384 of 20,001 columns (Excel's limit); the CSV has all" in [c.value for c in book["contents"][2]]


def _pdf_with_stream(path, data: bytes, filters: str = "/Filter/FlateDecode") -> None:
    head = (
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents 4 0 R>> endobj\n"
        b"4 0 obj <</Length " + str(len(data)).encode() + filters.encode() + b">>\nstream\n"
    )
    path.write_bytes(head + data + b"\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")


def test_pdfs_that_loop_inflate_or_are_no_pdf_are_skipped_with_the_reason(tmp_path, monkeypatch):
    """Issue 35: a 91-byte PDF whose root refers to itself looped for ever; a 1 GB file of zeros named
    .pdf hung; one compressed stream of 300 MB (438 kB on disk) took 538 s and 7 GB and was then
    called a scan. Each is now skipped with its reason, and the next file is read."""
    import zlib

    from govtopics.reading import readers

    monkeypatch.setattr(readers, "READ_SECONDS", 3)
    (tmp_path / "a_loop.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj 2 0 R endobj\n2 0 obj 1 0 R endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )
    squeeze = zlib.compressobj(9)
    _pdf_with_stream(
        tmp_path / "b_bomb.pdf", b"".join(squeeze.compress(bytes(1 << 20)) for _ in range(120)) + squeeze.flush()
    )
    with open(tmp_path / "c_zeros.pdf", "wb") as handle:
        handle.truncate(1 << 30)  # sparse: nothing written to disk
    (tmp_path / "d_fine.txt").write_text(TEXT, encoding="utf-8")
    start = time.perf_counter()
    documents, log = read_corpus(tmp_path)
    reasons = {r["doc_id"]: r["reason"] for r in log}
    assert time.perf_counter() - start < 30
    assert reasons["a_loop"].startswith("reading it took longer than 3 s, the budget for a file of its size")
    assert reasons["b_bomb"].startswith("a PDF with a compressed stream that inflates past 100,000,000 bytes")
    assert reasons["c_zeros"].startswith("not a PDF: it does not begin with '%PDF-'")
    assert [d["doc_id"] for d in documents] == ["d_fine"]
    assert {r["doc_id"]: r["bytes"] for r in log}["c_zeros"] == 1 << 30


def _greedy(path):
    return bytearray(3_000_000_000)


def _aborting(path):
    import os

    os.abort()  # as a native reader does when an allocation fails


def test_a_reader_that_needs_too_much_memory_or_dies_is_one_line(tmp_path):
    from govtopics.reading import readers

    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\n")
    for reader in (_greedy, _aborting):
        with pytest.raises(readers.UnreadableFile) as raised:
            readers.bounded(reader, tmp_path / "x.pdf")
        assert str(raised.value).startswith("reading it needed more than 2 GB of memory")
    assert "signal 6" in str(raised.value)


def test_a_stray_cell_at_the_last_address_of_a_sheet_is_named(tmp_path):
    """Issue 35: a 3 kB .xlsx with one value at XFD1048576 made the workbook reader ask for 550 GB
    and end the process (no message at all)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "文章"
    sheet["A1"], sheet["A2"], sheet["XFD1048576"] = "content", TEXT, "x"
    book.save(tmp_path / "stray.xlsx")
    with pytest.raises(InputError) as raised:
        read_corpus(tmp_path / "stray.xlsx")
    message = str(raised.value)
    assert "sheet '文章' spans A1:XFD1048576, 17,179,869,184 cells, with 3 values in them: a stray value" in message
    assert "\n" not in message
