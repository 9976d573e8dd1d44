"""Near-duplicates across the whole corpus: every shard's cleaned documents, compared by MinHash
LSH Ensemble with an exact check (``govtopics.duplicates``).

Inputs: ``results/corpus/shards/*/cleaned.jsonl`` in shard order. Output: ``duplicates.csv``
(pairs of near-duplicate documents with their containment and Jaccard overlap).
"""

import pandas as pd

from govtopics.duplicates import find_duplicates
from govtopics.io import log_to, read_jsonl, write_table

log_to(snakemake.log[0])
doc_ids, texts = [], []
for path in snakemake.input:
    for doc in read_jsonl(path):
        doc_ids.append(doc["doc_id"])
        texts.append(doc["text"])
pairs = find_duplicates(doc_ids, texts, snakemake.params.threshold)
write_table(pd.DataFrame(pairs, columns=["doc_id", "duplicate_of", "containment", "jaccard"]), snakemake.output[0])
