"""Units: what the views compare. The cases themselves, or above ``compare.max_square_cases``
cases, groups of cases by ``compare.aggregate_by``.

Inputs: ``cases.csv``, ``documents.csv``. Outputs: ``units.csv`` (the columns of ``cases.csv``
and ``n_cases``; a group's id is ``<column>=<value>``) and ``case_units.csv`` (each case's unit,
and why cases were grouped).
"""

import logging

import pandas as pd

from govtopics.reading.io import log_to, read_table, write_table
from govtopics.text.cases import UNIT_COLUMNS, comparison_units

log_to(snakemake.log[0])
p = snakemake.params
cases = read_table(snakemake.input.cases, dtype=str).to_dict("records")
documents = {d["doc_id"]: d for d in read_table(snakemake.input.documents, dtype=str).to_dict("records")}
units, unit_of, why = comparison_units(cases, documents, p.max_cases, p.by)
write_table(pd.DataFrame(units, columns=UNIT_COLUMNS), snakemake.output.units)
write_table(
    pd.DataFrame(
        [{"case_id": c["case_id"], "label": c["label"], "unit_id": unit_of[c["case_id"]], "why": why} for c in cases],
        columns=["case_id", "label", "unit_id", "why"],
    ),
    snakemake.output.case_units,
)
logging.info(why or f"{len(units)} cases compared as they are")
