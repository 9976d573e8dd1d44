"""Corpus: the cleaned shards gathered, near-duplicates and documents with too little text left out,
each with the reason (``govtopics.text.clean.document_table``)."""

import logging
import os
import shutil
from pathlib import Path

import pandas as pd

from govtopics.reading.io import InputError, read_jsonl, read_table, stage, write_jsonl, write_table
from govtopics.text.clean import document_table, why_left_out
from govtopics.text.duplicates import set_aside

inp, out, params = stage(snakemake)
pairs = read_table(inp.duplicates)
aside = set_aside(pairs) if params.drop_duplicates else {}
analysed, left_out, metadata = [], {}, {}


def analysed_documents():
    """The documents to analyse, shard by shard, so the corpus is never all in memory."""
    for path in inp.shards:
        for doc in read_jsonl(path):
            metadata[doc["doc_id"]] = doc["metadata"]
            why = why_left_out(doc["text"], params.min_chinese_chars)
            if why:
                left_out[doc["doc_id"]] = why
                logging.warning("%s left out: %s", doc["doc_id"], why)
            elif doc["doc_id"] not in aside:
                analysed.append(doc["doc_id"])
                yield doc


write_jsonl(analysed_documents(), out.documents)
if not analysed:
    raise InputError(
        "no document has any text left after cleaning (results/corpus/cleaning_audit.csv says why each line "
        "was removed): check the corpus, or loosen the 'clean' patterns in config/config.yaml"
    )
# every cell read as the text it was written as, so joining shards cannot change a number's format
table = pd.concat([read_table(path, dtype=str) for path in inp.tables], ignore_index=True)
table = document_table(table, metadata, aside, left_out)
write_table(table, out.table)
write_table(pd.concat([read_table(path, dtype=str) for path in inp.audits], ignore_index=True), out.audit)
Path(out.texts).mkdir(parents=True, exist_ok=True)
for folder in inp.texts:
    # the texts only: a hard link to Snakemake's own .snakemake_timestamp in the shard folder would be
    # touched with this job's output folder, making the shard look newer than this job's outputs
    for text in sorted(Path(folder).glob("*.txt")):
        target = Path(out.texts) / text.name
        try:
            os.link(text, target)
        except OSError:  # another file system: copy
            shutil.copy2(text, target)
