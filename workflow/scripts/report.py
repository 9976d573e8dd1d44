"""Report: one self-contained HTML page with every figure and table, captions that say how to
read them, the parameters, input checksums and a generated methods paragraph
(``govtopics.presentation.report_page.page``, in report.language).

Inputs: the tables and figures of every stage. Outputs: ``results/report.html`` and
``results/references.bib``.
"""

import json
from pathlib import Path

from govtopics.presentation.report_page import page
from govtopics.reading.io import log_to, read_table, write_text

log_to(snakemake.log[0])
inp = snakemake.input
NOT_TABLES = {"figures", "captions", "chosen", "provenance"}
READ = {  # how a table is read where the default is not right
    "covariate_summary": {"dtype": {"column": str}},
    "case_units": {"dtype": str},
    "paragraphs": {"usecols": ["paragraph_id", "text"]},
    "case_reuse": {"dtype": {"source_label": str, "target_label": str, "source_date": str, "target_date": str}},
    "reuse_passages": {"dtype": str},
}
files = {key: str(path) for key, path in inp.items() if key not in NOT_TABLES}
tables = {key: read_table(path, **READ.get(key, {})) for key, path in files.items()}
html, bibtex = page(
    tables,
    files,
    {Path(p).stem: p for p in inp.figures},
    Path(inp.captions[0]).parent,
    snakemake.params.config,
    json.loads(Path(inp.chosen).read_text(encoding="utf-8")),
    json.loads(Path(inp.provenance).read_text(encoding="utf-8")),
)
write_text(html, snakemake.output.html)
write_text(bibtex, snakemake.output.references)
