"""Codebook (``govtopics.comparison.codebook.describe``): hits of every governance-mechanism category of
``config/codebook.yaml`` in every case, per 10,000 tokens, each hit traceable in a
keyword-in-context table; and the case × case cosine similarity of the category profiles.

Inputs: ``cases.csv``, ``paragraphs.csv``, ``paragraph_tokens.jsonl``, ``config/codebook.yaml``.
Outputs: ``results/codebook/case_categories.csv``, ``kwic.csv``, ``similarity.csv``.
"""

from govtopics.comparison import codebook
from govtopics.config import load_resource
from govtopics.reading.io import log_to, read_jsonl, read_table, write_matrix, write_table
from govtopics.text.cases import read_unit_map, relabel

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
unit_of, _ = read_unit_map(inp.case_units)
found = codebook.describe(
    load_resource(inp.codebook, inp.schema)["categories"],
    read_table(inp.cases, dtype=str),
    relabel(read_table(inp.paragraphs, dtype=str).to_dict("records"), unit_of),
    relabel(read_jsonl(inp.tokens), unit_of),
)
write_table(found["rates"], out.rates)
write_table(found["kwic"], out.kwic)
write_matrix(*found["similarity"], out.similarity)
