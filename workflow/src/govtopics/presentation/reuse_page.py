"""The report's view of text reuse: the strongest borrowed passages beside their sources, with
what the borrower changed marked (``<del>``: only in the source; ``<ins>``: only in the
borrower), aligned by rapidfuzz's Levenshtein opcodes as the reuse stage aligns them."""

from __future__ import annotations

import html

import pandas as pd

from govtopics.comparison.reuse import counted
from govtopics.presentation import words

MAX_PAIRS = 5  # case pairs shown; every passage is in reuse/passages.csv
PER_PAIR = 2  # passages shown per case pair


def marked(source: str, borrower: str) -> tuple[str, str]:
    """Both texts as HTML, what differs marked on each side."""
    from rapidfuzz.distance import Levenshtein

    left, right = [], []
    for tag, i0, i1, j0, j1 in Levenshtein.opcodes(source, borrower):
        a, b = html.escape(source[i0:i1]), html.escape(borrower[j0:j1])
        if tag == "equal":
            left.append(a)
            right.append(b)
        else:
            if a:
                left.append(f"<del>{a}</del>")
            if b:
                right.append(f"<ins>{b}</ins>")
    return "".join(left), "".join(right)


def _oriented(row: dict) -> tuple[str, str, str, str]:
    """(source label, source text, borrower label, borrower text) of a passage; a passage without
    a direction keeps its order."""
    if row["direction"] == "b_first":
        return row["label_b"], row["text_b"], row["label_a"], row["text_a"]
    return row["label_a"], row["text_a"], row["label_b"], row["text_b"]


def strongest_html(passages: pd.DataFrame, language: str = "en") -> str:
    """The strongest borrowed passages, source beside borrower, as an HTML table ('' when none)."""

    def say(key, **numbers):
        return words.say(f"reuse.{key}", language, **numbers)

    rows = [
        r
        for r in passages.fillna("").to_dict("records")
        if counted({**r, "boilerplate": str(r["boilerplate"]).lower() == "true"}) and r["case_a"] != r["case_b"]
    ]
    if not rows:
        return ""
    by_pair: dict[tuple, list[dict]] = {}
    for r in sorted(rows, key=lambda r: -int(r["chars"])):
        key = tuple(sorted((r["case_a"], r["case_b"])))
        if key in by_pair or len(by_pair) < MAX_PAIRS:
            by_pair.setdefault(key, [])
            if len(by_pair[key]) < PER_PAIR:
                by_pair[key].append(r)
    source, borrower = say("source"), say("borrower")
    head = f"<tr><th>{source}</th><th>{borrower}</th></tr>"
    body = []
    for pair_rows in by_pair.values():
        for r in pair_rows:
            source_label, source, borrower_label, borrower = _oriented(r)
            left, right = marked(source, borrower)
            when = f"{r['date_a']} / {r['date_b']}" if r["direction"] in ("a_first", "b_first") else say("undated")
            detail = say("detail", chars=int(r["chars"]), identity=float(r["identity"]), when=html.escape(when))
            body.append(
                f"<tr><td><b>{html.escape(str(source_label))}</b><br>{left}</td>"
                f"<td><b>{html.escape(str(borrower_label))}</b> "
                f"<small>({detail})</small>"
                f"<br>{right}</td></tr>"
            )
    legend = say("legend")
    return f'<table class="reuse">{head}{"".join(body)}</table><p class="caption">{legend}</p>'
