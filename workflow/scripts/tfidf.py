"""TF-IDF: case profiles, the case × case cosine similarity and each case's nearest cases
(``govtopics.models.tfidf``)."""

import pandas as pd

from govtopics.comparison.compare import NEAREST_COLUMNS, nearest_rows
from govtopics.models import tfidf
from govtopics.reading.io import read_jsonl, read_table, stage, write_matrix, write_sparse, write_table
from govtopics.text.cases import read_unit_map, relabel

inp, out, params = stage(snakemake)
p = params.tfidf
units = read_table(inp.cases)
unit_of, case_label = read_unit_map(inp.case_units)
paragraph_tokens = list(read_jsonl(inp.tokens))
documents = tfidf.case_documents(list(relabel(paragraph_tokens, unit_of)), list(units["case_id"]))
matrix, vocabulary = tfidf.fit_tfidf(documents, p["sublinear_tf"], p["min_df"])
write_matrix(tfidf.similarity(matrix), list(units["label"]), out.similarity)
write_sparse(matrix, vocabulary, out.weights)

# each case's nearest cases, from the cases' own profiles, a block of rows at a time (never N × N)
case_ids = list(unit_of)
if len(case_ids) == len(units) and case_ids == list(units["case_id"]):
    case_matrix = matrix
else:
    case_matrix, _ = tfidf.fit_tfidf(tfidf.case_documents(paragraph_tokens, case_ids), p["sublinear_tf"], p["min_df"])
neighbours = nearest_rows(
    lambda rows: (case_matrix[rows] @ case_matrix.T).toarray(),
    case_ids,
    [case_label[c] for c in case_ids],
    params.nearest,
)
write_table(pd.DataFrame(neighbours, columns=NEAREST_COLUMNS), out.nearest_cases)
