"""Figures: draws every figure its rule lists as output (``govtopics.presentation.figure_set.draw``), as PNG and
the formats of figures.formats, in report.language.

Inputs: the tables each figure needs (see ``workflow/rules/report.smk``), with the case order and
the dendrograms written by the clusters stage. Outputs: ``results/figures/``.
"""

import json
from pathlib import Path

from govtopics.presentation import figure_set, figures
from govtopics.reading.io import log_to, read_matrix, read_table

log_to(snakemake.log[0])
figures.setup_fonts()
figures.set_language(snakemake.params.language)
inp = snakemake.input
matrices = {key: read_matrix(path) for key, path in inp.items() if key in figure_set.MATRICES}
tables = {
    key: read_table(path, **figure_set.READ.get(key, {}))
    for key, path in inp.items()
    if key not in figure_set.MATRICES and key != "chosen"
}
chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8")) if "chosen" in inp.keys() else None
level = snakemake.params.level if hasattr(snakemake.params, "level") else None
min_chars = snakemake.params.min_chars if hasattr(snakemake.params, "min_chars") else 30
settings = snakemake.params.figures
formats = ["png", *(f for f in settings["formats"] if f != "png")]  # the reports embed the PNG
for png in (Path(p) for p in snakemake.output if p.endswith(".png")):
    figure = figure_set.draw(png.stem, tables, matrices, chosen, level, min_chars)
    figures.save(figure, png.with_suffix(""), settings["dpi"], formats, settings["width_mm"])
