"""The catalogue of a run's outputs: every file or folder under ``results/<run>/``, what it holds,
and the workbook sheet it becomes. The one home of these facts: the workbook's sheets and their
descriptions come from here, the table of outputs in docs/usage.md is written from here
(``python -m govtopics.presentation.outputs``), and a test holds the rules' outputs and this list to each other.

A path ending in ``/`` is a folder (everything under it); ``*`` and ``{wildcard}`` stand for any name.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import NamedTuple


class Output(NamedTuple):
    path: str  # under results/<run>/
    what: str  # what it holds, for a reader (Markdown: `code` for names)
    sheet: str = ""  # its sheet in tables.xlsx, if a reader opens it there
    zh: str = ""  # what the sheet holds, in Chinese (the workbook's contents sheet with report.language: zh)


OUTPUTS = [
    Output(
        "report.html",
        "everything below in one page: a summary, figures with captions, tables, parameters, input checksums, "
        "versions, an explorer, and a methods paragraph with author–year citations (its pandoc form with "
        "`[@key]` one click away)",
    ),
    Output(
        "references.bib",
        "the BibTeX entries of the works the methods paragraph cites (`pandoc --citeproc --bibliography "
        "results/<run>/references.bib` turns the keys into references in Word)",
    ),
    Output(
        "tables.xlsx",
        "every result table with a sheet below (not the corpus itself) as a sheet of one Excel workbook: a first "
        "sheet listing the sheets with what each holds, header frozen, columns sized, Chinese intact; the same "
        "cells as the CSVs",
    ),
    Output(
        "provenance.json",
        "the config used (defaults filled in), SHA-256 of every input file, versions of Python and all libraries",
    ),
    Output(
        "cleaning.html",
        "per document: what cleaning removed by reason, and the raw text (removed lines struck through with the "
        "reason) beside the cleaned text",
    ),
    Output(
        "corpus/ingest_log.csv",
        "every input file or row: read or skipped, encoding, size, checksum, reason (for an HTML page: how much "
        "of it the extractor kept)",
        "ingest_log",
        "每个文件或表格行：读入或跳过，及原因",
    ),
    Output("corpus/raw/", "the corpus as read, in shards (`corpus.shard_size`, `corpus.shard_chars`; intermediate)"),
    Output("corpus/shards/", "each shard's cleaning and cases (intermediate)"),
    Output(
        "corpus/documents.csv",
        "one row per document: title, date, publisher, authors, affiliations (from your metadata table or table "
        "columns, which win, then the file itself, then the text), where the title and date came from "
        "(`title_source`, `date_source`), encoding, checksum, characters before/after cleaning, pinyin annotations "
        "removed, characters converted, lines dropped, garbled runs found, marks of damage left, raw lines neither "
        "kept nor in the audit (`lines_unaccounted`, always 0 unless something is wrong), the document it "
        "duplicates, why it is excluded from the analysis",
        "documents",
        "每篇文档一行：元数据及其来源、清洗计数、排除情况",
    ),
    Output(
        "corpus/headings.csv",
        "every line shaped like a case heading (`<place>：…`): the case it starts, or why it starts none",
        "headings",
        "每个形似案例小标题的行：它开启的案例，或为何不是",
    ),
    Output(
        "corpus/cleaning_audit.csv",
        "every removed line or span and every joined line: document, raw line number, action, reason, text",
    ),
    Output("corpus/cleaned_documents.jsonl", "every cleaned document with its fields, as the cases stage reads them"),
    Output("corpus/clean/", "each cleaned text (`<doc_id>.txt`), to read next to its raw file"),
    Output(
        "corpus/cases.csv",
        "one row per case: id, label, place, province, city, region (东部/中部/西部/东北), locality (the street, "
        "town, community or village the case speaks of, if one dominates), document, heading, size, and where the "
        "label comes from: label_rule, label_confidence (high, medium, low, none) and label_evidence (the words "
        "that decided it)",
        "cases",
        "每个案例一行：标签、地点、省、市、地区、所在地、规模，以及标签的依据、可信度与证据",
    ),
    Output("corpus/paragraphs.csv", "every paragraph with its case (empty for an article's preamble) and role"),
    Output(
        "corpus/units.csv",
        "what the views compare: the cases themselves, or above `compare.max_square_cases` groups of them "
        "(`n_cases` each)",
        "units",
        "各视角比较的单位：案例，或案例的分组（各含 n_cases 个）",
    ),
    Output("corpus/case_units.csv", "each case's unit (itself, or its group) and why"),
    Output(
        "corpus/duplicates.csv",
        "pairs of near-duplicate documents with their shingle containment and Jaccard overlap",
        "duplicates",
        "近似重复的文档对及其重合度",
    ),
    Output(
        "corpus/quoted_terms.csv",
        "every span the texts put in quotation marks, how often, whether it is taken as a name to keep whole, "
        "and why not",
        "quoted_terms",
        "引号中的片段：次数，是否作为名称保持完整及原因",
    ),
    Output("tokens/shards/", "each shard's segmentation, and where its paragraphs are in `paragraph_tokens.jsonl`"),
    Output("tokens/paragraph_tokens.jsonl", "the tokens of every paragraph"),
    Output("tokens/vocabulary.csv", "kept tokens with their counts", "vocabulary", "保留的词及其次数"),
    Output(
        "tokens/dropped_tokens.csv",
        "dropped tokens with the reason (stopword, place_name, person_name, number, too_short) and count",
        "dropped_tokens",
        "去除的词及原因与次数",
    ),
    Output(
        "tokens/term_candidates.csv",
        "multi-word terms found in the corpus: count, PMI, left/right branching entropy, score, whether already "
        "in the dictionary, whether added for this run (the workbook keeps the best-scored 10,000)",
        "term_candidates",
        "语料中找到的多词术语，得分高者在前",
    ),
    Output(
        "tfidf/top_terms.csv",
        "the highest-weighted TF-IDF terms of each case",
        "tfidf_top_terms",
        "每个案例 TF-IDF 权重最高的词",
    ),
    Output(
        "tfidf/weights.npz", "the cases × terms TF-IDF weights (SciPy sparse; the terms in `weights.npz.terms.txt`)"
    ),
    Output("tfidf/weights.npz.terms.txt", "the terms of the columns of `weights.npz`"),
    Output(
        "tfidf/similarity.csv",
        "case × case cosine similarity of TF-IDF profiles (of groups, above `compare.max_square_cases`)",
        "tfidf_similarity",
        "TF-IDF 特征的案例 × 案例余弦相似度",
    ),
    Output(
        "tfidf/nearest_cases.csv",
        "every case's nearest cases by its own TF-IDF profile, with scores, always at the level of cases "
        "(computed a block of cases at a time, never as a full matrix)",
        "tfidf_nearest",
        "每个案例按 TF-IDF 最相近的案例",
    ),
    Output("lda/corpus/", "the training/held-out split, the dictionary and the serialised training corpus"),
    Output("lda/k*/", "each K's scores and saved models (gensim)"),
    Output("lda/shards/", "each shard's paragraph mixtures under every seed's model of the chosen K"),
    Output(
        "lda/model_selection.csv",
        "every K × seed fit: NPMI and u_mass coherence, topic diversity, held-out perplexity, stability across "
        "seeds, the top words scored; the chosen K marked; Ks too large for the corpus with why",
        "lda_model_selection",
        "每个 K × 种子的拟合：一致性、多样性、困惑度",
    ),
    Output(
        "lda/chosen_k.json",
        "the K used and why, the runner-up K and whether the data tell the two apart, training and held-out "
        "paragraphs, vocabulary size",
    ),
    Output(
        "lda/k_sensitivity.csv",
        "how far the cases' groups move between the chosen and the runner-up K: the adjusted Rand index of the "
        "two, each cut into 2, 3, … groups",
        "k_sensitivity",
        "所选 K 与次优 K 之下案例分组的变化（调整兰德指数）",
    ),
    Output(
        "lda/topic_names.csv",
        "each topic's name (from `config/topic_labels.yaml`, or Topic <n> / 主题<n> and its top words), where it "
        "came from, and its top words: the one place figures, report and workbook take names from",
        "lda_topic_names",
        "每个主题的名称：config/topic_labels.yaml，或“主题n”加前列词",
    ),
    Output(
        "lda/topics.csv",
        "per topic of the first seed's model: top words by probability and by FREX (frequent and exclusive), and "
        "`stability`, the mean Jaccard of its top words with its match in the other seeds",
        "lda_topics",
        "每个主题按概率与按 FREX 的前列词",
    ),
    Output(
        "lda/topic_alignment.csv",
        "each topic of the reference model (first seed) matched one-to-one in every other seed, with the Jaccard "
        "of their top words",
        "lda_topic_alignment",
        "每个主题在其他各种子中的匹配主题及 Jaccard",
    ),
    Output(
        "lda/typical_paragraphs.csv",
        "the three paragraphs most given to each topic, with their case and text",
        "lda_typical_paragraphs",
        "最集中于每个主题的段落",
    ),
    Output(
        "lda/topic_sources.csv",
        "share of each topic's token mass coming from each document, flagged above one half (is a topic one "
        "article in disguise?)",
        "lda_topic_sources",
        "每个主题来自各文档的份额",
    ),
    Output(
        "lda/paragraph_topics.csv",
        "paragraph topic mixtures (every seed's, topics matched to the first seed's, averaged), with each "
        "paragraph's unit and weight",
    ),
    Output("lda/similarity_by_seed.csv", "the similarity of every pair of cases under every seed's model"),
    Output(
        "lda/case_topics.csv",
        "case × topic proportions (rows sum to 1), from the averaged paragraph mixtures",
        "lda_case_topics",
        "案例 × 主题比例（每行之和为 1）",
    ),
    Output(
        "lda/similarity.csv",
        "case × case similarity of topic mixtures (1 − Jensen–Shannon distance), the mean of every seed's "
        "(`similarity_by_seed.csv`)",
        "lda_similarity",
        "主题构成的案例 × 案例 1 − Jensen–Shannon 距离",
    ),
    Output(
        "lda/nearest_cases.csv",
        "every case's nearest cases by topic mixture (the seeds' mean similarity), with `seeds_agree`: the share "
        "of seeds whose own nearest cases include the neighbour; at the level of cases, a block at a time",
        "lda_nearest",
        "每个案例按主题构成最相近的案例",
    ),
    Output(
        "lda/topic_map.csv",
        "the explorer's map of topics: each topic's place by principal coordinates of the Jensen–Shannon "
        "distances between topics, and its share of the corpus (LDAvis)",
    ),
    Output(
        "lda/topic_terms.csv",
        "each topic's candidate terms for the explorer's relevance slider: probability in the topic and in the "
        "corpus, and their rank at λ = 1, 0.6, 0.2, 0",
    ),
    Output(
        "clusters/assignments.csv",
        "each case's cluster, silhouette, bootstrap stability and (LDA) stability across seeds",
        "cluster_assignments",
        "每个案例的聚类、轮廓系数与稳定性",
    ),
    Output(
        "clusters/silhouette.csv",
        "mean silhouette for every number of clusters, both views, the chosen one marked",
        "cluster_silhouette",
        "每个聚类数的平均轮廓系数",
    ),
    Output(
        "clusters/chosen_k.csv",
        "each view's number of clusters and why: reason codes (`highest_silhouette`, `weak_structure`, "
        "`length_independent`, … in docs/methods.md) and the numbers behind them; the report says them in words",
        "cluster_k",
        "各视角的聚类数及原因：原因代码与其数值；报告以文字说明",
    ),
    Output(
        "clusters/cluster_stability.csv",
        "each cluster's members, their median length in characters, and its stability (Hennig's bootstrap "
        "Jaccard; across LDA seeds)",
        "cluster_stability",
        "每个聚类的成员与稳定性",
    ),
    Output("clusters/coassignment_*.csv", "share of bootstrap rounds in which two cases share a cluster"),
    Output("clusters/trees.csv", "each view's dendrogram (its merges), as every figure draws it"),
    Output("clusters/order.csv", "each view's case order (its dendrogram's leaves), as every figure draws it"),
    Output(
        "codebook/case_categories.csv",
        "codebook hits per 10,000 tokens by case and category",
        "codebook_categories",
        "各案例每 10,000 词的编码命中数",
    ),
    Output("codebook/kwic.csv", "every codebook hit in its context", "codebook_kwic", "每一次编码命中及其上下文"),
    Output(
        "codebook/similarity.csv",
        "case × case cosine similarity of codebook profiles",
        "codebook_similarity",
        "编码特征的案例 × 案例余弦相似度",
    ),
    Output(
        "reuse/pairs.csv",
        "document pairs that may share passages (index strings in common) and the alignment part that takes each",
    ),
    Output("reuse/common_grams.npy", "hashes of the 12-character strings many documents share (the boilerplate flag)"),
    Output("reuse/parts/", "the passages of each alignment part, before clustering and dating (intermediate)"),
    Output(
        "reuse/passages.csv",
        "one row a passage two documents share: documents, cases, offsets into the cleaned texts, both texts, "
        "characters aligned, identity, dates, direction (`a_first`, `b_first`, `same_date`, `undated`), `source`, "
        "the cluster (the same passage in several documents) with its documents and earliest source, `boilerplate`",
        "reuse_passages",
        "两篇文档共有的段落：位置、原文、字数、相似度、日期、方向、来源、是否套话",
    ),
    Output(
        "reuse/case_reuse.csv",
        "source case → target case: passages, characters of the target reused, their share of the target's text, "
        "dates (boilerplate and copies of a copy left out)",
        "case_reuse",
        "案例之间的文本复用：来源案例 → 借用案例、段落数、字数、占比",
    ),
    Output(
        "reuse/similarity.csv",
        "case × case reuse: characters shared outside boilerplate over the shorter case's characters",
        "similarity_reuse",
        "案例 × 案例文本复用（共有字数 / 较短案例字数）",
    ),
    Output(
        "compare/agreement.csv",
        "how far the three views agree, and each with text reuse: Spearman of off-diagonal similarities, Mantel "
        "permutation p-value (exact over all relabellings for few cases); empty with a note where undefined",
        "agreement",
        "视角之间的一致性：Spearman 相关、Mantel p 值",
    ),
    Output(
        "compare/keyness_cases.csv",
        "distinctive terms of each case against the rest: counts, G², log ratio",
        "keyness_cases",
        "每个案例的特征词（G²、对数比）",
    ),
    Output(
        "compare/keyness_clusters.csv",
        "distinctive terms of each cluster against the rest: counts, G², log ratio",
        "keyness_clusters",
        "每个聚类的特征词（G²、对数比）",
    ),
    Output(
        "compare/nearest.csv",
        "each case's nearest cases per view (`compare.nearest`), with the distinctive terms they share",
        "nearest_shared_terms",
        "各视角下的最近案例及其共同特征词",
    ),
    Output(
        "compare/mds.csv",
        "two-dimensional map coordinates per view, with stress-1",
        "mds",
        "各视角的二维地图坐标及 stress-1",
    ),
    Output(
        "covariates/summary.csv",
        "topics by covariate (`covariates.columns`): per column the levels, the cases with a value, and what "
        "was estimated or why not",
        "covariates",
        "每个协变量列：水平数、有取值的案例、估计了什么",
    ),
    Output(
        "covariates/prevalence.csv",
        "each topic's share by level with its bootstrap interval (or, for a level with too few cases, a note instead)",
        "topic_prevalence",
        "按协变量水平的主题占比及其自助区间",
    ),
    Output(
        "covariates/trends.csv",
        "along a year, each topic's change in share per decade with its bootstrap interval (or why there is none)",
        "topic_trends",
        "每个主题每十年的占比变化及其自助区间",
    ),
    Output(
        "covariates/similarity_by_level.csv",
        "the mean case similarity within and between levels in the TF-IDF and LDA views",
        "similarity_by_level",
        "水平内与水平间案例的平均相似度",
    ),
    Output(
        "figures/",
        "similarity heatmaps in cluster order, dendrograms with the cut, topic words, case × topic heatmap, model "
        "selection against K, topic shares by covariate (`topic_prevalence`), silhouette against k, bootstrap "
        "consensus, codebook heatmap, keyness, MDS map (PNG at `figures.dpi`, 200, for Word; SVG with text as "
        "paths; PDF with the font embedded when `figures.formats` lists `pdf`, about 1 s more per figure)",
    ),
    Output("logs/", "each step's log"),
    Output("benchmarks/", "each step's time and memory"),
]


def plain(text: str) -> str:
    """``what`` without its Markdown, for a spreadsheet cell."""
    return text.replace("`", "")


def sheets() -> list[tuple[str, str, str]]:
    """The workbook's sheets: (sheet, CSV under results/<run>/, what it holds), in catalogue order."""
    return [(o.sheet, o.path, plain(o.what)) for o in OUTPUTS if o.sheet]


def covers(entry: str, path: str) -> bool:
    """Whether the catalogue's ``entry`` is the output ``path`` (a rule's, ``{wildcards}`` as ``*``)
    or holds it (a folder)."""
    path = re.sub(r"\{[^}]+\}", "*", path)
    if entry.endswith("/"):
        return fnmatch.fnmatch(path, entry + "*") or fnmatch.fnmatch(path + "/", entry)
    return fnmatch.fnmatch(path, entry)


def markdown_table() -> str:
    """The table of outputs in docs/usage.md."""
    rows = ["| file | what it holds |", "| --- | --- |"]
    for o in OUTPUTS:
        sheet = f" (sheet `{o.sheet}` of `tables.xlsx`)" if o.sheet else ""
        rows.append(f"| `results/<run>/{o.path}` | {o.what}{sheet} |")
    return "\n".join(rows)


BEGIN, END = "<!-- outputs: generated by python -m govtopics.presentation.outputs -->", "<!-- end of outputs -->"


def write_docs(page: str | Path = "docs/usage.md") -> None:
    """Write the table of outputs into the docs ``page`` between its two markers."""
    page = Path(page)
    text = page.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    page.write_text(text[:start] + "\n" + markdown_table() + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    write_docs()
