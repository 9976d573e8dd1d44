"""Do the case-similarity views recover structure we know, and do they beat a naive baseline?

Known structure: the Government Work Reports (GWR) of 1954–2025, grouped by the administration
that delivered them (周恩来 1954–75, 华国锋 1978–80, 赵紫阳 1981–87, 李鹏 1988–97, 朱镕基
1998–2002, 温家宝 2003–12, 李克强 2013–22, 李强 2023–). Reports of one administration share its
programme and vocabulary; a view that works ranks such pairs above pairs from different ones.

Measures, per view (over the reports with a year; the NPC resolutions are left out):
- AUC: the probability that a same-administration pair is more similar than a cross pair;
- P@1: the share of reports whose most similar other report is of the same administration;
- ρ(time): Spearman correlation of similarity with −|year difference| (temporal drift).

Views:
- naive TF-IDF: raw text, OpenCC t2s, jieba's default dictionary, tokens of ≥ 2 characters,
  sublinear tf, cosine, over whole documents (what a reviewer would try first);
- naive LDA: gensim LdaModel, K = 20, passes = 10, on the pipeline's paragraphs tokenised the
  naive way, case mixtures as in the pipeline, 1 − Jensen–Shannon; three seeds;
- the pipeline's TF-IDF and LDA views as reported (results/tfidf, results/lda);
- ablations of the TF-IDF view: the pipeline's tokens with one step undone at a time.

Usage (from the project folder):

    python benchmarks/known_structure.py                # runs the GWR example into a temp copy (~4 min)
    python benchmarks/known_structure.py --results DIR  # DIR: the results/ of a GWR run

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
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
from govtopics import lda, tfidf, tokens  # noqa: E402
from govtopics.io import read_matrix, read_table  # noqa: E402

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


def scores(similarity: np.ndarray, years: list[int]) -> dict:
    groups = [administration(y) for y in years]
    n = len(years)
    upper = np.triu_indices(n, 1)
    same = np.array([groups[i] == groups[j] for i, j in zip(*upper, strict=True)])
    values = similarity[upper]
    gap = -np.abs(np.subtract.outer(years, years))[upper]
    masked = similarity.astype(float).copy()
    np.fill_diagonal(masked, -np.inf)
    nearest = masked.argmax(axis=1)
    return {
        "AUC": roc_auc_score(same, values),
        "P@1": float(np.mean([groups[i] == groups[j] for i, j in enumerate(nearest)])),
        "rho_time": float(spearmanr(values, gap).statistic),
    }


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
    return work / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, help="results/ of a pipeline run on the GWR example")
    args = parser.parse_args()
    results = args.results or run_pipeline()

    cases = read_table(results / "corpus/cases.csv", dtype=str)
    cases = cases[cases["label"].str.fullmatch(r"\d{4}")]
    case_ids, years = list(cases["case_id"]), [int(y) for y in cases["label"]]
    labels = list(cases["label"])
    raw = {str(r.get("year")): r["content"] for r in map(json.loads, open(GWR, encoding="utf-8")) if r.get("year")}
    rows = []

    def add(view: str, similarity: np.ndarray, note: str = "") -> None:
        rows.append({"view": view, **scores(similarity, years), "note": note})
        print(f"{view:48s} AUC {rows[-1]['AUC']:.3f}  P@1 {rows[-1]['P@1']:.3f}  ρ(time) {rows[-1]['rho_time']:.3f}")

    # the naive baselines
    documents = [naive_tokens(raw[label]) for label in labels]
    matrix, _ = tfidf.fit_tfidf(documents, sublinear_tf=True)
    add("naive TF-IDF (raw text, default jieba)", tfidf.similarity(matrix))

    paragraph_rows = read_table(results / "corpus/paragraphs.csv", dtype=str)
    paragraph_rows = paragraph_rows[paragraph_rows["case_id"] != ""]
    naive_paragraphs = [
        {"case_id": c, "tokens": naive_tokens(t)}
        for c, t in zip(paragraph_rows["case_id"], paragraph_rows["text"], strict=True)
    ]
    texts = [r["tokens"] for r in naive_paragraphs if len(r["tokens"]) >= 5]
    dictionary = Dictionary(texts)
    corpus = [dictionary.doc2bow(t) for t in texts]
    for seed in (1, 2, 3):
        model = LdaModel(corpus, id2word=dictionary, num_topics=20, passes=10, random_state=seed)
        mixtures = lda.case_topics(model, dictionary, naive_paragraphs, case_ids)
        add(f"naive LDA (K = 20, passes = 10, seed {seed})", lda.js_similarity(mixtures))

    # the pipeline's views as reported
    for view in ("tfidf", "lda"):
        similarity, matrix_labels = read_matrix(results / f"{view}/similarity.csv")
        index = [matrix_labels.index(label) for label in labels]
        add(f"pipeline {view} (as reported)", similarity[np.ix_(index, index)])

    # ablation of the TF-IDF view: tag the pipeline's paragraphs once, then filter several ways
    config = json.loads((results / "provenance.json").read_text(encoding="utf-8"))["config"]
    tok = config["tokens"]
    tokenizer = tokens.make_tokenizer(ROOT / tok["user_dictionary"])
    tagged = tokens.tag_paragraphs(list(paragraph_rows["text"]), tokenizer, tok["keep_slogans"])
    stop_files = [ROOT / path for path in tok["stopwords"]]
    variants = {
        "pipeline tokens (all filters)": {},
        "  keep place names": {"drop_place_names": False},
        "  keep person names": {"drop_person_names": False},
        "  no domain stopwords": {"stopword_files": stop_files[:1]},
        "  no stopwords": {"stopword_files": []},
        "  keep one-character words": {"min_token_chars": 1},
    }
    for name, change in variants.items():
        settings = {
            "stopword_files": stop_files,
            "drop_place_names": tok["drop_place_names"],
            "min_token_chars": tok["min_token_chars"],
            "drop_person_names": tok["drop_person_names"],
            **change,
        }
        filters = tokens.token_filters(**settings)
        paragraph_tokens = [
            {"case_id": c, "tokens": tokens.filter_tokens(t, **filters)}
            for c, t in zip(paragraph_rows["case_id"], tagged, strict=True)
        ]
        matrix, _ = tfidf.fit_tfidf(
            tfidf.case_documents(paragraph_tokens, case_ids), config["tfidf"]["sublinear_tf"], config["tfidf"]["min_df"]
        )
        add(f"ablation: {name}", tfidf.similarity(matrix))
    cleaned = [naive_tokens("\n".join(paragraph_rows.loc[paragraph_rows["case_id"] == c, "text"])) for c in case_ids]
    matrix, _ = tfidf.fit_tfidf(cleaned, sublinear_tf=True)
    add("ablation: cleaned text, naive tokens", tfidf.similarity(matrix))

    table = pd.DataFrame(rows)
    out = ROOT / "results/benchmarks/known_structure.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    table.round(4).to_csv(out, index=False, encoding="utf-8-sig")
    print(f"\n{len(years)} reports, {len(set(map(administration, years)))} administrations; written to {out}")


if __name__ == "__main__":
    main()
