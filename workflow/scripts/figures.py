"""Figures: every figure its rule lists, as PNG and the formats of figures.formats, in report.language
(``govtopics.presentation.figure_set.draw``)."""

import json
from pathlib import Path

from govtopics.presentation import figure_set, figures
from govtopics.reading.io import read_matrix, read_table, stage

inp, out, params = stage(snakemake)
figures.setup_fonts()
figures.set_language(params.language)
matrices = {key: read_matrix(path) for key, path in inp.items() if key in figure_set.MATRICES}
tables = {
    key: read_table(path, **figure_set.READ.get(key, {}))
    for key, path in inp.items()
    if key not in figure_set.MATRICES and key != "chosen"
}
chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8")) if "chosen" in inp.keys() else None
level = params.level if hasattr(params, "level") else None
min_chars = params.min_chars if hasattr(params, "min_chars") else 30
settings = params.figures
formats = ["png", *(f for f in settings["formats"] if f != "png")]  # the reports embed the PNG
for png in (Path(p) for p in out if p.endswith(".png")):
    figure = figure_set.draw(png.stem, tables, matrices, chosen, level, min_chars)
    figures.save(figure, png.with_suffix(""), settings["dpi"], formats, settings["width_mm"])
