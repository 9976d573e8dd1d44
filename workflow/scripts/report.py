"""Report: one self-contained HTML page with every figure and table, captions, parameters and
input checksums. Inputs: the tables and figures of every stage. Output: ``results/report.html``."""

import json
from pathlib import Path

from govtopics import report
from govtopics.io import log_to, read_table, write_text

log_to(snakemake.log[0])
inp = snakemake.input
captions = Path(inp.captions[0]).parent
chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))
provenance = json.loads(Path(inp.provenance).read_text(encoding="utf-8"))
documents, cases = read_table(inp.documents), read_table(inp.cases)
assignments, silhouette = read_table(inp.assignments), read_table(inp.silhouette)
audit = read_table(inp.audit)
figure = {Path(p).stem: p for p in inp.figures}


def fig(name):
    return {"figure": figure[name], "caption": report.caption(captions, name)}


removed = (
    audit[audit["action"] != "join"]
    .pivot_table(index="doc_id", columns="reason", values="count", aggfunc="sum", fill_value=0)
    .reset_index()
    .rename_axis(columns=None)
)
top_terms = read_table(inp.top_terms)
terms_by_case = top_terms.groupby("case", sort=False)["term"].apply(lambda t: "、".join(t)).reset_index()
topics = read_table(inp.topics)
topic_words = topics.groupby("topic")["term"].apply(lambda t: "、".join(t)).reset_index()
cluster_reasons = silhouette[silhouette["reason"] != ""][["view", "reason"]]

sections = [
    {
        "heading": "1. Corpus 语料",
        "items": [
            {
                "table": documents[
                    [
                        "doc_id",
                        "title",
                        "date",
                        "publisher",
                        "encoding",
                        "raw_chars",
                        "clean_chars",
                        "pinyin_removed",
                        "chars_converted",
                        "lines_dropped",
                        "damaged_runs",
                        "damage_marks",
                    ]
                ],
                "caption": "Documents read, with the characters before and after cleaning, pinyin annotations removed, "
                "characters converted from Traditional to Simplified, lines dropped and marks of encoding "
                "damage left in the text.",
                "file": "results/corpus/documents.csv",
            },
            {
                "table": removed,
                "caption": "What cleaning removed, by document and reason (lines, or spans for "
                "pinyin_annotation). Every removed line is in the audit table with its "
                "raw line number and text.",
                "file": "results/corpus/cleaning_audit.csv",
            },
            {
                "table": cases[
                    [
                        "case_id",
                        "label",
                        "place",
                        "province",
                        "city",
                        "region",
                        "heading",
                        "n_paragraphs",
                        "n_chars",
                    ]
                ],
                "caption": "Governance cases found: one per '<place>:<headline>' heading, or one per article without "
                "such headings.",
                "file": "results/corpus/cases.csv",
            },
        ],
    },
    {
        "heading": "2. TF-IDF case profiles TF-IDF 案例特征",
        "items": [
            {
                "table": terms_by_case,
                "caption": "Highest-weighted TF-IDF terms of each case (place names removed).",
                "file": "results/tfidf/top_terms.csv",
            },
            fig("similarity_tfidf"),
        ],
    },
    {
        "heading": "3. Topic model 主题模型",
        "text": chosen["reason"] + f"; trained on {chosen['paragraphs']} "
        f"paragraphs with a vocabulary of {chosen['vocabulary']} words, seed {chosen['seed']}.",
        "items": [
            fig("k_selection"),
            {
                "table": read_table(inp.selection),
                "caption": "Every fit of the grid: NPMI and u_mass coherence and topic diversity per K and seed.",
                "file": "results/lda/model_selection.csv",
            },
            {
                "table": topic_words,
                "caption": "Top words of each topic of the chosen model.",
                "file": "results/lda/topics.csv",
            },
            fig("topic_terms"),
            fig("case_topics"),
            fig("similarity_lda"),
        ],
    },
    {
        "heading": "4. Clusters 聚类",
        "items": [
            {"table": cluster_reasons, "caption": "Number of clusters used for each view and why."},
            fig("cluster_selection"),
            fig("dendrograms"),
            {
                "table": assignments,
                "caption": "Cluster of every case under each view, with the case's silhouette "
                "(near 1: well inside its cluster; near 0 or below: between clusters).",
                "file": "results/clusters/assignments.csv",
            },
        ],
    },
]
summary = [
    (
        "Corpus 语料",
        f"{len(documents)} documents, {len(cases)} cases ({snakemake.params.config['corpus']['path']})",
    ),
    ("Topics 主题", chosen["reason"]),
    ("Clusters 聚类", "; ".join(f"{r.view}: {r.reason}" for r in cluster_reasons.itertuples())),
    ("Cleaning 清洗", "cleaning.html (next to this file): every document raw beside cleaned, removals marked"),
    ("Reproduce 复现", "snakemake --cores 2 (same config and inputs give byte-identical tables)"),
]
write_text(
    report.build(sections, "govtopics report: 基层治理案例比较", summary, snakemake.params.config, provenance),
    snakemake.output[0],
)
