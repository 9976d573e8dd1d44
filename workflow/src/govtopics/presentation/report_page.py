"""What the report shows, in which order and in which words: the tables and figures of every
stage put into sections with their captions, in ``report.language`` (en | zh), then handed to
:func:`govtopics.presentation.report.build` for the page.

:func:`page` takes the tables as DataFrames (keyed by the report rule's input names), the paths
they came from (each caption names its file), the figures' PNGs and the caption templates, and
returns the page and its BibTeX. The rule's script only reads the files and writes the two results.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ..config import names_of_topics
from ..models import lda
from . import explorer, reading, reasons, references, report, reuse_page, summary
from .methods import methods_paragraph
from .words import languages, say

DOCUMENT_COLUMNS = [
    "doc_id",
    "title",
    "date",
    "publisher",
    "authors",
    "encoding",
    "raw_chars",
    *report.CLEANING_COUNTS,
    "excluded",
]
CASE_COLUMNS = ["case_id", "label", "place", "province", "city", "region", "heading", "n_paragraphs", "n_chars"]


def _named(frame: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """A table with its topics named (lda/topic_names.csv) next to their numbers."""
    if "topic" in frame and "topic_label" not in frame:
        frame = frame.copy()
        frame.insert(frame.columns.get_loc("topic") + 1, "topic_label", frame["topic"].map(names))
    return frame


def report_facts(tables: dict[str, pd.DataFrame], chosen: dict) -> dict:
    """The numbers the methods paragraphs state, from the tables of the run."""
    documents, silhouette = tables["documents"], tables["silhouette"]

    def clusters(view):
        return int(silhouette[(silhouette["view"] == view) & silhouette["chosen"]]["k"].sum())

    return {
        "documents": int((documents["excluded"] == "").sum()),
        "cases": len(tables["cases"]),
        "paragraphs": chosen["paragraphs"],
        "unsampled_paragraphs": chosen.get("unsampled_paragraphs", 0),
        "covariates": [row["column"] for row in tables["covariate_summary"].to_dict("records") if row["levels"] >= 2],
        "vocabulary": chosen["vocabulary"],
        "k": chosen["k"],
        "k_reason": chosen["reason"],
        "runner_up": summary.runner_up_facts(chosen, tables.get("k_sensitivity")),
        "clusters_tfidf": clusters("tfidf"),
        "clusters_lda": clusters("lda"),
        "agreement": tables["agreement"].to_dict("records"),
        "duplicates": int((documents["duplicate_of"] != "").sum()),
        **{
            key: int(documents[key].sum())
            for key in ("damaged_runs", "damage_repaired", "chars_recovered", "chars_lost", "chars_restored")
        },
    }


def _topic_account(chosen: dict, spread: dict, language: str) -> str:
    """The paragraph that opens the topic-model section: K and why, what it was trained on, and how
    the seeds' models are combined and how far they agree."""
    numbers = {
        **chosen,
        "reason": reasons.k_reason(chosen, language),
        "seed_list": ", ".join(map(str, chosen["seeds"])),
    }
    numbers["n_seeds"] = len(chosen["seeds"])
    sampled = chosen.get("unsampled_paragraphs")
    text = say("topics.trained_sampled" if sampled else "topics.trained", language, **numbers)
    if "median_range" in spread:
        return text + say("topics.spread", language, **spread)
    return text + say("topics.stop", language)


# The report, section by section. A section has a heading (a key of ``heading.*`` in the words
# catalogues), optionally an opening text or HTML block, and items: a table (its key among the
# tables, the caption key of ``caption.*``, the file it cites, the columns and rows shown), a
# figure (its caption is ``workflow/report/<name>.rst``) or an HTML block built by its module.
# A caption defaults to the table's key, the file to the table's own file. A new table in the
# report is one entry here and one caption in each catalogue (tests/test_report_page.py).
SECTIONS: list[dict] = [
    {
        "heading": "corpus",
        "items": [
            {"table": "documents", "columns": DOCUMENT_COLUMNS},
            {"table": "removals", "file": "audit"},
            {"table": "cases", "columns": CASE_COLUMNS},
        ],
    },
    {
        "heading": "tfidf",
        "items": [
            {"table": "terms_by_case", "caption": "top_terms", "file": "top_terms"},
            {"figure": "similarity_tfidf"},
        ],
    },
    {
        "heading": "topics",
        "text": "topic_account",
        "items": [
            {"figure": "k_selection"},
            {
                "table": "selection",
                "columns": ["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "chosen", "note"],
            },
            {"table": "topic_words", "file": "topics"},
            {"table": "aligned", "caption": "alignment", "file": "alignment"},
            {"table": "dominance", "file": "sources"},
            {"figure": "topic_terms"},
            {"table": "typical", "columns": ["topic", "topic_label", "rank", "case", "share", "text"]},
            {"figure": "case_topics"},
            {"figure": "similarity_lda"},
            {"figure": "topic_prevalence"},
            {"table": "covariate_summary"},
            {"table": "trends"},
            {"table": "prevalence", "max_rows": 200},
            {"table": "similarity_by_level", "max_rows": 200},
        ],
    },
    {
        "heading": "codebook",
        "items": [
            {"figure": "codebook"},
            {"table": "kwic", "max_rows": 200, "columns": ["case", "category", "left", "match", "right"]},
        ],
    },
    {"heading": "agreement", "items": [{"table": "agreement"}]},
    {
        "heading": "clusters",
        "items": [
            {"table": "cluster_reasons", "file": "cluster_choice"},
            {"figure": "cluster_selection"},
            {"figure": "dendrograms"},
            {"figure": "consensus"},
            {"table": "cluster_stability"},
            {"table": "assignments"},
        ],
    },
    {
        "heading": "differences",
        "items": [
            {"figure": "keyness"},
            {"table": "keyness_by_cluster", "caption": "keyness_clusters", "file": "keyness_clusters"},
            {"table": "nearest"},
            {"figure": "mds"},
        ],
    },
    {
        "heading": "reuse",
        "items": [{"figure": "reuse"}, {"table": "case_reuse"}, {"html": "strongest_reuse"}],
    },
    {"heading": "explore", "items": [{"html": "explorer"}]},
    {"heading": "methods", "html": "methods", "items": []},
    {"heading": "references", "html": "references", "items": []},
]


def derived_tables(tables: dict[str, pd.DataFrame], names: dict[int, str], language: str) -> dict[str, pd.DataFrame]:
    """The tables the report shows that are views of the run's tables: removals by reason, each
    case's top terms and each cluster's distinctive terms in a line, the topics' words, how well
    each topic is found again, its largest source, and the clusters' reasons."""
    keyness = tables["keyness_clusters"]
    topics = _named(tables["topics"], names)
    aligned = _named(tables["alignment"], names).groupby(["topic", "topic_label"])["jaccard"].agg(["mean", "min"])
    aligned = aligned.reset_index()
    aligned.columns = ["topic", "topic_label", say("column.mean_jaccard", language), say("column.lowest", language)]
    sources = _named(tables["sources"], names)
    dominance = sources.loc[sources.groupby("topic")["share"].idxmax(), ["topic", "topic_label", "doc_id", "share"]]
    cluster_reasons = reasons.cluster_reasons(tables["cluster_choice"], tables["cluster_stability"], language)
    return {
        "removals": report.removals_by_reason(tables["audit"]),
        "terms_by_case": tables["top_terms"].groupby("case", sort=False)["term"].apply("、".join).reset_index(),
        "topic_words": topics.groupby(["topic", "topic_label"])
        .agg(
            **{
                say("column.by_probability", language): ("term", "、".join),
                say("column.by_frex", language): ("frex_term", "、".join),
            }
        )
        .reset_index(),
        "aligned": aligned,
        "dominance": dominance.rename(
            columns={
                "doc_id": say("column.largest_source", language),
                "share": say("column.source_share", language),
            }
        ),
        "cluster_reasons": cluster_reasons,
        "agreement": reasons.agreement_table(tables["agreement"], language),
        "keyness_by_cluster": keyness.sort_values(["view", "cluster", "rank"])
        .groupby(["view", "cluster", "members"], sort=False)["term"]
        .agg("、".join)
        .reset_index()
        .rename(columns={"term": say("column.distinctive_terms", language)}),
    }


def shown_tables(sections: list[dict]) -> list[str]:
    """The keys of the tables ``sections`` show, in their order."""
    return [entry["table"] for section in sections for entry in section["items"] if "table" in entry]


def caption_numbers(config: dict, language: str) -> dict:
    """What the table captions and headings say about settings and thresholds: the figure
    captions' values (:func:`report.caption_values`), Hennig's bars, ``compare.nearest``, the
    citation style, and the names removed from the TF-IDF terms."""
    values = report.caption_values(config)
    removed = values["names_removed"].lstrip(", ，")
    return {
        **values,
        "names": say("caption.names_note", language, removed=removed) if removed else "",
        "dominated": lda.DOMINATED,
        "stable": summary.STABLE,
        "dissolved": summary.DISSOLVED,
        "nearest": config["compare"]["nearest"],
        "style": say(f"style.{config['report']['citation_style']}", language),
    }


def render_sections(
    sections: list[dict],
    tables: dict[str, pd.DataFrame],
    files: dict[str, str],
    figures: dict[str, str],
    figure_caption,
    blocks: dict,
    numbers: dict,
    language: str,
) -> list[dict]:
    """``sections`` (as :data:`SECTIONS`) in ``language``, as :func:`report.build` takes them:
    every table with its caption and file, every figure with its caption (``figure_caption(name)``),
    every block built (``blocks[name]()``, called only when a section shows it)."""

    def item(entry: dict) -> dict:
        if "figure" in entry:
            return {"figure": figures[entry["figure"]], "caption": figure_caption(entry["figure"])}
        if "html" in entry:
            return {"html": blocks[entry["html"]]()}
        key = entry["table"]
        frame = tables[key]
        source = entry.get("file", key)
        return {
            "table": frame[entry["columns"]] if "columns" in entry else frame,
            "caption": say(f"caption.{entry.get('caption', key)}", language, **numbers),
            "file": files[source] if source else None,
            "max_rows": entry.get("max_rows"),
        }

    out = []
    for section in sections:
        built = {"heading": say(f"heading.{section['heading']}", language, **numbers)}
        if "text" in section:
            built["text"] = blocks[section["text"]]()
        if "html" in section:
            built["html"] = blocks[section["html"]]()
        built["items"] = [item(entry) for entry in section["items"]]
        out.append(built)
    return out


def page(
    tables: dict[str, pd.DataFrame],
    files: dict[str, str],
    figures: dict[str, str],
    captions: str | Path,
    config: dict,
    chosen: dict,
    provenance: dict,
) -> tuple[str, str]:
    """The report page and the BibTeX of what its methods paragraph cites.

    ``tables`` and ``files`` are keyed by the report rule's input names (``documents``, ``cases``,
    ``topics``, …: the tables read and the paths they were read from), ``figures`` maps a figure's
    name to its PNG, ``captions`` is the folder of caption templates in the report's language,
    ``chosen`` is ``lda/chosen_k.json`` and ``provenance`` is ``provenance.json``. The page shows
    :data:`SECTIONS` in ``report.language``."""
    language = config["report"]["language"]
    names = names_of_topics(tables["topic_names"])
    derived = derived_tables(tables, names, language)
    shown = {key: derived[key] if key in derived else _named(tables[key], names) for key in shown_tables(SECTIONS)}
    spread = lda.seed_spread(tables["by_seed"])

    facts = report_facts(tables, chosen)
    # the methods paragraph in every language of the catalogues: the report's own first, the others
    # a click away, and each with pandoc citation keys (the references are the English one's)
    paragraphs = {other: methods_paragraph(config, provenance["software"], facts, other) for other in languages()}
    style = config["report"]["citation_style"]
    rendered = {other: references.render(text, style) for other, text in paragraphs.items()}
    cited = {other: text for other, (text, _) in rendered.items()}
    methods, reference_list = paragraphs["en"], rendered["en"][1]
    others = [other for other in paragraphs if other != language]

    blocks = {
        "topic_account": lambda: _topic_account(chosen, spread, language),
        "strongest_reuse": lambda: reuse_page.strongest_html(tables["reuse_passages"], language),
        "explorer": lambda: explorer.explorer_html(
            explorer.explorer_data(
                tables["topics"],
                tables["typical"],
                tables["case_topics"],
                tables["nearest"],
                names,
                topic_map=tables["topic_map"],
                topic_terms=tables["topic_terms"],
                paragraph_topics=tables["paragraph_topics"],
                paragraphs=tables["paragraphs"],
                reuse_passages=tables["reuse_passages"],
            ),
            language,
        ),
        "methods": lambda: (
            f"<p>{cited[language]}</p>"
            + f'<details class="more"><summary>{say("methods.other_language", language)}</summary>'
            + "".join(f"<p>{cited[other]}</p>" for other in others)
            + "</details>"
            + f'<details class="more"><summary>{say("methods.pandoc", language)}</summary>'
            + "".join(f"<pre>{html.escape(text)}</pre>" for text in paragraphs.values())
            + "</details>"
        ),
        "references": lambda: (
            '<ul class="references">' + "".join(f"<li>{entry}</li>" for entry in reference_list) + "</ul>"
        ),
    }
    sections = render_sections(
        SECTIONS,
        shown,
        files,
        figures,
        lambda name: report.caption(captions, name, config),
        blocks,
        caption_numbers(config, language),
        language,
    )

    documents, cases = tables["documents"], tables["cases"]
    read = reading.what_was_read(tables["ingest_log"], documents, tables["headings"], cases)
    findings = summary.findings(
        read,
        len(cases),
        tables["silhouette"],
        tables["cluster_stability"],
        tables["keyness_clusters"],
        tables["nearest"],
        tables["lda_nearest"],
        tables["agreement"],
        tables["assignments"],
        chosen,
        spread,
        language,
        tables.get("k_sensitivity"),
        (tables["case_reuse"], tables["reuse_passages"], config["reuse"]["min_chars"]),
        tables["cluster_choice"],
    )
    page = report.build(
        sections,
        say("page.title", language),
        _facts_table(tables, read, chosen, shown["cluster_reasons"], config, language),
        config,
        provenance,
        reading.reading_html(read, language=language),
        findings,
    )
    return page, references.bibtex(references.cited(methods))


def _facts_table(
    tables: dict[str, pd.DataFrame], read: dict, chosen: dict, cluster_reasons: pd.DataFrame, config: dict, language
) -> list[tuple[str, str]]:
    """The short table under the summary: corpus, what was read, units compared, K, clusters, where
    the cleaning is shown and how to reproduce the run."""
    documents, cases = tables["documents"], tables["cases"]
    grouped = tables["case_units"]["why"].astype(str)
    unit = grouped.iloc[0] if len(grouped) and grouped.iloc[0] not in ("", "nan") else ""
    clusters = say("facts.separator", language).join(
        f"{r.view}: {str(r.reason).rstrip('.。')}" for r in cluster_reasons.itertuples()
    )
    counts = {
        "read": read["read"],
        "skipped": len(read["skipped"]),
        "guessed": len(read["titles_guessed"]),
        "no_date": len(read["no_date"]),
        "not_cases": len(read["headings_not_cases"]),
    }
    topics = reasons.k_reason(chosen, language)

    def row(key, value):
        return (say(f"facts.{key}", language), value)

    return [
        row(
            "corpus",
            say(
                "facts.corpus_value",
                language,
                documents=len(documents),
                cases=len(cases),
                path=config["corpus"]["path"],
            ),
        ),
        row("read", say("facts.read_value", language, **counts)),
        *([row("compared", unit)] if unit else []),
        row("topics", topics),
        row("clusters", clusters),
        row("cleaning", say("facts.cleaning_value", language)),
        row("reproduce", say("facts.reproduce_value", language)),
    ]
