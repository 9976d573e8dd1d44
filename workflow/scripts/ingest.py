"""Ingest: read the corpus folder or table named in ``corpus.path`` and split it into shards.

Inputs: the corpus files (and the metadata table). Outputs: ``results/corpus/raw/<shard>.jsonl``
(decoded texts with metadata, at most ``corpus.shard_size`` documents and ``corpus.shard_chars``
characters per shard, in corpus order: the later stages run one job per shard) and
``ingest_log.csv`` (every file or row, read or skipped, with the reason).
"""

import logging
from pathlib import Path

import pandas as pd

from govtopics.reading.ingest import COLUMN_KEYS, read_corpus, shard
from govtopics.reading.io import log_to, write_jsonl, write_table

log_to(snakemake.log[0])
corpus = snakemake.params.corpus
columns = {field: corpus[f"{key}_column"] for field, key in COLUMN_KEYS.items()}
documents, log = read_corpus(
    corpus["path"],
    corpus["text_column"],
    corpus["id_column"] or None,
    corpus["metadata"] or None,
    columns,
    corpus["sheet"],
    corpus["shard_chars"],
)
shards = shard(documents, corpus["shard_size"], corpus["shard_chars"])
for number, part in enumerate(shards):
    write_jsonl(part, Path(snakemake.output.raw) / f"shard{number:05d}.jsonl")
write_table(pd.DataFrame(log), snakemake.output.log_table)
skipped = [row for row in log if row["status"] == "skipped"]
logging.info("read %d documents into %d shard(s), skipped %d", len(documents), len(shards), len(skipped))
for row in skipped:
    logging.warning("skipped %s: %s", row["source"], row["reason"])
