"""The seed articles in every shape a researcher's corpus arrives in, counted against the .txt run.

Writes the five seeds as raw and bare .txt folders, a GBK CSV with Chinese column names, an .xlsx
with date cells, saved web pages, Word files and (with LibreOffice) PDFs (``tests/shapes.py``), feeds
each to what the ingest, clean and case steps call, and prints per shape: documents, cases, labels
equal to the .txt run's, titles and dates equal, heading lines not made cases, and seconds.

    python benchmarks/corpus_shapes.py
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import shapes  # noqa: E402
from test_shapes import DATES, EXPECTED, TITLES, corpus_cases  # noqa: E402


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        made = {name: make(Path(tmp) / name) for name, make in shapes.SHAPES.items()}
        command = shapes.soffice()
        if command:
            made["pdf"] = shapes.pdf_files(Path(tmp) / "pdf", command)
        for name, path in [("txt + metadata.csv", None), *made.items()]:
            start = time.perf_counter()
            cases, documents, headings, _ = (
                corpus_cases(shapes.SEEDS, shapes.METADATA) if path is None else corpus_cases(path)
            )
            seconds = time.perf_counter() - start
            labels = [c["label"] for c in cases]
            rows.append(
                (
                    name,
                    len(documents),
                    len(cases),
                    "yes" if labels == EXPECTED else "NO",
                    "yes" if [d["title"] for d in documents] == TITLES else "-",
                    "yes" if [d["date"] for d in documents] == DATES else "-",
                    sum(h["status"] != "case" for h in headings),
                    f"{seconds:.1f}",
                )
            )
    header = ("shape", "documents", "cases", "labels as .txt", "titles", "dates", "headings not cases", "s")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main()
