"""Near-duplicates across the whole corpus, streamed shard by shard (``govtopics.text.duplicates.duplicate_pairs``)."""

from govtopics.reading.io import read_jsonl, stage, write_table
from govtopics.text.duplicates import duplicate_pairs

inp, out, params = stage(snakemake)
doc_ids = []


def texts():
    """The documents' texts, shard by shard: each is turned into shingles and let go."""
    for path in inp:
        for doc in read_jsonl(path):
            doc_ids.append(doc["doc_id"])
            yield doc["text"]


write_table(duplicate_pairs(doc_ids, texts(), params.threshold), out[0])
