"""Tables between stages: every value comes back with the type it was written with."""

from pathlib import Path

import numpy as np
import pandas as pd

from govtopics.reading.io import read_table, write_table


def test_ids_and_labels_that_look_like_numbers_stay_text(tmp_path):
    """A table of documents labelled 1, 2 or by year must not turn into integers (issue 10, item 5)."""
    frame = pd.DataFrame({"doc_id": ["1", "2"], "label": ["2024", "2025"], "term": ["12345", "网格"], "k": [3, 4]})
    write_table(frame, tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    assert back["doc_id"].tolist() == ["1", "2"] and back["label"].tolist() == ["2024", "2025"]
    assert back["term"].tolist() == ["12345", "网格"] and back["k"].tolist() == [3, 4]


def test_undefined_numbers_read_back_as_nan_not_text(tmp_path):
    """An empty cell in a numeric column (NaN written) is NaN, so no number format meets a string."""
    frame = pd.DataFrame(
        {"perplexity": [np.nan, 2.5], "chosen": [True, False], "note": ["", "x"], "excluded": ["", ""]}
    )
    write_table(frame, tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    assert back["perplexity"].dtype == float and np.isnan(back["perplexity"][0])
    assert back["chosen"].tolist() == [True, False]
    assert back["note"].tolist() == ["", "x"] and back["excluded"].tolist() == ["", ""]


def test_a_table_with_no_rows_keeps_its_header(tmp_path):
    write_table(pd.DataFrame(columns=["view", "k", "silhouette"]), tmp_path / "t.csv")
    assert read_table(tmp_path / "t.csv").columns.tolist() == ["view", "k", "silhouette"]
    (tmp_path / "nothing.csv").write_bytes(b"")
    assert read_table(tmp_path / "nothing.csv").empty


def test_progress_reports_count_share_and_estimate_and_yields_everything(capsys):
    from govtopics.reading.io import progress

    assert list(progress(range(5), 5, "clean: documents", seconds=0)) == [0, 1, 2, 3, 4]
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 5 and lines[-1].startswith("clean: documents: 5/5 (100%), ")
    assert "so far, about 0 s left" in lines[-1]
    list(progress(range(1000), 1000, "quiet", seconds=3600))
    assert capsys.readouterr().err.splitlines() == ["quiet: 1000/1000 (100%), 0 s so far, about 0 s left"]


def test_provenance_records_the_commit_of_the_code_that_ran(tmp_path):
    """Issue 36: provenance.json named no commit of the code. In a checkout it gives the commit and
    whether the tree had changes; elsewhere it says there is none."""
    import re
    import subprocess

    from govtopics.provenance import code_commit

    root = Path(__file__).resolve().parents[1]
    found = code_commit(root)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    if head:  # (a source tarball has no .git)
        assert found["commit"] == head and re.fullmatch(r"[0-9a-f]{40}", found["commit"])
        assert isinstance(found["dirty"], bool)
    assert code_commit(tmp_path) == {"commit": "", "dirty": None}
