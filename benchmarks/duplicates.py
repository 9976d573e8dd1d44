"""Near-duplicate detection: time on corpora of growing size, and pairs against the exact method.

Builds corpora from the Government Work Reports (paragraphs resampled into new documents, so that
documents share paragraphs as reposts and quotations do, the hard case for candidate generation)
with planted shortened reposts, and prints per size: documents, characters, seconds, pairs found,
planted reposts found; and on the reports themselves with planted reposts, the pairs found by
MinHash LSH Ensemble against comparing every pair exactly, at several thresholds.

    python benchmarks/duplicates.py [--sizes 1 10 30]   (millions of characters)
"""

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_duplicates import exact_pairs, planted_corpus  # noqa: E402

from govtopics.text.duplicates import find_duplicates  # noqa: E402

REPORTS = ROOT.parent / "shared/corpora/government_work_reports.jsonl"


def resampled(paragraphs, characters, rng):
    texts, total = [], 0
    while total < characters:
        text = "\n".join(rng.choice(paragraphs) for _ in range(rng.randint(5, 25)))
        texts.append(text)
        total += len(text)
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 30], help="millions of characters")
    args = parser.parse_args()
    reports = [json.loads(line)["content"] for line in REPORTS.read_text(encoding="utf-8").splitlines()]
    ids, texts = planted_corpus(reports, copies=40)
    print("threshold  exact pairs  LSH pairs  missed  extra")
    for threshold in (0.9, 0.8, 0.7, 0.5):
        exact = {p[:2] for p in exact_pairs(ids, texts, threshold)}
        found = {(p["doc_id"], p["duplicate_of"]) for p in find_duplicates(ids, texts, threshold)}
        print(f"{threshold:9}  {len(exact):11}  {len(found):9}  {len(exact - found):6}  {len(found - exact):5}")
    paragraphs = [p for r in reports for p in r.split("\n") if len(p) > 30]
    print("\nmillion chars  documents  seconds  pairs  planted found  peak RSS GB")
    for size in args.sizes:
        rng = random.Random(0)
        texts = resampled(paragraphs, size * 1e6, rng)
        planted = min(200, len(texts))
        texts += ["转载：" + texts[i][: int(len(texts[i]) * 0.9)] for i in range(planted)]
        ids = [str(i) for i in range(len(texts))]
        start = time.perf_counter()
        pairs = find_duplicates(ids, texts, 0.8)
        seconds = time.perf_counter() - start
        found = sum(1 for p in pairs if int(p["doc_id"]) >= len(texts) - planted)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        print(f"{size:13}  {len(texts):9}  {seconds:7.1f}  {len(pairs):5}  {found:7}/{planted}  {rss:11.2f}")


if __name__ == "__main__":
    main()
