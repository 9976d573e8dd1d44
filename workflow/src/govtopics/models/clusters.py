"""Hierarchical clustering of cases on a similarity matrix, with the number of clusters chosen
by the mean silhouette (on the same distances) unless fixed in the config."""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import squareform

MIN_CASES = (
    3  # fewer cases cannot be clustered: two cases are either together or apart, and silhouette needs 2 ≤ k ≤ n − 1
)


# Below this mean silhouette the cases show no substantial cluster structure (Kaufman & Rousseeuw
# 1990); the summary, the report and the figures' captions quote this one value.
WEAK_SILHOUETTE = 0.25


def distances(similarity: np.ndarray) -> np.ndarray:
    d = 1.0 - np.asarray(similarity, dtype=float)
    d = (d + d.T) / 2
    np.fill_diagonal(d, 0.0)
    return np.clip(d, 0.0, None)


def tree(similarity: np.ndarray, method: str = "average") -> np.ndarray:
    """The linkage matrix of the cases (``method`` on 1 − similarity)."""
    return linkage(squareform(distances(similarity), checks=False), method=method, optimal_ordering=True)


def tree_rows(similarity: np.ndarray, method: str = "average") -> list[dict]:
    """The dendrogram as table rows (one per merge: the two joined nodes, the height, the size),
    written once by the clusters stage and read by every figure, so no figure recomputes it."""
    if len(similarity) < 2:
        return []
    return [
        {"step": i, "left": int(a), "right": int(b), "height": float(h), "size": int(n)}
        for i, (a, b, h, n) in enumerate(tree(similarity, method))
    ]


def tree_from_rows(rows: list[dict]) -> np.ndarray:
    """The linkage matrix back from :func:`tree_rows`."""
    return np.array([[r["left"], r["right"], r["height"], r["size"]] for r in rows], dtype=float).reshape(-1, 4)


def order_from_rows(rows: list[dict], n: int) -> list[int]:
    """Leaf order of a tree read back from :func:`tree_rows` (a single case is its own order)."""
    return [int(i) for i in leaves_list(tree_from_rows(rows))] if rows else list(range(n))


MAX_K = 30  # the default upper end of the silhouette search (clusters.max_k)


def silhouettes(similarity: np.ndarray, method: str = "average", max_k: int = MAX_K) -> list[dict]:
    """Mean silhouette for every k from 2 to min(n − 1, ``max_k``) (none below :data:`MIN_CASES`
    cases). Each k costs a silhouette over n² distances: without the cap, thousands of cases would
    take hours for groupings no one could read."""
    from sklearn.metrics import silhouette_score  # here, so figure jobs importing this module stay quick

    if len(similarity) < MIN_CASES:
        return []
    d = distances(similarity)
    z = tree(similarity, method)
    rows = []
    for k in range(2, min(len(d) - 1, max_k) + 1):
        labels = fcluster(z, t=k, criterion="maxclust")
        n_found = len(set(labels))
        score = silhouette_score(d, labels, metric="precomputed") if 1 < n_found < len(d) else float("nan")
        rows.append({"k": k, "clusters_found": n_found, "silhouette": float(score)})
    return rows


def assign(
    similarity: np.ndarray, method: str = "average", k="auto", max_k: int = MAX_K, min_size: int = 2
) -> tuple[np.ndarray, int, np.ndarray, dict]:
    """Cluster labels (1…k, numbered by first appearance in case order), the k used, each case's
    silhouette, and why that k: ``{"reason": [codes], …numbers}`` (:data:`CHOICE_COLUMNS`; the
    report says the codes in words). 'auto': the highest mean silhouette among the k whose every
    cluster has at least ``min_size`` cases (a silhouette maximum of many single cases is no
    grouping the data support); the best of all k when none does.

    Codes: ``too_few_cases`` (fewer than :data:`MIN_CASES`: one cluster), ``highest_silhouette``
    (with ``max_k_cap`` when clusters.max_k stops the search below n − 1, ``min_size_passed`` when
    a k with smaller clusters scores higher, ``min_size_none`` when no k has clusters that large,
    ``weak_structure`` below :data:`WEAK_SILHOUETTE`), ``capped`` (clusters.k above n − 1) and
    ``fixed`` (clusters.k)."""
    n = len(similarity)
    why: dict = {"cases": n, "min_size": min_size}
    if n < MIN_CASES:
        return np.ones(n, dtype=int), 1, np.full(n, np.nan), {**why, "reason": ["too_few_cases"]}
    z = tree(similarity, method)
    if k == "auto":
        scores = [r for r in silhouettes(similarity, method, max_k) if not np.isnan(r["silhouette"])]
        sized = [r for r in scores if np.bincount(cut(z, r["k"]))[1:].min() >= min_size]
        best = max(sized or scores, key=lambda r: (round(r["silhouette"], 10), -r["k"]))
        overall = max(scores, key=lambda r: (round(r["silhouette"], 10), -r["k"]))
        top = min(n - 1, max_k)
        k = best["k"]
        why.update(reason=["highest_silhouette"], silhouette=best["silhouette"], max_k=top)
        if top < n - 1:
            why["reason"].append("max_k_cap")
        if min_size > 1 and sized and overall["k"] != best["k"]:
            why["reason"].append("min_size_passed")
            why.update(k_any_size=overall["k"], silhouette_any_size=overall["silhouette"])
        elif min_size > 1 and not sized:
            why["reason"].append("min_size_none")
        if best["silhouette"] < WEAK_SILHOUETTE:
            why["reason"].append("weak_structure")
    elif int(k) > n - 1:
        why.update(reason=["capped"], configured_k=int(k))
        k = n - 1
    else:
        k = int(k)
        why["reason"] = ["fixed"]
    from sklearn.metrics import silhouette_samples

    labels = cut(z, k)
    per_case = (
        silhouette_samples(distances(similarity), labels, metric="precomputed")
        if 1 < len(set(labels)) < n
        else np.zeros(n)
    )
    return labels, int(k), per_case, why


def groups(keys, ids: list[str]) -> list[np.ndarray]:
    """For each of ``ids``, the positions in ``keys`` holding it (one pass, not one per id)."""
    found: dict[str, list[int]] = {i: [] for i in ids}
    for position, key in enumerate(keys):
        if key in found:
            found[key].append(position)
    return [np.array(found[i], dtype=int) for i in ids]


def resample(groups: list[np.ndarray], n_items: int, rng: np.random.Generator):
    """A (groups × items) count matrix: each group's items drawn with replacement, as many as it has."""
    from scipy import sparse

    rows, cols = [], []
    for g, items in enumerate(groups):
        if len(items):
            drawn = rng.choice(items, size=len(items), replace=True)
            rows.extend([g] * len(drawn))
            cols.extend(drawn.tolist())
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(groups), n_items))


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def coassignment(runs: list[np.ndarray]) -> np.ndarray:
    """Share of runs in which each pair of cases was put in the same cluster."""
    runs = np.asarray(runs)
    return np.mean([(r[:, None] == r[None, :]).astype(float) for r in runs], axis=0)


def case_stability(reference: np.ndarray, runs: list[np.ndarray]) -> np.ndarray:
    """Per case: mean over runs of the Jaccard similarity between its cluster in the reference
    clustering and its cluster in the run (1: always with the same companions)."""
    n = len(reference)
    if not runs:
        return np.full(n, np.nan)
    scores = np.zeros(n)
    for run in runs:
        for i in range(n):
            scores[i] += _jaccard(set(np.flatnonzero(reference == reference[i])), set(np.flatnonzero(run == run[i])))
    return scores / len(runs)


def cluster_stability(reference: np.ndarray, runs: list[np.ndarray]) -> dict[int, float]:
    """Per reference cluster: mean over runs of its best Jaccard match among the run's clusters
    (Hennig 2007, clusterboot). Above 0.75 a cluster is usually read as stable, below 0.5 as
    dissolved."""
    out = {}
    for c in sorted(set(reference.tolist())):
        members = set(np.flatnonzero(reference == c))
        best = [max(_jaccard(members, set(np.flatnonzero(run == d))) for d in set(run.tolist())) for run in runs]
        out[int(c)] = float(np.mean(best)) if best else float("nan")
    return out


def cut(z: np.ndarray, k: int) -> np.ndarray:
    """The cases' clusters when the tree ``z`` is cut into ``k``, numbered 1, 2, … in the order
    the cases first appear: the numbers of ``assignments.csv``, which every figure colours alike."""
    renumber: dict[int, int] = {}
    return np.array([renumber.setdefault(c, len(renumber) + 1) for c in fcluster(z, t=k, criterion="maxclust")])


def labels_for(similarity: np.ndarray, method: str, k: int) -> np.ndarray:
    """Cluster labels for a fixed k (a bootstrap or seed run: only co-membership is compared)."""
    if len(similarity) < 3 or k < 2:
        return np.ones(len(similarity), dtype=int)
    return cut(tree(similarity, method), k)


# clusters/chosen_k.csv: each view's k and why, as reason codes (see assign, length_check) and
# the numbers the report's sentence quotes; a number a reason does not use is empty
CHOICE_COLUMNS = [
    "view",
    "k",
    "reason",
    "silhouette",
    "cases",
    "max_k",
    "min_size",
    "configured_k",
    "k_any_size",
    "silhouette_any_size",
    "length_groups",
    "length_ari",
]
LENGTH_ARI = 0.5  # agreement with a split by length alone above which the clusters may be length or genre


def length_check(labels: np.ndarray, n_chars, method: str = "average") -> tuple[dict[int, float], dict]:
    """Do the clusters follow the cases' length? A naive baseline: the cases clustered into as
    many groups by the logarithm of their length alone (the same linkage), compared with the
    clusters by the adjusted Rand index (1: the same partition; 0: chance). Clusters that long and
    short texts explain (reports against the one-page resolutions approving them, a page of
    boilerplate) describe genre or length rather than content. Returns each cluster's median
    length in characters and the check's code (``follows_length`` at :data:`LENGTH_ARI` or above,
    else ``length_independent``) with its numbers; nothing for one cluster."""
    from sklearn.metrics import adjusted_rand_score

    chars = np.asarray(n_chars, dtype=float)
    medians = {int(c): float(np.median(chars[labels == c])) for c in sorted(set(labels.tolist()))}
    k = len(medians)
    if k < 2:
        return medians, {}
    logs = np.log10(np.maximum(chars, 1))
    by_length = fcluster(linkage(logs[:, None], method), t=k, criterion="maxclust")
    ari = float(adjusted_rand_score(labels, by_length))
    code = "follows_length" if ari >= LENGTH_ARI else "length_independent"
    return medians, {"reason": [code], "length_groups": k, "length_ari": ari}


def seed_similarities(by_seed, labels: list[str]) -> list[np.ndarray]:
    """Every LDA seed's own case × case similarity, from the rows of ``similarity_by_seed.csv``
    (seed, case_a, case_b, similarity), in the order of ``labels``."""
    position = {label: i for i, label in enumerate(labels)}
    out = []
    for _seed, rows in by_seed.groupby("seed", sort=True):
        matrix = np.eye(len(labels))
        a = rows["case_a"].map(position).to_numpy()
        b = rows["case_b"].map(position).to_numpy()
        values = rows["similarity"].to_numpy(dtype=float)
        matrix[a, b] = values
        matrix[b, a] = values
        out.append(matrix)
    return out


def describe_view(
    view: str,
    similarity: np.ndarray,
    labels_text: list[str],
    n_chars,
    settings: dict,
    refit=None,
    groups_of_items: list[np.ndarray] | None = None,
    n_items: int = 0,
    rng: np.random.Generator | None = None,
    seed_matrices: list[np.ndarray] | None = None,
) -> dict:
    """One view's clusters and how sure they are, as the clusters stage writes them.

    The cases are clustered on ``similarity`` (``settings``: ``method``, ``k``, ``max_k``,
    ``bootstrap_rounds``), with the number of clusters and its reason from :func:`assign` and the
    length check of :func:`length_check`. Bootstrap: ``bootstrap_rounds`` times, each case's items
    (``groups_of_items``, positions among ``n_items``) are resampled with replacement
    (:func:`resample`, drawing from ``rng``), ``refit`` makes the similarity of the resampled
    items, and the cases are reclustered with the same k. Across seeds: the cases reclustered on
    each of ``seed_matrices`` (the LDA view). Fewer than :data:`MIN_CASES` cases are one cluster,
    with nothing resampled.

    Returns ``columns`` (per case: cluster, silhouette, bootstrap stability and, with seeds, seed
    stability, keyed as in ``assignments.csv``), ``clusters`` (rows of ``cluster_stability.csv``),
    ``curves`` (rows of ``silhouette.csv``), ``choice`` (the row of ``chosen_k.csv``: the k and
    why, as codes and numbers) and ``coassignment`` (share of rounds two cases share a
    cluster)."""
    from ..reading.io import progress

    method, rounds = settings["method"], settings["bootstrap_rounds"]
    n = len(labels_text)
    few = n < MIN_CASES
    labels, k, per_case, why = assign(similarity, method, settings["k"], settings["max_k"], settings["min_size"])
    runs = []
    if not few and refit is not None:
        for _ in progress(range(rounds), rounds, f"clusters {view}: bootstrap rounds"):
            runs.append(labels_for(refit(resample(groups_of_items, n_items, rng)), method, k))
    columns = {
        f"cluster_{view}": labels,
        f"silhouette_{view}": per_case,
        f"bootstrap_stability_{view}": case_stability(labels, runs),
    }
    per_cluster = cluster_stability(labels, runs)
    median_chars, length = length_check(labels, n_chars, method)
    choice = {**why, **length, "view": view, "k": k, "reason": "; ".join(why["reason"] + length.get("reason", []))}
    per_seed = {c: float("nan") for c in per_cluster}
    if seed_matrices is not None:
        if few:
            columns[f"seed_stability_{view}"] = np.full(n, np.nan)
        else:
            seed_runs = [labels_for(matrix, method, k) for matrix in seed_matrices]
            columns[f"seed_stability_{view}"] = case_stability(labels, seed_runs)
            per_seed = cluster_stability(labels, seed_runs)
    rows = [
        {
            "view": view,
            "cluster": c,
            "members": "、".join(labels_text[i] for i in np.flatnonzero(labels == c)),
            "median_chars": median_chars[c],
            "bootstrap_stability": score,
            "seed_stability": per_seed[c] if seed_matrices is not None else float("nan"),
        }
        for c, score in per_cluster.items()
    ]
    curves = [
        {"view": view, **row, "chosen": row["k"] == k} for row in silhouettes(similarity, method, settings["max_k"])
    ]
    if few:
        curves.append({"view": view, "k": 1, "clusters_found": 1, "silhouette": np.nan, "chosen": True})
    return {
        "choice": choice,
        "columns": columns,
        "clusters": rows,
        "curves": curves,
        "coassignment": coassignment(runs) if runs else np.ones((n, n)),
    }
