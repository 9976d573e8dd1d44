"""Cleaning throughput: characters per second of ``clean_document`` over one corpus, in one process.

Reads a raw shard the ingest step wrote (default: the Government Work Reports run's), cleans every
document ``--passes`` times and prints the median characters per second of the passes after the
first (which pays for imports and caches).

    python benchmarks/clean_speed.py [--shard results/gwr/corpus/raw/shard00000.jsonl] [--passes 4]
"""

import argparse
import json
import statistics
import time
from pathlib import Path

import yaml

from govtopics.text.clean import CleanRules, clean_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shard", default=str(ROOT / "results/gwr/corpus/raw/shard00000.jsonl"))
    parser.add_argument("--passes", type=int, default=4)
    args = parser.parse_args()
    clean = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))["clean"]
    rules = CleanRules.from_config(clean)
    documents = [json.loads(line) for line in Path(args.shard).read_text(encoding="utf-8").splitlines() if line]
    chars = sum(len(d["text"]) for d in documents)
    speeds = []
    for _ in range(args.passes):
        start = time.perf_counter()
        for doc in documents:
            clean_document(doc["text"], rules, title=doc["metadata"].get("title", ""))
        speeds.append(chars / (time.perf_counter() - start))
    print(
        f"{len(documents)} documents, {chars:,} characters: first pass {speeds[0] / 1e3:,.0f} k chars/s, "
        f"median of the other {len(speeds) - 1}: {statistics.median(speeds[1:]) / 1e3:,.0f} k chars/s"
    )


if __name__ == "__main__":
    main()
