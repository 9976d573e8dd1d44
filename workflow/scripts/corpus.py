"""Corpus: gather the cleaned shards into the corpus the analysis reads, leaving out
near-duplicates and documents with nothing or too little left after cleaning (each with the reason).

Inputs: every shard's ``cleaned.jsonl``, ``documents.csv``, ``audit.csv`` and ``clean/``, and
``duplicates.csv``. Outputs: ``cleaned_documents.jsonl`` (the documents analysed),
``documents.csv`` (one row per document, with every metadata column of the corpus,
``duplicate_of`` and ``excluded``),
``cleaning_audit.csv`` and ``clean/<doc_id>.txt`` (linked, not copied, from the shards).
"""

import logging
import os
import shutil
from pathlib import Path

import pandas as pd

from govtopics.clean import chinese_chars
from govtopics.duplicates import set_aside
from govtopics.ingest import is_blank
from govtopics.io import InputError, log_to, read_jsonl, read_table, write_jsonl, write_table

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
pairs = read_table(inp.duplicates).to_dict("records")
aside = set_aside(pairs) if snakemake.params.drop_duplicates else {}
analysed, left_out, metadata = [], {}, {}
minimum = snakemake.params.min_chinese_chars


def analysed_documents():
    """The documents to analyse, shard by shard, so the corpus is never all in memory."""
    for path in inp.shards:
        for doc in read_jsonl(path):
            metadata[doc["doc_id"]] = doc["metadata"]
            n = chinese_chars(doc["text"])
            if is_blank(doc["text"]):
                left_out[doc["doc_id"]] = "nothing left after cleaning: every line was removed (see cleaning_audit.csv)"
            elif n < minimum:
                left_out[doc["doc_id"]] = (
                    f"too short: {n} Chinese characters left after cleaning, fewer than clean.min_chinese_chars "
                    f"({minimum}; see cleaning_audit.csv)"
                )
            if doc["doc_id"] in left_out:
                logging.warning("%s left out: %s", doc["doc_id"], left_out[doc["doc_id"]])
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
# the user's other metadata columns (a table's year, region, publisher…), so that anything can be
# grouped or traced by them; the union of every shard's columns, sorted, whatever the shard size
extra = sorted({key for meta in metadata.values() for key in meta} - set(table.columns))
for key in extra:
    table.insert(table.columns.get_loc("source"), key, [str(metadata[d].get(key, "")) for d in table["doc_id"]])
table["duplicate_of"] = [aside.get(d, "") for d in table["doc_id"]]
table["excluded"] = [
    left_out.get(d) or (f"near-duplicate of {aside[d]}" if d in aside else "") for d in table["doc_id"]
]
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
