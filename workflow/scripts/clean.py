"""Clean one shard: drop boilerplate, repair characters, convert to Simplified, record every removal.

Input: ``results/corpus/raw/<shard>.jsonl``. Outputs in ``results/corpus/shards/<shard>/``:
``cleaned.jsonl`` (every document, cleaned), ``documents.csv`` (one row per document: metadata
found or supplied and where each came from, cleaning counts), ``audit.csv`` (every removed line or span with its reason)
and ``clean/<doc_id>.txt``. Near-duplicates are found across shards afterwards.
"""

from pathlib import Path

import pandas as pd

from govtopics.reading.io import log_to, progress, read_jsonl, write_jsonl, write_table, write_text
from govtopics.text.clean import CleanRules, clean_record

log_to(snakemake.log[0])
rules = CleanRules(**snakemake.params.clean)
cleaned, table, audit = [], [], []
documents = list(read_jsonl(snakemake.input[0]))
Path(snakemake.output.texts).mkdir(parents=True, exist_ok=True)
for doc in progress(documents, len(documents), "clean: documents"):
    record, row, rows = clean_record(doc, rules)
    cleaned.append(record)
    table.append(row)
    audit.extend(rows)
    write_text(record["text"] + "\n", Path(snakemake.output.texts) / f"{doc['doc_id']}.txt")
write_jsonl(cleaned, snakemake.output.documents)
write_table(pd.DataFrame(table), snakemake.output.table)
write_table(
    pd.DataFrame(audit, columns=["doc_id", "line", "action", "reason", "text", "count"]), snakemake.output.audit
)
