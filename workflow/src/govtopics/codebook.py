"""A third view of the cases: a codebook of governance mechanisms counted in their texts.

Each category is a list of terms; a case's rate for a category is its hits per 10,000 tokens.
Every hit is returned with its context (keyword in context) so that a reader can check it.
"""

from __future__ import annotations

import re

import numpy as np


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
