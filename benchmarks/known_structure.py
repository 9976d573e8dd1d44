"""Do the case-similarity views recover structure we know, and do they beat a naive baseline?

Two known structures, both from the Government Work Reports (GWR) of 1954–2025:

1. administration: the reports grouped by the administration that delivered them (周恩来 1954–75,
   华国锋 1978–80, 赵紫阳 1981–87, 李鹏 1988–97, 朱镕基 1998–2002, 温家宝 2003–12, 李克强 2013–22,
   李强 2023–). Reports of one administration share its programme, and also its drafting style.
2. planted topics: 192 documents of 6 paragraphs, 3 on one of six topics (agriculture, education
   and science, defence and foreign affairs, environment, finance, welfare; a paragraph is on a
   topic when it names two of its words and twice as many as of any other) and 3 drawn from all
   paragraphs, from reports of every period, so style and period cannot tell documents apart:
   content must, through half of the text.

A view that works ranks same-group pairs above the others. Measures (structure 1 over the reports
with a year; the NPC resolutions are left out):
- AUC: the probability that a same-administration pair is more similar than a cross pair;
- P@1: the share of reports whose most similar other report is of the same administration;
- ρ(time): Spearman correlation of similarity with −|year difference| (temporal drift).

Views:
- naive TF-IDF: raw text, OpenCC t2s, jieba's default dictionary, tokens of ≥ 2 characters,
  sublinear tf, cosine, over whole documents (what a reviewer would try first);
- naive LDA: gensim LdaModel, K = 20, passes = 10, on the pipeline's paragraphs tokenised the
  naive way, case mixtures as in the pipeline, 1 − Jensen–Shannon; three seeds;
- the pipeline's TF-IDF and LDA views as reported (results/gwr/tfidf, results/gwr/lda);
- ablations of the TF-IDF view: the pipeline's tokens with one step undone at a time; of the LDA
  view: a model of the chosen K trained as the pipeline trains it (seed 1), on the pipeline's
  tokens and on them with the general stopwords kept;
- for the planted documents, the pipeline's tokens and its reported LDA models (the chosen K's
  three seeds, and K = 20 of the grid) applied to them; the naive LDA models likewise.

Every difference from the naive TF-IDF comes with a 95 % interval from 1,000 paired bootstrap
resamples of the documents. Every view is scored on all documents and on two halves apart (pairs
within a half): ``tuning`` (reports of even years, planted documents of even number), the only
half a variant was ever tried on, and ``held out`` (odd years, odd documents), the figure to cite.

Usage (from the project folder):

    python benchmarks/known_structure.py                # runs the GWR example into a temp copy (~4 min)
    python benchmarks/known_structure.py --results DIR  # DIR: results/gwr of a GWR run

Writes results/benchmarks/known_structure.csv and prints the table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba
import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel
from opencc import OpenCC
from scipy.stats import rankdata, spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
from govtopics.models import lda, tfidf  # noqa: E402
from govtopics.reading.io import read_matrix, read_table  # noqa: E402
from govtopics.text import tokens  # noqa: E402

GWR = ROOT.parent / "shared/corpora/government_work_reports.jsonl"
ADMINISTRATIONS = [  # first year of the reports each premier delivered
    (1954, "周恩来"),
    (1978, "华国锋"),
    (1981, "赵紫阳"),
    (1988, "李鹏"),
    (1998, "朱镕基"),
    (2003, "温家宝"),
    (2013, "李克强"),
    (2023, "李强"),
]
T2S = OpenCC("t2s")


def administration(year: int) -> str:
    return [name for start, name in ADMINISTRATIONS if year >= start][-1]


def auc(same: np.ndarray, values: np.ndarray) -> float:
    """The area under the ROC curve of ``values`` for telling ``same`` pairs from the others: the
    Mann–Whitney U of the same pairs' ranks (ties at half), as sklearn's roc_auc_score, without its checks."""
    ranks = rankdata(values)
    positives = int(same.sum())
    negatives = len(same) - positives
    return float((ranks[same].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def scores(similarity: np.ndarray, groups: list[str], years: list[int] | None = None) -> dict:
    """AUC of same-group pairs against the rest, P@1, and (with years) ρ with −|year gap|."""
    n = len(groups)
    upper = np.triu_indices(n, 1)
    same = np.array([groups[i] == groups[j] for i, j in zip(*upper, strict=True)])
    values = similarity[upper]
    masked = similarity.astype(float).copy()
    np.fill_diagonal(masked, -np.inf)
    nearest = masked.argmax(axis=1)
    row = {
        "AUC": auc(same, values),
        "P@1": float(np.mean([groups[i] == groups[j] for i, j in enumerate(nearest)])),
    }
    if years:
        row["rho_time"] = float(spearmanr(values, -np.abs(np.subtract.outer(years, years))[upper]).statistic)
    return row


def auc_difference(a, b, groups: list[str], rounds: int = 1000, seed: int = 1):
    """AUC(a) − AUC(b) with a 95 % interval from resampling the documents (paired: the same
    resample for both views; pairs of a document with its own copy are left out). ``a`` and ``b``
    may be lists of matrices of equal length (seed 1 of one view against seed 1 of the other, …):
    the difference is then the mean over those pairs, in each resample, so the interval covers the
    documents and the three seeds' spread together."""
    a, b = (list(m) if isinstance(m, list | tuple) else [m] for m in (a, b))
    groups = np.array(groups)
    rng = np.random.default_rng(seed)
    n = len(groups)
    deltas = []
    for _ in range(rounds):
        pick = rng.integers(0, n, n)
        i, j = np.triu_indices(n, 1)
        i, j = pick[i], pick[j]
        keep = i != j
        i, j = i[keep], j[keep]
        same = groups[i] == groups[j]
        if same.all() or not same.any():
            continue
        deltas.append(np.mean([auc(same, x[i, j]) - auc(same, y[i, j]) for x, y in zip(a, b, strict=True)]))
    low, high = np.percentile(deltas, [2.5, 97.5])
    upper = np.triu_indices(n, 1)
    same = groups[upper[0]] == groups[upper[1]]
    point = np.mean([auc(same, x[upper]) - auc(same, y[upper]) for x, y in zip(a, b, strict=True)])
    return point, low, high


class Table:
    """Rows of the benchmark table; the first view added to a structure is its naive baseline.

    Every view is scored on all documents and on two halves apart: ``tuning`` (reports of even
    years; planted documents of even number), the only half any variant was ever tried on, and
    ``held out`` (odd years, odd documents), never looked at while choosing. Pairs within a half.
    """

    def __init__(self):
        self.rows, self.baseline, self.matrices = [], {}, {}

    def add(self, structure: str, view: str, similarity: np.ndarray, groups, years=None, halves=None) -> None:
        groups = list(groups)
        parts = {"all": list(range(len(groups)))}
        if halves is not None:
            parts["tuning"] = [i for i, h in enumerate(halves) if h == 0]
            parts["held out"] = [i for i, h in enumerate(halves) if h == 1]
        self.matrices[(structure, view)] = (similarity, groups, parts)
        for part, index in parts.items():
            sub = similarity[np.ix_(index, index)]
            sub_groups = [groups[i] for i in index]
            sub_years = [years[i] for i in index] if years else None
            key = (structure, part)
            row = {"structure": structure, "half": part, "view": view, **scores(sub, sub_groups, sub_years)}
            if key in self.baseline:
                delta, low, high = auc_difference(sub, self.baseline[key], sub_groups)
                row.update(AUC_minus_naive_tfidf=delta, ci_low=low, ci_high=high)
                extra = f"  ΔAUC {delta:+.3f} [{low:+.3f}, {high:+.3f}]"
            else:
                self.baseline[key], extra = sub, ""
            self.rows.append(row)
            time = f"  ρ(time) {row['rho_time']:.3f}" if "rho_time" in row else ""
            print(
                f"{structure:14s} {part:8s} {view:46s} AUC {row['AUC']:.3f}  P@1 {row['P@1']:.3f}{time}{extra}",
                flush=True,
            )

    def compare(self, structure: str, name: str, views: list[str], baselines: list[str]) -> None:
        """A row ``name``: the mean AUC difference of ``views`` over ``baselines``, pair by pair (e.g.
        the pipeline's LDA seed s against naive LDA seed s), with its paired bootstrap interval,
        for all documents and each half."""
        _, groups, parts = self.matrices[(structure, views[0])]
        for part, index in parts.items():
            pick = np.ix_(index, index)
            delta, low, high = auc_difference(
                [self.matrices[(structure, v)][0][pick] for v in views],
                [self.matrices[(structure, b)][0][pick] for b in baselines],
                [groups[i] for i in index],
            )
            self.rows.append(
                {
                    "structure": structure,
                    "half": part,
                    "view": name,
                    "AUC_difference": delta,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
            print(f"{structure:14s} {part:8s} {name:46s} ΔAUC {delta:+.3f} [{low:+.3f}, {high:+.3f}]", flush=True)


TOPICS = {  # planted structure: paragraphs about one of these, whatever the year
    "agriculture": ["农业", "农村", "农民", "粮食", "耕地"],
    "education_science": ["教育", "学校", "科技", "科学", "人才"],
    "defence_foreign": ["国防", "军队", "外交", "和平", "国际"],
    "environment": ["环境", "污染", "生态", "节能", "排放"],
    "finance": ["财政", "金融", "税收", "银行", "预算"],
    "welfare": ["社会保障", "养老", "医疗", "就业", "救助"],
}


def planted_documents(
    paragraphs: list[tuple[int, str]], per_topic: int = 32, on_topic: int = 3, noise: int = 3, seed: int = 1
):
    """Documents (lists of paragraph keys; ``paragraphs`` are (key, text)) of ``on_topic``
    paragraphs on one topic of TOPICS and ``noise`` paragraphs drawn from all the others, at random
    from reports of every period (so style and period do not tell documents apart; content does,
    through half of the text). A paragraph belongs to a topic when it names at least two of its
    words and at least twice as many as of any other."""
    pools = {topic: [] for topic in TOPICS}
    for key, text in paragraphs:
        hits = {t: sum(w in text for w in words) for t, words in TOPICS.items()}
        best = max(hits, key=hits.get)
        if hits[best] >= 2 and hits[best] >= 2 * max(v for t, v in hits.items() if t != best):
            pools[best].append(key)
    rng = np.random.default_rng(seed)
    everything = [key for key, _ in paragraphs]
    documents, groups = [], []
    for topic, pool in pools.items():
        order = rng.permutation(len(pool))
        for d in range(per_topic):
            chosen = [pool[i] for i in order[d * on_topic : (d + 1) * on_topic]]
            chosen += [everything[i] for i in rng.choice(len(everything), noise, replace=False)]
            documents.append(chosen)
            groups.append(topic)
    return documents, groups, {t: len(p) for t, p in pools.items()}


def naive_tokens(text: str) -> list[str]:
    return [w for w in jieba.lcut(T2S.convert(text)) if len(w.strip()) >= 2]


def run_pipeline() -> Path:
    work = Path(tempfile.mkdtemp(prefix="govtopics-gwr-"))
    for name in ("Snakefile", "workflow", "config", "resources"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    config = work / "config/examples/government_work_reports.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("../shared", str(ROOT.parent / "shared")), "utf-8")
    command = [sys.executable, "-m", "snakemake", "--cores", "2", "--quiet", "all", "--configfile", str(config)]
    subprocess.run(command, cwd=work, check=True)
    return work / "results/gwr"  # the example's run name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, help="results/gwr of a pipeline run on the GWR example")
    args = parser.parse_args()
    results = args.results or run_pipeline()

    cases = read_table(results / "corpus/cases.csv", dtype=str)
    cases = cases[cases["label"].str.fullmatch(r"\d{4}")]
    case_ids, years = list(cases["case_id"]), [int(y) for y in cases["label"]]
    labels = list(cases["label"])
    eras = [administration(y) for y in years]
    raw = {str(r.get("year")): r["content"] for r in map(json.loads, open(GWR, encoding="utf-8")) if r.get("year")}
    config = json.loads((results / "provenance.json").read_text(encoding="utf-8"))["config"]
    table = Table()

    def era(view, similarity):
        table.add("administration", view, similarity, eras, years, halves=[y % 2 for y in years])

    # 1. the naive baselines
    matrix, _ = tfidf.fit_tfidf([naive_tokens(raw[label]) for label in labels], sublinear_tf=True)
    era("naive TF-IDF (raw text, default jieba)", tfidf.similarity(matrix))
    paragraph_rows = read_table(results / "corpus/paragraphs.csv", dtype=str)
    paragraph_rows = paragraph_rows[paragraph_rows["case_id"] != ""].reset_index(drop=True)
    naive_paragraphs = [
        {"case_id": c, "tokens": naive_tokens(t)}
        for c, t in zip(paragraph_rows["case_id"], paragraph_rows["text"], strict=True)
    ]
    texts = [r["tokens"] for r in naive_paragraphs if len(r["tokens"]) >= 5]
    naive_dictionary = Dictionary(texts)
    corpus = [naive_dictionary.doc2bow(t) for t in texts]
    naive_models = {
        seed: LdaModel(corpus, id2word=naive_dictionary, num_topics=20, passes=10, random_state=seed)
        for seed in (1, 2, 3)
    }
    for seed, model in naive_models.items():
        mixtures = lda.case_topics(model, naive_dictionary, naive_paragraphs, case_ids)
        era(f"naive LDA (K = 20, passes = 10, seed {seed})", lda.js_similarity(mixtures))

    # 2. the pipeline's views as reported
    for view in ("tfidf", "lda"):
        similarity, matrix_labels = read_matrix(results / f"{view}/similarity.csv")
        index = [matrix_labels.index(label) for label in labels]
        era(f"pipeline {view} (as reported)", similarity[np.ix_(index, index)])
    naive_lda = [f"naive LDA (K = 20, passes = 10, seed {seed})" for seed in naive_models]
    table.compare(
        "administration", "pipeline LDA − naive LDA (mean of 3)", ["pipeline lda (as reported)"] * 3, naive_lda
    )

    # 3. ablation of the TF-IDF view: tag the pipeline's paragraphs once, then filter several ways
    tok = config["tokens"]
    tokenizer = tokens.make_tokenizer(ROOT / tok["user_dictionary"])
    tagged = tokens.tag_paragraphs(list(paragraph_rows["text"]), tokenizer, tok["keep_slogans"])
    stop_files = [ROOT / path for path in tok["stopwords"]]
    variants = {
        "pipeline tokens (all filters)": {},
        "  keep place names": {"drop_place_names": False},
        "  keep person names": {"drop_person_names": False},
        "  no domain stopwords": {"stopword_files": stop_files[:1]},
        "  no general stopwords (stopwords-iso)": {"stopword_files": stop_files[1:]},
        "  no stopwords": {"stopword_files": []},
        "  keep one-character words": {"min_token_chars": 1},
    }
    filtered = {}
    for name, change in variants.items():
        settings = {
            "stopword_files": stop_files,
            "drop_place_names": tok["drop_place_names"],
            "min_token_chars": tok["min_token_chars"],
            "drop_person_names": tok["drop_person_names"],
            **change,
        }
        filters = tokens.token_filters(**settings)
        filtered[name] = [tokens.filter_tokens(t, **filters) for t in tagged]
        paragraph_tokens = [
            {"case_id": c, "tokens": t} for c, t in zip(paragraph_rows["case_id"], filtered[name], strict=True)
        ]
        matrix, _ = tfidf.fit_tfidf(
            tfidf.case_documents(paragraph_tokens, case_ids), config["tfidf"]["sublinear_tf"], config["tfidf"]["min_df"]
        )
        era(f"ablation: {name}", tfidf.similarity(matrix))
    # 3b. the same ablation for the LDA view: a model of the chosen K, trained as the pipeline trains
    # (its split's training paragraphs, dictionary limits, passes, chunks; seed 1), on the pipeline's
    # tokens and on them with the general stopwords kept
    lda_config = config["lda"]
    chosen_k = json.loads((results / "lda/chosen_k.json").read_text(encoding="utf-8"))["k"]
    role = dict(zip(*read_table(results / "lda/corpus/split.csv")[["paragraph_id", "role"]].T.values, strict=True))
    training = [role.get(pid) == "train" for pid in paragraph_rows["paragraph_id"]]
    ablation_lda = {}
    for name in ("pipeline tokens (all filters)", "  no general stopwords (stopwords-iso)"):
        texts_ = [t for t, keep in zip(filtered[name], training, strict=True) if keep]
        dictionary_ = lda.make_dictionary(texts_, lda_config["no_below"], lda_config["no_above"])
        model = lda.fit(
            texts_,
            dictionary_,
            chosen_k,
            lda_config["seeds"][0],
            passes=lda_config["passes"],
            iterations=lda_config["iterations"],
            alpha=lda_config["alpha"],
            chunksize=lda_config.get("chunksize", 2000),
        )
        ablation_lda[name] = (model, dictionary_)
        rows_ = [{"case_id": c, "tokens": t} for c, t in zip(paragraph_rows["case_id"], filtered[name], strict=True)]
        era(
            f"ablation LDA (K = {chosen_k}): {name.strip()}",
            lda.js_similarity(lda.case_topics(model, dictionary_, rows_, case_ids)),
        )
    cleaned = [naive_tokens("\n".join(paragraph_rows.loc[paragraph_rows["case_id"] == c, "text"])) for c in case_ids]
    matrix, _ = tfidf.fit_tfidf(cleaned, sublinear_tf=True)
    era("ablation: cleaned text, naive tokens", tfidf.similarity(matrix))

    # 4. planted structure: documents on one topic each, drawn from reports of many years
    year_of = dict(zip(case_ids, years, strict=True))
    indexed = [
        (i, year_of.get(c, 0), t)
        for i, (c, t) in enumerate(zip(paragraph_rows["case_id"], paragraph_rows["text"], strict=True))
    ]
    indexed = [(i, t) for i, y, t in indexed if y]
    documents, topics, pools = planted_documents([(i, t) for i, t in indexed])
    print(f"\nplanted topics: paragraphs per topic {pools}; {len(documents)} documents of 3 + 3 paragraphs")
    text_of = dict(indexed)
    doc_ids = [f"doc{d}" for d in range(len(documents))]
    membership = [(doc_ids[d], i) for d, chosen in enumerate(documents) for i in chosen]

    def planted(view, similarity):
        table.add("planted topics", view, similarity, topics, halves=[d % 2 for d in range(len(topics))])

    matrix, _ = tfidf.fit_tfidf([naive_tokens("\n".join(text_of[i] for i in chosen)) for chosen in documents])
    planted("naive TF-IDF (default jieba)", tfidf.similarity(matrix))
    for seed, model in naive_models.items():
        rows = [{"case_id": d, "tokens": naive_tokens(text_of[i])} for d, i in membership]
        planted(
            f"naive LDA (K = 20, seed {seed})",
            lda.js_similarity(lda.case_topics(model, naive_dictionary, rows, doc_ids)),
        )
    for name in ("pipeline tokens (all filters)", "  no general stopwords (stopwords-iso)"):
        rows = [{"case_id": d, "tokens": filtered[name][i]} for d, i in membership]
        matrix, _ = tfidf.fit_tfidf(
            tfidf.case_documents(rows, doc_ids), config["tfidf"]["sublinear_tf"], config["tfidf"]["min_df"]
        )
        planted(f"pipeline TF-IDF, {name.strip()}", tfidf.similarity(matrix))
    dictionary = Dictionary.load_from_text(str(results / "lda/corpus/dictionary.txt"))
    rows = [{"case_id": d, "tokens": filtered["pipeline tokens (all filters)"][i]} for d, i in membership]
    for seed in config["lda"]["seeds"]:
        model = LdaModel.load(str(results / f"lda/k{chosen_k}/models/seed{seed}"))
        planted(
            f"pipeline LDA (K = {chosen_k} as chosen, seed {seed})",
            lda.js_similarity(lda.case_topics(model, dictionary, rows, doc_ids)),
        )
    for name, (model, dictionary_) in ablation_lda.items():
        rows_ = [{"case_id": d, "tokens": filtered[name][i]} for d, i in membership]
        planted(
            f"ablation LDA (K = {chosen_k}): {name.strip()}",
            lda.js_similarity(lda.case_topics(model, dictionary_, rows_, doc_ids)),
        )
    pipeline_lda = [f"pipeline LDA (K = {chosen_k} as chosen, seed {seed})" for seed in config["lda"]["seeds"]]
    naive_planted = [f"naive LDA (K = 20, seed {seed})" for seed in naive_models]
    table.compare(
        "planted topics",
        "pipeline LDA − naive LDA (seed-matched mean)",
        pipeline_lda[:3],
        naive_planted[: len(pipeline_lda)],
    )
    if chosen_k != 20 and (results / "lda/k20/models").is_dir():
        model = LdaModel.load(str(results / "lda/k20/models/seed1"))
        planted(
            "pipeline LDA (K = 20 of its grid, seed 1)",
            lda.js_similarity(lda.case_topics(model, dictionary, rows, doc_ids)),
        )

    out = ROOT / "results/benchmarks/known_structure.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(table.rows).round(4).to_csv(out, index=False, encoding="utf-8-sig")
    print(f"\n{len(years)} reports, {len(set(eras))} administrations; written to {out}")


if __name__ == "__main__":
    main()
