"""Clusters (``govtopics.models.clusters_stage.describe``): hierarchical clustering of the cases on the
TF-IDF and the LDA similarity, the number of clusters chosen by silhouette, and how sure they are
(bootstrap of paragraphs, LDA seeds, length).

Inputs: the three ``similarity.csv`` (TF-IDF, LDA, codebook), ``cases.csv``,
``paragraph_tokens.jsonl``, ``paragraph_topics.csv``, ``similarity_by_seed.csv``, every shard's
paragraph mixtures under every seed (``lda_infer``). Outputs:
``assignments.csv`` (per case: cluster, silhouette and stability under each view),
``silhouette.csv``, ``cluster_stability.csv`` (members, median length, stability), ``coassignment_tfidf.csv`` /
``coassignment_lda.csv`` (share of bootstrap rounds two cases share a cluster), and
``trees.csv`` / ``order.csv`` (each view's dendrogram and case order, which every figure reads).
"""

import pandas as pd

from govtopics.models.clusters_stage import describe
from govtopics.reading.io import log_to, read_jsonl, read_matrix, read_table, write_matrix, write_table
from govtopics.text.cases import read_unit_map, relabel

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
cases = read_table(inp.cases, dtype=str)
index = set(cases["case_id"])
unit_of, _ = read_unit_map(inp.case_units)
found = describe(
    cases,
    {view: read_matrix(inp[view]) for view in ("tfidf", "lda", "codebook")},
    [r for r in relabel(read_jsonl(inp.tokens), unit_of) if r["case_id"] in index],
    read_table(inp.paragraph_topics, dtype={"case_id": str}),
    pd.concat([read_table(path) for path in inp.mixtures], ignore_index=True),
    read_table(inp.by_seed),
    snakemake.params.clusters,
    snakemake.params.sublinear_tf,
    snakemake.params.min_df,
)
for name, result in found.items():
    if name.startswith("coassignment_"):
        write_matrix(*result, out[name])
    else:
        write_table(result, out[name])
