"""Cases of one shard: split the shard's analysed documents into governance cases and paragraphs,
and count the spans they put in quotation marks.

Inputs: the shard's ``cleaned.jsonl`` and the corpus's ``documents.csv`` (which documents are
analysed: near-duplicates and documents with too little text are left out there, with the reason).
Outputs in ``results/corpus/shards/<shard>/``: ``cases.csv`` (labels not yet made unique across
the corpus), ``paragraphs.csv``, ``headings.csv`` (every line of a case heading's form: the case it
starts, or why none) and ``quoted.csv`` (span, count), gathered by the ``cases`` rule.
"""

import pandas as pd

from govtopics.reading.io import log_to, read_jsonl, read_table, write_table
from govtopics.text.cases import CASE_COLUMNS, HEADING_COLUMNS, PARAGRAPH_COLUMNS, heading_table, split_cases
from govtopics.text.tokens import count_quoted

log_to(snakemake.log[0])
inp, out, params = snakemake.input, snakemake.output, snakemake.params.cases
table = read_table(inp.table, dtype=str)
analysed = set(table.loc[table["excluded"] == "", "doc_id"])
documents = [doc for doc in read_jsonl(inp.documents) if doc["doc_id"] in analysed]
cases, paragraphs = split_cases(
    documents, params["max_heading_chars"], snakemake.params.label_column, params["overrides"]
)
write_table(pd.DataFrame(cases, columns=CASE_COLUMNS), out.cases)
write_table(pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS), out.paragraphs)
headings = heading_table(documents, paragraphs, params["max_heading_chars"], params["overrides"])
write_table(pd.DataFrame(headings, columns=HEADING_COLUMNS), out.headings)
quoted = count_quoted(p["text"] for p in paragraphs)
write_table(pd.DataFrame(sorted(quoted.items()), columns=["term", "quoted"]), out.quoted)
