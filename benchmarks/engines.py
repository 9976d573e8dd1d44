"""LDA trainers side by side, and findings from all seeds against single seeds (issue 24).

For every trainer of ``lda.engine`` (tomotopy: collapsed Gibbs sampling; gensim: online
variational Bayes), on the training paragraphs of a run (same paragraphs, same dictionary), per K
and seed: the fit's time, NPMI coherence (gensim ``c_npmi`` over the top 10 words, one scorer for
all: ``lda.coherences``), held-out perplexity by document completion (one estimator for all:
``lda.perplexity``), and the stability of the topics across the seeds (``lda.stability``). Times
are medians over the seeds (three fits in one process, one machine moment).

Then the findings, per trainer at one K, from each seed alone and from all seeds together (the
consensus the report shows: the case × case similarity averaged over the seeds' models):
- planted structure: 192 documents of 3 paragraphs on one of six known topics and 3 drawn from
  the rest (``known_structure.planted_documents``, from the GWR's own paragraphs), clustered into
  six groups (average linkage on 1 − similarity); adjusted Rand index against the planted topics;
- GWR: Spearman correlation of the reports' similarity with −|year gap| (temporal drift).

Usage (from the project folder; runs of the seeds and the GWR first, with the shipped configs):

    python benchmarks/engines.py                 # both corpora, both trainers (~6 min on 2 cores)
    python benchmarks/engines.py --quick         # seeds only, one K
    git worktree add /tmp/old 0cfa3ef && python benchmarks/engines.py --previous /tmp/old
                                                 # the trainer before 2026-12-01, same corpus
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from scipy.stats import spearmanr
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "workflow/src"), str(ROOT / "benchmarks")]
from known_structure import planted_documents  # noqa: E402

from govtopics.models import clusters, lda  # noqa: E402
from govtopics.reading.io import read_jsonl, read_table  # noqa: E402

SEEDS = [1, 2, 3]
SETTINGS = {"tomotopy": {"sweeps": 200}, "gensim": {"passes": 20, "iterations": 200}}


def training_data(results: Path):
    role = dict(zip(*read_table(results / "lda/corpus/split.csv")[["paragraph_id", "role"]].T.values, strict=True))
    rows = list(read_jsonl(results / "tokens/paragraph_tokens.jsonl"))
    train = [r["tokens"] for r in rows if role.get(r["paragraph_id"]) == "train"]
    heldout = [r["tokens"] for r in rows if role.get(r["paragraph_id"]) == "heldout"]
    dictionary = Dictionary.load_from_text(str(results / "lda/corpus/dictionary.txt"))
    return rows, train, heldout, dictionary


def fit_grid(train, heldout, dictionary, ks, engines):
    """Score rows and the models, by (engine, k)."""
    corpus = [dictionary.doc2bow(t) for t in train]
    rows, models = [], {}
    for engine in engines:
        for k in ks:
            fitted, times = {}, []
            for seed in SEEDS:
                start = time.perf_counter()
                fitted[seed] = lda.fit(train, dictionary, k, seed, corpus=corpus, engine=engine, **SETTINGS[engine])
                times.append(time.perf_counter() - start)
            scores = lda.coherences(list(fitted.values()), train, dictionary, 10)
            stable = lda.stability(fitted, 10)
            rows.append(
                {
                    "engine": engine,
                    "K": k,
                    "fit s (median)": statistics.median(times),
                    "NPMI": float(np.mean([s["c_npmi"] for s in scores])),
                    "held-out perplexity": float(
                        np.median([lda.perplexity(m, dictionary, heldout) for m in fitted.values()])
                    ),
                    "stability": float(np.mean(list(stable.values()))),
                }
            )
            models[engine, k] = fitted
            print(f"  {engine} K = {k}: {rows[-1]['fit s (median)']:.1f} s per fit", flush=True)
    return pd.DataFrame(rows), models


SEED_SETS = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]  # three reruns of a three-seed config


def case_similarities(models: dict, dictionary, token_rows, case_ids) -> dict:
    """Each seed's case × case similarity."""
    return {
        seed: lda.js_similarity(lda.case_topics(model, dictionary, token_rows, case_ids))
        for seed, model in models.items()
    }


def aligned_similarity(models: dict, seeds, dictionary, token_rows, case_ids) -> np.ndarray:
    """The alternative considered: the similarity of the seeds' mean mixtures, topics matched."""
    mixtures = {s: lda.case_topics(models[s], dictionary, token_rows, case_ids) for s in seeds}
    aligned = lda.aligned_mixtures(models[seeds[0]], {s: models[s] for s in seeds}, mixtures, 10)
    return lda.js_similarity(np.mean(list(aligned.values()), axis=0))


def findings(score, models, dictionary, token_rows, case_ids) -> dict:
    """``score`` of every single seed, and of each seed set's consensus (mean similarity) and
    aligned-mixture view; with the spreads over the single seeds and over the seed sets."""
    single = case_similarities(models, dictionary, token_rows, case_ids)
    singles = [score(single[s]) for s in sorted(single)]
    consensus = [score(lda.consensus_similarity([single[s] for s in seeds])) for seeds in SEED_SETS]
    aligned = [score(aligned_similarity(models, seeds, dictionary, token_rows, case_ids)) for seeds in SEED_SETS]
    return {
        "single seeds (9): min–max": f"{min(singles):.3f}–{max(singles):.3f}",
        "spread": round(max(singles) - min(singles), 3),
        "consensus of 3 seeds (3 sets): min–max": f"{min(consensus):.3f}–{max(consensus):.3f}",
        "consensus spread": round(max(consensus) - min(consensus), 3),
        "aligned mixtures (3 sets): min–max": f"{min(aligned):.3f}–{max(aligned):.3f}",
    }


def planted(rows):
    text_of = {i: " ".join(r["tokens"]) for i, r in enumerate(rows)}
    documents, groups, _ = planted_documents(list(text_of.items()))
    token_rows = [
        {"case_id": f"d{d}", "tokens": rows[i]["tokens"]} for d, chosen in enumerate(documents) for i in chosen
    ]
    k = len(set(groups))

    def ari(similarity):
        return adjusted_rand_score(groups, clusters.labels_for(similarity, "average", k))

    return ari, token_rows, [f"d{d}" for d in range(len(documents))]


def drift(rows, results: Path):
    cases = read_table(results / "corpus/cases.csv", dtype=str)
    years = pd.to_numeric(cases["label"], errors="coerce")
    keep = years.notna().to_numpy()
    year = years[keep].to_numpy()
    upper = np.triu_indices(int(keep.sum()), 1)
    gap = -np.abs(year[:, None] - year[None, :])[upper]

    def rho(similarity):
        return float(spearmanr(similarity[upper], gap).statistic)

    return rho, rows, list(cases["case_id"][keep])


PREVIOUS = """
import statistics, sys, time
sys.path.insert(0, sys.argv[1] + "/workflow/src")
from gensim.corpora import Dictionary, MmCorpus
from govtopics import lda
d = Dictionary.load_from_text(sys.argv[2] + "/lda/corpus/dictionary.txt")
corpus = list(MmCorpus(sys.argv[2] + "/lda/corpus/train.mm"))
texts = [[d[i] for i, c in bow for _ in range(int(c))] for bow in corpus]
for k in (20, 40):
    times = []
    for seed in (1, 2, 3):
        start = time.perf_counter()
        lda.fit(texts, d, k, seed, corpus=corpus, passes=20, iterations=200)
        times.append(time.perf_counter() - start)
    print(f"  previous lda.fit (batched E-step), K = {k}: {statistics.median(times):.2f} s per fit (median of 3)")
"""


def previous(checkout: Path, results: Path) -> None:
    """Time the trainer of an older checkout (``git worktree add DIR 0cfa3ef``: the batched E-step
    removed on 2026-12-01) on the same training corpus, in its own process."""
    import subprocess

    subprocess.run([sys.executable, "-c", PREVIOUS, str(checkout), str(results)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the seeds only, one K")
    parser.add_argument("--engines", nargs="+", default=list(SETTINGS))
    parser.add_argument(
        "--previous",
        type=Path,
        help="an older checkout whose lda.fit to time on the GWR (git worktree add DIR 0cfa3ef)",
    )
    args = parser.parse_args()
    if args.previous:
        previous(args.previous, ROOT / "results/gwr")
        return
    print(f"seeds {SEEDS}; settings {SETTINGS}")
    corpora = [("seeds", ROOT / "results/seeds", [5] if args.quick else [5, 10])]
    if not args.quick:
        corpora.append(("GWR", ROOT / "results/gwr", [10, 20, 40]))
    for name, results, ks in corpora:
        if not (results / "lda/corpus/dictionary.txt").exists():
            print(f"{name}: no run in {results} (run the pipeline first)")
            continue
        rows, train, heldout, dictionary = training_data(results)
        print(f"\n## {name}: {len(train)} training paragraphs, {len(heldout)} held out, {len(dictionary)} words")
        table, models = fit_grid(train, heldout, dictionary, ks, args.engines)
        print(table.to_markdown(index=False, floatfmt=".3f"))
        if name != "GWR":
            continue
        table_rows = []
        k = 20
        for engine in args.engines:
            fitted = {
                seed: lda.fit(train, dictionary, k, seed, engine=engine, **SETTINGS[engine])
                for seed in sorted({s for seeds in SEED_SETS for s in seeds})
            }
            for measure, (score, token_rows, case_ids) in (
                ("planted ARI", planted(rows)),
                ("ρ(similarity, −|year gap|)", drift(rows, results)),
            ):
                table_rows.append(
                    {"": f"{engine} K = {k}: {measure}", **findings(score, fitted, dictionary, token_rows, case_ids)}
                )
            print(f"  {engine}: findings scored", flush=True)
        print(
            "\nFindings from single seeds and from all seeds together (consensus: the mean of the seeds' "
            f"similarities), seeds 1–9, seed sets {SEED_SETS}:"
        )
        print(pd.DataFrame(table_rows).to_markdown(index=False))


if __name__ == "__main__":
    main()
