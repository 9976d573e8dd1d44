"""Topics by covariate: prevalence by level, trends along a numeric column, similarity within and
between levels (``govtopics.comparison.covariates.describe``)."""

from govtopics.comparison import covariates
from govtopics.reading.io import read_matrix, read_table, stage, write_outputs

inp, out, params = stage(snakemake)
# mixtures of the cases themselves, even when the views compare groups of them (the units):
# each paragraph's case comes from paragraphs.csv
paragraph_topics = read_table(inp.paragraph_topics)
case_of = dict(read_table(inp.paragraphs, dtype=str)[["paragraph_id", "case_id"]].itertuples(index=False))
paragraph_topics["case_id"] = paragraph_topics["paragraph_id"].astype(str).map(case_of).fillna("")
case_ids, mixtures = covariates.case_mixtures(paragraph_topics)
by_case = read_table(inp.units, dtype=str)["case_id"].tolist() == case_ids  # case x case views exist only then
found = covariates.describe(
    case_ids,
    mixtures,
    {c["case_id"]: c for c in read_table(inp.cases, dtype=str).to_dict("records")},
    {d["doc_id"]: d for d in read_table(inp.documents, dtype=str).to_dict("records")},
    {view: read_matrix(inp[view])[0] for view in ("tfidf", "lda")} if by_case else {},
    params.covariates,
)
write_outputs(found, out)
