"""Compare (``govtopics.comparison.compare.describe``): how far the three views agree, what makes cases and
clusters differ, each case's nearest cases, and a map.

Inputs: the three similarity matrices and reuse's, ``cases.csv``, ``paragraph_tokens.jsonl``,
``assignments.csv``. Outputs in ``results/compare/``: ``agreement.csv`` (Spearman of
off-diagonal entries, Mantel permutation p-value), ``keyness_cases.csv`` and
``keyness_clusters.csv`` (G² and log ratio against the rest), ``nearest.csv`` (``compare.nearest`` nearest cases
per view with the distinctive terms they share), ``mds.csv`` (2-D coordinates and stress).
"""

from govtopics.comparison import compare
from govtopics.reading.io import log_to, read_jsonl, read_matrix, read_table, write_table
from govtopics.text.cases import read_unit_map, relabel

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
views = {"tfidf": read_matrix(inp.tfidf), "lda": read_matrix(inp.lda), "codebook": read_matrix(inp.codebook)}
cases = read_table(inp.cases, dtype=str)
unit_of, _ = read_unit_map(inp.case_units)
counts = compare.case_token_counts(
    relabel(read_jsonl(inp.tokens), unit_of),
    views["tfidf"][1],
    dict(zip(cases["case_id"], cases["label"], strict=True)),
)
reuse, reuse_labels = read_matrix(inp.reuse)
if reuse_labels != views["tfidf"][1]:
    raise ValueError(f"{inp.reuse}: cases differ from the other views' (rerun the reuse step)")
found = compare.describe(views, counts, read_table(inp.assignments), snakemake.params.compare, reuse)
for name, table in found.items():
    write_table(table, out[name])
