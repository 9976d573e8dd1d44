"""Clean one shard: boilerplate dropped, characters repaired, Simplified, every removal recorded
(``govtopics.text.clean.clean_record``)."""

from pathlib import Path

import pandas as pd

from govtopics.reading.io import progress, read_jsonl, stage, write_jsonl, write_table, write_text
from govtopics.text.clean import CleanRules, clean_record

inp, out, params = stage(snakemake)
rules = CleanRules(**params.clean)
cleaned, table, audit = [], [], []
documents = list(read_jsonl(inp[0]))
Path(out.texts).mkdir(parents=True, exist_ok=True)
for doc in progress(documents, len(documents), "clean: documents"):
    record, row, rows = clean_record(doc, rules)
    cleaned.append(record)
    table.append(row)
    audit.extend(rows)
    write_text(record["text"] + "\n", Path(out.texts) / f"{doc['doc_id']}.txt")
write_jsonl(cleaned, out.documents)
write_table(pd.DataFrame(table), out.table)
write_table(pd.DataFrame(audit, columns=["doc_id", "line", "action", "reason", "text", "count"]), out.audit)
