"""Cleaning report: every document raw beside cleaned, removals marked with their reason
(``govtopics.presentation.report.build_cleaning_page``)."""

from pathlib import Path

from govtopics.presentation.report import build_cleaning_page
from govtopics.reading.io import read_jsonl, read_table, stage, write_text

inp, out, params = stage(snakemake)
documents = read_table(inp.documents)
raw = {d["doc_id"]: d["text"] for path in inp.raw for d in read_jsonl(path)}
cleaned = {p.stem: p.read_text(encoding="utf-8") for p in Path(inp.texts).glob("*.txt")}
page = build_cleaning_page(documents, raw, read_table(inp.audit), cleaned, read_table(inp.duplicates))
write_text(page, out[0])
