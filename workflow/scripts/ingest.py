"""Ingest: read the corpus folder or table named in ``corpus.path``.

Inputs: the corpus files (and the metadata table). Outputs: ``raw_documents.jsonl`` (decoded
texts with metadata) and ``ingest_log.csv`` (every file or row, read or skipped, with the reason).
"""

import logging

import pandas as pd

from govtopics.ingest import read_corpus
from govtopics.io import log_to, write_jsonl, write_table

log_to(snakemake.log[0])
corpus = snakemake.params.corpus
documents, log = read_corpus(
    corpus["path"], corpus["text_column"], corpus["id_column"] or None, corpus["metadata"] or None
)
write_jsonl(documents, snakemake.output.documents)
write_table(pd.DataFrame(log), snakemake.output.log_table)
skipped = [row for row in log if row["status"] == "skipped"]
logging.info("read %d documents, skipped %d", len(documents), len(skipped))
for row in skipped:
    logging.warning("skipped %s: %s", row["source"], row["reason"])
