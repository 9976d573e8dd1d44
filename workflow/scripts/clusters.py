"""Clusters: hierarchical clustering of the cases on the TF-IDF and the LDA similarity, with the
number of clusters chosen by silhouette, and how sure they are.

Stability is measured twice. Bootstrap: each case's paragraphs are resampled with replacement,
the features refitted (TF-IDF profiles from the resampled tokens; LDA similarity from the
resampled paragraphs' topic shares, every seed's, averaged as the view does), the cases
reclustered with the same k, ``clusters.bootstrap_rounds`` times. Across LDA seeds: the cases
are reclustered on every seed's LDA similarity. Against length: the clusters are compared with as
many groups of the cases by length alone (the reason for k says when they agree, as reports and
one-page resolutions would).

Inputs: the three ``similarity.csv`` (TF-IDF, LDA, codebook), ``cases.csv``,
``paragraph_tokens.jsonl``, ``paragraph_topics.csv``, ``similarity_by_seed.csv``, every shard's
paragraph mixtures under every seed (``lda_infer``). Outputs:
``assignments.csv`` (per case: cluster, silhouette and stability under each view),
``silhouette.csv``, ``cluster_stability.csv`` (members, median length, stability), ``coassignment_tfidf.csv`` /
``coassignment_lda.csv`` (share of bootstrap rounds two cases share a cluster), and
``trees.csv`` / ``order.csv`` (each view's dendrogram and case order, which every figure reads).
"""

import numpy as np
import pandas as pd

from govtopics import clusters, lda, tfidf
from govtopics.cases import read_unit_map, relabel
from govtopics.io import log_to, progress, read_jsonl, read_matrix, read_table, write_matrix, write_table

log_to(snakemake.log[0])
p = snakemake.params.clusters
inp, out = snakemake.input, snakemake.output
cases = read_table(inp.cases, dtype=str)
case_ids = list(cases["case_id"])
index = {c: i for i, c in enumerate(case_ids)}
rng = np.random.default_rng(p["seed"])

# Paragraph-level features, grouped by case, for the bootstrap.
unit_of, _ = read_unit_map(inp.case_units)
token_rows = [r for r in relabel(read_jsonl(inp.tokens), unit_of) if r["case_id"] in index]
counts, _ = tfidf.paragraph_counts([r["tokens"] for r in token_rows])
token_groups = clusters.groups([r["case_id"] for r in token_rows], case_ids)
topics = read_table(inp.paragraph_topics, dtype={"case_id": str})
topic_groups = clusters.groups(topics["case_id"], case_ids)
# every seed's own paragraph mixtures (the LDA similarity is the mean of the seeds'), in the rows
# of paragraph_topics.csv, as token-weighted shares
inferred = pd.concat([read_table(path) for path in inp.mixtures], ignore_index=True)
seed_shares = [
    frame.set_index("paragraph_id").reindex(topics["paragraph_id"]).filter(like="topic_").to_numpy(dtype=float)
    * topics["tokens"].to_numpy()[:, None]
    for _, frame in inferred.groupby("seed", sort=True)
]


def tfidf_sim(resampled):
    return tfidf.similarity_from_counts(resampled @ counts, snakemake.params.sublinear_tf, snakemake.params.min_df)


def lda_sim(resampled):
    """The LDA similarity of resampled paragraphs as the view makes it: every seed's, averaged."""
    views = []
    for shares in seed_shares:
        totals = np.asarray(resampled @ shares)
        sums = totals.sum(axis=1, keepdims=True)
        views.append(lda.js_similarity(np.where(sums > 0, totals / np.where(sums > 0, sums, 1), 1 / shares.shape[1])))
    return lda.consensus_similarity(views)


table = cases[["case_id", "label", "province", "city", "region"]].copy()
curves, cluster_rows = [], []
few = len(case_ids) < clusters.MIN_CASES  # one cluster by definition: nothing to resample or compare
by_seed = read_table(inp.by_seed)
for view, groups, n_items, refit in (
    ("tfidf", token_groups, counts.shape[0], tfidf_sim),
    ("lda", topic_groups, len(topics), lda_sim),
):
    similarity, labels_text = read_matrix(inp[view])
    labels, k, per_case, why = clusters.assign(similarity, p["method"], p["k"], p["max_k"])
    runs = [
        clusters.labels_for(refit(clusters.resample(groups, n_items, rng)), p["method"], k)
        for _ in progress(
            range(0 if few else p["bootstrap_rounds"]), p["bootstrap_rounds"], f"clusters {view}: bootstrap rounds"
        )
    ]
    table[f"cluster_{view}"] = labels
    table[f"silhouette_{view}"] = per_case
    table[f"bootstrap_stability_{view}"] = clusters.case_stability(labels, runs)
    coassigned = clusters.coassignment(runs) if runs else np.ones((len(case_ids), len(case_ids)))
    write_matrix(coassigned, labels_text, out[f"coassignment_{view}"])
    per_cluster = clusters.cluster_stability(labels, runs)
    median_chars, length_note = clusters.length_check(labels, cases["n_chars"].astype(float), p["method"])
    why = f"{why.rstrip('. ')}. {length_note}" if length_note else why
    seed_runs = []
    if view == "lda" and few:
        table["seed_stability_lda"] = np.nan
        per_seed_cluster = {c: float("nan") for c in per_cluster}
    elif view == "lda":
        position = {label: i for i, label in enumerate(labels_text)}
        for _seed, rows in by_seed.groupby("seed"):
            matrix = np.eye(len(labels_text))
            for r in rows.itertuples():
                matrix[position[r.case_a], position[r.case_b]] = matrix[position[r.case_b], position[r.case_a]] = (
                    r.similarity
                )
            seed_runs.append(clusters.labels_for(matrix, p["method"], k))
        table["seed_stability_lda"] = clusters.case_stability(labels, seed_runs)
        per_seed_cluster = clusters.cluster_stability(labels, seed_runs)
    for c, score in per_cluster.items():
        members = [labels_text[i] for i in np.flatnonzero(labels == c)]
        cluster_rows.append(
            {
                "view": view,
                "cluster": c,
                "members": "、".join(members),
                "median_chars": median_chars[c],
                "bootstrap_stability": score,
                "seed_stability": per_seed_cluster[c] if view == "lda" else float("nan"),
            }
        )
    for row in clusters.silhouettes(similarity, p["method"], p["max_k"]):
        curves.append({"view": view, **row, "chosen": row["k"] == k, "reason": why if row["k"] == k else ""})
    if few:
        curves.append({"view": view, "k": 1, "clusters_found": 1, "silhouette": np.nan, "chosen": True, "reason": why})
trees, orders = [], []
for view in ("tfidf", "lda", "codebook"):
    similarity, labels_text = read_matrix(inp[view])
    rows = clusters.tree_rows(similarity, p["method"])
    trees.extend({"view": view, **row} for row in rows)
    order = clusters.order_from_rows(rows, len(labels_text))
    orders.extend({"view": view, "position": i, "case_index": j, "case": labels_text[j]} for i, j in enumerate(order))
write_table(pd.DataFrame(trees, columns=["view", "step", "left", "right", "height", "size"]), out.trees)
write_table(pd.DataFrame(orders, columns=["view", "position", "case_index", "case"]), out.order)
write_table(table, out.assignments)
write_table(
    pd.DataFrame(curves, columns=["view", "k", "clusters_found", "silhouette", "chosen", "reason"]), out.silhouette
)
write_table(
    pd.DataFrame(
        cluster_rows, columns=["view", "cluster", "members", "median_chars", "bootstrap_stability", "seed_stability"]
    ),
    out.cluster_stability,
)
