"""Reuse, step 1 (``govtopics.comparison.reuse.pair_documents``): which documents may share passages.

Input: ``corpus/cleaned_documents.jsonl``. Outputs: ``reuse/pairs.csv`` (doc_a, doc_b, shared
index grams, the alignment part that takes the pair) and ``reuse/common_grams.npy`` (hashes of the
12-character strings found in many documents, for the boilerplate flag).
"""

import pandas as pd

from govtopics.comparison.reuse import pair_documents
from govtopics.reading.io import log_to, read_jsonl, write_array, write_table

log_to(snakemake.log[0])
params = snakemake.params.reuse
doc_ids, texts = [], []
for doc in read_jsonl(snakemake.input[0]):
    doc_ids.append(doc["doc_id"])
    texts.append(doc["text"])
pairs, common = pair_documents(texts, params)
rows = [
    {"doc_a": doc_ids[a], "doc_b": doc_ids[b], "shared_grams": shared, "part": n % params["shards"]}
    for n, (a, b, shared) in enumerate(pairs)
]
write_table(pd.DataFrame(rows, columns=["doc_a", "doc_b", "shared_grams", "part"]), snakemake.output.pairs)
write_array(common, snakemake.output.common)
