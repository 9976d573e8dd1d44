"""Workbook: every result table as a sheet of ``tables.xlsx``, after a first sheet listing them
(``govtopics.presentation.workbook.write_workbook``)."""

import logging

from govtopics.config import names_of_topics
from govtopics.presentation.workbook import write_workbook
from govtopics.reading.io import read_table, stage

inp, out, params = stage(snakemake)
tables = [
    (name, path, description, None) for (name, _, description), path in zip(params.tables, inp.tables, strict=True)
]
named = names_of_topics(read_table(inp.topic_names))
write_workbook(tables, out[0], named, params.language)
logging.info("%d sheets written", len(tables))
