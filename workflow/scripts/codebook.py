"""Codebook: each case's rate of every governance-mechanism category, the hits in context, and the
cosine similarity of the rates (``govtopics.comparison.codebook.describe``)."""

from govtopics.comparison import codebook
from govtopics.config import load_resource
from govtopics.reading.io import read_jsonl, read_table, stage, write_outputs
from govtopics.text.cases import read_unit_map, relabel

inp, out, params = stage(snakemake)
unit_of, _ = read_unit_map(inp.case_units)
found = codebook.describe(
    load_resource(inp.codebook, inp.schema)["categories"],
    read_table(inp.cases, dtype=str),
    relabel(read_table(inp.paragraphs, dtype=str).to_dict("records"), unit_of),
    relabel(read_jsonl(inp.tokens), unit_of),
)
write_outputs(found, out)
