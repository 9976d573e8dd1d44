"""Text reuse between documents: which passages a document shares with which other, and who
borrowed from whom.

Policy-diffusion research measures reuse by local alignment of passages (Wilkerson, Smith &
Stramp 2015; Linder et al. 2020; passim, Smith, Cordell & Mullen 2015). Chinese has no spaces to
build word n-grams on, so everything here is on characters of a normalised text: Traditional →
Simplified (character by character, so that offsets stay put), full-width → half-width, lower case,
and only letters and digits kept (punctuation and white space differ between copies more than
words do). Every position of the normalised text keeps its offset into the cleaned text, and every
passage is reported in cleaned-text offsets.

Three steps, each a stage of its own so a large corpus spreads over cores or nodes:

1. ``pair_documents``: documents sharing at least ``min_shared_grams`` index grams (character
   n-grams found in at most ``max_document_frequency`` documents: a gram in more is a formula,
   not evidence of a pair); each document keeps its ``max_partners`` strongest partners.
2. ``align_documents``: seeds (shared ``seed_chars``-grams) chained along the diagonal with at
   most ``max_gap`` characters between seeds and a bounded drift (insertions and deletions);
   chains close in both texts, in any order (swapped clauses), are one region, aligned with
   ``rapidfuzz``'s compiled Levenshtein opcodes, cut where the copies part for more than
   ``max_gap`` characters and kept when it shares ``min_chars`` characters at ``min_identity``
   (2·shared / both lengths).
3. ``collect``: the documents that hold a passage are its two and those sharing most of it with
   either (the same passage in several documents); the earliest dated of them is its source
   (passim's idea); a pair with a missing or equal date says so instead of guessing; a passage
   in many documents, or a formula (:func:`is_boilerplate`), is boilerplate and is kept out of
   the case-level tables (TextPAIR's "banalities").
"""

from __future__ import annotations

import bisect
import functools
import logging
from collections import defaultdict

import numpy as np

from govtopics.text.duplicates import gram_hashes

COMMON_GRAM = 12  # a 12-character string in many documents is a formula (boilerplate), not a topic word
FORMULA_IDENTITY = 0.9  # a formula is repeated word for word; an edited sentence is borrowed
COMMON_SHARE = 0.5  # a passage with at least this share of its characters under common grams is boilerplate
MAX_SEED_REPEATS = 4  # a seed found more often than this in either document anchors nothing (刻板 repetition)
PAIR_CHUNK = 5_000_000  # pair keys counted at once when finding candidate pairs (40 MB)
BAND = 8  # drift (characters inserted or deleted between two seeds) a chain accepts


@functools.cache
def _keep_table() -> np.ndarray:
    """For every code point below U+30000: is it a letter or a digit (kept in the normalised text)."""
    return np.array([chr(c).isalnum() for c in range(0x30000)], dtype=bool)


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


_CHAR_MAP: dict[int, str] = {}


def _char_map(text: str) -> dict[int, str]:
    """One character for one: Simplified, half-width, lower case (cached over the run)."""
    new = [c for c in set(text) if ord(c) not in _CHAR_MAP]
    if new:
        converted = _converter().convert("\n".join(new)).split("\n")
        if len(converted) != len(new):  # never expected; fall back to one conversion per character
            converted = [_converter().convert(c) for c in new]
        for char, simple in zip(new, converted, strict=True):
            simple = simple if len(simple) == 1 else char
            code = ord(simple)
            if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
                simple = chr(code - 0xFEE0)
            low = simple.lower()
            _CHAR_MAP[ord(char)] = low if len(low) == 1 else simple
    return _CHAR_MAP


def normalise(text: str) -> tuple[str, np.ndarray]:
    """The text compared (Simplified, half-width, lower case, letters and digits only) and, for each
    of its characters, the offset of that character in ``text``."""
    mapped = text.translate(_char_map(text))
    codes = np.frombuffer(mapped.encode("utf-32-le"), dtype="<u4")
    table = _keep_table()
    keep = np.zeros(len(codes), dtype=bool)
    low = codes < len(table)
    keep[low] = table[codes[low]]
    offsets = np.flatnonzero(keep)
    return codes[keep].tobytes().decode("utf-32-le"), offsets


def candidate_pairs(
    gram_sets: list[np.ndarray], min_shared: int, max_document_frequency: int, max_partners: int
) -> list[tuple[int, int, int]]:
    """Pairs ``(a, b, shared)``, ``a < b``: documents sharing at least ``min_shared`` index grams of
    those found in 2 to ``max_document_frequency`` documents; each document keeps its
    ``max_partners`` partners sharing most (a pair is kept when either document keeps it)."""
    sizes = [len(s) for s in gram_sets]
    if sum(sizes) == 0:
        return []
    hashes = np.concatenate(gram_sets)
    docs = np.repeat(np.arange(len(gram_sets), dtype=np.int64), sizes)
    order = np.argsort(hashes, kind="stable")
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, len(hashes)])
    n = np.int64(len(gram_sets))
    found_keys, found_counts = [], []
    for df in np.unique(counts):
        if df < 2 or df > max_document_frequency:
            continue
        first, second = np.triu_indices(df, 1)
        grams = starts[counts == df]
        step = max(1, PAIR_CHUNK // len(first))  # bounded memory: at most PAIR_CHUNK pair keys at once
        for at in range(0, len(grams), step):
            group = docs[grams[at : at + step][:, None] + np.arange(df)]  # rows: the documents of one gram
            keys, shared = np.unique((group[:, first] * n + group[:, second]).ravel(), return_counts=True)
            found_keys.append(keys)
            found_counts.append(shared)
    if not found_keys:
        return []
    keys, shared = np.concatenate(found_keys), np.concatenate(found_counts)
    order = np.argsort(keys, kind="stable")
    keys, shared = keys[order], shared[order]
    starts_of = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    pair_keys, shared = keys[starts_of], np.add.reduceat(shared, starts_of)
    strong = shared >= min_shared
    pair_keys, shared = pair_keys[strong], shared[strong]
    a, b = pair_keys // n, pair_keys % n
    keep = np.zeros(len(pair_keys), dtype=bool)
    for side in (a, b):  # each document's strongest partners
        order = np.lexsort((-shared, side))
        rank = np.arange(len(order)) - np.searchsorted(side[order], side[order])
        keep[order[rank < max_partners]] = True
    if not keep.all():
        logging.warning(
            "reuse: %d of %d candidate pairs left out (each document keeps its %d strongest partners, "
            "reuse.max_partners)",
            int((~keep).sum()),
            len(keep),
            max_partners,
        )
    return [(int(x), int(y), int(s)) for x, y, s in zip(a[keep], b[keep], shared[keep], strict=True)]


def index_grams(norm: str, n: int) -> np.ndarray:
    """The sorted, unique hashes of the ``n``-grams of a normalised text."""
    return np.unique(gram_hashes(norm, n))


def seed_index(norm: str, seed_chars: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A text's seeds, for matching against many texts: the sorted distinct seed hashes found at most
    ``MAX_SEED_REPEATS`` times, where each one's positions start in ``order``, how many there are,
    and ``order`` (positions sorted by hash)."""
    hashes = gram_hashes(norm, seed_chars)
    order = np.argsort(hashes, kind="stable")
    values, first, counts = np.unique(hashes[order], return_index=True, return_counts=True)
    usable = counts <= MAX_SEED_REPEATS
    return values[usable], first[usable], counts[usable], order


def _seed_matches(index_a: tuple, index_b: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(pa, pb)`` where the two texts share a seed (every pairing of its positions);
    sorted by ``pa`` then ``pb``."""
    values_a, first_a, counts_a, order_a = index_a
    values_b, first_b, counts_b, order_b = index_b
    _, ia, ib = np.intersect1d(values_a, values_b, assume_unique=True, return_indices=True)
    if not len(ia):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ca, cb = counts_a[ia], counts_b[ib]
    per = ca * cb
    seed = np.repeat(np.arange(len(ia)), per)
    within = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    pa = order_a[first_a[ia[seed]] + within // cb[seed]]
    pb = order_b[first_b[ib[seed]] + within % cb[seed]]
    order = np.lexsort((pb, pa))
    return pa[order], pb[order]


def _runs(pa: np.ndarray, pb: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Seeds that follow one another on one diagonal (an exact stretch) as one run
    ``(a_first, a_last, b_first, b_last, seeds)``, sorted by ``a_first``: an exact copy of 300
    characters is one run to chain, not 297 seeds."""
    if not len(pa):
        return []
    diagonal = pb - pa
    order = np.lexsort((pa, diagonal))
    d, a = diagonal[order], pa[order]
    breaks = np.flatnonzero((np.diff(d) != 0) | (np.diff(a) != 1)) + 1
    starts = np.r_[0, breaks]
    ends = np.r_[breaks, len(a)] - 1
    runs = zip(a[starts].tolist(), a[ends].tolist(), d[starts].tolist(), (ends - starts + 1).tolist(), strict=True)
    return sorted((a0, a1, a0 + dd, a1 + dd, n) for a0, a1, dd, n in runs)


def _chains(runs: list[tuple], seed: int, max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Runs chained along the diagonal: ``(a0, a1, b0, b1, seeds)`` in normalised offsets."""
    open_chains: list[list[int]] = []  # [a0, a_last, b0, b_last, seeds]
    done = []
    for x0, x1, y0, y1, n in runs:
        best, best_drift = None, BAND + 1
        still = []
        for chain in open_chains:
            if x0 - chain[1] > max_gap + seed:
                done.append(chain)
                continue
            still.append(chain)
            step_a, step_b = x0 - chain[1], y0 - chain[3]
            if step_a <= 0 or step_b <= 0 or step_b > max_gap + seed:
                continue
            drift = abs(step_b - step_a)
            if drift < best_drift:
                best, best_drift = chain, drift
        open_chains = still
        if best is None:
            open_chains.append([x0, x1, y0, y1, n])
        else:
            best[1], best[3], best[4] = x1, y1, best[4] + n
    done.extend(open_chains)
    return [(c[0], c[1] + seed, c[2], c[3] + seed, c[4]) for c in done]


def _merge(chains: list[tuple], max_gap: int) -> list[list[int]]:
    """Chains that follow one another closely in both texts (a drift larger than the band cut
    them) become one region."""
    regions: list[list[int]] = []
    for a0, a1, b0, b1, _ in sorted(chains):
        for region in regions:
            if 0 <= a0 - region[1] + max_gap and a0 - region[1] <= max_gap and -max_gap <= b0 - region[3] <= max_gap:
                region[1], region[3] = max(region[1], a1), max(region[3], b1)
                region[2] = min(region[2], b0)
                break
        else:
            regions.append([a0, a1, b0, b1])
    return regions


def _boxes(items: list, max_gap: int) -> list[tuple[int, int, int, int, list]]:
    """Items ``(a0, a1, b0, b1, …)`` within ``max_gap`` characters of one another in both texts, in
    any order, as one box ``(a0, a1, b0, b1, items)``: a copy whose clauses were swapped aligns in
    pieces that cross, and is one passage."""
    boxes: list[list] = []
    for item in sorted(items, key=lambda x: (x[0], x[2])):
        for box in boxes:
            if item[0] <= box[1] + max_gap and item[2] <= box[3] + max_gap and item[3] >= box[2] - max_gap:
                box[0], box[1] = min(box[0], item[0]), max(box[1], item[1])
                box[2], box[3] = min(box[2], item[2]), max(box[3], item[3])
                box[4].append(item)
                break
        else:
            boxes.append([item[0], item[1], item[2], item[3], [item]])
    return [tuple(box) for box in boxes]


def _refine(norm_a: str, norm_b: str, region: list[int], max_gap: int) -> list[tuple]:
    """The region aligned character by character (``rapidfuzz``'s Levenshtein opcodes, compiled):
    pieces ``(a0, a1, b0, b1, shared, blocks)`` cut where the copies part for more than ``max_gap``
    characters, each trimmed to its first and last shared character; ``blocks``: its stretches
    aligned as equal, ``(a, b, length)``."""
    from rapidfuzz.distance import Levenshtein

    a0, a1, b0, b1 = region
    pieces, current = [], None
    for tag, i0, i1, j0, j1 in Levenshtein.opcodes(norm_a[a0:a1], norm_b[b0:b1]):
        if tag == "equal":
            block = (a0 + i0, b0 + j0, i1 - i0)
            if current is None:
                current = [a0 + i0, a0 + i1, b0 + j0, b0 + j1, i1 - i0, [block]]
            else:
                current[1], current[3], current[4] = a0 + i1, b0 + j1, current[4] + i1 - i0
                current[5].append(block)
        elif current is not None and max(i1 - i0, j1 - j0) > max_gap:
            pieces.append(tuple(current))
            current = None
    if current is not None:
        pieces.append(tuple(current))
    return pieces


def _shared(parts: list[tuple], a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters aligned as equal in a box of pieces, each character counted once in either text
    (pieces of two regions may reach the same stretch): the smaller of the two counts."""
    in_a, in_b = np.zeros(a1 - a0, dtype=bool), np.zeros(b1 - b0, dtype=bool)
    for part in parts:
        for a, b, length in part[5]:
            in_a[a - a0 : a - a0 + length] = True
            in_b[b - b0 : b - b0 + length] = True
    return int(min(in_a.sum(), in_b.sum()))


def align_pair(
    norm_a: str,
    norm_b: str,
    seed_chars: int = 4,
    max_gap: int = 30,
    min_chars: int = 30,
    min_identity: float = 0.6,
    indexes: tuple | None = None,
) -> list[dict]:
    """The passages two normalised texts share: ``a0, a1, b0, b1`` (normalised offsets), ``shared``
    (characters aligned as equal) and ``identity`` (2·shared over both lengths). ``indexes``: the
    two texts' :func:`seed_index`, when a caller matches each text against many."""
    if min(len(norm_a), len(norm_b)) < max(seed_chars, min_chars):
        return []
    index_a, index_b = indexes or (seed_index(norm_a, seed_chars), seed_index(norm_b, seed_chars))
    pa, pb = _seed_matches(index_a, index_b)
    chains = [c for c in _chains(_runs(pa, pb), seed_chars, max_gap) if c[4] >= 2]
    found = []
    for box in _boxes(_merge(chains, max_gap), max_gap):
        if min(box[1] - box[0], box[3] - box[2]) < min_chars:
            continue  # too short to share min_chars characters: not worth aligning
        pieces = [piece for region in box[4] for piece in _refine(norm_a, norm_b, region, max_gap)]
        for a0, a1, b0, b1, parts in _boxes(pieces, max_gap):
            shared = _shared(parts, a0, a1, b0, b1)
            identity = 2 * shared / ((a1 - a0) + (b1 - b0))
            if shared >= min_chars and identity >= min_identity:
                found.append({"a0": a0, "a1": a1, "b0": b0, "b1": b1, "shared": shared, "identity": identity})
    return _drop_contained(found)


def _drop_contained(passages: list[dict]) -> list[dict]:
    """A passage inside another of the pair (a repeated sentence aligned twice) is left out."""
    passages = sorted(passages, key=lambda p: (-p["shared"], p["a0"], p["b0"]))
    kept: list[dict] = []
    for p in passages:
        if not any(
            min(p["a1"], q["a1"]) - max(p["a0"], q["a0"]) > 0.5 * (p["a1"] - p["a0"])
            and min(p["b1"], q["b1"]) - max(p["b0"], q["b0"]) > 0.5 * (p["b1"] - p["b0"])
            for q in kept
        ):
            kept.append(p)
    return sorted(kept, key=lambda p: (p["a0"], p["b0"]))


def common_share(norm: str, start: int, end: int, common: np.ndarray) -> float:
    """Share of the characters of ``norm[start:end]`` under a ``COMMON_GRAM``-gram of ``common``
    (sorted hashes of grams found in many documents)."""
    if end - start < COMMON_GRAM or not len(common):
        return 0.0
    hashes = gram_hashes(norm[start:end], COMMON_GRAM)
    at = np.searchsorted(common, hashes).clip(max=len(common) - 1)
    hit = np.flatnonzero(common[at] == hashes)
    covered = np.zeros(end - start, dtype=bool)
    for i in hit.tolist():
        covered[i : i + COMMON_GRAM] = True
    return float(covered.mean())


def common_grams(norms: list[str], min_documents: int) -> np.ndarray:
    """Sorted hashes of the ``COMMON_GRAM``-grams found in at least ``min_documents`` documents."""
    sets = [index_grams(norm, COMMON_GRAM) for norm in norms]
    if not sets:
        return np.zeros(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    return values[counts >= min_documents]


def direction(date_a: str, date_b: str) -> str:
    """Which of a pair came first: ``a_first``, ``b_first``, ``same_date`` (the same day, or the
    same month or year when one date says no more) or ``undated``."""
    if not date_a or not date_b:
        return "undated"
    common = min(len(date_a), len(date_b))
    if date_a[:common] == date_b[:common]:
        return "same_date"
    return "a_first" if date_a < date_b else "b_first"


def families(passages: list[dict]) -> list[set[str]]:
    """For each passage, the documents that hold it: its two, and every document sharing with
    either of them a passage that covers at least half of it there. Not transitive, so that a
    chain of overlapping passages (a formula that grows year by year) is not one family."""
    spans = defaultdict(list)
    for i, p in enumerate(passages):
        spans[p["doc_a"]].append((p["start_a"], p["end_a"], i, p["doc_b"]))
        spans[p["doc_b"]].append((p["start_b"], p["end_b"], i, p["doc_a"]))
    found = [{p["doc_a"], p["doc_b"]} for p in passages]
    for items in spans.values():
        items.sort()
        starts = [x[0] for x in items]
        for s, e, i, _ in items:
            for s2, e2, j, other in items[: bisect.bisect_left(starts, e)]:  # spans starting before this one ends
                if j != i and min(e, e2) - max(s, s2) >= 0.5 * (e - s):
                    found[i].add(other)
    return found


# --- the three stages, over plain data ----------------------------------------------------------


def pair_documents(texts: list[str], params: dict) -> tuple[list[tuple[int, int, int]], np.ndarray]:
    """Candidate pairs ``(a, b, shared grams)`` and the sorted hashes of common grams (found in at
    least ``boilerplate_documents`` documents)."""
    norms = [normalise(text)[0] for text in texts]
    grams = [index_grams(norm, params["index_chars"]) for norm in norms]
    pairs = candidate_pairs(grams, params["min_shared_grams"], params["max_document_frequency"], params["max_partners"])
    return pairs, common_grams(norms, params["boilerplate_documents"])


def align_documents(
    pairs: list[tuple[str, str]], texts: dict[str, str], common: np.ndarray, params: dict
) -> list[dict]:
    """The passages every pair ``(doc_a, doc_b)`` shares, in offsets of the texts, with their texts,
    characters aligned, identity and the share of either side under common grams."""
    normalised: dict[str, tuple[str, np.ndarray, tuple]] = {}

    def norm(doc):
        if doc not in normalised:
            text, offsets = normalise(texts[doc])
            normalised[doc] = (text, offsets, seed_index(text, params["seed_chars"]))
        return normalised[doc]

    rows = []
    for doc_a, doc_b in pairs:
        (norm_a, at_a, index_a), (norm_b, at_b, index_b) = norm(doc_a), norm(doc_b)
        found = align_pair(
            norm_a,
            norm_b,
            seed_chars=params["seed_chars"],
            max_gap=params["max_gap"],
            min_chars=params["min_chars"],
            min_identity=params["min_identity"],
            indexes=(index_a, index_b),
        )
        for p in found:
            start_a, end_a = int(at_a[p["a0"]]), int(at_a[p["a1"] - 1]) + 1
            start_b, end_b = int(at_b[p["b0"]]), int(at_b[p["b1"] - 1]) + 1
            rows.append(
                {
                    "doc_a": doc_a,
                    "doc_b": doc_b,
                    "start_a": start_a,
                    "end_a": end_a,
                    "start_b": start_b,
                    "end_b": end_b,
                    "text_a": texts[doc_a][start_a:end_a],
                    "text_b": texts[doc_b][start_b:end_b],
                    "chars": p["shared"],
                    "identity": round(p["identity"], 4),
                    "common": round(
                        max(
                            common_share(norm_a, p["a0"], p["a1"], common),
                            common_share(norm_b, p["b0"], p["b1"], common),
                        ),
                        4,
                    ),
                }
            )
    return rows


BOILERPLATE_KEYS = ("boilerplate_documents", "boilerplate_short_documents", "boilerplate_short_chars")


def is_boilerplate(documents: int, chars: int, identity: float, common: float, rule: dict) -> bool:
    """A passage held by ``boilerplate_documents`` documents or more; or a formula: sentence-length
    (under ``boilerplate_short_chars`` shared characters), word for word (identity at least
    ``FORMULA_IDENTITY``) and held by ``boilerplate_short_documents`` or more (three documents
    sharing a paragraph, or an edited sentence, is diffusion); or mostly made of 12-character
    strings that many documents share."""
    formula = chars < rule["boilerplate_short_chars"] and identity >= FORMULA_IDENTITY
    return (
        documents >= rule["boilerplate_documents"]
        or (formula and documents >= rule["boilerplate_short_documents"])
        or common >= COMMON_SHARE
    )


def collect(passages: list[dict], dates: dict[str, str], rule: dict) -> list[dict]:
    """Passages with the number of documents that hold them and the earliest of those (the
    source, passim's idea), the pair's direction and source, and the boilerplate flag; sorted by
    document pair and offsets."""
    passages = sorted(passages, key=lambda p: (p["doc_a"], p["doc_b"], p["start_a"], p["start_b"]))
    out = []
    for p, docs in zip(passages, families(passages), strict=True):
        date_a, date_b = dates.get(p["doc_a"], ""), dates.get(p["doc_b"], "")
        way = direction(date_a, date_b)
        out.append(
            {
                **p,
                "date_a": date_a,
                "date_b": date_b,
                "direction": way,
                "source": p["doc_a"] if way == "a_first" else p["doc_b"] if way == "b_first" else "",
                "cluster_documents": len(docs),
                "cluster_source": cluster_source(docs, dates),
                "boilerplate": is_boilerplate(len(docs), p["chars"], p["identity"], p["common"], rule),
            }
        )
    return out


def cluster_source(docs: set[str], dates: dict[str, str]) -> str:
    """The earliest dated document of a cluster, or '' when no date or two share the earliest."""
    dated = sorted((dates[d], d) for d in docs if dates.get(d))
    if not dated or (len(dated) > 1 and direction(dated[0][0], dated[1][0]) == "same_date"):
        return ""
    return dated[0][1]


def find_reuse(doc_ids: list[str], texts: list[str], dates: dict[str, str], params: dict) -> list[dict]:
    """The three stages in one call (benchmarks, tests): passages with direction and flags."""
    pairs, common = pair_documents(texts, params)
    by_id = dict(zip(doc_ids, texts, strict=True))
    named = [(doc_ids[a], doc_ids[b]) for a, b, _ in pairs]
    rule = {key: params[key] for key in BOILERPLATE_KEYS}
    return collect(align_documents(named, by_id, common, params), dates, rule)


# --- from documents to cases ---------------------------------------------------------------------


def document_dates(documents) -> dict[str, str]:
    """doc_id → its date (ISO, as documents.csv gives it), else its ``year`` column, else ''."""
    dates = documents["date"] if "date" in documents else [""] * len(documents)
    years = documents["year"] if "year" in documents else [""] * len(documents)
    return {d: (date or year or "") for d, date, year in zip(documents["doc_id"], dates, years, strict=True)}


def paragraph_cases(text: str, paragraphs: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """``(start offset, case_id)`` of each paragraph ``(text, case_id)`` of a document, found in
    order in its cleaned text (a paragraph not found keeps the case of the one before)."""
    starts, at = [], 0
    for paragraph, case_id in paragraphs:
        found = text.find(paragraph, at) if paragraph else -1
        if found >= 0:
            starts.append((found, case_id))
            at = found + len(paragraph)
    return starts


def case_at(starts: list[tuple[int, str]], start: int, end: int) -> str:
    """The case of the paragraph that holds the middle of a passage ('' for a preamble)."""
    middle = (start + end) // 2
    case = ""
    for offset, case_id in starts:
        if offset > middle:
            break
        case = case_id
    return case


def counted(row: dict) -> bool:
    """Whether a passage counts in the case tables: not boilerplate, and not a pair of two later
    copies of a passage whose source is known (passim: the source of a cluster is its earliest
    document, not every pair)."""
    return not row["boilerplate"] and (
        not row["cluster_source"] or row["cluster_source"] in (row["doc_a"], row["doc_b"])
    )


def case_reuse(passages: list[dict], case_chars: dict[str, int], labels: dict[str, str]) -> list[dict]:
    """Source case → target case: passages, characters of the target reused, their share of the
    target case's text, and the dates; pairs without a direction (undated, same date) as a → b
    with ``direction`` saying so."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in passages:
        if not counted(row) or not row["case_a"] or not row["case_b"] or row["case_a"] == row["case_b"]:
            continue
        if row["direction"] == "b_first":
            key = (row["case_b"], row["case_a"], "dated")
        else:
            key = (row["case_a"], row["case_b"], "dated" if row["direction"] == "a_first" else row["direction"])
        groups[key].append(row)
    out = []
    for (source, target, way), rows in groups.items():
        covered = set()
        for row in rows:
            on_a = row["case_a"] == target if way == "dated" else False
            span = (
                (row["start_a"], row["end_a"], row["doc_a"]) if on_a else (row["start_b"], row["end_b"], row["doc_b"])
            )
            covered.update((span[2], i) for i in range(span[0], span[1]))
        first = rows[0]
        source_side_a = first["case_a"] == source
        out.append(
            {
                "source_case": source,
                "source_label": labels.get(source, source),
                "target_case": target,
                "target_label": labels.get(target, target),
                "direction": way,
                "passages": len(rows),
                "characters": len(covered),
                "share_of_target": round(len(covered) / case_chars[target], 4) if case_chars.get(target) else 0.0,
                "source_date": first["date_a"] if source_side_a else first["date_b"],
                "target_date": first["date_b"] if source_side_a else first["date_a"],
            }
        )
    return sorted(out, key=lambda r: (-r["characters"], r["source_case"], r["target_case"]))


def unit_similarity(
    passages: list[dict], unit_of: dict[str, str], units: list[str], unit_chars: dict[str, int]
) -> np.ndarray:
    """Reuse between units as a similarity: characters of counted passages the two share (either
    direction) over the shorter unit's characters; 1 on the diagonal."""
    index = {u: i for i, u in enumerate(units)}
    shared = np.zeros((len(units), len(units)))
    for row in passages:
        a, b = unit_of.get(row["case_a"], ""), unit_of.get(row["case_b"], "")
        if counted(row) and a in index and b in index and a != b:
            chars = min(row["end_a"] - row["start_a"], row["end_b"] - row["start_b"])
            shared[index[a], index[b]] += chars
            shared[index[b], index[a]] += chars
    sizes = np.array([max(unit_chars.get(u, 1), 1) for u in units], dtype=float)
    similarity = np.clip(shared / np.minimum.outer(sizes, sizes), 0, 1)
    np.fill_diagonal(similarity, 1.0)
    return similarity


PASSAGE_COLUMNS = [
    "doc_a", "doc_b", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b", "chars", "identity", "common",
]  # fmt: skip
OUTPUT_COLUMNS = [
    "doc_a", "doc_b", "case_a", "case_b", "label_a", "label_b", "start_a", "end_a", "start_b", "end_b",
    "text_a", "text_b", "chars", "identity", "date_a", "date_b", "direction", "source", "cluster_documents",
    "cluster_source", "common", "boilerplate",
]  # fmt: skip
CASE_REUSE_COLUMNS = [
    "source_case", "source_label", "target_case", "target_label", "direction", "passages", "characters",
    "share_of_target", "source_date", "target_date",
]  # fmt: skip


def describe(
    passages: list[dict],
    dates: dict[str, str],
    texts: dict[str, str],
    paragraphs,
    cases,
    units,
    unit_of: dict[str, str],
    rule: dict,
) -> dict:
    """The reuse stage's tables: ``passages`` (directed, clustered, flagged, with cases),
    ``case_reuse`` and ``similarity`` (matrix and unit labels, for the views' agreement)."""
    import pandas as pd

    rows = collect(passages, dates, rule)
    starts = {
        doc: paragraph_cases(texts.get(doc, ""), list(zip(group["text"], group["case_id"], strict=True)))
        for doc, group in paragraphs.groupby("doc_id", sort=False)
    }
    labels = dict(zip(cases["case_id"], cases["label"], strict=True))
    for row in rows:
        row["case_a"] = case_at(starts.get(row["doc_a"], []), row["start_a"], row["end_a"])
        row["case_b"] = case_at(starts.get(row["doc_b"], []), row["start_b"], row["end_b"])
        row["label_a"], row["label_b"] = labels.get(row["case_a"], ""), labels.get(row["case_b"], "")
    case_chars = dict(zip(cases["case_id"], pd.to_numeric(cases["n_chars"]), strict=True))
    unit_ids = list(units["case_id"])
    unit_chars = dict(zip(units["case_id"], pd.to_numeric(units["n_chars"]), strict=True))
    return {
        "passages": pd.DataFrame(rows, columns=OUTPUT_COLUMNS),
        "case_reuse": pd.DataFrame(case_reuse(rows, case_chars, labels), columns=CASE_REUSE_COLUMNS),
        "similarity": (unit_similarity(rows, unit_of, unit_ids, unit_chars), list(units["label"])),
    }
