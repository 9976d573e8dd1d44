"""Comparing the views and the cases: agreement between similarity matrices, keyness, nearest
cases, and a two-dimensional map."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
from scipy.stats import rankdata, spearmanr
from sklearn.manifold import MDS


def agreement(a: np.ndarray, b: np.ndarray, permutations: int = 999, seed: int = 1) -> dict:
    """Spearman correlation of the off-diagonal entries of two case × case matrices, with a
    Mantel permutation p-value (cases relabelled at random in one matrix; one-sided, > 0).

    When it is not defined (fewer than three pairs; one matrix gives every pair the same value,
    as a codebook with no hit does) ``spearman`` and ``p_value`` are NaN and ``note`` says why:
    a NaN correlation must never be counted as a significant one. ``note`` also warns when the
    cases are too few for the p-value to become small. ``note`` is a code (``too_few_pairs``,
    ``constant_view``, ``exact_test``; the report says it in words with ``cases``, ``pairs`` and
    ``permutations``).
    """
    n = len(a)
    upper = np.triu_indices(n, 1)
    x, y = np.asarray(a, dtype=float)[upper], np.asarray(b, dtype=float)[upper]
    undefined = {"spearman": float("nan"), "p_value": float("nan"), "cases": n, "pairs": len(x), "permutations": 0}
    if len(x) < 3:
        return {**undefined, "note": "too_few_pairs"}
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return {**undefined, "note": "constant_view"}
    observed = float(spearmanr(x, y).statistic)
    # Spearman's rho is Pearson's r of the ranks. Relabelling the cases of b only moves its values
    # (and so its ranks) between pairs, so each relabelling is one gather of b's rank matrix and one
    # dot product: n = 2000 cases take milliseconds per permutation, not seconds.
    rank_x = rankdata(x)
    rank_x = (rank_x - rank_x.mean()) / np.linalg.norm(rank_x - rank_x.mean())
    rank_y = rankdata(y)
    rank_y = (rank_y - rank_y.mean()) / np.linalg.norm(rank_y - rank_y.mean())
    ranks_b = np.zeros((n, n))
    ranks_b[upper] = rank_y
    ranks_b += ranks_b.T
    fast_observed = float(rank_x @ rank_y)

    def at_least_observed(order) -> bool:
        return float(rank_x @ ranks_b[order[upper[0]], order[upper[1]]]) >= fast_observed - 1e-12

    if math.factorial(n) <= permutations:  # few cases: the exact test over every relabelling
        orders = [np.array(o) for o in itertools.permutations(range(n))]
        p_value = float(sum(map(at_least_observed, orders)) / len(orders))
        return {
            "spearman": observed,
            "p_value": p_value,
            "cases": n,
            "pairs": len(x),
            "permutations": len(orders),
            "note": "exact_test",
        }
    rng = np.random.default_rng(seed)
    hits = sum(at_least_observed(rng.permutation(n)) for _ in range(permutations))
    return {
        "spearman": observed,
        "p_value": float((hits + 1) / (permutations + 1)),
        "cases": n,
        "pairs": len(x),
        "permutations": permutations,
        "note": "",
    }


def keyness(
    target: dict[str, int],
    reference: dict[str, int],
    top: int = 20,
    min_count: int = 3,
    reference_size: int | None = None,
    min_g2: float = 0.0,
) -> list[dict]:
    """Terms over-represented in ``target`` against ``reference`` (counts of tokens), with G² at
    least ``min_g2`` (``compare.keyness_min_g2``; 3.84 is p < 0.05 with one degree of freedom).

    ``reference`` need only hold the terms of ``target`` when ``reference_size`` (its total count)
    is given: a case against the rest of a large corpus then costs the case's vocabulary, not the
    corpus's (see :func:`rest_of`).

    Log-likelihood G² (Dunning 1993; Rayson & Garside 2000) for significance, log ratio (base 2,
    with 0.5 added to zero counts; Hardie 2014) for effect size; only over-used terms with at
    least ``min_count`` occurrences in the target, ranked by G².
    """
    n1 = sum(target.values())
    n2 = sum(reference.values()) if reference_size is None else reference_size
    rows = []
    for term, a in target.items():
        b = reference.get(term, 0)
        if a < min_count or n1 == 0 or n2 == 0:
            continue
        e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
        if a <= e1:
            continue
        g2 = 2 * (a * math.log(a / e1) + (b * math.log(b / e2) if b else 0.0))
        log_ratio = math.log2(((a or 0.5) / n1) / ((b or 0.5) / n2))
        if g2 < min_g2:
            continue
        rows.append({"term": term, "count": a, "count_rest": b, "g2": g2, "log_ratio": log_ratio})
    rows.sort(key=lambda r: (-round(r["g2"], 9), r["term"]))
    return rows[:top]


def rest_of(target: dict[str, int], total: dict[str, int]) -> tuple[dict[str, int], int]:
    """The counts of the rest of the corpus (``total`` minus ``target``) on the terms of ``target``,
    and the rest's size: what :func:`keyness` reads, without copying the corpus's vocabulary."""
    return {term: total[term] - count for term, count in target.items()}, sum(total.values()) - sum(target.values())


def nearest(similarity: np.ndarray, labels: list[str], n: int = 3) -> list[dict]:
    """Each case's ``n`` most similar other cases, from a square matrix."""
    return [
        {key: row[key] for key in ("case", "rank", "neighbour", "similarity")}
        for row in nearest_rows(lambda rows: similarity[rows], labels, labels, n)
    ]


NEAREST_COLUMNS = ["case_id", "case", "rank", "neighbour_id", "neighbour", "similarity"]


def nearest_rows(
    block_similarity, ids: list[str], labels: list[str], n: int = 3, block: int | None = None
) -> list[dict]:
    """Each item's ``n`` most similar others, without an N × N matrix: ``block_similarity(rows)``
    gives the similarities of the items at indices ``rows`` to all items (a len(rows) × N array;
    by default blocks of about 20 million cells). Ties go to the label first in sort order, so
    the table is the same on every run."""
    block = block or max(1, 20_000_000 // max(1, len(ids)))
    order_key = np.argsort(np.argsort(np.array(labels, dtype=object), kind="stable"), kind="stable")
    out = []
    for start in range(0, len(ids), block):
        rows = np.arange(start, min(start + block, len(ids)))
        sims = np.round(np.asarray(block_similarity(rows), dtype=float), 12)
        sims[np.arange(len(rows)), rows] = -np.inf  # not its own neighbour
        take = min(n, len(ids) - 1)
        # the n-th highest value of each row; only values at or above it can be chosen, so a row's
        # full sort (10 s at ten thousand cases) becomes a sort of a few candidates
        nth = -np.partition(-sims, take - 1, axis=1)[:, take - 1] if take > 0 else None
        for r, i in enumerate(rows):
            values = sims[r]
            candidates = np.flatnonzero(values >= nth[r]) if take > 0 else np.array([], dtype=int)
            chosen = candidates[np.lexsort((order_key[candidates], -values[candidates]))][:take]
            out.extend(
                {
                    "case_id": ids[i],
                    "case": labels[i],
                    "rank": rank,
                    "neighbour_id": ids[j],
                    "neighbour": labels[j],
                    "similarity": float(sims[r, j]),
                }
                for rank, j in enumerate(chosen, 1)
            )
    return out


def mds(similarity: np.ndarray, seed: int = 1) -> tuple[np.ndarray, float]:
    """Metric MDS of 1 − similarity in two dimensions: coordinates and Kruskal's stress-1.

    One or two cases are placed exactly (at the origin; on a line at their distance), stress 0."""
    d = 1.0 - np.asarray(similarity, dtype=float)
    d = (d + d.T) / 2
    np.fill_diagonal(d, 0)
    if len(d) < 3:
        half = d[0, -1] / 2
        return np.array([[-half, 0.0], [half, 0.0]][: len(d)]) if len(d) == 2 else np.zeros((len(d), 2)), 0.0
    model = MDS(
        n_components=2,
        metric_mds=True,
        metric="precomputed",
        init="random",
        random_state=seed,
        n_init=4,
        normalized_stress=False,
    )
    coords = model.fit_transform(d)
    fitted = np.sqrt(((coords[:, None, :] - coords[None, :, :]) ** 2).sum(-1))
    upper = np.triu_indices(len(d), 1)
    stress = float(np.sqrt(((d[upper] - fitted[upper]) ** 2).sum() / (d[upper] ** 2).sum())) if len(d) > 2 else 0.0
    return coords, stress


KEYNESS_COLUMNS = ["term", "count", "count_rest", "g2", "log_ratio"]
NEAREST_VIEW_COLUMNS = ["view", "case", "rank", "neighbour", "similarity", "shared_distinctive_terms"]


def case_token_counts(token_rows, labels: list[str], label_of: dict[str, str]) -> dict[str, Counter]:
    """Each compared unit's token counts (by its label), from paragraph rows already relabelled
    to their units; rows of no unit in ``label_of`` (preambles) are not counted."""
    counts = {label: Counter() for label in labels}
    for row in token_rows:
        if row["case_id"] in label_of:
            counts[label_of[row["case_id"]]].update(row["tokens"])
    return counts


def _keyness_rows(inside: Counter, total: Counter, settings: dict) -> list[dict]:
    rest, size = rest_of(inside, total)
    return keyness(inside, rest, settings["keyness_top"], reference_size=size, min_g2=settings["keyness_min_g2"])


def describe(views: dict, counts: dict[str, Counter], assignments, settings: dict, reuse=None) -> dict:
    """Every table of the compare stage: how far the views agree (``agreement``), what makes each
    case and each cluster differ from the rest (``keyness_cases``, ``keyness_clusters``), each
    case's nearest cases per view with the distinctive terms they share (``nearest``) and a 2-D
    map per view (``mds``).

    ``views``: view → (similarity matrix, labels), the same cases in the same order in every view;
    ``counts``: :func:`case_token_counts`; ``assignments``: ``clusters/assignments.csv``;
    ``settings``: the ``compare`` section of the config; ``reuse``: the reuse similarity matrix
    (same cases, same order), compared with each view in the agreement table only (does shared
    wording track shared subject?)."""
    labels = next(iter(views.values()))[1]
    agreement_rows = [
        {"view_a": a, "view_b": b, **agreement(views[a][0], views[b][0], settings["permutations"], settings["seed"])}
        for a, b in itertools.combinations(views, 2)
    ]
    for view, (matrix, _) in views.items() if reuse is not None else ():
        row = agreement(matrix, reuse, settings["permutations"], settings["seed"])
        upper = np.triu_indices(len(reuse), 1)
        if len(upper[0]) >= 3 and np.ptp(np.asarray(reuse)[upper]) == 0:
            row["note"] = "no_shared_passage"
        agreement_rows.append({"view_a": view, "view_b": "reuse", **row})
    total = Counter()
    for counted in counts.values():
        total.update(counted)
    by_case = [
        {"case": label, "rank": rank, **row}
        for label in labels
        for rank, row in enumerate(_keyness_rows(counts[label], total, settings), 1)
    ]
    by_cluster = []
    for view in ("tfidf", "lda"):
        members = assignments.groupby(f"cluster_{view}")["label"].apply(list).to_dict()
        if len(members) < 2:
            continue
        for cluster, names in members.items():
            inside = Counter()
            for name in names:
                inside.update(counts[name])
            for rank, row in enumerate(_keyness_rows(inside, total, settings), 1):
                by_cluster.append({"view": view, "cluster": cluster, "members": "、".join(names), "rank": rank, **row})
    distinctive = {label: set() for label in labels}
    for row in by_case:
        distinctive[row["case"]].add(row["term"])
    near = []
    for view, (matrix, _) in views.items():
        for row in nearest(matrix, labels, settings["nearest"]):
            shared = sorted(distinctive[row["case"]] & distinctive[row["neighbour"]])
            near.append({"view": view, **row, "shared_distinctive_terms": "、".join(shared)})
    maps = []
    for view, (matrix, _) in views.items():
        coords, stress = mds(matrix, settings["seed"])
        clusters = assignments.set_index("label")[f"cluster_{view}"] if f"cluster_{view}" in assignments else None
        for label, (x, y) in zip(labels, coords, strict=True):
            cluster = int(clusters[label]) if clusters is not None else 0
            maps.append({"view": view, "case": label, "x": x, "y": y, "stress": stress, "cluster": cluster})
    return {
        "agreement": pd.DataFrame(agreement_rows),  # NaN (undefined) is written as an empty cell, with a note
        "keyness_cases": pd.DataFrame(by_case, columns=["case", "rank", *KEYNESS_COLUMNS]),
        "keyness_clusters": pd.DataFrame(by_cluster, columns=["view", "cluster", "members", "rank", *KEYNESS_COLUMNS]),
        "nearest": pd.DataFrame(near, columns=NEAREST_VIEW_COLUMNS),
        "mds": pd.DataFrame(maps),
    }
