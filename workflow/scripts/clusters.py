"""Clusters of the cases in the TF-IDF and LDA views, the number chosen by silhouette, and how sure
they are: bootstrap, LDA seeds, length (``govtopics.models.clusters_stage.describe``)."""

import pandas as pd

from govtopics.models.clusters_stage import describe
from govtopics.reading.io import read_jsonl, read_matrix, read_table, stage, write_outputs
from govtopics.text.cases import read_unit_map, relabel

inp, out, params = stage(snakemake)
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
    params.clusters,
    params.sublinear_tf,
    params.min_df,
)
write_outputs(found, out)
