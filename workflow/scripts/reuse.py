"""Reuse: the aligned passages of every part gathered, sources by date, boilerplate marked, and
passages summed by pair of cases (``govtopics.comparison.reuse.describe``)."""

import pandas as pd

from govtopics.comparison.reuse import describe, document_dates
from govtopics.reading.io import read_jsonl, read_table, stage, write_outputs
from govtopics.text.cases import read_unit_map

inp, out, params = stage(snakemake)
parts = [read_table(path, dtype={"doc_a": str, "doc_b": str, "text_a": str, "text_b": str}) for path in inp.parts]
passages = pd.concat(parts).fillna({"text_a": "", "text_b": ""}).to_dict("records") if parts else []
unit_of, _ = read_unit_map(inp.case_units)
found = describe(
    passages,
    dates=document_dates(read_table(inp.documents, dtype=str).fillna("")),
    texts={doc["doc_id"]: doc["text"] for doc in read_jsonl(inp.texts)},
    paragraphs=read_table(inp.paragraphs, dtype=str).fillna(""),
    cases=read_table(inp.cases, dtype=str),
    units=read_table(inp.units, dtype=str),
    unit_of=unit_of,
    rule=params.boilerplate,
)
write_outputs(found, out)
