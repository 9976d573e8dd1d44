"""Near-duplicate documents: the same article reposted on two sites.

Documents are compared on their sets of character 5-grams (shingles) after cleaning, so that
site boilerplate does not hide a repost. Two overlaps are reported: Jaccard (shared shingles
over all shingles of the pair) and containment (shared shingles over the smaller document's),
which catches a repost that is a shortened copy. A pair is a duplicate when containment reaches
the threshold; the later document of the pair (in corpus order) is the one set aside.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def find_duplicates(doc_ids: list[str], texts: list[str], threshold: float = 0.8, shingle: int = 5) -> list[dict]:
    """Pairs of documents whose shingle containment is at least ``threshold``, in corpus order."""
    usable = [i for i, t in enumerate(texts) if len(t) >= shingle]
    if len(usable) < 2:
        return []
    vectorizer = CountVectorizer(analyzer="char", ngram_range=(shingle, shingle), binary=True, lowercase=False)
    x = vectorizer.fit_transform([texts[i] for i in usable])
    shared = (x @ x.T).toarray()
    sizes = np.asarray(x.sum(axis=1)).ravel()
    pairs = []
    for a in range(len(usable)):
        for b in range(a + 1, len(usable)):
            containment = shared[a, b] / min(sizes[a], sizes[b])
            if containment >= threshold:
                pairs.append(
                    {
                        "doc_id": doc_ids[usable[b]],
                        "duplicate_of": doc_ids[usable[a]],
                        "containment": float(containment),
                        "jaccard": float(shared[a, b] / (sizes[a] + sizes[b] - shared[a, b])),
                    }
                )
    return pairs


def set_aside(pairs: list[dict]) -> dict[str, str]:
    """doc_id → the earlier document it duplicates (a document is set aside once, for its first match)."""
    aside: dict[str, str] = {}
    for pair in pairs:
        if pair["doc_id"] not in aside and pair["duplicate_of"] not in aside:
            aside[pair["doc_id"]] = pair["duplicate_of"]
    return aside
