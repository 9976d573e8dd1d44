"""Compare: agreement of the views, distinctive terms of clusters and pairs, nearest cases, MDS map
(``govtopics.comparison.compare.describe``)."""

from govtopics.comparison import compare
from govtopics.reading.io import read_jsonl, read_matrix, read_table, stage, write_outputs
from govtopics.text.cases import read_unit_map, relabel

inp, out, params = stage(snakemake)
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
write_outputs(compare.describe(views, counts, read_table(inp.assignments), params.compare, reuse), out)
