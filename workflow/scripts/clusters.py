"""Clusters: hierarchical clustering of the cases on the TF-IDF and the LDA similarity.

Inputs: both ``similarity.csv`` and ``cases.csv``. Outputs: ``assignments.csv`` (per case: the
cluster and silhouette under each view) and ``silhouette.csv`` (mean silhouette for every k).
"""

import pandas as pd

from govtopics import clusters
from govtopics.io import log_to, read_matrix, read_table, write_table

log_to(snakemake.log[0])
p = snakemake.params.clusters
cases = read_table(snakemake.input.cases, dtype=str)
table = cases[["case_id", "label", "province", "city", "region"]].copy()
curves = []
for view in ("tfidf", "lda"):
    similarity, _ = read_matrix(snakemake.input[view])
    labels, k, per_case, why = clusters.assign(similarity, p["method"], p["k"])
    table[f"cluster_{view}"] = labels
    table[f"silhouette_{view}"] = per_case
    for row in clusters.silhouettes(similarity, p["method"]):
        curves.append({"view": view, **row, "chosen": row["k"] == k, "reason": why if row["k"] == k else ""})
write_table(table, snakemake.output.assignments)
write_table(pd.DataFrame(curves), snakemake.output.silhouette)
