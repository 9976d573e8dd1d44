"""Cases: split cleaned documents into governance cases and paragraphs.

Input: ``cleaned_documents.jsonl``. Outputs: ``cases.csv`` (id, label, place, province, city,
region, source document, heading, size) and ``paragraphs.csv`` (every paragraph with its case, or
none for an article's preamble).
"""

import logging

import pandas as pd

from govtopics.cases import build_cases
from govtopics.io import log_to, read_jsonl, write_table

log_to(snakemake.log[0])
params = snakemake.params.cases
cases, paragraphs = build_cases(
    list(read_jsonl(snakemake.input.documents)),
    params["max_heading_chars"],
    snakemake.params.label_column,
    params["overrides"],
)
write_table(pd.DataFrame(cases), snakemake.output.cases)
write_table(pd.DataFrame(paragraphs), snakemake.output.paragraphs)
logging.info("%d cases: %s", len(cases), ", ".join(c["label"] for c in cases))
