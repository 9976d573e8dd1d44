"""The report as a list of sections: what each section shows, in which words, from which file."""

import re
from pathlib import Path

import pandas as pd
import pytest

from govtopics.presentation import report_page, words

ROOT = Path(__file__).resolve().parents[1]


def _report_inputs() -> set[str]:
    """The input names of the report rule (workflow/rules/report.smk): the tables it is given."""
    text = (ROOT / "workflow/rules/report.smk").read_text(encoding="utf-8")
    block = text[text.index("rule report:") :]
    block = block[: block.index("    output:")]
    return set(re.findall(r"^        (\w+)=", block, flags=re.M))


def test_every_section_entry_names_a_table_the_rule_gives_and_words_every_language_has():
    given = _report_inputs()
    derived = {
        "removals",
        "terms_by_case",
        "topic_words",
        "aligned",
        "dominance",
        "cluster_reasons",
        "keyness_by_cluster",
    }
    common = (ROOT / "workflow/rules/common.smk").read_text(encoding="utf-8")
    figures = set(re.findall(r'"(\w+)"', common[common.index("FIGURES = [") :].split("]")[0]))
    assert len(figures) > 10
    for section in report_page.SECTIONS:
        for language in words.languages():
            assert f"heading.{section['heading']}" in words.catalogue(language)
        for entry in section["items"]:
            if "table" in entry:
                assert entry["table"] in given | derived, entry
                assert entry.get("file", entry["table"]) in given | {None}, entry
                for language in words.languages():
                    assert f"caption.{entry.get('caption', entry['table'])}" in words.catalogue(language), entry
            elif "figure" in entry:
                assert entry["figure"] in figures, entry
                assert (ROOT / "workflow/report" / f"{entry['figure']}.rst").exists()
    # every derived table is shown, and every table the page shows is one the rule gives or derives
    assert derived <= set(report_page.shown_tables(report_page.SECTIONS))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_new_table_is_one_section_entry_and_its_caption(language):
    """A section entry is all it takes to show a table: the loop gives it its caption (filled with
    the numbers), the file it cites, the columns and rows asked for, in the report's language."""
    frame = pd.DataFrame({"case_a": ["甲", "乙"], "case_b": ["乙", "丙"], "similarity": [0.5, 0.25], "extra": [1, 2]})
    sections = [
        {
            "heading": "clusters",
            "items": [
                {"table": "nearest", "columns": ["case_a", "case_b"], "max_rows": 1},
                {"table": "derived", "caption": "cluster_reasons", "file": None},
                {"figure": "mds"},
                {"html": "block"},
            ],
        },
        {"heading": "references", "html": "block", "items": []},
    ]
    called = []
    built = report_page.render_sections(
        sections,
        {"nearest": frame, "derived": frame.head(1)},
        {"nearest": "results/x/compare/nearest.csv"},
        {"mds": "results/x/figures/mds.png"},
        lambda name: f"caption of {name}",
        {"block": lambda: called.append(1) or "<p>block</p>"},
        {"nearest": 7, "style": "APA"},
        language,
    )
    first, second = built
    assert first["heading"] == words.say("heading.clusters", language)
    table, derived, figure, block = first["items"]
    assert table["caption"] == words.say("caption.nearest", language, nearest=7)
    assert "7" in table["caption"] and "{" not in table["caption"]
    assert table["file"] == "results/x/compare/nearest.csv" and table["max_rows"] == 1
    assert list(table["table"].columns) == ["case_a", "case_b"]
    assert derived["file"] is None and derived["caption"] == words.say("caption.cluster_reasons", language)
    assert figure == {"figure": "results/x/figures/mds.png", "caption": "caption of mds"}
    assert block == {"html": "<p>block</p>"}
    assert second["heading"] == words.say("heading.references", language, style="APA") and "APA" in second["heading"]
    assert second["html"] == "<p>block</p>" and len(called) == 2
