"""Cases: split cleaned documents into governance cases and paragraphs.

Input: ``cleaned_documents.jsonl``. Outputs: ``cases.csv`` (id, label, place, province, city,
region, source document, heading, size) and ``paragraphs.csv`` (every paragraph with its case, or
none for an article's preamble), ``quoted_terms.csv`` (every span the texts put in quotation marks,
whether it is taken as a name to keep whole, and why not).
"""

import logging

import pandas as pd

from govtopics.cases import build_cases
from govtopics.io import log_to, read_jsonl, write_table
from govtopics.tokens import quoted_terms

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
write_table(
    pd.DataFrame(quoted_terms(p["text"] for p in paragraphs), columns=["term", "quoted", "name", "why_not"]),
    snakemake.output.quoted,
)
logging.info("%d cases: %s", len(cases), ", ".join(c["label"] for c in cases))
