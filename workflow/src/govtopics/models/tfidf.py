"""TF-IDF profiles of the cases and their cosine similarities.

A case's document is the concatenation of its paragraphs' tokens (preambles are not cases).
scikit-learn's default token pattern would drop one-character Chinese words, so the vectoriser
is given the token lists as they are.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity


def _identity(tokens):
    return tokens


def case_documents(paragraph_tokens: list[dict], case_ids: list[str]) -> list[list[str]]:
    """Token list per case, in ``case_ids`` order."""
    by_case: dict[str, list[str]] = {c: [] for c in case_ids}
    for row in paragraph_tokens:
        if row["case_id"] in by_case:
            by_case[row["case_id"]].extend(row["tokens"])
    return [by_case[c] for c in case_ids]


def fit_tfidf(documents: list[list[str]], sublinear_tf: bool = True, min_df: int = 1):
    """Fit TF-IDF over token lists; return ``(matrix, vocabulary)`` with a sorted vocabulary."""
    vectorizer = TfidfVectorizer(
        analyzer=_identity,
        lowercase=False,
        sublinear_tf=sublinear_tf,
        min_df=min(min_df, len(documents)),
        norm="l2",
    )
    matrix = vectorizer.fit_transform(documents)
    return sparse.csr_matrix(matrix), [str(t) for t in vectorizer.get_feature_names_out()]


def top_terms(matrix, vocabulary: list[str], labels: list[str], n: int = 15) -> list[dict]:
    """The ``n`` highest-weighted terms of each case (ties broken by the term, for stable output).
    Row by row on the sparse matrix, so thousands of cases never make a dense cases × terms array."""
    matrix = sparse.csr_matrix(matrix)
    rows = []
    for i, label in enumerate(labels):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        weights = dict(zip(matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True))
        order = sorted((j for j, w in weights.items() if w), key=lambda j: (-round(weights[j], 12), vocabulary[j]))
        rows.extend(
            {"case": label, "rank": r, "term": vocabulary[j], "weight": float(weights[j])}
            for r, j in enumerate(order[:n], 1)
        )
    return rows


def similarity(matrix) -> np.ndarray:
    """Cosine similarity of the rows, symmetric with a unit diagonal (an empty case gets 0s)."""
    sim = cosine_similarity(matrix)
    sim = (sim + sim.T) / 2
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


def paragraph_counts(paragraph_tokens: list[list[str]]):
    """(paragraphs × terms) count matrix and the sorted vocabulary."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=_identity, lowercase=False)
    counts = vectorizer.fit_transform(paragraph_tokens)
    return sparse.csr_matrix(counts), [str(t) for t in vectorizer.get_feature_names_out()]


def similarity_from_counts(case_counts, sublinear_tf: bool = True, min_df: int = 1) -> np.ndarray:
    """Cosine similarity of TF-IDF profiles computed from (cases × terms) counts, as
    :func:`fit_tfidf` would on the same tokens (used to refit features in the bootstrap)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    case_counts = sparse.csr_matrix(case_counts)
    df = np.asarray((case_counts > 0).sum(axis=0)).ravel()
    kept = case_counts[:, np.flatnonzero(df >= min(min_df, case_counts.shape[0]))]
    return similarity(TfidfTransformer(sublinear_tf=sublinear_tf, norm="l2").fit_transform(kept))
