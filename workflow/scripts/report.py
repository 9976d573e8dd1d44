"""Report: one self-contained HTML page with every figure and table, captions that say how to
read them, the parameters, input checksums and a generated methods paragraph.

Inputs: the tables and figures of every stage. Output: ``results/report.html``.
"""

import html
import json
from pathlib import Path

from govtopics import explorer, lda, reading, references, report, summary
from govtopics.io import log_to, read_table, write_text
from govtopics.methods import methods_paragraph, methods_paragraph_zh

log_to(snakemake.log[0])
inp = snakemake.input
config = snakemake.params.config
captions = Path(inp.captions[0]).parent
chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))
provenance = json.loads(Path(inp.provenance).read_text(encoding="utf-8"))
documents, cases = read_table(inp.documents), read_table(inp.cases)
assignments, silhouette = read_table(inp.assignments), read_table(inp.silhouette)
audit, agreement = read_table(inp.audit), read_table(inp.agreement)
figure = {Path(p).stem: p for p in inp.figures}


def fig(name):
    return {"figure": figure[name], "caption": report.caption(captions, name, config)}


named_topics = read_table(inp.topic_names)
names = dict(zip(named_topics["topic"].astype(int), named_topics["name"].astype(str), strict=True))
values = report.caption_values(config)


def named(frame):
    """A table with its topics named (lda/topic_names.csv) next to their numbers."""
    if "topic" in frame and "topic_label" not in frame:
        frame.insert(frame.columns.get_loc("topic") + 1, "topic_label", frame["topic"].map(names))
    return frame


def table(path, caption, max_rows=None, columns=None):
    frame = named(read_table(path))
    return {"table": frame[columns] if columns else frame, "caption": caption, "file": path, "max_rows": max_rows}


removed = report.removals_by_reason(audit)
keyness = read_table(inp.keyness_clusters)
keyness_by_cluster = (
    keyness.sort_values(["view", "cluster", "rank"])
    .groupby(["view", "cluster", "members"], sort=False)["term"]
    .agg("、".join)
    .reset_index()
    .rename(columns={"term": "distinctive terms"})
)
top_terms = read_table(inp.top_terms)
terms_by_case = top_terms.groupby("case", sort=False)["term"].apply(lambda t: "、".join(t)).reset_index()
topics = named(read_table(inp.topics))
topic_words = (
    topics.groupby(["topic", "topic_label"])
    .agg(by_probability=("term", "、".join), by_frex=("frex_term", "、".join))
    .reset_index()
)
alignment = named(read_table(inp.alignment))
spread = lda.seed_spread(read_table(inp.by_seed))
seed_sentence = (
    f". Across the seeds, a pair of cases' similarity moves by a median of {spread['median_range']:.3f} "
    f"(90% of the {spread['pairs']} pairs by at most {spread['p90_range']:.3f}); two seeds' similarity tables "
    f"correlate at Spearman ρ ≥ {spread['lowest_rho']:.2f} (lda/similarity_by_seed.csv)."
    if "median_range" in spread
    else "."
)
aligned = alignment.groupby(["topic", "topic_label"])["jaccard"].agg(["mean", "min"]).reset_index()
aligned.columns = ["topic", "topic_label", "mean Jaccard with matched topic (all seeds)", "lowest"]
sources = named(read_table(inp.sources))
dominance = sources.loc[sources.groupby("topic")["share"].idxmax(), ["topic", "topic_label", "doc_id", "share"]]
dominance = dominance.rename(columns={"doc_id": "largest source document", "share": "its share of the topic"})
cluster_reasons = silhouette[silhouette["reason"] != ""][["view", "reason"]]
n_dup = int((documents["duplicate_of"] != "").sum())
facts = {
    "documents": int((documents["excluded"] == "").sum()),
    "cases": len(cases),
    "paragraphs": chosen["paragraphs"],
    "unsampled_paragraphs": chosen.get("unsampled_paragraphs", 0),
    "covariates": [
        row["column"]
        for row in read_table(inp.covariate_summary, dtype={"column": str}).to_dict("records")
        if row["levels"] >= 2
    ],
    "vocabulary": chosen["vocabulary"],
    "k": chosen["k"],
    "k_reason": chosen["reason"],
    "clusters_tfidf": int(silhouette[(silhouette["view"] == "tfidf") & silhouette["chosen"]]["k"].sum()),
    "clusters_lda": int(silhouette[(silhouette["view"] == "lda") & silhouette["chosen"]]["k"].sum()),
    "agreement": agreement.to_dict("records"),
    "duplicates": n_dup,
    "damaged_runs": int(documents["damaged_runs"].sum()),
    "damage_repaired": int(documents["damage_repaired"].sum()),
    "chars_recovered": int(documents["chars_recovered"].sum()),
    "chars_lost": int(documents["chars_lost"].sum()),
    "chars_restored": int(documents["chars_restored"].sum()),
}
methods = methods_paragraph(config, provenance["software"], facts)
cited = references.cited(methods)
write_text(references.bibtex(cited), snakemake.output.references)
style, language = config["report"]["citation_style"], config["report"]["language"]
STYLE_NAMES = {"apa": "APA 7th edition", "gb7714": "GB/T 7714-2015, author–date"}
methods_zh = methods_paragraph_zh(config, provenance["software"], facts)
methods_cited, reference_list = references.render(methods, style)
methods_zh_cited, _ = references.render(methods_zh, style)
first, second = (methods_zh_cited, methods_cited) if language == "zh" else (methods_cited, methods_zh_cited)
other = "English" if language == "zh" else "中文"

doc_columns = [
    "doc_id",
    "title",
    "date",
    "publisher",
    "authors",
    "encoding",
    "raw_chars",
    *report.CLEANING_COUNTS,
    "excluded",
]
sections = [
    {
        "heading": "1. Corpus 语料",
        "items": [
            {
                "table": documents[doc_columns],
                "caption": "Documents read: metadata found in the page or supplied, "
                "characters before and after cleaning, pinyin annotations removed, characters converted "
                "from Traditional to Simplified, lines dropped, runs of encoding damage found and repaired (characters recovered, lost), and the document each near-duplicate "
                "repeats. Every document raw beside cleaned: cleaning.html.",
                "file": inp.documents,
            },
            {
                "table": removed,
                "caption": "What cleaning removed, by document and reason (lines; spans for "
                "pinyin_annotation and encoding_damage). Every removal is in the audit with its raw line "
                "number and text.",
                "file": inp.audit,
            },
            {
                "table": cases[
                    ["case_id", "label", "place", "province", "city", "region", "heading", "n_paragraphs", "n_chars"]
                ],
                "caption": "Governance cases: one per '<place>:<headline>' heading, or one per "
                "article without such headings.",
                "file": inp.cases,
            },
        ],
    },
    {
        "heading": "2. TF-IDF case profiles TF-IDF 案例特征",
        "items": [
            {
                "table": terms_by_case,
                "caption": "Highest-weighted TF-IDF terms of each case"
                + (f" ({values['names_removed'].lstrip(', ，')})." if values["names_removed"] else "."),
                "file": inp.top_terms,
            },
            fig("similarity_tfidf"),
        ],
    },
    {
        "heading": "3. Topic model 主题模型",
        "text": chosen["reason"]
        + f". Trained on {chosen['paragraphs']} "
        + (
            f"paragraphs (a sample set by lda.train_sample; {chosen['unsampled_paragraphs']} more were left out "
            "of training and given their mixtures by the model), vocabulary"
            if chosen.get("unsampled_paragraphs")
            else "paragraphs, vocabulary"
        )
        + f" {chosen['vocabulary']} words. The topics shown are seed {chosen['seed']}'s; every finding below "
        + "(topic shares, typical paragraphs, case similarity, nearest cases, clusters) combines all "
        + f"{len(chosen['seeds'])} seeds' models ({', '.join(map(str, chosen['seeds']))}): similarities are the "
        + "mean of the seeds', topic shares the mean of their matched topics'; how far the seeds agree is given with each"
        + seed_sentence,
        "items": [
            fig("k_selection"),
            table(
                inp.selection,
                "Every fit of the grid (K × seed): NPMI and u_mass coherence (c_v is not used: it is known to score "
                "some incoherent topics highly and is no longer recommended), topic diversity, held-out perplexity and stability across seeds. "
                "The chosen K's models are the ones reported below, as they were scored (the top words each row was scored on are in the CSV).",
                columns=["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "chosen", "note"],
            ),
            {
                "table": topic_words,
                "caption": "Topics of the reference model: top words by probability and by FREX "
                "(frequent and exclusive, Bischof & Airoldi 2012). Name topics in config/topic_labels.yaml.",
                "file": inp.topics,
            },
            {
                "table": aligned,
                "caption": "How well each topic is found again with the other seeds (topics matched "
                "one-to-one by the Hungarian algorithm on top-word Jaccard).",
                "file": inp.alignment,
            },
            {
                "table": dominance,
                "caption": "Is a topic one article in disguise? The document that contributes most "
                "of each topic's token mass, and its share. Above 0.5 the topic may describe that article (or its site) "
                "rather than a theme shared by cases; read its typical paragraphs before naming it.",
                "file": inp.sources,
            },
            fig("topic_terms"),
            table(
                inp.typical,
                "The three paragraphs most given to each topic, with their case: read them to name the topic.",
                columns=["topic", "topic_label", "rank", "case", "share", "text"],
            ),
            fig("case_topics"),
            fig("similarity_lda"),
            fig("topic_prevalence"),
            table(
                inp.covariate_summary,
                "Topics by covariate (covariates.columns): for each column, how many levels and cases have a value, "
                "and what could not be estimated. A level with fewer than covariates.min_cases cases gets its share "
                "but no interval: too few cases to say how sure the share is.",
            ),
            table(
                inp.trends,
                f"Each topic's change in share per decade along a numeric column (least-squares slope over the cases), "
                f"with its {config['covariates']['level']:.0%} bootstrap interval over {config['covariates']['rounds']:,} "
                "resamples of the cases. An interval that excludes 0 is a trend the cases support.",
            ),
            table(
                inp.prevalence,
                "Topic share by level (mean over the level's cases) with its bootstrap interval over the level's cases "
                "(expanded percentile interval); the note says when a level has too few cases.",
                max_rows=200,
            ),
            table(
                inp.similarity_by_level,
                "Mean similarity of pairs of cases within and between levels, in the TF-IDF and LDA views: are cases "
                "of one level more alike than cases of different levels?",
                max_rows=200,
            ),
        ],
    },
    {
        "heading": "4. Codebook of governance mechanisms 治理机制编码",
        "items": [
            fig("codebook"),
            table(
                inp.kwic,
                "Every codebook hit in its context (the CSV has all).",
                max_rows=200,
                columns=["case", "category", "left", "match", "right"],
            ),
        ],
    },
    {
        "heading": "5. Agreement of the three views 三种视角的一致性",
        "items": [
            {
                "table": agreement,
                "caption": "Spearman correlation of the off-diagonal entries of each pair of "
                "similarity matrices, with a one-sided Mantel permutation p-value (cases relabelled at "
                "random). A high, significant correlation means the views rank pairs of cases alike.",
                "file": inp.agreement,
            },
        ],
    },
    {
        "heading": "6. Clusters and how sure they are 聚类及其稳定性",
        "items": [
            {"table": cluster_reasons, "caption": "Number of clusters used for each view and why."},
            fig("cluster_selection"),
            fig("dendrograms"),
            fig("consensus"),
            table(
                inp.cluster_stability,
                "Each cluster's members, median length in characters, and stability: mean best "
                "Jaccard match over bootstrap rounds "
                "(Hennig 2007: above 0.75 stable, below 0.5 dissolved) and across LDA seeds.",
            ),
            {
                "table": assignments,
                "caption": "Cluster of every case under each view, with its silhouette and "
                "stability (share-weighted Jaccard of its cluster companions across bootstrap rounds and seeds).",
                "file": inp.assignments,
            },
        ],
    },
    {
        "heading": "7. What makes cases differ 案例差异",
        "items": [
            fig("keyness"),
            {
                "table": keyness_by_cluster,
                "caption": "Distinctive terms of each cluster against the other cases, most distinctive first "
                "(G² and log ratio of every term in the CSV).",
                "file": inp.keyness_clusters,
            },
            table(
                inp.nearest,
                f"Each case's {config['compare']['nearest']} nearest cases in each view, with the distinctive terms "
                "they share.",
            ),
            fig("mds"),
        ],
    },
    {
        "heading": "8. Explore 交互浏览",
        "items": [
            {
                "html": explorer.explorer_html(
                    explorer.explorer_data(
                        read_table(inp.topics),
                        read_table(inp.typical),
                        read_table(inp.case_topics),
                        read_table(inp.nearest),
                        names,
                        topic_map=read_table(inp.topic_map),
                        topic_terms=read_table(inp.topic_terms),
                        paragraph_topics=read_table(inp.paragraph_topics),
                        paragraphs=read_table(inp.paragraphs, usecols=["paragraph_id", "text"]),
                    )
                )
            }
        ],
    },
    {
        "heading": "Methods 方法 (generated from the parameters used; paste into a paper)",
        "html": f"<p>{first}</p>"
        + f'<details class="more"><summary>The same paragraph in {other}</summary><p>{second}</p></details>'
        + '<details class="more"><summary>The same paragraph with pandoc citation keys, for Markdown or '
        + f"LaTeX with references.bib</summary><pre>{html.escape(methods)}</pre>"
        + f"<pre>{html.escape(methods_zh)}</pre></details>",
        "items": [],
    },
    {
        "heading": f"References 参考文献 ({STYLE_NAMES[style]}; BibTeX in references.bib next to this file)",
        "html": '<ul class="references">' + "".join(f"<li>{entry}</li>" for entry in reference_list) + "</ul>",
        "items": [],
    },
]
grouped = read_table(inp.case_units, dtype=str)["why"]
facts_table = [
    ("Corpus 语料", f"{len(documents)} documents, {len(cases)} cases ({config['corpus']['path']})"),
    *([("Compared 比较单位", grouped.iloc[0])] if len(grouped) and grouped.iloc[0] else []),
    ("Topics 主题", chosen["reason"]),
    ("Clusters 聚类", "; ".join(f"{r.view}: {r.reason}" for r in cluster_reasons.itertuples())),
    ("Cleaning 清洗", "cleaning.html (next to this file): every document raw beside cleaned, removals marked"),
    ("Reproduce 复现", "snakemake --cores 2 (same config and inputs give byte-identical tables)"),
]
read = reading.what_was_read(read_table(inp.ingest_log), documents, read_table(inp.headings))
facts_table.insert(
    1,
    (
        "Read 读入",
        f"{read['read']} files or rows read, {len(read['skipped'])} skipped, {len(read['titles_guessed'])} titles "
        f"guessed, {len(read['no_date'])} documents without a date, {len(read['headings_not_cases'])} heading lines "
        "not used as cases (see What was read, below)",
    ),
)
findings = summary.findings(
    read,
    len(cases),
    silhouette,
    read_table(inp.cluster_stability),
    keyness,
    read_table(inp.nearest),
    read_table(inp.lda_nearest),
    agreement,
    assignments,
    chosen,
    spread,
    language,
)
write_text(
    report.build(
        sections,
        "govtopics report: 基层治理案例比较",
        facts_table,
        config,
        provenance,
        reading.reading_html(read),
        findings,
    ),
    snakemake.output.html,
)
