"""Near-duplicates across the whole corpus: every shard's cleaned documents, each looked up by its
rarest shingles in an index of all of them and checked exactly (``govtopics.text.duplicates``).

Inputs: ``results/corpus/shards/*/cleaned.jsonl`` in shard order. Output: ``duplicates.csv``
(pairs of near-duplicate documents with their containment and Jaccard overlap).
"""

from govtopics.reading.io import log_to, read_jsonl, write_table
from govtopics.text.duplicates import duplicate_pairs

log_to(snakemake.log[0])
doc_ids = []


def texts():
    """The documents' texts, shard by shard: each is turned into shingles and let go."""
    for path in snakemake.input:
        for doc in read_jsonl(path):
            doc_ids.append(doc["doc_id"])
            yield doc["text"]


write_table(duplicate_pairs(doc_ids, texts(), snakemake.params.threshold), snakemake.output[0])
