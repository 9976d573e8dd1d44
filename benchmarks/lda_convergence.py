"""Have the topic models converged, and does the answer change which K looks best?

gensim's ``LdaModel`` learns online: the topics move after every chunk of ``chunksize`` documents,
with a step that shrinks as updates accumulate. On a corpus of a few thousand paragraphs cut into
chunks of 2,000 (gensim's default, and ours before 2026-11-23), the steps shrink before larger
models have found their topics, and held-out likelihood and NPMI then favour the smallest K for
a reason that has nothing to do with the text. This script fits the same training paragraphs, for
several K, online in chunks of 2,000 and in full batches (one chunk holding every training
paragraph, ``lda.chunksize`` ≥ their number), for several numbers of passes, and prints held-out
perplexity by document completion (lower is better; a unigram model is the floor to beat) and NPMI
coherence (higher is better), the measures the pipeline chooses K by.

``--sweeps`` asks the same of tomotopy's collapsed Gibbs sampler (``lda.engine: tomotopy``, the
default): the same paragraphs fitted with each number of sweeps, scored by the same held-out
perplexity and NPMI, with the top-word stability across ``--seeds`` (``lda.stability``), since
fewer sweeps buy speed and the question is what they cost.

Usage (from the project folder, after a run of the Government Work Reports example):

    python benchmarks/lda_convergence.py [--results results/gwr] [--k 5 10 20] [--passes 10 20 40]
        [--seeds 1 2] [--batch-only]
    python benchmarks/lda_convergence.py --sweeps 50 100 140 200 300 --k 20 40 --seeds 1 2 3

Writes results/benchmarks/lda_convergence.csv (lda_convergence_sweeps.csv) and prints the table.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
from govtopics.models import lda  # noqa: E402
from govtopics.reading.io import read_jsonl, read_table  # noqa: E402


def unigram_perplexity(corpus, dictionary: Dictionary, heldout) -> float:
    """Perplexity of the held-out paragraphs' scored halves under word frequencies alone (the same
    halves :func:`govtopics.models.lda.perplexity` scores)."""
    counts = np.full(len(dictionary), 0.01)
    for bow in corpus:
        for word_id, count in bow:
            counts[word_id] += count
    probability = counts / counts.sum()
    loglik, words = 0.0, 0
    for tokens in heldout:
        known = [t for t in tokens if t in dictionary.token2id]
        if not known[0::2] or not known[1::2]:
            continue
        for word_id, count in dictionary.doc2bow(known[1::2]):
            loglik += count * np.log(probability[word_id])
            words += count
    return float(np.exp(-loglik / words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=ROOT / "results/gwr")
    parser.add_argument("--k", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--passes", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--batch-only", action="store_true", help="fit full batches only")
    parser.add_argument("--sweeps", type=int, nargs="+", help="tomotopy: fit with each number of sweeps instead")
    args = parser.parse_args()

    split = read_table(args.results / "lda/corpus/split.csv")
    role = dict(zip(split["paragraph_id"], split["role"], strict=True))
    texts, heldout = [], []
    for row in read_jsonl(args.results / "tokens/paragraph_tokens.jsonl"):
        {"train": texts, "heldout": heldout}.get(role.get(row["paragraph_id"]), []).append(row["tokens"])
    dictionary = Dictionary.load_from_text(str(args.results / "lda/corpus/dictionary.txt"))
    corpus = [dictionary.doc2bow(t) for t in texts]
    floor = unigram_perplexity(corpus, dictionary, heldout)
    print(f"{len(texts)} training and {len(heldout)} held-out paragraphs; unigram perplexity {floor:.0f}")
    if args.sweeps:
        return sweep_table(args, texts, heldout, dictionary, corpus, floor)
    schedules = {"online, chunks of 2,000": 2000, "full batch": max(len(texts), 100)}
    if args.batch_only:
        del schedules["online, chunks of 2,000"]
    rows = []
    for k in args.k:
        for name, chunksize in schedules.items():
            for passes in args.passes:
                for seed in args.seeds:
                    start = time.perf_counter()
                    model = lda.fit(
                        texts,
                        dictionary,
                        k,
                        seed,
                        passes=passes,
                        iterations=args.iterations,
                        corpus=corpus,
                        chunksize=chunksize,
                    )
                    row = {
                        "k": k,
                        "training": name,
                        "passes": passes,
                        "seed": seed,
                        "perplexity": lda.perplexity(model, dictionary, heldout),
                        "c_npmi": lda.coherence(model, texts, dictionary)["c_npmi"],
                        "seconds": time.perf_counter() - start,
                    }
                    rows.append(row)
                    print(
                        f"K = {k:3d}  {name:24s} passes {passes:3d}  seed {seed}  perplexity {row['perplexity']:7.0f}"
                        f"  NPMI {row['c_npmi']:.3f}  {row['seconds']:.0f} s",
                        flush=True,
                    )
    table = pd.DataFrame(rows).assign(unigram_perplexity=floor)
    out = ROOT / "results/benchmarks/lda_convergence.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    table.round(4).to_csv(out, index=False, encoding="utf-8-sig")
    print(table.groupby(["k", "training", "passes"])[["perplexity", "c_npmi"]].mean().round(3).to_string())
    print(f"written to {out}")


def sweep_table(args, texts, heldout, dictionary, corpus, floor) -> None:
    rows = []
    for k in args.k:
        for sweeps in args.sweeps:
            models = {}
            for seed in args.seeds:
                start = time.perf_counter()
                model = lda.fit(texts, dictionary, k, seed, corpus=corpus, engine="tomotopy", sweeps=sweeps)
                seconds = time.perf_counter() - start
                models[seed] = model
                rows.append(
                    {
                        "k": k,
                        "sweeps": sweeps,
                        "seed": seed,
                        "perplexity": lda.perplexity(model, dictionary, heldout),
                        "seconds": seconds,
                    }
                )
            scores = lda.coherences(list(models.values()), texts, dictionary)
            stable = lda.stability(models) if len(models) > 1 else dict.fromkeys(models, float("nan"))
            for row, score in zip(rows[-len(models) :], scores, strict=True):
                row.update(c_npmi=score["c_npmi"], stability=stable[row["seed"]])
            done = pd.DataFrame(rows[-len(models) :])
            print(
                f"K = {k:3d}  sweeps {sweeps:4d}  perplexity {done.perplexity.mean():7.0f}  NPMI"
                f" {done.c_npmi.mean():.3f}  stability {done.stability.mean():.2f}  fit {done.seconds.median():.1f} s",
                flush=True,
            )
    table = pd.DataFrame(rows).assign(unigram_perplexity=floor)
    out = ROOT / "results/benchmarks/lda_convergence_sweeps.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    table.round(4).to_csv(out, index=False, encoding="utf-8-sig")
    summary = table.groupby(["k", "sweeps"]).agg(
        perplexity=("perplexity", "mean"),
        c_npmi=("c_npmi", "mean"),
        stability=("stability", "mean"),
        fit_s_median=("seconds", "median"),
    )
    print(summary.round(3).to_string())
    print(f"written to {out}")


if __name__ == "__main__":
    main()
