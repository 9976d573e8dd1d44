"""Wall time and peak memory of the pipeline's corpus-size-bound stages at growing corpus sizes.

Corpora of about 1, 10 and 30 million characters are built from the Government Work Reports:
their paragraphs resampled into new articles of 5-25 paragraphs (ids changed), so that
near-duplicate detection does not collapse them; written as a JSON-lines table with a year.
Each size runs in a fresh copy of the project, from scratch, through the whole pipeline up to
the report, with the topic grid ``--k-grid`` (one seed; tomotopy's ``--sweeps``, or gensim's ``--passes`` with
``--engine gensim``). Every article is one case
(labelled by its year), so 1 M characters give about 340 cases and 30 M about 10,000: above
``compare.max_square_cases`` the square matrices, clusters and heatmaps compare the cases grouped
by year (``compare.aggregate_by``), and every case's nearest cases are listed per view.
``--text-only`` stops after the text stages and the topic fits, as the first version of this
benchmark did. Snakemake's own benchmark files give each rule's seconds and peak RSS.

Prints a table per rule and size, and the growth exponent (log time ratio / log size ratio)
between consecutive sizes; writes results/benchmarks/scale.csv and scale.png (log-log).

    python benchmarks/scale.py [--sizes 1 10 30] [--k-grid 20] [--sweeps 200] [--engine gensim --passes 5]
        [--text-only]
"""

import argparse
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared/corpora/government_work_reports.jsonl"
WALL = "(whole run, wall)"


def build_corpus(path: Path, characters: float, reports_path: Path = REPORTS, seed: int = 0) -> int:
    reports = [json.loads(line) for line in reports_path.read_text(encoding="utf-8").splitlines()]
    paragraphs = [p for r in reports for p in r["content"].split("\n") if len(p) > 30]
    rng = random.Random(seed)
    total, n = 0, 0
    with open(path, "w", encoding="utf-8") as handle:
        while total < characters:
            text = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(5, 25)))
            record = {"id": f"a{n:07d}", "year": str(rng.randint(1978, 2025)), "content": text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            total, n = total + len(text), n + 1
    return n


def run_size(
    size: float,
    k_grid: list[int],
    lda_keys: str,
    reports: Path,
    text_only: bool = False,
    keep: bool = False,
) -> tuple[list[dict], float]:
    workdir = Path(tempfile.mkdtemp(prefix=f"govtopics-scale-{size:g}M-"))
    for name in ("Snakefile", "workflow", "config", "resources"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, workdir / name)
    documents = build_corpus(workdir / "corpus.jsonl", size * 1e6, reports)
    grid = ", ".join(map(str, k_grid))
    overlay = (
        "run: scale\ncorpus:\n  path: corpus.jsonl\n  metadata: ''\n  id_column: id\n  label_column: year\n"
        f"lda:\n  k_grid: [{grid}]\n  seeds: [1]\n{lda_keys}"
        "compare:\n  aggregate_by: year\n"
    )
    (workdir / "scale.yaml").write_text(overlay, encoding="utf-8")
    targets = ["results/scale/tokens/paragraph_tokens.jsonl"] + [f"results/scale/lda/k{k}/scores.csv" for k in k_grid]
    if not text_only:
        targets = []  # the default target: everything up to the report
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *targets, "--configfile", "scale.yaml"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{size} M characters failed:\n{result.stderr[-3000:]}")
    rows = []
    for tsv in sorted((workdir / "results/scale/benchmarks").glob("*.tsv")):
        bench = pd.read_csv(tsv, sep="\t")
        rows.append(
            {
                "million_chars": size,
                "documents": documents,
                "rule": tsv.stem,
                "seconds": float(bench["s"].iloc[0]),
                "peak_rss_mb": float(bench["max_rss"].iloc[0]),
            }
        )
    if keep:
        print(f"kept {workdir}", flush=True)
    else:
        shutil.rmtree(workdir)
    return rows, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 30], help="millions of characters")
    parser.add_argument("--k-grid", type=int, nargs="+", default=[20])
    parser.add_argument("--engine", choices=["tomotopy", "gensim"], default="tomotopy", help="lda.engine")
    parser.add_argument("--sweeps", type=int, default=200, help="lda.sweeps (tomotopy)")
    parser.add_argument("--passes", type=int, default=5, help="lda.passes (gensim, 100 iterations)")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="the Government Work Reports (JSON lines)")
    parser.add_argument("--text-only", action="store_true", help="only the text stages and the topic fits")
    parser.add_argument("--keep", action="store_true", help="keep each size's project folder (printed)")
    parser.add_argument(
        "--plot-only", action="store_true", help="redraw the figure and README table from results/benchmarks/scale.csv"
    )
    args = parser.parse_args()
    if args.plot_only:
        table = pd.read_csv(ROOT / "results/benchmarks/scale.csv")
        walls = table[table["rule"] == WALL].set_index("million_chars")["seconds"].to_dict()
        plot(table[table["rule"] != WALL], walls)
        print(markdown(table[table["rule"] != WALL], walls))
        return
    if args.engine == "tomotopy":
        lda_keys = f"  engine: tomotopy\n  sweeps: {args.sweeps}\n"
    else:
        lda_keys = f"  engine: gensim\n  passes: {args.passes}\n  iterations: 100\n"
    rows, walls = [], {}
    for size in args.sizes:
        size_rows, walls[size] = run_size(size, args.k_grid, lda_keys, args.reports, args.text_only, args.keep)
        rows.extend(size_rows)
        print(f"{size:g} M characters: {walls[size]:.0f} s wall", flush=True)
    table = pd.DataFrame(rows)
    (ROOT / "results/benchmarks").mkdir(parents=True, exist_ok=True)
    walls_rows = [{"million_chars": s, "rule": WALL, "seconds": w} for s, w in walls.items()]
    pd.concat([table, pd.DataFrame(walls_rows)]).to_csv(ROOT / "results/benchmarks/scale.csv", index=False)
    wide = table.pivot_table(index="rule", columns="million_chars", values=["seconds", "peak_rss_mb"])
    print(wide.round(1).to_string())
    sizes = sorted(walls)
    for a, b in zip(sizes, sizes[1:], strict=False):
        exponent = math.log(walls[b] / walls[a]) / math.log(b / a)
        print(f"growth exponent of wall time {a:g} → {b:g} M characters: {exponent:.2f}")
    print("wall seconds:", {f"{s:g}M": round(w) for s, w in walls.items()})
    print("peak RSS of any job (MB):", table.groupby("million_chars")["peak_rss_mb"].max().round().to_dict())
    plot(table, walls)
    print(markdown(table, walls))


def markdown(table: pd.DataFrame, walls: dict) -> str:
    """The README's table: seconds per stage and size (a sharded stage's jobs summed, with the
    slowest job), and the largest peak memory of the stage's jobs at the largest size."""
    table = table.assign(stage=table["rule"].str.replace(r"shard\d+$", "shard", regex=True))
    sizes = sorted(table["million_chars"].unique())
    lines = [
        "| stage (seconds; peak memory at the largest size) | "
        + " | ".join(f"{s:g} M characters" for s in sizes)
        + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for stage, rows in table.groupby("stage", sort=False):
        cells = []
        for size in sizes:
            at = rows[rows["million_chars"] == size]
            if at.empty:
                cells.append("")
                continue
            text = f"{at['seconds'].sum():.1f}"
            if len(at) > 1:
                text += f" ({len(at)} jobs, slowest {at['seconds'].max():.1f})"
            if size == sizes[-1]:
                text += f"; {at['peak_rss_mb'].max() / 1000:.1f} GB"
            cells.append(text)
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| **whole run, wall** | " + " | ".join(f"**{walls[s]:.0f} s**" for s in sizes) + " |")
    return "\n".join(lines)


def plot(table: pd.DataFrame, walls: dict, shown: int = 8):
    """Seconds against corpus size, log-log: the ``shown`` rules that take longest at the largest
    size (a sharded rule's jobs summed: the CPU time it takes over all its jobs), the others
    summed, and the whole run's wall time. (Every rule is in the printed table and scale.csv.)"""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = table.assign(stage=table["rule"].str.replace(r"shard\d+$", "shard (all jobs)", regex=True))
    per_stage = table.groupby(["stage", "million_chars"], as_index=False)["seconds"].sum()
    largest = per_stage[per_stage["million_chars"] == per_stage["million_chars"].max()]
    top = list(largest.sort_values("seconds", ascending=False)["stage"][:shown])
    others = per_stage[~per_stage["stage"].isin(top)].groupby("million_chars", as_index=False)["seconds"].sum()
    fig, ax = plt.subplots(figsize=(8, 4.6), layout="constrained")
    colours = plt.get_cmap("tab10")
    for n, stage in enumerate(top):
        rows = per_stage[per_stage["stage"] == stage]
        ax.plot(rows["million_chars"], rows["seconds"], "o-", color=colours(n), label=stage, linewidth=1)
    n_others = per_stage["stage"].nunique() - len(top)
    ax.plot(others["million_chars"], others["seconds"], "s--", color="grey", label=f"{n_others} other rules, summed")
    sizes = sorted(walls)
    ax.plot(sizes, [walls[s] for s in sizes], "k*-", label="whole run (wall, 2 cores)", linewidth=2)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(sizes, [f"{s:g} M" for s in sizes])
    ax.set_xlabel("corpus size (characters)")
    ax.set_ylabel("seconds")
    ax.set_title(f"govtopics by corpus size: the {shown} slowest rules at {max(sizes):g} M characters", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.savefig(ROOT / "results/benchmarks/scale.png", dpi=150, bbox_inches="tight")


if __name__ == "__main__":
    main()
