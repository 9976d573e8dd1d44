"""TF-IDF: case profiles and the case × case cosine similarity.

Inputs: ``paragraph_tokens.jsonl``, ``cases.csv``. Outputs: ``similarity.csv`` (square, case
labels as header and first column) and ``weights.npz`` with ``weights.npz.terms.txt`` (the
cases × terms TF-IDF weights, read by the top-terms listing, so listing more terms refits nothing).
"""

from govtopics import tfidf
from govtopics.io import log_to, read_jsonl, read_table, write_matrix, write_sparse

log_to(snakemake.log[0])
p = snakemake.params.tfidf
cases = read_table(snakemake.input.cases)
documents = tfidf.case_documents(list(read_jsonl(snakemake.input.tokens)), list(cases["case_id"]))
matrix, vocabulary = tfidf.fit_tfidf(documents, p["sublinear_tf"], p["min_df"])
write_matrix(tfidf.similarity(matrix), list(cases["label"]), snakemake.output.similarity)
write_sparse(matrix, vocabulary, snakemake.output.weights)
