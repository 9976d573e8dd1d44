"""The clusters stage (the ``clusters`` rule's one entry, :func:`describe`): hierarchical
clustering of the cases on the TF-IDF and the LDA similarity, with the number of clusters chosen
by silhouette, and how sure they are.

Stability is measured twice. Bootstrap: each case's paragraphs are resampled with replacement,
the features refitted (TF-IDF profiles from the resampled tokens; LDA similarity from the
resampled paragraphs' topic shares, every seed's, averaged as the view does), the cases
reclustered with the same k, ``clusters.bootstrap_rounds`` times. Across LDA seeds: the cases are
reclustered on every seed's LDA similarity. Against length: the clusters are compared with as many
groups of the cases by length alone. Every view (the codebook's too) gets its dendrogram and case
order, which every figure reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import clusters, lda, tfidf

CURVE_COLUMNS = ["view", "k", "clusters_found", "silhouette", "chosen"]
CLUSTER_COLUMNS = ["view", "cluster", "members", "median_chars", "bootstrap_stability", "seed_stability"]


def _seed_shares(topics: pd.DataFrame, inferred: pd.DataFrame) -> list[np.ndarray]:
    """Every seed's own paragraph mixtures (the LDA similarity is the mean of the seeds'), in the
    rows of paragraph_topics.csv, as token-weighted shares."""
    return [
        frame.set_index("paragraph_id").reindex(topics["paragraph_id"]).filter(like="topic_").to_numpy(dtype=float)
        * topics["tokens"].to_numpy()[:, None]
        for _, frame in inferred.groupby("seed", sort=True)
    ]


def describe(
    cases: pd.DataFrame,
    views: dict,
    token_rows: list[dict],
    topics: pd.DataFrame,
    inferred: pd.DataFrame,
    by_seed: pd.DataFrame,
    settings: dict,
    sublinear_tf: bool,
    min_df: int,
) -> dict:
    """Every table of the clusters stage.

    ``cases``: the compared units (``units.csv``, read as text); ``views``: view → (similarity,
    labels) for ``tfidf``, ``lda`` and ``codebook``; ``token_rows``: the paragraphs of the units
    (relabelled to them), with their tokens; ``topics``: ``paragraph_topics.csv``; ``inferred``:
    every shard's mixtures of ``lda_infer``; ``by_seed``: ``similarity_by_seed.csv``;
    ``settings``: the ``clusters`` section of the config; ``sublinear_tf`` and ``min_df``: the
    TF-IDF view's own settings, to refit it. Returns DataFrames keyed by the rule's output names,
    the co-assignment matrices as (matrix, labels)."""
    case_ids = list(cases["case_id"])
    rng = np.random.default_rng(settings["seed"])
    counts, _ = tfidf.paragraph_counts([r["tokens"] for r in token_rows])
    token_groups = clusters.groups([r["case_id"] for r in token_rows], case_ids)
    topic_groups = clusters.groups(topics["case_id"], case_ids)
    seed_shares = _seed_shares(topics, inferred)

    def tfidf_sim(resampled):
        return tfidf.similarity_from_counts(resampled @ counts, sublinear_tf, min_df)

    def lda_sim(resampled):
        """The LDA similarity of resampled paragraphs as the view makes it: every seed's, averaged."""
        found = []
        for shares in seed_shares:
            totals = np.asarray(resampled @ shares)
            sums = totals.sum(axis=1, keepdims=True)
            found.append(
                lda.js_similarity(np.where(sums > 0, totals / np.where(sums > 0, sums, 1), 1 / shares.shape[1]))
            )
        return lda.consensus_similarity(found)

    table = cases[["case_id", "label", "province", "city", "region"]].copy()
    out: dict = {}
    curves, cluster_rows, choices = [], [], []
    seed_matrices = None
    for view, groups, n_items, refit in (
        ("tfidf", token_groups, counts.shape[0], tfidf_sim),
        ("lda", topic_groups, len(topics), lda_sim),
    ):
        similarity, labels = views[view]
        if view == "lda":
            seed_matrices = clusters.seed_similarities(by_seed, labels)
        found = clusters.describe_view(
            view,
            similarity,
            labels,
            cases["n_chars"].astype(float),
            settings,
            refit,
            groups,
            n_items,
            rng,
            seed_matrices,
        )
        for column, values in found["columns"].items():
            table[column] = values
        out[f"coassignment_{view}"] = (found["coassignment"], labels)
        cluster_rows.extend(found["clusters"])
        curves.extend(found["curves"])
        choices.append(found["choice"])
    trees, orders = [], []
    for view in ("tfidf", "lda", "codebook"):
        similarity, labels = views[view]
        rows = clusters.tree_rows(similarity, settings["method"])
        trees.extend({"view": view, **row} for row in rows)
        order = clusters.order_from_rows(rows, len(labels))
        orders.extend({"view": view, "position": i, "case_index": j, "case": labels[j]} for i, j in enumerate(order))
    return {
        **out,
        "trees": pd.DataFrame(trees, columns=["view", "step", "left", "right", "height", "size"]),
        "order": pd.DataFrame(orders, columns=["view", "position", "case_index", "case"]),
        "assignments": table,
        "silhouette": pd.DataFrame(curves, columns=CURVE_COLUMNS),
        "chosen_k": pd.DataFrame(choices, columns=clusters.CHOICE_COLUMNS),
        "cluster_stability": pd.DataFrame(cluster_rows, columns=CLUSTER_COLUMNS),
    }
