"""Time the whole pipeline from scratch on a corpus, several times, and print the median.

Usage (from the project folder, in the project's environment):

    python benchmarks/pipeline_time.py                 # the shipped seed corpus, 3 runs
    python benchmarks/pipeline_time.py --runs 5 --configfile my_corpus.yaml

Each run copies the project to a temporary folder and runs ``snakemake --cores 2`` there, so
nothing is cached between runs (except jieba's dictionary cache and matplotlib's font cache,
as on any machine after the first run). Per-rule times come from ``results/<run>/benchmarks``.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(configfile: str | None, cores: int) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("Snakefile", "workflow", "config", "resources"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
        command = [sys.executable, "-m", "snakemake", "--cores", str(cores), "--quiet", "all"]
        if configfile:
            command += ["--configfile", str(Path(configfile).resolve())]
        start = time.perf_counter()
        subprocess.run(command, cwd=work, check=True, capture_output=True)
        wall = time.perf_counter() - start
        rules = {}
        for tsv in sorted((work / "results").glob("*/benchmarks/*.tsv")):
            lines = tsv.read_text().splitlines()
            rules[tsv.stem] = float(lines[1].split("\t")[0])
        return wall, rules


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--configfile", default=None, help="a config overlay, e.g. for another corpus")
    args = parser.parse_args()
    walls, per_rule = [], {}
    for i in range(args.runs):
        wall, rules = one_run(args.configfile, args.cores)
        walls.append(wall)
        for name, seconds in rules.items():
            per_rule.setdefault(name, []).append(seconds)
        print(f"run {i + 1}: {wall:.1f} s", flush=True)
    print(
        f"\nwhole pipeline, {args.cores} cores: median {statistics.median(walls):.1f} s "
        f"(min {min(walls):.1f}, max {max(walls):.1f}, {args.runs} runs)"
    )
    print("\nmedian seconds per benchmarked job:")
    for name, values in sorted(per_rule.items()):
        print(f"  {name:<16} {statistics.median(values):6.2f}")


if __name__ == "__main__":
    main()
