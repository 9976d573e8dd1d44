"""Ingest: the corpus folder or table of ``corpus.path`` read (``govtopics.reading.ingest.read_corpus``)
and split into shards of ``corpus.shard_size`` documents, with every file or row read or skipped logged."""

import logging
from pathlib import Path

import pandas as pd

from govtopics.reading.ingest import COLUMN_KEYS, read_corpus, shard
from govtopics.reading.io import stage, write_jsonl, write_table

inp, out, params = stage(snakemake)
corpus = params.corpus
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
    write_jsonl(part, Path(out.raw) / f"shard{number:05d}.jsonl")
write_table(pd.DataFrame(log), out.log_table)
skipped = [row for row in log if row["status"] == "skipped"]
logging.info("read %d documents into %d shard(s), skipped %d", len(documents), len(shards), len(skipped))
for row in skipped:
    logging.warning("skipped %s: %s", row["source"], row["reason"])
