"""Clean: drop boilerplate, repair characters, convert to Simplified, record every removal.

Input: ``raw_documents.jsonl``. Outputs: ``cleaned_documents.jsonl``, ``documents.csv`` (one row
per document: metadata and cleaning counts), ``cleaning_audit.csv`` (every removed line or span
with its reason) and ``clean/<doc_id>.txt`` (the cleaned text, to read next to the raw file).
"""

from pathlib import Path

import pandas as pd
from govtopics.clean import CleanRules, clean_document
from govtopics.io import log_to, read_jsonl, write_jsonl, write_table, write_text

log_to(snakemake.log[0])
rules = CleanRules(**snakemake.params.clean)
cleaned, table, audit = [], [], []
for doc in read_jsonl(snakemake.input[0]):
    meta = doc["metadata"]
    result = clean_document(doc["text"], rules, title=meta.get("title", ""))
    found = result["fields"]
    cleaned.append({"doc_id": doc["doc_id"], "text": result["text"], "metadata": {**found, **meta}})
    table.append(
        {
            "doc_id": doc["doc_id"],
            "title": meta.get("title") or found.get("title", ""),
            "date": meta.get("date") or found.get("date", ""),
            "publisher": meta.get("publisher") or found.get("publisher", ""),
            "source": doc["source"],
            "encoding": doc["encoding"],
            "sha256": doc["sha256"],
            **result["stats"],
        }
    )
    audit.extend({"doc_id": doc["doc_id"], **row} for row in result["audit"])
    write_text(result["text"] + "\n", Path(snakemake.output.texts) / f"{doc['doc_id']}.txt")
write_jsonl(cleaned, snakemake.output.documents)
write_table(pd.DataFrame(table), snakemake.output.table)
write_table(
    pd.DataFrame(audit, columns=["doc_id", "line", "action", "reason", "text", "count"]),
    snakemake.output.audit,
)
