"""Cases of one shard: documents split into cases and paragraphs, heading lines and quoted spans
counted (``govtopics.text.cases.split_cases``); gathered by ``cases.py``."""

import pandas as pd

from govtopics.reading.io import read_jsonl, read_table, stage, write_table
from govtopics.text.cases import CASE_COLUMNS, HEADING_COLUMNS, PARAGRAPH_COLUMNS, heading_table, split_cases
from govtopics.text.tokens import count_quoted

inp, out, params = stage(snakemake)
settings = params.cases
table = read_table(inp.table, dtype=str)
analysed = set(table.loc[table["excluded"] == "", "doc_id"])
documents = [doc for doc in read_jsonl(inp.documents) if doc["doc_id"] in analysed]
cases, paragraphs = split_cases(documents, settings["max_heading_chars"], params.label_column, settings["overrides"])
write_table(pd.DataFrame(cases, columns=CASE_COLUMNS), out.cases)
write_table(pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS), out.paragraphs)
headings = heading_table(documents, paragraphs, settings["max_heading_chars"], settings["overrides"])
write_table(pd.DataFrame(headings, columns=HEADING_COLUMNS), out.headings)
quoted = count_quoted(p["text"] for p in paragraphs)
write_table(pd.DataFrame(sorted(quoted.items()), columns=["term", "quoted"]), out.quoted)
