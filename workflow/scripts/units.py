"""Units: what the views compare, the cases or groups of them (``govtopics.text.cases.unit_tables``)."""

import logging

from govtopics.reading.io import read_table, stage, write_outputs
from govtopics.text.cases import unit_tables

inp, out, params = stage(snakemake)
cases = read_table(inp.cases, dtype=str).to_dict("records")
documents = {d["doc_id"]: d for d in read_table(inp.documents, dtype=str).to_dict("records")}
found = unit_tables(cases, documents, params.max_cases, params.by)
why = found.pop("why")
write_outputs(found, out)
logging.info(why or f"{len(found['units'])} cases compared as they are")
