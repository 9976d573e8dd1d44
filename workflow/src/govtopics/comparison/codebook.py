"""A third view of the cases: a codebook of governance mechanisms counted in their texts.

Each category is a list of terms; a case's rate for a category is its hits per 10,000 tokens.
Every hit is returned with its context (keyword in context) so that a reader can check it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity


def compile_categories(categories: dict[str, dict]) -> dict[str, re.Pattern]:
    """One pattern per category: its terms, longest first, so each position counts once."""
    return {
        name: re.compile("|".join(re.escape(t) for t in sorted(spec["terms"], key=len, reverse=True)))
        for name, spec in categories.items()
        if spec.get("terms")
    }


def count_hits(
    texts: dict[str, list[tuple[str, str]]], patterns: dict[str, re.Pattern], context: int = 15
) -> tuple[dict[str, dict[str, int]], list[dict]]:
    """Hits of every category in every case's paragraphs.

    Parameters
    ----------
    texts : case id → list of (paragraph id, text)

    Returns
    -------
    counts : case id → category → hits;  kwic : one row per hit with its context
    """
    counts = {case: dict.fromkeys(patterns, 0) for case in texts}
    kwic = []
    for case, paragraphs in texts.items():
        for paragraph_id, text in paragraphs:
            for name, pattern in patterns.items():
                for m in pattern.finditer(text):
                    counts[case][name] += 1
                    kwic.append(
                        {
                            "case_id": case,
                            "category": name,
                            "term": m.group(),
                            "paragraph_id": paragraph_id,
                            "left": text[max(0, m.start() - context) : m.start()],
                            "match": m.group(),
                            "right": text[m.end() : m.end() + context],
                        }
                    )
    return counts, kwic


def rates(counts: dict[str, dict[str, int]], tokens: dict[str, int], per: int = 10_000) -> np.ndarray:
    """(cases × categories) hits per ``per`` tokens, cases and categories in the counts' order."""
    cases = list(counts)
    categories = list(next(iter(counts.values()), {}))
    return np.array([[counts[c][k] * per / max(tokens.get(c, 0), 1) for k in categories] for c in cases])


KWIC_COLUMNS = ["case", "case_id", "category", "term", "paragraph_id", "left", "match", "right"]


def describe(categories: dict[str, dict], cases, paragraph_rows, token_rows) -> dict:
    """Every table of the codebook stage: each case's hits per 10,000 tokens by category
    (``rates``), every hit in its context (``kwic``), and the case × case cosine similarity of the
    category profiles (``similarity``, as (matrix, labels); a case without a hit is like only itself).

    ``categories``: ``config/codebook.yaml``'s; ``cases``: the compared units (``units.csv``);
    ``paragraph_rows`` and ``token_rows``: ``paragraphs.csv`` and ``paragraph_tokens.jsonl``,
    relabelled to the units. Only body paragraphs are searched; every token of a case counts."""
    texts = {c: [] for c in cases["case_id"]}
    for row in paragraph_rows:
        if row["case_id"] in texts and row["role"] == "body":
            texts[row["case_id"]].append((row["paragraph_id"], row["text"]))
    tokens = {c: 0 for c in texts}
    for row in token_rows:
        if row["case_id"] in tokens:
            tokens[row["case_id"]] += len(row["tokens"])
    counts, kwic = count_hits(texts, compile_categories(categories))
    found = rates(counts, tokens)
    frame = pd.DataFrame(found, columns=list(categories))
    frame.insert(0, "tokens", [tokens[c] for c in texts])
    frame.insert(0, "case", list(cases["label"]))
    frame.insert(0, "case_id", list(texts))
    label_of = dict(zip(cases["case_id"], cases["label"], strict=True))
    similarity = cosine_similarity(found) if found.any() else np.eye(len(found))
    similarity = np.clip((similarity + similarity.T) / 2, 0, 1)
    np.fill_diagonal(similarity, 1.0)
    return {
        "rates": frame,
        "kwic": pd.DataFrame([{"case": label_of[r["case_id"]], **r} for r in kwic], columns=KWIC_COLUMNS),
        "similarity": (similarity, list(cases["label"])),
    }
