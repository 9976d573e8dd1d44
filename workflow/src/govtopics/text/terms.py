"""Discovering multi-word terms in the corpus itself, for a researcher to review.

A candidate is a run of two or three adjacent content tokens (jieba's segmentation, before
filtering) that occurs at least ``min_count`` times. It is scored by pointwise mutual information
(how much more often the parts occur together than apart: do they form a unit?) and by the
branching entropy of the tokens on its left and right (does it occur in varied contexts, i.e.
is it a whole unit rather than a fragment of a longer one?). Candidates are ranked by
``PMI × min(left entropy, right entropy)``. The top ones can be added to the user dictionary for a
run (``tokens.add_discovered_terms``) or copied into ``config/user_dict.txt`` after review.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

_CONTENT = re.compile(r"^[\u3400-\u9fff]+$")


def _entropy(counter: Counter) -> float:
    total = sum(counter.values())
    return -sum(c / total * math.log(c / total) for c in counter.values()) if total else 0.0


def discover_terms(
    token_lists: list[list[str]],
    stopwords: frozenset[str] = frozenset(),
    known: frozenset[str] = frozenset(),
    min_count: int = 3,
    max_parts: int = 3,
) -> list[dict]:
    """Candidate terms with their scores, best first.

    Parameters
    ----------
    token_lists : raw token lists (one per paragraph, punctuation included: it marks boundaries)
    stopwords : words that cannot be part of a term
    known : terms already in the dictionary (reported, flagged ``in_dictionary``)
    """
    unigrams: Counter = Counter()
    ngrams: Counter = Counter()
    left: dict[tuple, Counter] = defaultdict(Counter)
    right: dict[tuple, Counter] = defaultdict(Counter)
    total = 0
    content: dict[str, bool] = {}  # whether a word can be part of a term, decided once per word
    for tokens in token_lists:
        unigrams.update(tokens)
        total += len(tokens)
        usable = []
        for token in tokens:
            if token not in content:
                content[token] = bool(_CONTENT.match(token)) and token not in stopwords
            usable.append(content[token])
        for n in range(2, max_parts + 1):
            for i in range(len(tokens) - n + 1):
                if not all(usable[i : i + n]):
                    continue
                parts = tuple(tokens[i : i + n])
                ngrams[parts] += 1
                left[parts][tokens[i - 1] if i > 0 else "<s>"] += 1
                right[parts][tokens[i + n] if i + n < len(tokens) else "</s>"] += 1
    rows = []
    for parts, count in ngrams.items():
        if count < min_count:
            continue
        pmi = math.log(count / total) - sum(math.log(unigrams[p] / total) for p in parts)
        left_entropy, right_entropy = _entropy(left[parts]), _entropy(right[parts])
        term = "".join(parts)
        rows.append(
            {
                "term": term,
                "parts": " ".join(parts),
                "count": count,
                "pmi": pmi,
                "left_entropy": left_entropy,
                "right_entropy": right_entropy,
                "score": pmi * min(left_entropy, right_entropy),
                "in_dictionary": term in known,
            }
        )
    rows.sort(key=lambda r: (-round(r["score"], 9), -r["count"], r["term"]))
    return rows
