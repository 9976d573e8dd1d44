"""What was read: the account of a run's inputs that opens the report and ends the console output.

Built from four tables of the corpus stage: ``ingest_log.csv`` (every file or row, read or
skipped, with the reason), ``documents.csv`` (where each title and date came from, what was left
out of the analysis), ``headings.csv`` (every line of a case heading's form, and why any of
them is not a case) and ``cases.csv`` (each case's label with its rule, evidence and confidence).
Nothing here is computed anew: it counts and lists those rows.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pandas as pd

from . import words

FILES = {
    "log": "corpus/ingest_log.csv",
    "documents": "corpus/documents.csv",
    "headings": "corpus/headings.csv",
    "cases": "corpus/cases.csv",
}
WEAK = ("low", "none")  # label confidences listed for the researcher to check


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series([""] * len(frame), index=frame.index, dtype=str)


def what_was_read(
    log: pd.DataFrame, documents: pd.DataFrame, headings: pd.DataFrame, cases: pd.DataFrame | None = None
) -> dict:
    """Counts and lists of what a run read.

    Returns a dict with ``read`` (files or rows read), ``skipped`` (rows of ``source``, ``reason``),
    ``skipped_by_reason`` ((reason, count) pairs, most frequent first; a reason is its text up to
    the first ':' or ';'), ``documents`` (analysed), ``excluded`` (doc_id, why), ``titles_guessed``
    and ``no_title`` (doc_ids), ``no_date`` (doc_ids with neither a date nor a year column's value),
    ``headings_not_cases`` (rows of doc_id, text,
    why), ``cases_from_headings`` and ``weak_labels`` (rows of case_id, doc_id, label, label_rule,
    label_evidence of the cases whose label is weak or missing: confidence low or none).
    """
    cases = cases if cases is not None else pd.DataFrame()
    weak = cases[_column(cases, "label_confidence").isin(WEAK)] if len(cases) else cases
    status = _column(log, "status")
    skipped = log[status == "skipped"][["source", "reason"]].to_dict("records") if len(log) else []
    by_reason = Counter(str(r["reason"]).split(";")[0].split(":")[0].strip() for r in skipped)
    analysed = documents[_column(documents, "excluded") == ""] if len(documents) else documents
    title_source = _column(analysed, "title_source")
    heading_status = _column(headings, "status")
    return {
        "read": int((status == "read").sum()),
        "skipped": skipped,
        "skipped_by_reason": sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0])),
        "documents": len(analysed),
        "excluded": documents.loc[_column(documents, "excluded") != "", ["doc_id", "excluded"]].values.tolist()
        if len(documents)
        else [],
        "titles_guessed": list(analysed.loc[title_source == "guessed", "doc_id"]),
        "no_title": list(analysed.loc[_column(analysed, "title") == "", "doc_id"]),
        # a table's own year column gives the year where there is no date (the Government Work Reports)
        "no_date": list(analysed.loc[(_column(analysed, "date") == "") & (_column(analysed, "year") == ""), "doc_id"]),
        "headings_not_cases": headings.loc[heading_status != "case", ["doc_id", "text", "why"]].to_dict("records")
        if len(headings)
        else [],
        "cases_from_headings": int((heading_status == "case").sum()),
        "unaccounted": int(pd.to_numeric(_column(documents, "lines_unaccounted"), errors="coerce").fillna(0).sum()),
        "weak_labels": [
            {key: str(row.get(key, "")) for key in ("case_id", "doc_id", "label", "label_rule", "label_evidence")}
            for row in weak.to_dict("records")
        ],
    }


def _rule(rule: str, language: str) -> str:
    """How a rule of :mod:`govtopics.text.placing` gave a label, in words (``reading.rule_<rule>``)."""
    key = f"reading.rule_{rule}"
    return words.say(key, language) if key in words.catalogue(language) else rule


def _ids(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def console_lines(facts: dict, report: str | Path, limit: int = 10) -> list[str]:
    """For the end of the console output: one line per file not read with why and what to do (page
    resources aside, at most ``limit``), then three lines (read and skipped; titles and dates;
    headings not used as cases) and where the report is."""
    skipped = "; ".join(f"{n} × {reason}" for reason, n in facts["skipped_by_reason"][:3])
    more = len(facts["skipped_by_reason"]) - 3
    unread = [r for r in facts["skipped"] if not str(r["reason"]).startswith("page resources")]
    lines = [f"Not read: {Path(str(r['source'])).name}: {r['reason']}" for r in unread[:limit]]
    if len(unread) > limit:
        lines.append(f"Not read: {len(unread) - limit} more, each with why in {FILES['log']}")
    if facts["unaccounted"]:
        lines.append(
            f"Warning: {facts['unaccounted']} raw line(s) are neither in the cleaned texts nor in the cleaning audit "
            "(documents.csv, lines_unaccounted): please report it"
        )
    lines += [
        f"Read {facts['read']} file(s) or row(s) into {facts['documents']} document(s) analysed; "
        + (
            f"skipped {len(facts['skipped'])}: {skipped}{f' and {more} other reasons' if more > 0 else ''}"
            if facts["skipped"]
            else "skipped none"
        )
        + (f"; {len(facts['excluded'])} left out after cleaning" if facts["excluded"] else ""),
        f"Titles guessed from the text: {len(facts['titles_guessed'])}"
        + (f" ({_ids(facts['titles_guessed'])})" if facts["titles_guessed"] else "")
        + f"; without a title: {len(facts['no_title'])}; without a date: {len(facts['no_date'])}"
        + (f" ({_ids(facts['no_date'])})" if facts["no_date"] else ""),
        f"Case headings: {facts['cases_from_headings']} made cases, {len(facts['headings_not_cases'])} not used"
        + (
            " (" + "; ".join(f"{r['doc_id']}: {r['text']}" for r in facts["headings_not_cases"][:3]) + ")"
            if facts["headings_not_cases"]
            else ""
        ),
    ]
    if facts.get("weak_labels"):
        weak = facts["weak_labels"]
        lines.append(
            f"Case labels weak or missing: {len(weak)} ("
            + "; ".join(f"{r['doc_id']}: {r['label']}" for r in weak[:3])
            + (" …" if len(weak) > 3 else "")
            + f"): see label_rule and label_evidence in {FILES['cases']}; "
            + "give a label in a 案例 (label) column of the metadata table or with cases.overrides in the config"
        )
    lines.append(f"Report: {report}")
    return lines


def run_summary(results: str | Path) -> str:
    """The console lines of a finished run in ``results`` (``results/<run>``), '' when the run
    has not written its corpus tables yet (a dry run, or a run stopped early)."""
    from ..reading.io import read_table

    results = Path(results)
    paths = {key: results / path for key, path in FILES.items()}
    if not all(p.exists() for p in paths.values()):
        return ""
    tables = [read_table(paths[key]) for key in ("log", "documents", "headings")]
    facts = what_was_read(*tables, read_table(paths["cases"], dtype=str))
    report = results / "report.html"
    return "\n".join(console_lines(facts, report if report.exists() else "(not written in this run)"))


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def reading_html(facts: dict, limit: int = 20, language: str = "en") -> str:
    """The report's opening account of what was read, in ``language`` (en | zh), with each list's
    rows and links to the tables that hold all of them (paths relative to the report). Reasons and
    texts are quoted from the tables as they are."""

    def say(key, **numbers):
        return words.say(f"reading.{key}", language, **numbers)

    def link(key):
        return f'<a href="{FILES[key]}">{FILES[key]}</a>'

    def esc(value):
        return html.escape(str(value))

    def ids(values):
        shown = say("list_separator").join(values[:limit])
        more = len(values) - limit
        return esc(shown + (say("more_ids", more=more) if more > 0 else ""))

    n_skipped, n_excluded = len(facts["skipped"]), len(facts["excluded"])
    parts = [
        say("heading"),
        say(
            "opening",
            read=facts["read"],
            documents=facts["documents"],
            skipped=n_skipped,
            excluded=n_excluded,
            log=link("log"),
            documents_file=link("documents"),
            headings=link("headings"),
        ),
    ]
    if facts["skipped"]:
        rows = [f"{esc(Path(str(r['source'])).name)}: {esc(r['reason'])}" for r in facts["skipped"][:limit]]
        if n_skipped > limit:
            rows.append(say("more_skipped", more=n_skipped - limit, log=link("log")))
        counts = "; ".join(f"{n} × {esc(reason)}" for reason, n in facts["skipped_by_reason"])
        parts.append(say("skipped", counts=counts) + _list(rows))
    if facts["excluded"]:
        parts.append(say("excluded") + _list([f"{esc(d)}: {esc(why)}" for d, why in facts["excluded"][:limit]]))
    notes = []
    if facts["titles_guessed"]:
        notes.append(say("titles_guessed", ids=ids(facts["titles_guessed"]), documents_file=link("documents")))
    if facts["no_title"]:
        notes.append(say("no_title", ids=ids(facts["no_title"])))
    if facts["no_date"]:
        notes.append(say("no_date", ids=ids(facts["no_date"])))
    if facts["unaccounted"]:
        notes.append(say("unaccounted", lines=facts["unaccounted"], documents_file=link("documents")))
    weak = facts.get("weak_labels", [])
    if weak:
        rows = [
            f"{esc(r['case_id'])}: <b>{esc(r['label'])}</b> ({esc(_rule(r['label_rule'], language))}"
            + (f": {esc(r['label_evidence'])}" if r["label_evidence"] else "")
            + ")"
            for r in weak[:limit]
        ]
        notes.append(say("weak_labels", n=len(weak), cases_file=link("cases")) + _list(rows))
    not_cases = facts["headings_not_cases"]
    if not_cases:
        rows = [f"{esc(r['doc_id'])}: {esc(r['text'])} ({esc(r['why'])})" for r in not_cases[:limit]]
        notes.append(say("headings_not_cases", n=len(not_cases), headings=link("headings")) + _list(rows))
    else:
        notes.append(say("all_headings_cases", n=facts["cases_from_headings"]))
    parts.extend(f"<p>{note}</p>" if not note.endswith("</ul>") else f"<div>{note}</div>" for note in notes)
    return "\n".join(parts)
