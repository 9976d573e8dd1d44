"""Report: one self-contained HTML page in report.language (``govtopics.presentation.report_page.page``)
and the BibTeX of what its methods paragraph cites."""

import json
from pathlib import Path

from govtopics.presentation.report_page import page
from govtopics.reading.io import read_table, stage, write_text

inp, out, params = stage(snakemake)
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
    params.config,
    json.loads(Path(inp.chosen).read_text(encoding="utf-8")),
    json.loads(Path(inp.provenance).read_text(encoding="utf-8")),
)
write_text(html, out.html)
write_text(bibtex, out.references)
