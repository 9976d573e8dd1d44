"""Near-duplicate documents: the same article reposted on two sites.

Documents are compared on their sets of character 5-grams (shingles) after cleaning, so that
site boilerplate does not hide a repost. Two overlaps are reported: Jaccard (shared shingles
over all shingles of the pair) and containment (shared shingles over the smaller document's),
which catches a repost that is a shortened copy. A pair is a duplicate when containment reaches
the threshold; the later document of the pair (in corpus order) is the one set aside.

Comparing every pair is quadratic: 100 k articles are 5 billion pairs. Candidate pairs come from
prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007), which is exact: a document whose
containment in another reaches ``t`` shares with it at least one of any ``(1 − t)·n + 1`` of its
own ``n`` shingles, so each document is looked up, in an inverted index of every shingle, by its
rarest shingles only, and every candidate is then checked on the whole sets. No pair is missed and
none reported that does not meet the threshold; memory is the shingles themselves, held as flat
arrays (a MinHash LSH Ensemble index, used before, took 100 kB a document: 10 GB for 100,000).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char analyzer: runs of white space count as one
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant of the polynomial shingle hash


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


PROBE_FACTOR = 3  # tokens looked up, in multiples of the prefix that must meet (the count then filters)
_CHECK_BLOCK = 2_000_000  # shingles of candidate documents checked at once against one document


def _index(pieces: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The documents' shingle hashes as dense token numbers (one flat int32 array, each document's
    run sorted, as its hashes were), how many documents hold each token, and the postings: for
    each token in turn, the documents that hold it. Built by one sort of the flat hashes, with no
    copy kept longer than needed (100,000 documents of 600 characters: 60 million shingles)."""
    flat = np.concatenate(pieces)
    pieces.clear()
    order = np.argsort(flat)
    new_token = np.empty(len(flat), dtype=bool)
    new_token[:1] = True
    for start in range(1, len(flat), 8_000_000):  # compared in pieces: no sorted copy of the hashes
        at = order[start - 1 : start + 8_000_000]
        values = flat[at]
        np.not_equal(values[1:], values[:-1], out=new_token[start : start + len(at) - 1])
    del flat
    wide = np.int32 if len(order) < 2**31 else np.int64  # token numbers and counts: half the memory of int64
    numbers = np.cumsum(new_token, dtype=wide) - 1
    del new_token
    tokens = np.empty(len(order), dtype=wide)
    tokens[order] = numbers
    del numbers
    frequency = np.zeros(int(tokens.max()) + 1 if len(tokens) else 0, dtype=wide)
    np.add.at(frequency, tokens, 1)
    return tokens, frequency, order


def duplicate_pairs(doc_ids: list[str], texts, threshold: float = 0.8, shingle: int = 5) -> pd.DataFrame:
    """Pairs of documents whose shingle containment is at least ``threshold``, in corpus order
    (earlier document first), as a table of ``doc_id`` (the later), ``duplicate_of``,
    ``containment`` and ``jaccard``. ``texts``: any iterable (a generator of a sharded corpus),
    each text turned into its shingles as it comes."""
    sizes, pieces = [], []
    for text in texts:
        hashes = shingle_hashes(text, shingle)
        sizes.append(len(hashes))
        pieces.append(hashes)
    empty = pd.DataFrame({"doc_id": [], "duplicate_of": [], "containment": [], "jaccard": []})
    if sum(1 for n in sizes if n) < 2:
        return empty
    size = np.asarray(sizes, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(size)])
    tokens, frequency, order = _index(pieces)
    postings = np.empty(len(order), dtype=np.int32)  # the documents holding each token, token by token
    for start in range(0, len(order), 8_000_000):
        postings[start : start + 8_000_000] = np.searchsorted(offsets, order[start : start + 8_000_000], "right") - 1
    del order
    postings_at = np.concatenate([[0], np.cumsum(frequency, dtype=np.int64 if len(tokens) >= 2**31 else np.int32)])
    firsts, seconds, shares, totals = [], [], [], []
    for x in np.flatnonzero(size):
        n = int(size[x])
        need = math.ceil(threshold * n - 1e-9)  # shared shingles for containment ≥ threshold in x
        mine = tokens[offsets[x] : offsets[x + 1]]
        # Its rarest tokens: any n - need + 1 of them meet every document it is contained in. Three times as
        # many are looked up, and a document holding fewer than need - (n - probed) of them cannot share need.
        probed = min(n, PROBE_FACTOR * (n - need + 1))
        prefix = mine[np.argsort(frequency[mine], kind="stable")[:probed]]
        candidates, hits = np.unique(
            np.concatenate([postings[postings_at[t] : postings_at[t + 1]] for t in prefix]), return_counts=True
        )
        candidates = candidates[hits >= need - (n - probed)]
        # each pair once, looked up from its smaller document (ties: the earlier)
        candidates = candidates[(size[candidates] > n) | ((size[candidates] == n) & (candidates > x))]
        while len(candidates):
            block = candidates[: max(1, int(np.searchsorted(np.cumsum(size[candidates]), _CHECK_BLOCK)))]
            candidates = candidates[len(block) :]
            lengths = size[block]
            starts = np.repeat(offsets[block] - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
            theirs = tokens[starts + np.arange(int(lengths.sum()))]
            at = np.searchsorted(mine, theirs).clip(max=n - 1)
            shared = np.add.reduceat(
                (mine[at] == theirs).astype(np.int64), np.concatenate([[0], np.cumsum(lengths)[:-1]])
            )
            keep = shared >= need
            firsts.append(np.full(int(keep.sum()), x))
            seconds.append(block[keep])
            shares.append(shared[keep])
            totals.append(n + lengths[keep] - shared[keep])
    if not firsts:
        return empty
    first, second = np.concatenate(firsts), np.concatenate(seconds).astype(np.int64)
    shared, union = np.concatenate(shares), np.concatenate(totals)
    smaller = np.minimum(size[first], size[second])
    a, b = np.minimum(first, second), np.maximum(first, second)
    ranked = np.lexsort((b, a))
    ids = np.asarray(doc_ids, dtype=object)
    return pd.DataFrame(
        {
            "doc_id": ids[b[ranked]],
            "duplicate_of": ids[a[ranked]],
            "containment": (shared / smaller)[ranked],
            "jaccard": (shared / union)[ranked],
        }
    )


def find_duplicates(doc_ids: list[str], texts: list[str], threshold: float = 0.8, shingle: int = 5) -> list[dict]:
    """:func:`duplicate_pairs` as a list of rows."""
    return duplicate_pairs(doc_ids, texts, threshold, shingle).to_dict("records")


def set_aside(pairs) -> dict[str, str]:
    """doc_id → the earlier document it duplicates (a document is set aside once, for its first
    match). ``pairs``: :func:`duplicate_pairs`'s table (or its rows)."""
    if isinstance(pairs, pd.DataFrame):
        pairs = zip(pairs["doc_id"], pairs["duplicate_of"], strict=True)
    else:
        pairs = ((p["doc_id"], p["duplicate_of"]) for p in pairs)
    aside: dict[str, str] = {}
    for later, earlier in pairs:
        if later not in aside and earlier not in aside:
            aside[later] = earlier
    return aside
