"""Hierarchical clustering of cases on a similarity matrix, with the number of clusters chosen
by the mean silhouette (on the same distances) unless fixed in the config."""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.metrics import silhouette_samples, silhouette_score


def distances(similarity: np.ndarray) -> np.ndarray:
    d = 1.0 - np.asarray(similarity, dtype=float)
    d = (d + d.T) / 2
    np.fill_diagonal(d, 0.0)
    return np.clip(d, 0.0, None)


def tree(similarity: np.ndarray, method: str = "average") -> np.ndarray:
    """The linkage matrix of the cases (``method`` on 1 − similarity)."""
    return linkage(squareform(distances(similarity), checks=False), method=method, optimal_ordering=True)


def order(similarity: np.ndarray, method: str = "average") -> list[int]:
    """Leaf order of the dendrogram: the case order for heatmaps."""
    return [int(i) for i in leaves_list(tree(similarity, method))]


def silhouettes(similarity: np.ndarray, method: str = "average") -> list[dict]:
    """Mean silhouette for every k from 2 to n − 1."""
    d = distances(similarity)
    z = tree(similarity, method)
    rows = []
    for k in range(2, len(d)):
        labels = fcluster(z, t=k, criterion="maxclust")
        n_found = len(set(labels))
        score = silhouette_score(d, labels, metric="precomputed") if 1 < n_found < len(d) else float("nan")
        rows.append({"k": k, "clusters_found": n_found, "silhouette": float(score)})
    return rows


def assign(similarity: np.ndarray, method: str = "average", k="auto") -> tuple[np.ndarray, int, np.ndarray, str]:
    """Cluster labels (1…k, numbered by first appearance in case order), the k used, each case's
    silhouette, and why that k."""
    n = len(similarity)
    if n < 3:
        return np.ones(n, dtype=int), 1, np.zeros(n), "fewer than three cases: one cluster"
    z = tree(similarity, method)
    if k == "auto":
        scores = [r for r in silhouettes(similarity, method) if not np.isnan(r["silhouette"])]
        best = max(scores, key=lambda r: (round(r["silhouette"], 10), -r["k"]))
        k, why = (
            best["k"],
            f"k = {best['k']}: highest mean silhouette ({best['silhouette']:.3f}) over k = 2…{n - 1}",
        )
    else:
        k = min(int(k), n)
        why = f"k = {k} fixed in config (clusters.k)"
    raw = fcluster(z, t=k, criterion="maxclust")
    renumber: dict[int, int] = {}
    labels = np.array([renumber.setdefault(c, len(renumber) + 1) for c in raw])
    per_case = (
        silhouette_samples(distances(similarity), labels, metric="precomputed")
        if 1 < len(set(labels)) < n
        else np.zeros(n)
    )
    return labels, int(k), per_case, why
