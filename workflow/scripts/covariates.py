"""Topics by covariate (``govtopics.comparison.covariates.describe``): for every column of
``covariates.columns`` (of ``cases.csv`` or ``documents.csv``; ``year`` may come from the date), the
prevalence of each topic by level with a bootstrap interval over cases, along a numeric column the
trend of each topic per decade, and the mean similarity of cases within and between levels in the
TF-IDF and LDA views.

Inputs: the reported model's paragraph mixtures, cases, documents, the similarity matrices and
the comparison units. Outputs in ``results/covariates/``: ``summary.csv`` (per column: levels, cases
with and without a value, what was estimated or why not), ``prevalence.csv``, ``trends.csv``,
``similarity_by_level.csv``.
"""

from govtopics.comparison import covariates
from govtopics.reading.io import log_to, read_matrix, read_table, write_table

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
# mixtures of the cases themselves, even when the views compare groups of them (the units):
# each paragraph's case comes from paragraphs.csv
paragraph_topics = read_table(inp.paragraph_topics)
case_of = dict(read_table(inp.paragraphs, dtype=str)[["paragraph_id", "case_id"]].itertuples(index=False))
paragraph_topics["case_id"] = paragraph_topics["paragraph_id"].astype(str).map(case_of).fillna("")
case_ids, mixtures = covariates.case_mixtures(paragraph_topics)
units = read_table(inp.units, dtype=str)
# the case x case views exist only while the cases are compared one by one
by_case = units["case_id"].tolist() == case_ids
found = covariates.describe(
    case_ids,
    mixtures,
    {c["case_id"]: c for c in read_table(inp.cases, dtype=str).to_dict("records")},
    {d["doc_id"]: d for d in read_table(inp.documents, dtype=str).to_dict("records")},
    {view: read_matrix(inp[view])[0] for view in ("tfidf", "lda")} if by_case else {},
    snakemake.params.covariates,
)
for name, table in found.items():
    write_table(table, out[name])
