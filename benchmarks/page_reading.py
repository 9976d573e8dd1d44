"""Reading pages it has never seen: case labels, titles, authors and body lines, on both halves.

The page set (``tests/data/pages/``, labels in ``tests/data/page_labels.jsonl``; made by
``benchmarks/page_set.py``) is read as a corpus folder by what the pipeline's ingest, clean and
case steps call, with the shipped config. Per half (tune: the rules may be adjusted to it;
heldout: never looked at while adjusting), it prints: case labels right (by the city or province
a label speaks of; 多地 for a comparison), titles right, authors right (pages with a by-line),
body paragraphs kept (recall), body paragraphs lost, and noise lines left in per 20 pages.

    python benchmarks/page_reading.py [--errors tune]
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_shapes import corpus_cases  # noqa: E402  (what the ingest, clean and case steps call)

from govtopics.cases import split_cases  # noqa: E402,F401
from govtopics.clean import to_simplified  # noqa: E402
from govtopics.gazetteer import describe  # noqa: E402

PAGES = ROOT / "tests/data/pages"
LABELS = ROOT / "tests/data/page_labels.jsonl"


def key(text: str) -> str:
    return re.sub(r"[\W_]+", "", to_simplified(str(text))[0])


def speaks_of(label: str) -> str:
    if label.startswith("多地"):
        return "多地"
    where = describe(label)
    return where["city"] or where["province"] or label


def score(rows, cases, documents, texts) -> dict:
    by_doc: dict[str, list[str]] = {}
    for case in cases:
        by_doc.setdefault(case["doc_id"], []).append(speaks_of(case["label"]))
    docs = {d["doc_id"]: d for d in documents}
    totals = {
        "pages": 0,
        "cases": 0,
        "cases_right": 0,
        "titles": 0,
        "titles_right": 0,
        "authors": 0,
        "authors_right": 0,
        "body": 0,
        "body_kept": 0,
        "noise": 0,
        "noise_kept": 0,
    }
    errors = []
    for row in rows:
        doc_id = Path(row["file"]).stem
        totals["pages"] += 1
        found = by_doc.get(doc_id, [])
        right = sum(a == b for a, b in zip(found, row["labels"], strict=False))
        totals["cases"] += max(len(found), len(row["labels"]))
        totals["cases_right"] += right
        if right < max(len(found), len(row["labels"])):
            errors.append((row["file"], "labels", row["labels"], found))
        doc = docs.get(doc_id, {})
        totals["titles"] += 1
        if key(doc.get("title", "")) == key(row["title"]):
            totals["titles_right"] += 1
        else:
            errors.append((row["file"], "title", row["title"], doc.get("title", "")))
        if row["authors"]:
            totals["authors"] += 1
            got = {a for a in re.split(r"[、，,;；\s]+", doc.get("authors", "")) if a}
            if got == set(row["authors"]):
                totals["authors_right"] += 1
            else:
                errors.append((row["file"], "authors", row["authors"], sorted(got)))
        text = key(texts.get(doc_id, ""))
        paragraphs = {key(p) for p in texts.get(doc_id, "").split("\n\n")}
        for paragraph in row["body"]:
            totals["body"] += 1
            if key(paragraph) in text:
                totals["body_kept"] += 1
            else:
                errors.append((row["file"], "body lost", paragraph[:40], ""))
        for line in row["noise"]:
            totals["noise"] += 1
            # a noise line left as a paragraph of its own, or (long enough to tell) inside one
            if key(line) in paragraphs or (len(key(line)) >= 6 and key(line) in text):
                totals["noise_kept"] += 1
                errors.append((row["file"], "noise kept", line[:40], ""))
    return totals, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["tune", "heldout"], help="list the errors of one half")
    args = parser.parse_args()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases, documents, _, _, texts = corpus_cases(PAGES, texts=True)
    print(
        "| half | pages | case labels right | titles right | authors right | body kept | body lost "
        "| noise lines per 20 pages |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for half in ("tune", "heldout"):
        t, errors = score([r for r in rows if r["half"] == half], cases, documents, texts)
        print(
            f"| {half} | {t['pages']} | {t['cases_right']}/{t['cases']} ({t['cases_right'] / t['cases']:.0%}) "
            f"| {t['titles_right']}/{t['titles']} ({t['titles_right'] / t['titles']:.0%}) "
            f"| {t['authors_right']}/{t['authors']} ({t['authors_right'] / max(t['authors'], 1):.0%}) "
            f"| {t['body_kept']}/{t['body']} ({t['body_kept'] / t['body']:.1%}) | {t['body'] - t['body_kept']} "
            f"| {20 * t['noise_kept'] / t['pages']:.2f} |"
        )
        if args.errors == half:
            for error in errors:
                print("  ", *error)


if __name__ == "__main__":
    main()
