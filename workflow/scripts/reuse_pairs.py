"""Reuse pairs: documents sharing enough 6-grams, spread over ``reuse.shards`` parts
(``govtopics.comparison.reuse.pair_documents``)."""

import pandas as pd

from govtopics.comparison.reuse import pair_documents
from govtopics.reading.io import read_jsonl, stage, write_array, write_table

inp, out, params = stage(snakemake)
settings = params.reuse
doc_ids, texts = [], []
for doc in read_jsonl(inp[0]):
    doc_ids.append(doc["doc_id"])
    texts.append(doc["text"])
pairs, common = pair_documents(texts, settings)
rows = [
    {"doc_a": doc_ids[a], "doc_b": doc_ids[b], "shared_grams": shared, "part": n % settings["shards"]}
    for n, (a, b, shared) in enumerate(pairs)
]
write_table(pd.DataFrame(rows, columns=["doc_a", "doc_b", "shared_grams", "part"]), out.pairs)
write_array(common, out.common)
