"""Seconds and peak memory of the reuse stages on the scale corpora (benchmarks/scale.py's: the
Government Work Reports' paragraphs resampled into articles, so every paragraph is in about
27 articles per 30 M characters: the worst case for reuse, every article shares text with
hundreds of others). The stages are called as the pipeline's jobs call them, on the raw texts
(cleaning changes little in these), one process each; the alignment parts are timed one by one,
and the whole stage's wall time on N cores is estimated as pairs + the longest of the parts
spread over N cores + gathering.

    python benchmarks/reuse_speed.py [--sizes 1 10] [--parts 4] [--cores 2]
"""

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import REPORTS, build_corpus  # noqa: E402

from govtopics.comparison import reuse  # noqa: E402
from govtopics.config import load_config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    params = load_config(ROOT / "config/config.yaml", ROOT / "workflow/schemas/config.schema.yaml")["reuse"]
    for size in args.sizes:
        path = Path(tempfile.mkdtemp()) / "corpus.jsonl"
        n = build_corpus(path, size * 1e6, REPORTS)
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        ids, texts = [r["id"] for r in rows], [r["content"] for r in rows]
        dates = {r["id"]: r["year"] for r in rows}
        start = time.perf_counter()
        pairs, common = reuse.pair_documents(texts, params)
        pair_seconds = time.perf_counter() - start
        by_id = dict(zip(ids, texts, strict=True))
        part_seconds, passages = [], []
        for part in range(args.parts):
            mine = [(ids[a], ids[b]) for k, (a, b, _) in enumerate(pairs) if k % args.parts == part]
            start = time.perf_counter()
            passages += reuse.align_documents(mine, by_id, common, params)
            part_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        reuse.collect(passages, dates, {key: params[key] for key in reuse.BOILERPLATE_KEYS})
        gather = time.perf_counter() - start
        waves = -(-args.parts // args.cores)
        wall = pair_seconds + waves * max(part_seconds) + gather
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        print(
            f"{size:g} M characters, {n} documents: {len(pairs)} pairs in {pair_seconds:.1f} s; alignment "
            f"{sum(part_seconds):.1f} s over {args.parts} parts (longest {max(part_seconds):.1f} s); "
            f"{len(passages)} passages gathered in {gather:.1f} s; stage wall on {args.cores} cores ≈ {wall:.0f} s; "
            f"peak memory of this process {peak:.2f} GB"
        )


if __name__ == "__main__":
    main()
