"""Reading pages it has never seen: case labels, titles, authors and body lines, on both halves,
and case labels on real pages nobody here composed.

The composed page set (``tests/data/pages/``, labels in ``tests/data/page_labels.jsonl``; made by
``benchmarks/page_set.py``) is read as a corpus folder by what the pipeline's ingest, clean and
case steps call, with the shipped config. Per half (tune: the rules may be adjusted to it;
heldout: never looked at while adjusting), it prints: case labels right (by the city or province
a label speaks of; 多地 for a comparison), titles right, authors right (pages with a by-line),
body paragraphs kept (recall), body paragraphs lost, and noise lines left in per 20 pages.

The real set is ``../shared/corpora/pages_real/`` (30 real pages; their texts are rebuilt by hand
from stored copies of the pages into the git-ignored ``benchmarks/pages_real/``, see that folder's
README in shared/, and never committed). A label is right when it is at most 15 characters and
names one of the page's ``acceptable_labels``; it also counts labels that are a file name, a title
or end in a counter (-1), which no label should be.

    python benchmarks/page_reading.py [--errors tune|heldout|real]
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_shapes import corpus_cases  # noqa: E402  (what the ingest, clean and case steps call)

from govtopics.text.cases import split_cases  # noqa: E402,F401
from govtopics.text.gazetteer import describe  # noqa: E402
from govtopics.text.repair import to_simplified  # noqa: E402

PAGES = ROOT / "tests/data/pages"
LABELS = ROOT / "tests/data/page_labels.jsonl"
REAL_PAGES = ROOT / "benchmarks/pages_real"
REAL_LABELS = ROOT.parent / "shared/corpora/pages_real/labels.csv"


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


def score_real(pages=REAL_PAGES, labels=REAL_LABELS, max_chars: int = 15) -> tuple[dict, list]:
    """Case labels of the real pages rebuilt in ``pages``, against ``labels``: counts and errors."""
    rows = {Path(r["file"]).stem: r for r in csv.DictReader(open(labels, encoding="utf-8"))}
    cases, documents, _, _ = corpus_cases(pages)
    titles = {d["doc_id"]: key(d.get("title", "")) for d in documents}
    totals = {"listed": len(rows), "rebuilt": 0, "scored": 0, "right": 0, "file_title_or_counter": 0}
    errors = []
    rebuilt = {c["doc_id"] for c in cases} & set(rows)
    totals["rebuilt"] = len(rebuilt)
    for case in cases:
        row = rows.get(case["doc_id"])
        if row is None:
            continue
        label = case["label"]
        bad = label == case["doc_id"] or (len(key(label)) >= 6 and key(label) in titles.get(case["doc_id"], ""))
        bad = bad or bool(re.search(r"-\d+$", label))
        totals["file_title_or_counter"] += bad
        acceptable = [a for a in row["acceptable_labels"].split("|") if a]
        if not acceptable:  # pages that name no place are not scored
            continue
        totals["scored"] += 1
        if len(label) <= max_chars and any(a in label for a in acceptable):
            totals["right"] += 1
        else:
            errors.append((row["file"], label, row["acceptable_labels"], case["label_rule"], case["label_evidence"]))
    return totals, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["tune", "heldout", "real"], help="list the errors of one set")
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
    if REAL_LABELS.exists() and REAL_PAGES.is_dir():
        t, errors = score_real()
        print(
            f"\nReal pages ({REAL_LABELS.parent.name}): {t['rebuilt']} of {t['listed']} rebuilt in "
            f"{REAL_PAGES.relative_to(ROOT)}; case labels right {t['right']}/{t['scored']} "
            f"({t['right'] / max(t['scored'], 1):.0%}); labels that are a file name, a title or a counter: "
            f"{t['file_title_or_counter']}"
        )
        if args.errors == "real":
            for error in errors:
                print("  ", *error)
    else:
        print(f"\nReal pages: none rebuilt in {REAL_PAGES.relative_to(ROOT)} (see {REAL_LABELS.parent}/README.md)")


if __name__ == "__main__":
    main()
