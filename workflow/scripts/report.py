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
language = config["report"]["language"]


def say(en, zh):
    """A caption in report.language."""
    return zh if language == "zh" else en


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
style = config["report"]["citation_style"]
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
reason_without_k = str(chosen["reason"]).removeprefix(f"K = {chosen['k']}: ")
sections = [
    {
        "heading": "1. Corpus 语料",
        "items": [
            {
                "table": documents[doc_columns],
                "caption": say(
                    "Documents read: metadata found in the page or supplied, "
                    "characters before and after cleaning, pinyin annotations removed, characters converted "
                    "from Traditional to Simplified, lines dropped, runs of encoding damage found and repaired "
                    "(characters recovered, lost), and the document each near-duplicate "
                    "repeats. Every document raw beside cleaned: cleaning.html.",
                    "读入的文档：页面中找到或另行提供的元数据，清洗前后的字符数，去除的拼音注音，繁转简的字符，"
                    "删去的行，发现并修复的编码损坏（恢复、丢失的字符），以及近似重复文档所重复的文档。"
                    "每篇文档的原文与清洗后文本并排：cleaning.html。",
                ),
                "file": inp.documents,
            },
            {
                "table": removed,
                "caption": say(
                    "What cleaning removed, by document and reason (lines; spans for "
                    "pinyin_annotation and encoding_damage). Every removal is in the audit with its raw line "
                    "number and text.",
                    "清洗删去了什么，按文档与原因（行；pinyin_annotation 与 encoding_damage 为片段）。"
                    "每一处删除都在审计表中，附原文行号与文本。",
                ),
                "file": inp.audit,
            },
            {
                "table": cases[
                    ["case_id", "label", "place", "province", "city", "region", "heading", "n_paragraphs", "n_chars"]
                ],
                "caption": say(
                    "Governance cases: one per '<place>:<headline>' heading, or one per article without such headings.",
                    "治理案例：每个“<地名>：<标题>”形式的小标题一个；没有这类小标题的文章各为一个。",
                ),
                "file": inp.cases,
            },
        ],
    },
    {
        "heading": "2. TF-IDF case profiles TF-IDF 案例特征",
        "items": [
            {
                "table": terms_by_case,
                "caption": say("Highest-weighted TF-IDF terms of each case", "每个案例 TF-IDF 权重最高的词")
                + (
                    say(f" ({values['names_removed'].lstrip(', ')}).", f"（{values['names_removed'].lstrip('，')}）。")
                    if values["names_removed"]
                    else say(".", "。")
                ),
                "file": inp.top_terms,
            },
            fig("similarity_tfidf"),
        ],
    },
    {
        "heading": "3. Topic model 主题模型",
        "text": say(
            chosen["reason"]
            + f". Trained on {chosen['paragraphs']} "
            + (
                f"paragraphs (a sample set by lda.train_sample; {chosen['unsampled_paragraphs']} more were left "
                "out of training and given their mixtures by the model), vocabulary"
                if chosen.get("unsampled_paragraphs")
                else "paragraphs, vocabulary"
            )
            + f" {chosen['vocabulary']} words. The topics shown are seed {chosen['seed']}'s; every finding below "
            + "(topic shares, typical paragraphs, case similarity, nearest cases, clusters) combines all "
            + f"{len(chosen['seeds'])} seeds' models ({', '.join(map(str, chosen['seeds']))}): similarities are "
            + "the mean of the seeds', topic shares the mean of their matched topics'; how far the seeds agree is "
            + "given with each"
            + seed_sentence,
            f"K = {chosen['k']}：{summary.reason_zh(reason_without_k)}。"
            + f"在 {chosen['paragraphs']} 个段落上训练"
            + (
                f"（由 lda.train_sample 抽样；另有 {chosen['unsampled_paragraphs']} 个段落未参与训练，由模型推断其构成）"
                if chosen.get("unsampled_paragraphs")
                else ""
            )
            + f"，词表 {chosen['vocabulary']} 词。所示主题为种子 {chosen['seed']} 的；下文每项结论（主题占比、典型段落、"
            + f"案例相似度、最近案例、聚类）都综合全部 {len(chosen['seeds'])} 个种子（{', '.join(map(str, chosen['seeds']))}）"
            + "的模型：相似度为各种子的均值，主题占比为其匹配主题的均值；各处都给出种子间的一致程度"
            + (
                f"。各种子之间，案例对相似度变动的中位数为 {spread['median_range']:.3f}（{spread['pairs']} 对中 90% 不超过 "
                f"{spread['p90_range']:.3f}）；两个种子的相似度表的 Spearman ρ ≥ {spread['lowest_rho']:.2f}"
                "（lda/similarity_by_seed.csv）。"
                if "median_range" in spread
                else "。"
            ),
        ),
        "items": [
            fig("k_selection"),
            table(
                inp.selection,
                say(
                    "Every fit of the grid (K × seed): NPMI and u_mass coherence (c_v is not used: it is known to "
                    "score some incoherent topics highly and is no longer recommended), topic diversity, held-out "
                    "perplexity and stability across seeds. The chosen K's models are the ones reported below, as "
                    "they were scored (the top words each row was scored on are in the CSV).",
                    "网格中的每次拟合（K × 种子）：NPMI 与 u_mass 一致性（不用 c_v：已知它会给一些不连贯的主题高分，"
                    "已不再推荐）、主题多样性、留出困惑度与跨种子稳定性。下文报告的正是所选 K 的这些模型，"
                    "与评分时相同（每行评分所依据的前列词见 CSV）。",
                ),
                columns=["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "chosen", "note"],
            ),
            {
                "table": topic_words,
                "caption": say(
                    "Topics of the reference model: top words by probability and by FREX "
                    "(frequent and exclusive, Bischof & Airoldi 2012). Name topics in config/topic_labels.yaml.",
                    "参照模型的主题：按概率与按 FREX（高频且独有，Bischof & Airoldi 2012）的前列词。"
                    "可在 config/topic_labels.yaml 中为主题命名。",
                ),
                "file": inp.topics,
            },
            {
                "table": aligned,
                "caption": say(
                    "How well each topic is found again with the other seeds (topics matched "
                    "one-to-one by the Hungarian algorithm on top-word Jaccard).",
                    "每个主题在其他种子中重现的程度（按前列词 Jaccard 以匈牙利算法一一匹配）。",
                ),
                "file": inp.alignment,
            },
            {
                "table": dominance,
                "caption": say(
                    "Is a topic one article in disguise? The document that contributes most of each topic's token "
                    "mass, and its share. Above 0.5 the topic may describe that article (or its site) rather than a "
                    "theme shared by cases; read its typical paragraphs before naming it.",
                    "某个主题是否只是一篇文章？贡献每个主题词量最多的文档及其份额。高于 0.5 时，该主题可能描述的是"
                    "那篇文章（或其网站），而非案例共有的主题；命名前请先读其典型段落。",
                ),
                "file": inp.sources,
            },
            fig("topic_terms"),
            table(
                inp.typical,
                say(
                    "The three paragraphs most given to each topic, with their case: read them to name the topic.",
                    "最集中于每个主题的三个段落及其案例：读它们来为主题命名。",
                ),
                columns=["topic", "topic_label", "rank", "case", "share", "text"],
            ),
            fig("case_topics"),
            fig("similarity_lda"),
            fig("topic_prevalence"),
            table(
                inp.covariate_summary,
                say(
                    "Topics by covariate (covariates.columns): for each column, how many levels and cases have a "
                    "value, and what could not be estimated. A level with fewer than covariates.min_cases cases gets "
                    "its share but no interval: too few cases to say how sure the share is.",
                    "按协变量的主题（covariates.columns）：每一列有多少水平与有取值的案例，以及哪些无法估计。"
                    "案例少于 covariates.min_cases 个的水平只给占比、不给区间：案例太少，无法说明占比有多可靠。",
                ),
            ),
            table(
                inp.trends,
                say(
                    "Each topic's change in share per decade along a numeric column (least-squares slope over the "
                    f"cases), with its {config['covariates']['level']:.0%} bootstrap interval over "
                    f"{config['covariates']['rounds']:,} resamples of the cases. An interval that excludes 0 is a "
                    "trend the cases support.",
                    "沿数值列每个主题每十年的占比变化（案例上的最小二乘斜率），附由案例 "
                    f"{config['covariates']['rounds']:,} 次重抽样得到的 {config['covariates']['level']:.0%} 自助区间。"
                    "不含 0 的区间是案例支持的趋势。",
                ),
            ),
            table(
                inp.prevalence,
                say(
                    "Topic share by level (mean over the level's cases) with its bootstrap interval over the level's "
                    "cases (expanded percentile interval); the note says when a level has too few cases.",
                    "各水平的主题占比（该水平案例的均值）及由该水平案例得到的自助区间（扩展百分位区间）；"
                    "水平的案例太少时，备注会说明。",
                ),
                max_rows=200,
            ),
            table(
                inp.similarity_by_level,
                say(
                    "Mean similarity of pairs of cases within and between levels, in the TF-IDF and LDA views: are "
                    "cases of one level more alike than cases of different levels?",
                    "TF-IDF 与 LDA 视角下，水平内与水平间案例对的平均相似度：同一水平的案例是否比不同水平的更相似？",
                ),
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
                say("Every codebook hit in its context (the CSV has all).", "每一次编码命中及其上下文（CSV 含全部）。"),
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
                "caption": say(
                    "Spearman correlation of the off-diagonal entries of each pair of "
                    "similarity matrices, with a one-sided Mantel permutation p-value (cases relabelled at "
                    "random). A high, significant correlation means the views rank pairs of cases alike.",
                    "每两种相似度矩阵非对角元素的 Spearman 相关，附单侧 Mantel 置换 p 值（随机重排案例标签）。"
                    "相关高且显著，表示两种视角对案例对的排序相似。",
                ),
                "file": inp.agreement,
            },
        ],
    },
    {
        "heading": "6. Clusters and how sure they are 聚类及其稳定性",
        "items": [
            {
                "table": cluster_reasons,
                "caption": say("Number of clusters used for each view and why.", "各视角所用的聚类数及原因。"),
            },
            fig("cluster_selection"),
            fig("dendrograms"),
            fig("consensus"),
            table(
                inp.cluster_stability,
                say(
                    "Each cluster's members, median length in characters, and stability: mean best "
                    "Jaccard match over bootstrap rounds "
                    "(Hennig 2007: above 0.75 stable, below 0.5 dissolved) and across LDA seeds.",
                    "每个聚类的成员、字符数中位数与稳定性：自助各轮中最佳 Jaccard 匹配的均值"
                    "（Hennig 2007：高于 0.75 为稳定，低于 0.5 为瓦解），以及跨 LDA 种子的稳定性。",
                ),
            ),
            {
                "table": assignments,
                "caption": say(
                    "Cluster of every case under each view, with its silhouette and "
                    "stability (share-weighted Jaccard of its cluster companions across bootstrap rounds and seeds).",
                    "每个案例在各视角下的聚类，附其轮廓系数与稳定性（在自助各轮与各种子中其同簇伙伴的 Jaccard）。",
                ),
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
                "caption": say(
                    "Distinctive terms of each cluster against the other cases, most distinctive first "
                    "(G² and log ratio of every term in the CSV).",
                    "每个聚类相对其余案例的特征词，最显著者在前（每个词的 G² 与对数比见 CSV）。",
                ),
                "file": inp.keyness_clusters,
            },
            table(
                inp.nearest,
                say(
                    f"Each case's {config['compare']['nearest']} nearest cases in each view, with the distinctive "
                    "terms they share.",
                    f"每个案例在各视角下最相近的 {config['compare']['nearest']} 个案例，及其共同特征词。",
                ),
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
