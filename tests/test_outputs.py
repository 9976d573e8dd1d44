"""The catalogue of outputs (govtopics.presentation.outputs) is the one home of what a run writes: the rules'
outputs, the workbook's sheets and the table of outputs in docs/usage.md all agree with it."""

import re
from pathlib import Path

from govtopics.presentation import outputs, workbook


def _rule_outputs() -> set[str]:
    """Every path a rule writes under results/<run>/ (``out("…")`` in workflow/rules/*.smk)."""
    found = set()
    for path in Path("workflow/rules").glob("*.smk"):
        found |= set(re.findall(r'out\(f?"([^"]+)"\)', path.read_text(encoding="utf-8")))
    return found


def test_every_output_of_a_rule_is_in_the_catalogue_and_every_entry_is_written():
    written = _rule_outputs()
    assert len(written) > 60
    missing = sorted(p for p in written if not any(outputs.covers(o.path, p) for o in outputs.OUTPUTS))
    assert not missing, f"outputs no entry of govtopics.presentation.outputs describes: {missing}"
    unwritten = [o.path for o in outputs.OUTPUTS if not any(outputs.covers(o.path, p) for p in written)]
    assert not unwritten, f"catalogue entries no rule writes: {unwritten}"
    paths = [o.path for o in outputs.OUTPUTS]
    assert len(paths) == len(set(paths)), "one entry per path"


def test_the_workbook_and_the_docs_are_written_from_the_catalogue(tmp_path):
    """The sheets of tables.xlsx are the catalogue's, with its words in both languages; the table of
    outputs in docs/usage.md is the catalogue's (``python -m govtopics.presentation.outputs`` writes it)."""
    import pandas as pd
    from openpyxl import load_workbook

    with_sheet = [o for o in outputs.OUTPUTS if o.sheet]
    assert [sheet for sheet, _, _ in workbook.TABLES] == [o.sheet for o in with_sheet]
    assert all(o.zh and o.path.endswith(".csv") for o in with_sheet)
    for entry in (with_sheet[0], with_sheet[-1]):  # the contents sheet says each in the catalogue's words
        for language, words in (("en", outputs.plain(entry.what)), ("zh", entry.zh)):
            path = tmp_path / f"{entry.sheet}_{language}.xlsx"
            table = (entry.sheet, entry.path, outputs.plain(entry.what), pd.DataFrame({"a": [1]}))
            workbook.write_workbook([table], path, language=language)
            contents = list(load_workbook(path)["contents"].iter_rows(values_only=True))
            assert contents[1][:3] == (entry.sheet[:31], entry.path, words)
    assert not [o.path for o in outputs.OUTPUTS if o.zh and not o.sheet]
    docs = Path("docs/usage.md").read_text(encoding="utf-8")
    generated = docs[docs.index(outputs.BEGIN) + len(outputs.BEGIN) : docs.index(outputs.END)].strip()
    assert generated == outputs.markdown_table(), "run: python -m govtopics.presentation.outputs"


def test_covers_folders_globs_and_wildcards():
    assert outputs.covers("corpus/shards/", "corpus/shards/{shard}/cases.csv")
    assert outputs.covers("lda/k*/", "lda/k{k}/models") and outputs.covers("corpus/raw/", "corpus/raw")
    assert outputs.covers("clusters/coassignment_*.csv", "clusters/coassignment_lda.csv")
    assert not outputs.covers("lda/topics.csv", "lda/topic_terms.csv")
    assert not outputs.covers("corpus/clean/", "corpus/cleaning_audit.csv")
