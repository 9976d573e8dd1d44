"""Near-duplicate documents: the same article reposted on two sites.

Documents are compared on their sets of character 5-grams (shingles) after cleaning, so that
site boilerplate does not hide a repost. Two overlaps are reported: Jaccard (shared shingles
over all shingles of the pair) and containment (shared shingles over the smaller document's),
which catches a repost that is a shortened copy. A pair is a duplicate when containment reaches
the threshold; the later document of the pair (in corpus order) is the one set aside.

Comparing every pair is quadratic: 100 k articles are 5 billion pairs. Candidate pairs come from
MinHash LSH Ensemble (Zhu et al. 2016, the ``datasketch`` package), an index built for
containment, queried with a threshold below the one asked for; every candidate is then checked
exactly on the shingle sets, so no pair is reported that does not meet the threshold.
"""

from __future__ import annotations

import math
import re

import numpy as np

_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char analyzer: runs of white space count as one
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant of the polynomial shingle hash
NUM_PERM = 256  # 128 missed short texts inside long ones at containment 0.5 on the reports
LSH_MARGIN = 0.2  # the index is queried this far below the threshold; candidates are then checked exactly


def gram_hashes(text: str, n: int) -> np.ndarray:
    """The 64-bit hash of every character ``n``-gram of ``text``, in text order (empty when the
    text is shorter), computed with numpy over the code points, not gram by gram."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(codes) < n:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.zeros(len(codes) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the hash
        for j in range(n):
            hashes = hashes * _MULTIPLIER + codes[j : len(codes) - n + 1 + j]
    return hashes


def shingle_hashes(text: str, shingle: int = 5) -> np.ndarray:
    """The sorted, unique hashes of the character ``shingle``-grams of ``text``, runs of white
    space counted as one."""
    return np.unique(gram_hashes(_WHITE_SPACES.sub(" ", text), shingle))


def _minhash(hashes: np.ndarray, seed: int = 1):
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=seed, hashfunc=int)
    folded = (hashes >> np.uint64(32)) ^ (hashes & np.uint64(0xFFFFFFFF))  # 32-bit values, as MinHash expects
    for start in range(0, len(folded), 50_000):  # bounded memory: values × permutations per batch
        minhash.update_batch(folded[start : start + 50_000].tolist())
    return minhash


def _size_step(size: int, ratio: float = 1.02) -> int:
    """``size`` rounded to a geometric grid of 2% steps. The ensemble's partitioning is quadratic
    in the number of distinct set sizes (thousands of documents, thousands of sizes); on the grid
    there are at most a few hundred, and the exact check that follows makes the rounding harmless."""
    return max(1, int(round(ratio ** round(math.log(size) / math.log(ratio))))) if size else 1


def candidate_pairs(sets: list[np.ndarray], threshold: float, seed: int = 1) -> set[tuple[int, int]]:
    """Pairs ``(a, b)``, ``a < b``, that may share at least ``threshold`` of the smaller set."""
    from datasketch import MinHashLSHEnsemble

    minhashes = [_minhash(s, seed) for s in sets]
    index = MinHashLSHEnsemble(threshold=max(threshold - LSH_MARGIN, 0.05), num_perm=NUM_PERM, num_part=16)
    index.index((i, m, _size_step(len(s))) for i, (m, s) in enumerate(zip(minhashes, sets, strict=True)))
    pairs = set()
    for i, (m, s) in enumerate(zip(minhashes, sets, strict=True)):
        for j in index.query(m, _size_step(len(s))):  # sets that contain much of set i
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _shared(first: np.ndarray, second: np.ndarray) -> int:
    """Number of values two sorted, unique arrays share (binary search of the smaller in the larger)."""
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    at = np.searchsorted(large, small).clip(max=len(large) - 1)
    return int(np.count_nonzero(large[at] == small))


def find_duplicates(doc_ids: list[str], texts: list[str], threshold: float = 0.8, shingle: int = 5) -> list[dict]:
    """Pairs of documents whose shingle containment is at least ``threshold``, in corpus order."""
    sets = [shingle_hashes(t, shingle) for t in texts]
    usable = [i for i, s in enumerate(sets) if len(s)]
    if len(usable) < 2:
        return []
    pairs = []
    for a, b in sorted(candidate_pairs([sets[i] for i in usable], threshold)):
        first, second = sets[usable[a]], sets[usable[b]]
        shared = _shared(first, second)
        containment = shared / min(len(first), len(second))
        if containment >= threshold:
            pairs.append(
                {
                    "doc_id": doc_ids[usable[b]],
                    "duplicate_of": doc_ids[usable[a]],
                    "containment": float(containment),
                    "jaccard": float(shared / (len(first) + len(second) - shared)),
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
