"""Reuse, step 3 (``govtopics.comparison.reuse.describe``): passages gathered, clustered, directed by date,
boilerplate flagged, and placed in cases.

Inputs: every ``reuse/parts/*.csv``, ``corpus/documents.csv`` (dates), ``corpus/paragraphs.csv``
and ``corpus/cleaned_documents.jsonl`` (which case a passage is in), ``corpus/cases.csv``,
``corpus/units.csv`` and ``corpus/case_units.csv``. Outputs in ``results/reuse/``: ``passages.csv``
(one row a passage two documents share), ``case_reuse.csv`` (source case → target case) and
``similarity.csv`` (reuse between the compared units, for the views' agreement).
"""

import pandas as pd

from govtopics.comparison.reuse import describe, document_dates
from govtopics.reading.io import log_to, read_jsonl, read_table, write_matrix, write_table
from govtopics.text.cases import read_unit_map

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
parts = [read_table(path, dtype={"doc_a": str, "doc_b": str, "text_a": str, "text_b": str}) for path in inp.parts]
passages = pd.concat(parts).fillna({"text_a": "", "text_b": ""}).to_dict("records") if parts else []
documents = read_table(inp.documents, dtype=str).fillna("")
unit_of, _ = read_unit_map(inp.case_units)
found = describe(
    passages,
    dates=document_dates(documents),
    texts={doc["doc_id"]: doc["text"] for doc in read_jsonl(inp.texts)},
    paragraphs=read_table(inp.paragraphs, dtype=str).fillna(""),
    cases=read_table(inp.cases, dtype=str),
    units=read_table(inp.units, dtype=str),
    unit_of=unit_of,
    rule=snakemake.params.boilerplate,
)
write_table(found["passages"], out.passages)
write_table(found["case_reuse"], out.case_reuse)
write_matrix(*found["similarity"], out.similarity)
