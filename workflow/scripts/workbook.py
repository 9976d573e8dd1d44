"""Workbook: every result table as a sheet of ``results/<run>/tables.xlsx``, after a first sheet that
lists them (see ``govtopics.presentation.workbook``)."""

import logging

from govtopics.config import names_of_topics
from govtopics.presentation.workbook import write_workbook
from govtopics.reading.io import log_to, read_table

log_to(snakemake.log[0])
tables = [
    (name, path, description, None)
    for (name, _, description), path in zip(snakemake.params.tables, snakemake.input.tables, strict=True)
]
named = names_of_topics(read_table(snakemake.input.topic_names))
write_workbook(tables, snakemake.output[0], named, snakemake.params.language)
logging.info("%d sheets written", len(tables))
