"""Hostile and odd inputs, run through the whole workflow as a new user would (issue 10).

Each corpus either gives a defined, explained result (exit 0, no traceback in any step log, the
report saying what could not be computed and why) or stops with one line that says what to
change, among the last lines on the console and with no traceback. Corpora are built from the
shipped seed articles, so the suite needs nothing beside the project.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from project import SEEDS, copy_project, snakemake

from govtopics.reading.io import read_table

pytestmark = pytest.mark.workflow

CHENGDU = (SEEDS / "2024_chengdu_sichuan-dangjian.txt").read_text(encoding="utf-8")
PINGLIANG = (SEEDS / "2019_shanghai-pingliang_dangzheng-luntan.txt").read_text(encoding="utf-8")
SHANGHAI = (SEEDS / "2018_shanghai_nongmin-ribao.txt").read_text(encoding="utf-8")
THREE_CITIES = (SEEDS / "2020_city-news_three-cities.txt").read_text(encoding="utf-8")
FAST = """corpus:
  path: corpus
  metadata: ''
lda:
  k_grid: [2, 3]
  seeds: [1, 2]
  passes: 2
  iterations: 50
clusters:
  bootstrap_rounds: 10
compare:
  permutations: 99
"""
PAGE = """<!DOCTYPE html><html><head><title>社区治理_新闻中心</title>
<script>var tracker = "analytics";</script><style>.nav{color:red}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/about">关于我们</a></div>
<h1>厦门：以“近邻党建”激活社区治理</h1>
<div class="content">
<p>近年来，厦门市坚持党建引领，以“近邻党建”为抓手，把党组织建在小区、楼栋，推动治理重心下移、资源下沉，让党员在家门口亮身份、作表率。</p>
<p>在海沧区，社区党组织牵头成立居民议事会和业主委员会联席会议，形成了“党组织领导、居民自治、多方参与”的格局，小区停车、加装电梯等难题在协商中得到解决。</p>
<p>各社区还推行网格化管理，网格员每天走访楼栋，收集群众诉求，做到小事不出网格、大事不出社区，群众满意度明显提升。</p>
</div>
<div class="footer">版权所有 © 2024 某某网 闽ICP备12345号</div><script>track("page")</script></body></html>"""


def project(tmp_path, overlay=FAST):
    workdir = copy_project(tmp_path)
    (workdir / "corpus").mkdir()
    (workdir / "overlay.yaml").write_text(overlay, encoding="utf-8")
    return workdir


def run(workdir, *targets, overlay="overlay.yaml"):
    return snakemake(workdir, *targets, "--configfile", overlay)


def read(workdir, path, **kwargs):
    return pd.read_csv(workdir / path, encoding="utf-8-sig", keep_default_na=False, **kwargs)


def assert_explained_success(workdir, result):
    assert result.returncode == 0, result.stderr[-3000:]
    for log in (workdir / "results/seeds/logs").glob("*.log"):
        assert "Traceback" not in log.read_text(encoding="utf-8"), log.name
    return (workdir / "results/seeds/report.html").read_text(encoding="utf-8")


def assert_one_line_error(result, expected):
    """A clear error: exit non-zero, no traceback, the message among the last lines on the console."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    tail = result.stderr.strip().splitlines()[-8:]
    assert any(line.startswith(("Error: ", "Config error")) and expected in line for line in tail), tail


def test_one_case_four_identical_documents(tmp_path):
    """Items 1 and 6: one article reposted four times is one case; nothing to compare or cluster."""
    workdir = project(tmp_path)
    for name in ("a", "b", "c", "d"):
        (workdir / "corpus" / f"{name}.txt").write_text(CHENGDU, encoding="utf-8")
    html = assert_explained_success(workdir, run(workdir))
    assert len(read(workdir, "results/seeds/corpus/cases.csv")) == 1
    documents = read(workdir, "results/seeds/corpus/documents.csv")
    assert (documents["excluded"] != "").sum() == 3
    agreement = read(workdir, "results/seeds/compare/agreement.csv")
    assert (agreement["p_value"] == "").all() and (agreement["note"] == "too_few_pairs").all()
    assert "the cases were not clustered" in html and "too few to cluster" in html


def test_two_cases(tmp_path):
    """Item 2: two cases give a similarity but no clustering; chosen_k.csv says why."""
    workdir = project(tmp_path)
    (workdir / "corpus" / "chengdu.txt").write_text(CHENGDU, encoding="utf-8")
    (workdir / "corpus" / "pingliang.txt").write_text(PINGLIANG, encoding="utf-8")
    html = assert_explained_success(workdir, run(workdir))
    silhouette = read(workdir, "results/seeds/clusters/silhouette.csv")
    choice = read(workdir, "results/seeds/clusters/chosen_k.csv")
    assert set(silhouette["k"]) == {1} and (choice["reason"] == "too_few_cases").all() and set(choice["cases"]) == {2}
    similarity = read(workdir, "results/seeds/tfidf/similarity.csv", index_col=0).to_numpy()
    assert similarity.shape == (2, 2) and 0 < similarity[0, 1] < 1
    assert "With 2 case(s), the cases were not clustered" in html


def test_mixed_folder_html_utf16_blank_file_and_too_many_clusters(tmp_path):
    """Items 3, 4, 6, 10, 11: a saved web page named .txt, a UTF-16 file, a file of spaces, a
    codebook nothing matches (constant view), and clusters.k above n − 1."""
    workdir = project(tmp_path, FAST.replace("bootstrap_rounds: 10", "bootstrap_rounds: 10\n  k: 10"))
    (workdir / "corpus" / "shanghai.txt").write_text(SHANGHAI, encoding="utf-8")
    (workdir / "corpus" / "chengdu.txt").write_text(CHENGDU, encoding="utf-8")
    (workdir / "corpus" / "saved_page.txt").write_text(PAGE, encoding="utf-8")
    (workdir / "corpus" / "notepad_unicode.txt").write_bytes(THREE_CITIES.encode("utf-16"))
    (workdir / "corpus" / "blank.txt").write_text("\u3000\u3000\n\xa0\n", encoding="utf-8")
    (workdir / "config/codebook.yaml").write_text(
        "categories:\n  无此类:\n    terms: [不存在的词语甲乙丙]\n", encoding="utf-8"
    )
    html = assert_explained_success(workdir, run(workdir))
    log = read(workdir, "results/seeds/corpus/ingest_log.csv").set_index("doc_id")
    assert log.loc["notepad_unicode", "encoding"] == "utf-16-le" and log.loc["notepad_unicode", "status"] == "read"
    assert log.loc["blank", "status"] == "skipped" and "trafilatura" in log.loc["saved_page", "reason"]
    cases = read(workdir, "results/seeds/corpus/cases.csv")
    assert len(cases) == 6 and "厦门" in set(cases["label"]), "the page's <h1> place starts a case"
    tokens = {
        t
        for line in open(workdir / "results/seeds/tokens/paragraph_tokens.jsonl", encoding="utf-8")
        for t in json.loads(line)["tokens"]
    }
    assert not tokens & {"script", "div", "href", "tracker", "analytics", "nav", "color"}
    silhouette = read(workdir, "results/seeds/clusters/silhouette.csv")
    chosen = silhouette[silhouette["chosen"].astype(str) == "True"]
    choice = read(workdir, "results/seeds/clusters/chosen_k.csv")
    assert set(chosen["k"]) == {5} and (choice["reason"].str.split("; ").str[0] == "capped").all()
    assert set(choice["configured_k"]) == {10} and "clusters.k is 10, but 6 cases allow at most 5 clusters" in html
    agreement = read(workdir, "results/seeds/compare/agreement.csv").set_index(["view_a", "view_b"])
    assert agreement.loc[("tfidf", "codebook"), "p_value"] == "", "a constant view is never 'significant'"
    assert agreement.loc[("lda", "codebook"), "note"] == "constant_view" and "same similarity" in html
    assert agreement.loc[("tfidf", "lda"), "spearman"] != ""
    assert "tfidf–codebook not defined" in html


def test_table_with_line_breaks_in_fields_and_numeric_ids_and_labels(tmp_path):
    """Item 5: quoted newlines survive, so paragraphs exist and some are held out; ids and year
    labels that look like numbers stay text to the end."""
    workdir = project(tmp_path, FAST.replace("path: corpus", "path: corpus.csv\n  id_column: id\n  label_column: year"))
    with open(workdir / "corpus.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "year", "content"])
        for number, (year, text) in enumerate([(2018, SHANGHAI), (2019, PINGLIANG), (2024, CHENGDU)], 1):
            writer.writerow([number, year, text.replace("\n", "\r\n")])
    html = assert_explained_success(workdir, run(workdir))
    cases = read(workdir, "results/seeds/corpus/cases.csv", dtype=str)
    assert list(cases["label"]) == ["2018", "2019", "2024"] and list(cases["doc_id"]) == ["1", "2", "3"]
    assert len(read(workdir, "results/seeds/corpus/paragraphs.csv")) > 30
    selection = read(workdir, "results/seeds/lda/model_selection.csv")
    assert np.isfinite(selection["perplexity"].astype(float)).all(), "paragraphs were held out"
    assert "We analysed 3 documents describing 3 local governance cases" in html


def test_errors_say_what_to_change_in_one_line(tmp_path):
    """Items 7, 8, 9, 11: settings that cannot work stop the run with one line, no traceback."""
    workdir = project(tmp_path)
    (workdir / "corpus" / "chengdu.txt").write_text(CHENGDU, encoding="utf-8")
    (workdir / "corpus" / "pingliang.txt").write_text(PINGLIANG, encoding="utf-8")

    def overlay(name, extra):
        (workdir / name).write_text(extra, encoding="utf-8")
        return name

    result = run(
        workdir, "results/seeds/lda/chosen_k.json", overlay=overlay("big_k.yaml", FAST.replace("[2, 3]", "[60, 80]"))
    )
    assert_one_line_error(result, "every K of 'lda.k_grid' was too large for this corpus")
    result = run(
        workdir,
        "results/seeds/corpus/cases.csv",
        overlay=overlay("label.yaml", FAST.replace("metadata: ''", "metadata: ''\n  label_column: yaer")),
    )
    assert_one_line_error(result, "'corpus.label_column' in the config is 'yaer', which is not a column")
    wrong_heading = "cases:\n  overrides:\n    - {doc_id: chengdu, heading: 不存在的标题, label: 成都}\n"
    result = run(workdir, "results/seeds/corpus/cases.csv", overlay=overlay("override.yaml", FAST + wrong_heading))
    assert_one_line_error(result, "gives heading '不存在的标题' for doc_id chengdu")
    (workdir / "empty.csv").write_text("id,content\n", encoding="utf-8")
    empty = FAST.replace("path: corpus", "path: empty.csv")
    result = run(workdir, "results/seeds/corpus/ingest_log.csv", overlay=overlay("empty.yaml", empty))
    assert_one_line_error(result, "corpus table empty.csv has no rows")
    config = workdir / "config/config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "broken: [1, 2\n", encoding="utf-8")
    result = run(workdir, "--dry-run")
    assert_one_line_error(result, "config/config.yaml, line")


TRADITIONAL = "臺北市推動社區營造，鄰里長與居民共同討論公共議題，建立議事規則。\n社區發展協會協助長者照顧與環境維護，形成在地治理網絡。\n"
ENGLISH = "Community governance in Chengdu relies on grid workers.\nThis line has no Chinese at all.\n"


def crawl_folder(folder):
    """A crawl as it arrives: what each file is, and what the ingest log must say of it
    (status, a part of the reason or the encoding)."""
    sentences = [s + "。" for text in (CHENGDU, SHANGHAI, THREE_CITIES) for s in text.split("。") if len(s) > 20]
    huge = "".join(sentences[i * 7 % len(sentences)] for i in range(4000)).replace("\n", "")  # ~200k, one line
    files = {
        "zero_bytes.txt": (b"", "skipped", "empty file"),
        "spaces.txt": (b"   \n\t\n", "skipped", "empty file"),
        "invisible.txt": ("\u3000\u200b\n\ufeff\xa0".encode(), "skipped", "no text"),
        "photo_named.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "skipped", "binary"),
        "scan.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\x03", "skipped", "binary"),
        "nul_in_middle.txt": (CHENGDU[:300].encode() + b"\x00" + CHENGDU[300:600].encode(), "skipped", "binary"),
        "report.docx": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "skipped", "not a readable Word .docx file"),
        "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "skipped", "suffix .jpg"),
        "windows_gbk.txt": (SHANGHAI.encode("gb18030"), "read", "gb18030"),
        "taipei_big5.txt": (TRADITIONAL.encode("big5"), "read", "big5"),
        "utf8_bom.txt": (b"\xef\xbb\xbf" + THREE_CITIES.encode(), "read", "utf-8-sig"),
        "utf16le.txt": (PINGLIANG.encode("utf-16"), "read", "utf-16-le"),
        "utf16be.txt": (b"\xfe\xff" + CHENGDU.encode("utf-16-be"), "read", "utf-16-be"),
        "utf32.txt": (TRADITIONAL.encode("utf-32"), "read", "utf-32-le"),
        "bad_bom.txt": (b"\xff\xfe" + b"\x00\xd8" * 3, "skipped", "byte-order mark"),
        "crlf.txt": (THREE_CITIES.replace("\n", "\r\n").encode(), "read", "utf-8"),
        "old_mac_cr.txt": (SHANGHAI.replace("\n", "\r").encode(), "read", "utf-8"),
        "english.txt": (ENGLISH.encode(), "read", "utf-8"),
        "latin1.txt": ("Café, résumé, naïve façade.\n".encode("latin-1"), "", ""),
        "script_in_text.txt": (
            ("<script>alert('x')</script>\n" + TRADITIONAL).encode(),
            "read",
            "utf-8",
        ),
        "page.html": (PAGE.encode(), "read", "trafilatura"),
        "menu_only.html": (b"<html><body><div><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></div></body></html>", "", ""),
        "UPPER.TXT": (PINGLIANG[:2000].encode(), "read", "utf-8"),
        "notes.md": (THREE_CITIES[:1500].encode(), "read", "utf-8"),
        "社区 治理 (1).txt": (CHENGDU[:3000].encode(), "read", "utf-8"),
        "-starts-with-dash.txt": (SHANGHAI[:1500].encode(), "read", "utf-8"),
        "emoji😀name.txt": (THREE_CITIES[-1500:].encode(), "read", "utf-8"),
        "a.b.c.txt": ("标题\n".encode(), "read", "utf-8"),
        ("长" * 80 + ".txt"): ("版权所有 © 2024 某某网\n首页 > 新闻\n".encode(), "read", "utf-8"),
        "zz_huge_line.txt": (huge.encode(), "read", "utf-8"),
    }
    for name, (data, _, _) in files.items():
        (folder / name).write_bytes(data)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "subfolder").mkdir()
    (folder / "subfolder" / "inside.txt").write_text(CHENGDU, encoding="utf-8")
    return files


def test_a_crawl_folder_of_odd_files(tmp_path):
    """Issue 8: thirty-odd files as a crawl leaves them; each is read or skipped with its reason,
    none crashes a step, nothing raw is written, and text that looks like markup is escaped."""
    workdir = project(tmp_path)
    files = crawl_folder(workdir / "corpus")
    before = {p.name: p.read_bytes() for p in (workdir / "corpus").iterdir() if p.is_file()}
    html = assert_explained_success(workdir, run(workdir))
    assert {p.name: p.read_bytes() for p in (workdir / "corpus").iterdir() if p.is_file()} == before
    # read as the pipeline reads its tables: a cell that would start a formula in Excel
    # (-starts-with-dash) is written with an apostrophe, which read_table takes off
    log = read_table(workdir / "results/seeds/corpus/ingest_log.csv", dtype=str).set_index("doc_id")
    for name, (_, status, said) in files.items():
        row = log.loc[name.rsplit(".", 1)[0]]
        assert status == "" or row["status"] == status, (name, dict(row))
        assert said in row["reason"] or said == row["encoding"], (name, dict(row))
        assert row["status"] == "read" or row["reason"], name
    assert log.loc["dangling", "status"] == "skipped" and "link" in log.loc["dangling", "reason"]
    assert log.loc["subfolder", "status"] == "skipped" and "folder" in log.loc["subfolder", "reason"]
    documents = read_table(workdir / "results/seeds/corpus/documents.csv", dtype=str).set_index("doc_id")
    assert "nothing left after cleaning" in documents.loc["长" * 80, "excluded"]
    for short in ("a.b.c", "menu_only", "english"):  # a lone title, a menu, no Chinese: not cases
        assert "fewer than clean.min_chinese_chars (50" in documents.loc[short, "excluded"], short
    assert documents.loc["zz_huge_line", "excluded"] == "" and int(documents.loc["zz_huge_line", "clean_chars"]) > 1e5
    assert "<script>alert" not in html and "&lt;script&gt;" not in html.split("<body", 1)[0]


BAD_CONFIG = {  # overlay → what the one line must say
    "lda:\n  k_grid: []\n": "'lda.k_grid'",
    "lda:\n  k_grid: [1, 3]\n": "'lda.k_grid",
    "lda:\n  seeds: []\n": "'lda.seeds'",
    "lda:\n  heldout_share: 1.5\n": "'lda.heldout_share' is 1.5",
    "lda:\n  alpha: uniform\n": "'lda.alpha' is 'uniform'",
    "clusters:\n  method: wards\n": "'clusters.method' is 'wards'",
    "clusters:\n  k: many\n": "'clusters.k' is 'many'",
    "tfidf:\n  top_terms: many\n": "'tfidf.top_terms' is 'many'",
    "corpus:\n  shard_size: 0\n": "'corpus.shard_size' is 0",
    "corpus:\n  shard_chars: -1\n": "'corpus.shard_chars' is -1",
    "run: my corpus/2024\n": "'run' is 'my corpus/2024'; allowed: a name of letters",
    "lda:\n  train_sample: half\n": "'lda.train_sample' is 'half'",
    "corpus:\n  path: no/such/folder\n": "no/such/folder",
    "compare:\n  permutations: -5\n": "'compare.permutations' is -5",
    "ldaa:\n  passes: 3\n": "ldaa",
    "clean:\n  line_patterns:\n    widget: ['[unclosed']\n": "clean.line_patterns",
    "tokens:\n  stopwords: [config/no_such_stopwords.txt]\n": "config/no_such_stopwords.txt",
    "tokens:\n  user_dictionary: config/no_such_dict.txt\n": "config/no_such_dict.txt",
}


@pytest.mark.parametrize("overlay", list(BAD_CONFIG), ids=[o.split(":")[0] + "." + o.split()[1] for o in BAD_CONFIG])
def test_bad_config_values_stop_with_one_line(overlay, tmp_path):
    workdir = copy_project(tmp_path)
    (workdir / "bad.yaml").write_text(overlay, encoding="utf-8")
    result = run(workdir, "--dry-run", overlay="bad.yaml")
    assert_one_line_error(result, BAD_CONFIG[overlay])


def _running(workdir, script: str) -> bool:
    """Whether a job script named ``script`` runs now in ``workdir`` (read from /proc)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if script.encode() in (entry / "cmdline").read_bytes() and os.readlink(entry / "cwd") == str(workdir):
                return True
        except OSError:  # the process ended while being looked at, or is not ours to read
            continue
    return False


def _second_run_stops_in_one_line(workdir, first) -> None:
    """Issue 35: a second run in the folder of a running one, doing what Snakemake says (--unlock,
    then --rerun-incomplete), deleted the files the first was writing, which then died with "please
    report". The second now stops in one line naming the first (the first is then checked to end well)."""
    deadline = time.monotonic() + 300
    while not list((workdir / "results/seeds/logs").glob("*.log")) and time.monotonic() < deadline:
        assert first.poll() is None, "the first run ended before its jobs started"
        time.sleep(0.1)
    flags, said = [], []
    second = run(workdir)
    while "another govtopics run is writing" not in second.stderr and len(said) < 3:
        assert "Traceback" not in second.stderr, second.stderr[-2000:]
        advice = next((a for a in ("--unlock", "--rerun-incomplete") if a in second.stderr and a not in said), None)
        assert advice, second.stderr[-2000:]
        said.append(advice)
        if advice == "--unlock":
            assert snakemake(workdir, "--unlock").returncode == 0
        else:
            flags.append(advice)
        second = run(workdir, *flags)
    assert first.poll() is None, "the first run ended before the second could follow the advice"
    assert_one_line_error(second, "another govtopics run is writing results/seeds/ (process ")
    assert "--unlock" in said


def test_kill_9_in_the_middle_of_the_topic_models_then_rerun_gives_identical_tables(tmp_path):
    """Issue 8: a run killed (SIGKILL: power cut, out-of-memory killer, a cluster's time limit) while
    the LDA grid is being fitted leaves a lock and half-written models. Snakemake says how to go on
    (--unlock, then --rerun-incomplete); doing so gives the tables of a run never interrupted. While
    the reference runs, a second run in its folder is refused (issue 35)."""
    # long fits whichever trainer runs (tomotopy counts sweeps, gensim passes), so the kill lands in one
    overlay = FAST.replace("passes: 2", "passes: 30\n  sweeps: 20000")
    reference, killed = project(tmp_path / "reference", overlay), project(tmp_path / "killed", overlay)
    for workdir in (reference, killed):
        for name, text in (("chengdu", CHENGDU), ("pingliang", PINGLIANG), ("cities", THREE_CITIES)):
            (workdir / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", "overlay.yaml"]
    first = subprocess.Popen(command, cwd=reference, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _second_run_stops_in_one_line(reference, first)
    _, errors = first.communicate(timeout=600)
    assert "please report" not in errors
    assert_explained_success(reference, subprocess.CompletedProcess(command, first.returncode, "", errors))

    process = subprocess.Popen(
        command, cwd=killed, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while not _running(killed, "lda_fit") and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before the topic models started"
        time.sleep(0.05)
    assert _running(killed, "lda_fit"), "no topic model was being fitted"
    os.killpg(process.pid, signal.SIGKILL)  # inside a fit: its script's process is running
    process.wait()
    assert not (killed / "results/seeds/lda/similarity.csv").exists()

    # Rerun as a user would: do what each message says (unlock, then rerun the incomplete jobs).
    flags, said = [], []
    again = run(killed)
    while again.returncode != 0 and len(said) < 3:
        assert "Traceback" not in again.stderr
        if "--unlock" in again.stderr and "--unlock" not in said:
            assert snakemake(killed, "--unlock").returncode == 0
            said.append("--unlock")
        elif "--rerun-incomplete" in again.stderr and "--rerun-incomplete" not in said:
            flags.append("--rerun-incomplete")
            said.append("--rerun-incomplete")
        else:
            raise AssertionError(again.stderr[-2000:])
        again = run(killed, *flags)
    assert said, "a killed run leaves a lock or incomplete files, and Snakemake says what to do"
    assert_explained_success(killed, again)
    tables = sorted(
        p.relative_to(reference) for p in (reference / "results").rglob("*") if p.suffix in (".csv", ".jsonl")
    )
    assert len(tables) > 30
    for path in tables:
        assert (killed / path).read_bytes() == (reference / path).read_bytes(), path


def test_a_file_named_in_gbk_bytes_is_read_through_snakemake(tmp_path):
    """Issue 35: a corpus file named in GBK bytes (a zip from Chinese Windows unpacked on Linux) was
    listed to Snakemake, which could not write the name into its lock files: a traceback before any
    job. It is read, under its name decoded as GB18030."""
    workdir = project(tmp_path)
    (workdir / "corpus" / "chengdu.txt").write_text(CHENGDU, encoding="utf-8")
    (workdir / "corpus" / os.fsdecode("成都微网格.txt".encode("gbk"))).write_text(PINGLIANG, encoding="utf-8")
    result = run(workdir, "results/seeds/corpus/ingest_log.csv")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    log = read(workdir, "results/seeds/corpus/ingest_log.csv")
    assert sorted(log["doc_id"]) == ["chengdu", "成都微网格"] and set(log["status"]) == {"read"}
