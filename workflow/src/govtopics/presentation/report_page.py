"""What the report shows, in which order and in which words: the tables and figures of every
stage put into sections with their captions, in ``report.language`` (en | zh), then handed to
:func:`govtopics.presentation.report.build` for the page.

:func:`page` takes the tables as DataFrames (keyed by the report rule's input names), the paths
they came from (each caption names its file), the figures' PNGs and the caption templates, and
returns the page and its BibTeX. The rule's script only reads the files and writes the two results.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ..config import names_of_topics
from ..models import lda
from . import explorer, reading, references, report, reuse_page, summary
from .methods import methods_paragraph, methods_paragraph_zh

STYLE_NAMES = {
    "en": {"apa": "APA 7th edition", "gb7714": "GB/T 7714-2015, author–date"},
    "zh": {"apa": "APA 第 7 版", "gb7714": "GB/T 7714-2015 著者-出版年制"},
}
DOCUMENT_COLUMNS = [
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
CASE_COLUMNS = ["case_id", "label", "place", "province", "city", "region", "heading", "n_paragraphs", "n_chars"]


def _named(frame: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """A table with its topics named (lda/topic_names.csv) next to their numbers."""
    if "topic" in frame and "topic_label" not in frame:
        frame = frame.copy()
        frame.insert(frame.columns.get_loc("topic") + 1, "topic_label", frame["topic"].map(names))
    return frame


def report_facts(tables: dict[str, pd.DataFrame], chosen: dict) -> dict:
    """The numbers the methods paragraphs state, from the tables of the run."""
    documents, silhouette = tables["documents"], tables["silhouette"]

    def clusters(view):
        return int(silhouette[(silhouette["view"] == view) & silhouette["chosen"]]["k"].sum())

    return {
        "documents": int((documents["excluded"] == "").sum()),
        "cases": len(tables["cases"]),
        "paragraphs": chosen["paragraphs"],
        "unsampled_paragraphs": chosen.get("unsampled_paragraphs", 0),
        "covariates": [row["column"] for row in tables["covariate_summary"].to_dict("records") if row["levels"] >= 2],
        "vocabulary": chosen["vocabulary"],
        "k": chosen["k"],
        "k_reason": chosen["reason"],
        "runner_up": summary.runner_up_facts(chosen, tables.get("k_sensitivity")),
        "clusters_tfidf": clusters("tfidf"),
        "clusters_lda": clusters("lda"),
        "agreement": tables["agreement"].to_dict("records"),
        "duplicates": int((documents["duplicate_of"] != "").sum()),
        **{
            key: int(documents[key].sum())
            for key in ("damaged_runs", "damage_repaired", "chars_recovered", "chars_lost", "chars_restored")
        },
    }


def _topic_account(chosen: dict, spread: dict, language: str) -> str:
    """The paragraph that opens the topic-model section: K and why, what it was trained on, and how
    the seeds' models are combined and how far they agree."""
    seeds = ", ".join(map(str, chosen["seeds"]))
    sampled = chosen.get("unsampled_paragraphs")
    if language == "zh":
        reason = str(chosen["reason"]).removeprefix(f"K = {chosen['k']}: ")
        text = f"K = {chosen['k']}：{summary.reason_zh(reason)}。在 {chosen['paragraphs']} 个段落上训练"
        if sampled:
            text += f"（由 lda.train_sample 抽样；另有 {sampled} 个段落未参与训练，由模型推断其构成）"
        text += (
            f"，词表 {chosen['vocabulary']} 词。所示主题为种子 {chosen['seed']} 的；下文每项结论（主题占比、典型段落、"
            f"案例相似度、最近案例、聚类）都综合全部 {len(chosen['seeds'])} 个种子（{seeds}）"
            "的模型：相似度为各种子的均值，主题占比为其匹配主题的均值；各处都给出种子间的一致程度"
        )
        if "median_range" in spread:
            return text + (
                f"。各种子之间，案例对相似度变动的中位数为 {spread['median_range']:.3f}"
                f"（{spread['pairs']} 对中 90% 不超过 {spread['p90_range']:.3f}）；"
                f"两个种子的相似度表的 Spearman ρ ≥ {spread['lowest_rho']:.2f}"
                "（lda/similarity_by_seed.csv）。"
            )
        return text + "。"
    text = chosen["reason"] + f". Trained on {chosen['paragraphs']} "
    text += (
        f"paragraphs (a sample set by lda.train_sample; {sampled} more were left out of training and given their "
        "mixtures by the model), vocabulary"
        if sampled
        else "paragraphs, vocabulary"
    )
    text += (
        f" {chosen['vocabulary']} words. The topics shown are seed {chosen['seed']}'s; every finding below "
        "(topic shares, typical paragraphs, case similarity, nearest cases, clusters) combines all "
        f"{len(chosen['seeds'])} seeds' models ({seeds}): similarities are the mean of the seeds', topic shares the "
        "mean of their matched topics'; how far the seeds agree is given with each"
    )
    if "median_range" in spread:
        return text + (
            f". Across the seeds, a pair of cases' similarity moves by a median of {spread['median_range']:.3f} "
            f"(90% of the {spread['pairs']} pairs by at most {spread['p90_range']:.3f}); two seeds' similarity tables "
            f"correlate at Spearman ρ ≥ {spread['lowest_rho']:.2f} (lda/similarity_by_seed.csv)."
        )
    return text + "."


def page(
    tables: dict[str, pd.DataFrame],
    files: dict[str, str],
    figures: dict[str, str],
    captions: str | Path,
    config: dict,
    chosen: dict,
    provenance: dict,
) -> tuple[str, str]:
    """The report page and the BibTeX of what its methods paragraph cites.

    ``tables`` and ``files`` are keyed by the report rule's input names (``documents``, ``cases``,
    ``topics``, …: the tables read and the paths they were read from), ``figures`` maps a figure's
    name to its PNG, ``captions`` is the folder of caption templates in the report's language,
    ``chosen`` is ``lda/chosen_k.json`` and ``provenance`` is ``provenance.json``."""
    language = config["report"]["language"]

    def say(en, zh):
        return zh if language == "zh" else en

    names = names_of_topics(tables["topic_names"])
    values = report.caption_values(config)

    def fig(name):
        return {"figure": figures[name], "caption": report.caption(captions, name, config)}

    def table(key, caption, max_rows=None, columns=None):
        frame = _named(tables[key], names)
        return {
            "table": frame[columns] if columns else frame,
            "caption": caption,
            "file": files[key],
            "max_rows": max_rows,
        }

    documents, cases, silhouette = tables["documents"], tables["cases"], tables["silhouette"]
    keyness = tables["keyness_clusters"]
    keyness_by_cluster = (
        keyness.sort_values(["view", "cluster", "rank"])
        .groupby(["view", "cluster", "members"], sort=False)["term"]
        .agg("、".join)
        .reset_index()
        .rename(columns={"term": say("distinctive terms", "特征词")})
    )
    terms_by_case = tables["top_terms"].groupby("case", sort=False)["term"].apply("、".join).reset_index()
    topics = _named(tables["topics"], names)
    topic_words = (
        topics.groupby(["topic", "topic_label"])
        .agg(
            **{say("by_probability", "按概率"): ("term", "、".join), say("by_frex", "按FREX"): ("frex_term", "、".join)}
        )
        .reset_index()
    )
    aligned = _named(tables["alignment"], names).groupby(["topic", "topic_label"])["jaccard"].agg(["mean", "min"])
    aligned = aligned.reset_index()
    aligned.columns = [
        "topic",
        "topic_label",
        say("mean Jaccard with matched topic (all seeds)", "与匹配主题的平均 Jaccard（全部种子）"),
        say("lowest", "最低"),
    ]
    sources = _named(tables["sources"], names)
    dominance = sources.loc[sources.groupby("topic")["share"].idxmax(), ["topic", "topic_label", "doc_id", "share"]]
    dominance = dominance.rename(
        columns={
            "doc_id": say("largest source document", "贡献最大的文档"),
            "share": say("its share of the topic", "其在该主题中的份额"),
        }
    )
    cluster_reasons = silhouette[silhouette["reason"] != ""][["view", "reason"]]
    if language == "zh":
        cluster_reasons = cluster_reasons.assign(reason=cluster_reasons["reason"].map(summary.cluster_reason_zh))
    spread = lda.seed_spread(tables["by_seed"])

    facts = report_facts(tables, chosen)
    methods = methods_paragraph(config, provenance["software"], facts)
    methods_zh = methods_paragraph_zh(config, provenance["software"], facts)
    style = config["report"]["citation_style"]
    methods_cited, reference_list = references.render(methods, style)
    methods_zh_cited, _ = references.render(methods_zh, style)
    first, second = (methods_zh_cited, methods_cited) if language == "zh" else (methods_cited, methods_zh_cited)

    names_removed = values["names_removed"]
    sections = [
        {
            "heading": say("1. Corpus", "1. 语料"),
            "items": [
                {
                    "table": documents[DOCUMENT_COLUMNS],
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
                    "file": files["documents"],
                },
                {
                    "table": report.removals_by_reason(tables["audit"]),
                    "caption": say(
                        "What cleaning removed, by document and reason (lines; spans for "
                        "pinyin_annotation and encoding_damage). Every removal is in the audit with its raw line "
                        "number and text.",
                        "清洗删去了什么，按文档与原因（行；pinyin_annotation 与 encoding_damage 为片段）。"
                        "每一处删除都在审计表中，附原文行号与文本。",
                    ),
                    "file": files["audit"],
                },
                {
                    "table": cases[CASE_COLUMNS],
                    "caption": say(
                        "Governance cases: one per '<place>:<headline>' heading, or one per article without such "
                        "headings.",
                        "治理案例：每个“<地名>：<标题>”形式的小标题一个；没有这类小标题的文章各为一个。",
                    ),
                    "file": files["cases"],
                },
            ],
        },
        {
            "heading": say("2. TF-IDF case profiles", "2. TF-IDF 案例特征"),
            "items": [
                {
                    "table": terms_by_case,
                    "caption": say("Highest-weighted TF-IDF terms of each case", "每个案例 TF-IDF 权重最高的词")
                    + (
                        say(f" ({names_removed.lstrip(', ')}).", f"（{names_removed.lstrip('，')}）。")
                        if names_removed
                        else say(".", "。")
                    ),
                    "file": files["top_terms"],
                },
                fig("similarity_tfidf"),
            ],
        },
        {
            "heading": say("3. Topic model", "3. 主题模型"),
            "text": _topic_account(chosen, spread, language),
            "items": [
                fig("k_selection"),
                table(
                    "selection",
                    say(
                        "Every fit of the grid (K × seed): NPMI and u_mass coherence (c_v is not used: it is known to "
                        "score some incoherent topics highly and is no longer recommended), topic diversity, held-out "
                        "perplexity and stability across seeds. The chosen K's models are the ones reported below, as "
                        "they were scored (the top words each row was scored on are in the CSV).",
                        "网格中的每次拟合（K × 种子）：NPMI 与 u_mass 一致性"
                        "（不用 c_v：已知它会给一些不连贯的主题高分，已不再推荐）、"
                        "主题多样性、留出困惑度与跨种子稳定性。"
                        "下文报告的正是所选 K 的这些模型，"
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
                    "file": files["topics"],
                },
                {
                    "table": aligned,
                    "caption": say(
                        "How well each topic is found again with the other seeds (topics matched "
                        "one-to-one by the Hungarian algorithm on top-word Jaccard).",
                        "每个主题在其他种子中重现的程度（按前列词 Jaccard 以匈牙利算法一一匹配）。",
                    ),
                    "file": files["alignment"],
                },
                {
                    "table": dominance,
                    "caption": say(
                        "Is a topic one article in disguise? The document that contributes most of each topic's token "
                        "mass, and its share. Above 0.5 the topic may describe that article (or its site) rather than "
                        "a theme shared by cases; read its typical paragraphs before naming it.",
                        "某个主题是否只是一篇文章？贡献每个主题词量最多的文档及其份额。高于 0.5 时，该主题可能描述的是"
                        "那篇文章（或其网站），而非案例共有的主题；命名前请先读其典型段落。",
                    ),
                    "file": files["sources"],
                },
                fig("topic_terms"),
                table(
                    "typical",
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
                    "covariate_summary",
                    say(
                        "Topics by covariate (covariates.columns): for each column, how many levels and cases have a "
                        "value, and what could not be estimated. A level with fewer than covariates.min_cases cases "
                        "gets its share but no interval: too few cases to say how sure the share is.",
                        "按协变量的主题（covariates.columns）：每一列有多少水平与有取值的案例，以及哪些无法估计。"
                        "案例少于 covariates.min_cases 个的水平只给占比、不给区间：案例太少，无法说明占比有多可靠。",
                    ),
                ),
                table(
                    "trends",
                    say(
                        "Each topic's change in share per decade along a numeric column (least-squares slope over the "
                        f"cases), with its {values['covariate_level']} bootstrap interval over "
                        f"{values['covariate_rounds']} resamples of the cases. An interval that excludes 0 is a "
                        "trend the cases support.",
                        "沿数值列每个主题每十年的占比变化（案例上的最小二乘斜率），附由案例 "
                        f"{values['covariate_rounds']} 次重抽样得到的 {values['covariate_level']} 自助区间。"
                        "不含 0 的区间是案例支持的趋势。",
                    ),
                ),
                table(
                    "prevalence",
                    say(
                        "Topic share by level (mean over the level's cases) with its bootstrap interval over the "
                        "level's cases (expanded percentile interval); the note says when a level has too few cases.",
                        "各水平的主题占比（该水平案例的均值）及由该水平案例得到的自助区间（扩展百分位区间）；"
                        "水平的案例太少时，备注会说明。",
                    ),
                    max_rows=200,
                ),
                table(
                    "similarity_by_level",
                    say(
                        "Mean similarity of pairs of cases within and between levels, in the TF-IDF and LDA views: "
                        "are cases of one level more alike than cases of different levels?",
                        "TF-IDF 与 LDA 视角下，水平内与水平间案例对的平均相似度："
                        "同一水平的案例是否比不同水平的更相似？",
                    ),
                    max_rows=200,
                ),
            ],
        },
        {
            "heading": say("4. Codebook of governance mechanisms", "4. 治理机制编码"),
            "items": [
                fig("codebook"),
                table(
                    "kwic",
                    say(
                        "Every codebook hit in its context (the CSV has all).",
                        "每一次编码命中及其上下文（CSV 含全部）。",
                    ),
                    max_rows=200,
                    columns=["case", "category", "left", "match", "right"],
                ),
            ],
        },
        {
            "heading": say("5. Agreement of the three views", "5. 三种视角的一致性"),
            "items": [
                {
                    "table": tables["agreement"],
                    "caption": say(
                        "Spearman correlation of the off-diagonal entries of each pair of "
                        "similarity matrices, with a one-sided Mantel permutation p-value (cases relabelled at "
                        "random). A high, significant correlation means the views rank pairs of cases alike.",
                        "每两种相似度矩阵非对角元素的 Spearman 相关，附单侧 Mantel 置换 p 值（随机重排案例标签）。"
                        "相关高且显著，表示两种视角对案例对的排序相似。",
                    ),
                    "file": files["agreement"],
                },
            ],
        },
        {
            "heading": say("6. Clusters and how sure they are", "6. 聚类及其稳定性"),
            "items": [
                {
                    "table": cluster_reasons,
                    "caption": say("Number of clusters used for each view and why.", "各视角所用的聚类数及原因。"),
                },
                fig("cluster_selection"),
                fig("dendrograms"),
                fig("consensus"),
                table(
                    "cluster_stability",
                    say(
                        "Each cluster's members, median length in characters, and stability: mean best "
                        "Jaccard match over bootstrap rounds "
                        f"(Hennig 2007: above {summary.STABLE:g} stable, below {summary.DISSOLVED:g} dissolved) and "
                        "across LDA seeds.",
                        "每个聚类的成员、字符数中位数与稳定性：自助各轮中最佳 Jaccard 匹配的均值"
                        f"（Hennig 2007：高于 {summary.STABLE:g} 为稳定，低于 {summary.DISSOLVED:g} 为瓦解），"
                        "以及跨 LDA 种子的稳定性。",
                    ),
                ),
                {
                    "table": tables["assignments"],
                    "caption": say(
                        "Cluster of every case under each view, with its silhouette and stability (share-weighted "
                        "Jaccard of its cluster companions across bootstrap rounds and seeds).",
                        "每个案例在各视角下的聚类，附其轮廓系数与稳定性（在自助各轮与各种子中其同簇伙伴的 Jaccard）。",
                    ),
                    "file": files["assignments"],
                },
            ],
        },
        {
            "heading": say("7. What makes cases differ", "7. 案例差异"),
            "items": [
                fig("keyness"),
                {
                    "table": keyness_by_cluster,
                    "caption": say(
                        "Distinctive terms of each cluster against the other cases, most distinctive first "
                        "(G² and log ratio of every term in the CSV).",
                        "每个聚类相对其余案例的特征词，最显著者在前（每个词的 G² 与对数比见 CSV）。",
                    ),
                    "file": files["keyness_clusters"],
                },
                table(
                    "nearest",
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
            "heading": say("8. Text reuse between cases", "8. 案例之间的文本复用"),
            "items": [
                fig("reuse"),
                table(
                    "case_reuse",
                    say(
                        "Source case → borrowing case: passages shared outside boilerplate, characters of the "
                        "borrower's text they cover and their share of it, and the dates.",
                        "来源案例 → 借用案例：套话以外的共有段落、覆盖借用者文本的字数及占比、日期。",
                    ),
                ),
                {"html": reuse_page.strongest_html(tables["reuse_passages"], language)},
            ],
        },
        {
            "heading": say("9. Explore", "9. 交互浏览"),
            "items": [
                {
                    "html": explorer.explorer_html(
                        explorer.explorer_data(
                            tables["topics"],
                            tables["typical"],
                            tables["case_topics"],
                            tables["nearest"],
                            names,
                            topic_map=tables["topic_map"],
                            topic_terms=tables["topic_terms"],
                            paragraph_topics=tables["paragraph_topics"],
                            paragraphs=tables["paragraphs"],
                            reuse_passages=tables["reuse_passages"],
                        ),
                        language,
                    )
                }
            ],
        },
        {
            "heading": say(
                "Methods (generated from the parameters used; paste into a paper)",
                "方法（由所用参数生成，可直接用于论文）",
            ),
            "html": f"<p>{first}</p>"
            + f'<details class="more"><summary>{say("The same paragraph in 中文", "同一段落的英文版")}</summary>'
            + f"<p>{second}</p></details>"
            + '<details class="more"><summary>'
            + say(
                "The same paragraph with pandoc citation keys, for Markdown or LaTeX with references.bib",
                "同一段落，用 pandoc 引用键，供 Markdown 或 LaTeX 与 references.bib 一起使用",
            )
            + f"</summary><pre>{html.escape(methods)}</pre><pre>{html.escape(methods_zh)}</pre></details>",
            "items": [],
        },
        {
            "heading": say(
                f"References ({STYLE_NAMES['en'][style]}; BibTeX in references.bib next to this file)",
                f"参考文献（{STYLE_NAMES['zh'][style]}；BibTeX 见本文件旁的 references.bib）",
            ),
            "html": '<ul class="references">' + "".join(f"<li>{entry}</li>" for entry in reference_list) + "</ul>",
            "items": [],
        },
    ]

    read = reading.what_was_read(tables["ingest_log"], documents, tables["headings"], cases)
    findings = summary.findings(
        read,
        len(cases),
        silhouette,
        tables["cluster_stability"],
        keyness,
        tables["nearest"],
        tables["lda_nearest"],
        tables["agreement"],
        tables["assignments"],
        chosen,
        spread,
        language,
        tables.get("k_sensitivity"),
        (tables["case_reuse"], tables["reuse_passages"], config["reuse"]["min_chars"]),
    )
    title = say("govtopics report: comparing local governance cases", "govtopics 报告：基层治理案例比较")
    page = report.build(
        sections,
        title,
        _facts_table(tables, read, chosen, cluster_reasons, config, language),
        config,
        provenance,
        reading.reading_html(read, language=language),
        findings,
    )
    return page, references.bibtex(references.cited(methods))


def _facts_table(
    tables: dict[str, pd.DataFrame], read: dict, chosen: dict, cluster_reasons: pd.DataFrame, config: dict, language
) -> list[tuple[str, str]]:
    """The short table under the summary: corpus, what was read, units compared, K, clusters, where
    the cleaning is shown and how to reproduce the run."""
    documents, cases = tables["documents"], tables["cases"]
    grouped = tables["case_units"]["why"].astype(str)
    unit = grouped.iloc[0] if len(grouped) and grouped.iloc[0] not in ("", "nan") else ""
    clusters = ("；" if language == "zh" else "; ").join(
        f"{r.view}: {str(r.reason).rstrip('.。')}" for r in cluster_reasons.itertuples()
    )
    counts = (
        read["read"],
        len(read["skipped"]),
        len(read["titles_guessed"]),
        len(read["no_date"]),
        len(read["headings_not_cases"]),
    )
    if language == "zh":
        reason = str(chosen["reason"]).removeprefix(f"K = {chosen['k']}: ")
        rows = [
            ("语料", f"{len(documents)} 篇文档，{len(cases)} 个案例（{config['corpus']['path']}）"),
            (
                "读入",
                "读入 {} 个文件或表格行，跳过 {} 个，推测标题 {} 个，无日期文档 {} 篇，未作案例的标题行 {} 行"
                "（见下文“读入了什么”）".format(*counts),
            ),
            *([("比较单位", unit)] if unit else []),
            ("主题", f"K = {chosen['k']}：{summary.reason_zh(reason)}"),
            ("聚类", clusters),
            ("清洗", "cleaning.html（本文件旁）：每篇文档的原文与清洗后文本并排，删除处有标注"),
            ("复现", "snakemake --cores 2（相同配置与输入得到逐字节相同的表）"),
        ]
        return rows
    return [
        ("Corpus", f"{len(documents)} documents, {len(cases)} cases ({config['corpus']['path']})"),
        (
            "Read",
            "{} files or rows read, {} skipped, {} titles guessed, {} documents without a date, {} heading lines "
            "not used as cases (see What was read, below)".format(*counts),
        ),
        *([("Compared", unit)] if unit else []),
        ("Topics", chosen["reason"]),
        ("Clusters", clusters),
        ("Cleaning", "cleaning.html (next to this file): every document raw beside cleaned, removals marked"),
        ("Reproduce", "snakemake --cores 2 (same config and inputs give byte-identical tables)"),
    ]
