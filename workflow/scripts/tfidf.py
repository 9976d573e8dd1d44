"""TF-IDF: case profiles, their top terms and the case × case cosine similarity.

Inputs: ``paragraph_tokens.jsonl``, ``cases.csv``. Outputs: ``similarity.csv`` (square, case
labels as header and first column) and ``top_terms.csv``.
"""

import pandas as pd

from govtopics import tfidf
from govtopics.io import log_to, read_jsonl, read_table, write_matrix, write_table

log_to(snakemake.log[0])
p = snakemake.params.tfidf
cases = read_table(snakemake.input.cases, dtype=str)
documents = tfidf.case_documents(list(read_jsonl(snakemake.input.tokens)), list(cases["case_id"]))
matrix, vocabulary = tfidf.fit_tfidf(documents, p["sublinear_tf"], p["min_df"])
labels = list(cases["label"])
write_matrix(tfidf.similarity(matrix), labels, snakemake.output.similarity)
write_table(pd.DataFrame(tfidf.top_terms(matrix, vocabulary, labels, p["top_terms"])), snakemake.output.top_terms)
