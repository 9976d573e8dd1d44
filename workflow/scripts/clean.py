"""Clean: drop boilerplate, repair characters, convert to Simplified, record every removal, and
set aside near-duplicate documents.

Input: ``raw_documents.jsonl``. Outputs: ``cleaned_documents.jsonl`` (the documents analysed),
``documents.csv`` (one row per document: metadata found or supplied, cleaning counts, duplicate
status), ``cleaning_audit.csv`` (every removed line or span with its reason), ``duplicates.csv``
(pairs of near-duplicate documents with their overlap) and ``clean/<doc_id>.txt``.
"""

import logging
from pathlib import Path

import pandas as pd

from govtopics.clean import CleanRules, clean_document
from govtopics.duplicates import find_duplicates, set_aside
from govtopics.ingest import is_blank
from govtopics.io import InputError, log_to, progress, read_jsonl, write_jsonl, write_table, write_text

log_to(snakemake.log[0])
rules = CleanRules(**snakemake.params.clean)
cleaned, table, audit = [], [], []
documents = list(read_jsonl(snakemake.input[0]))
for doc in progress(documents, len(documents), "clean: documents"):
    meta = doc["metadata"]
    result = clean_document(doc["text"], rules, title=meta.get("title", ""))
    merged = {**result["fields"], **{k: v for k, v in meta.items() if v}}  # the user's metadata wins
    cleaned.append({"doc_id": doc["doc_id"], "text": result["text"], "metadata": merged})
    table.append(
        {
            "doc_id": doc["doc_id"],
            **{key: merged.get(key, "") for key in ("title", "date", "publisher", "authors")},
            "source": doc["source"],
            "encoding": doc["encoding"],
            "sha256": doc["sha256"],
            **result["stats"],
        }
    )
    audit.extend({"doc_id": doc["doc_id"], **row} for row in result["audit"])
    write_text(result["text"] + "\n", Path(snakemake.output.texts) / f"{doc['doc_id']}.txt")

pairs = find_duplicates([d["doc_id"] for d in cleaned], [d["text"] for d in cleaned], rules.duplicate_threshold)
aside = set_aside(pairs) if rules.drop_duplicates else {}
empty = {d["doc_id"] for d in cleaned if is_blank(d["text"])}
for row in table:
    row["duplicate_of"] = aside.get(row["doc_id"], "")
    row["excluded"] = (
        "nothing left after cleaning: every line was removed (see cleaning_audit.csv)"
        if row["doc_id"] in empty
        else (f"near-duplicate of {aside[row['doc_id']]}" if row["doc_id"] in aside else "")
    )
    if row["doc_id"] in empty:
        logging.warning("%s left out: nothing left after cleaning", row["doc_id"])
analysed = [d for d in cleaned if d["doc_id"] not in aside and d["doc_id"] not in empty]
if not analysed:
    raise InputError(
        "no document has any text left after cleaning (results/corpus/cleaning_audit.csv says why each line "
        "was removed): check the corpus, or loosen the 'clean' patterns in config/config.yaml"
    )
write_jsonl(analysed, snakemake.output.documents)
write_table(pd.DataFrame(table), snakemake.output.table)
write_table(
    pd.DataFrame(audit, columns=["doc_id", "line", "action", "reason", "text", "count"]), snakemake.output.audit
)
write_table(
    pd.DataFrame(pairs, columns=["doc_id", "duplicate_of", "containment", "jaccard"]), snakemake.output.duplicates
)
