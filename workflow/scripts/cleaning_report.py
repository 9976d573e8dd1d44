"""Cleaning report: one HTML page with, per document, the counts of what cleaning removed and
the raw text (removed lines struck through with the reason) beside the cleaned text.

Inputs: ``raw/<shard>.jsonl``, ``documents.csv``, ``cleaning_audit.csv``, ``duplicates.csv``,
``clean/``. Output: ``results/cleaning.html``.
"""

from pathlib import Path

from govtopics.presentation.report import build_cleaning_page
from govtopics.reading.io import log_to, read_jsonl, read_table, write_text

log_to(snakemake.log[0])
inp = snakemake.input
documents = read_table(inp.documents)
raw = {d["doc_id"]: d["text"] for path in inp.raw for d in read_jsonl(path)}
cleaned = {p.stem: p.read_text(encoding="utf-8") for p in Path(inp.texts).glob("*.txt")}
page = build_cleaning_page(documents, raw, read_table(inp.audit), cleaned, read_table(inp.duplicates))
write_text(page, snakemake.output[0])
