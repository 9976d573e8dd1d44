"""TF-IDF top terms: each case's ``tfidf.top_terms`` highest-weighted terms, read from the weights
the TF-IDF step wrote.

Inputs: ``weights.npz`` (+ terms), ``cases.csv``. Output: ``top_terms.csv`` (case, rank, term, weight).
"""

import pandas as pd

from govtopics.models import tfidf
from govtopics.reading.io import log_to, read_sparse, read_table, write_table

log_to(snakemake.log[0])
matrix, vocabulary = read_sparse(snakemake.input.weights)
labels = list(read_table(snakemake.input.cases)["label"])
rows = tfidf.top_terms(matrix, vocabulary, labels, snakemake.params.top_terms)
write_table(pd.DataFrame(rows, columns=["case", "rank", "term", "weight"]), snakemake.output.top_terms)
