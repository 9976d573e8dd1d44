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
from govtopics.io import log_to, read_jsonl, read_matrix, read_table, write_matrix, write_table

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
seed_matrices = None
for view, groups, n_items, refit in (
    ("tfidf", token_groups, counts.shape[0], tfidf_sim),
    ("lda", topic_groups, len(topics), lda_sim),
):
    similarity, labels_text = read_matrix(inp[view])
    if view == "lda":
        seed_matrices = clusters.seed_similarities(read_table(inp.by_seed), labels_text)
    found = clusters.describe_view(
        view,
        similarity,
        labels_text,
        cases["n_chars"].astype(float),
        p,
        refit,
        groups,
        n_items,
        rng,
        seed_matrices,
    )
    for column, values in found["columns"].items():
        table[column] = values
    write_matrix(found["coassignment"], labels_text, out[f"coassignment_{view}"])
    cluster_rows.extend(found["clusters"])
    curves.extend(found["curves"])
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
