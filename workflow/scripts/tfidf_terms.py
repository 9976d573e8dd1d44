"""Top TF-IDF terms of each case, from the saved weights (``govtopics.models.tfidf.top_terms``)."""

import pandas as pd

from govtopics.models import tfidf
from govtopics.reading.io import read_sparse, read_table, stage, write_table

inp, out, params = stage(snakemake)
matrix, vocabulary = read_sparse(inp.weights)
labels = list(read_table(inp.cases)["label"])
rows = tfidf.top_terms(matrix, vocabulary, labels, params.top_terms)
write_table(pd.DataFrame(rows, columns=["case", "rank", "term", "weight"]), out.top_terms)
