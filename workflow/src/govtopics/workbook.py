"""Every result table in one Excel workbook (``results/tables.xlsx``): a first sheet listing the
sheets with what each holds, then one sheet per table with its header frozen, columns sized to
their content (Chinese counted double) and Chinese intact.

The CSVs stay the reference: the workbook is written from them, cell by cell, numbers as numbers.
A sheet holds at most Excel's 1,048,576 rows and a cell 32,767 characters; a table cut to fit says
so on the first sheet. The file is the same bytes for the same tables (fixed times inside).
"""

from __future__ import annotations

import math
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

from .io import read_table

# (sheet, CSV under results/, what it holds): the tables a reader opens; not the corpus itself
# (paragraphs, audit, tokens), which can run to millions of rows.
TABLES = [
    ("ingest_log", "corpus/ingest_log.csv", "every file or table row: read or skipped, and why"),
    ("documents", "corpus/documents.csv", "one row per document: metadata and its source, cleaning counts, exclusions"),
    ("headings", "corpus/headings.csv", "every line shaped like a case heading: the case it starts, or why none"),
    ("cases", "corpus/cases.csv", "one row per case: label, place, province, city, region, locality, size"),
    ("units", "corpus/units.csv", "what the views compare: the cases, or groups of them (n_cases each)"),
    ("duplicates", "corpus/duplicates.csv", "pairs of near-duplicate documents with their overlap"),
    ("quoted_terms", "corpus/quoted_terms.csv", "spans in quotation marks: count, kept whole as a name or why not"),
    ("vocabulary", "tokens/vocabulary.csv", "kept tokens with counts"),
    ("dropped_tokens", "tokens/dropped_tokens.csv", "dropped tokens with the reason and count"),
    ("term_candidates", "tokens/term_candidates.csv", "multi-word terms found in the corpus, best scored first"),
    ("tfidf_top_terms", "tfidf/top_terms.csv", "the highest-weighted TF-IDF terms of each case"),
    ("tfidf_similarity", "tfidf/similarity.csv", "case × case cosine similarity of TF-IDF profiles"),
    ("tfidf_nearest", "tfidf/nearest_cases.csv", "every case's nearest cases by TF-IDF"),
    ("lda_model_selection", "lda/model_selection.csv", "every K × seed fit: coherence, diversity, perplexity"),
    ("lda_topic_names", "lda/topic_names.csv", "each topic's name: config/topic_labels.yaml, or 主题n and top words"),
    ("lda_topics", "lda/topics.csv", "each topic's top words by probability and by FREX"),
    ("lda_topic_alignment", "lda/topic_alignment.csv", "each topic matched in every other seed, with Jaccard"),
    ("lda_typical_paragraphs", "lda/typical_paragraphs.csv", "the paragraphs most given to each topic"),
    ("lda_topic_sources", "lda/topic_sources.csv", "share of each topic coming from each document"),
    ("lda_case_topics", "lda/case_topics.csv", "case × topic proportions (rows sum to 1)"),
    ("lda_similarity", "lda/similarity.csv", "case × case 1 − Jensen–Shannon distance of topic mixtures"),
    ("lda_nearest", "lda/nearest_cases.csv", "every case's nearest cases by topic mixture"),
    ("cluster_assignments", "clusters/assignments.csv", "each case's cluster, silhouette and stability"),
    ("cluster_silhouette", "clusters/silhouette.csv", "mean silhouette for every number of clusters"),
    ("cluster_stability", "clusters/cluster_stability.csv", "each cluster's members and stability"),
    ("codebook_categories", "codebook/case_categories.csv", "codebook hits per 10,000 tokens by case"),
    ("codebook_kwic", "codebook/kwic.csv", "every codebook hit in context"),
    ("codebook_similarity", "codebook/similarity.csv", "case × case cosine similarity of codebook profiles"),
    ("agreement", "compare/agreement.csv", "agreement between views: Spearman, Mantel p-value"),
    ("keyness_cases", "compare/keyness_cases.csv", "distinctive terms of each case (G², log ratio)"),
    ("keyness_clusters", "compare/keyness_clusters.csv", "distinctive terms of each cluster (G², log ratio)"),
    ("nearest_shared_terms", "compare/nearest.csv", "nearest cases per view with the distinctive terms they share"),
    ("mds", "compare/mds.csv", "two-dimensional map coordinates per view, with stress-1"),
    ("covariates", "covariates/summary.csv", "per covariate column: levels, cases with a value, what was estimated"),
    ("topic_prevalence", "covariates/prevalence.csv", "topic share by covariate level with its bootstrap interval"),
    ("topic_trends", "covariates/trends.csv", "each topic's change in share per decade, with its bootstrap interval"),
    ("similarity_by_level", "covariates/similarity_by_level.csv", "mean case similarity within and between levels"),
]
# What each sheet holds, in Chinese (report.language: zh); a test holds the keys to TABLES'.
DESCRIPTIONS_ZH = {
    "ingest_log": "每个文件或表格行：读入或跳过，及原因",
    "documents": "每篇文档一行：元数据及其来源、清洗计数、排除情况",
    "headings": "每个形似案例小标题的行：它开启的案例，或为何不是",
    "cases": "每个案例一行：标签、地点、省、市、地区、所在地、规模",
    "units": "各视角比较的单位：案例，或案例的分组（各含 n_cases 个）",
    "duplicates": "近似重复的文档对及其重合度",
    "quoted_terms": "引号中的片段：次数，是否作为名称保持完整及原因",
    "vocabulary": "保留的词及其次数",
    "dropped_tokens": "去除的词及原因与次数",
    "term_candidates": "语料中找到的多词术语，得分高者在前",
    "tfidf_top_terms": "每个案例 TF-IDF 权重最高的词",
    "tfidf_similarity": "TF-IDF 特征的案例 × 案例余弦相似度",
    "tfidf_nearest": "每个案例按 TF-IDF 最相近的案例",
    "lda_model_selection": "每个 K × 种子的拟合：一致性、多样性、困惑度",
    "lda_topic_names": "每个主题的名称：config/topic_labels.yaml，或“主题n”加前列词",
    "lda_topics": "每个主题按概率与按 FREX 的前列词",
    "lda_topic_alignment": "每个主题在其他各种子中的匹配主题及 Jaccard",
    "lda_typical_paragraphs": "最集中于每个主题的段落",
    "lda_topic_sources": "每个主题来自各文档的份额",
    "lda_case_topics": "案例 × 主题比例（每行之和为 1）",
    "lda_similarity": "主题构成的案例 × 案例 1 − Jensen–Shannon 距离",
    "lda_nearest": "每个案例按主题构成最相近的案例",
    "cluster_assignments": "每个案例的聚类、轮廓系数与稳定性",
    "cluster_silhouette": "每个聚类数的平均轮廓系数",
    "cluster_stability": "每个聚类的成员与稳定性",
    "codebook_categories": "各案例每 10,000 词的编码命中数",
    "codebook_kwic": "每一次编码命中及其上下文",
    "codebook_similarity": "编码特征的案例 × 案例余弦相似度",
    "agreement": "视角之间的一致性：Spearman 相关、Mantel p 值",
    "keyness_cases": "每个案例的特征词（G²、对数比）",
    "keyness_clusters": "每个聚类的特征词（G²、对数比）",
    "nearest_shared_terms": "各视角下的最近案例及其共同特征词",
    "mds": "各视角的二维地图坐标及 stress-1",
    "covariates": "每个协变量列：水平数、有取值的案例、估计了什么",
    "topic_prevalence": "按协变量水平的主题占比及其自助区间",
    "topic_trends": "每个主题每十年的占比变化及其自助区间",
    "similarity_by_level": "水平内与水平间案例的平均相似度",
}
MAX_ROWS = 1_048_576 - 1  # Excel's rows, less the header
# Diagnostic tables that grow with the corpus are cut to their best-ranked rows (the CSV has all):
# 120,000 scored term candidates at 10 M characters were half of the workbook's writing time.
SHEET_ROWS = {"term_candidates": 10_000}
MAX_CELL = 32_767
_FIXED_TIME = datetime(2000, 1, 1)


def _width(value) -> int:
    """Display width of a cell: CJK and full-width characters count double."""
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _cell(value):
    if (isinstance(value, float) and not math.isfinite(value)) or (isinstance(value, str) and not value):
        return None  # an empty cell
    if isinstance(value, str) and len(value) > MAX_CELL:
        return value[: MAX_CELL - 1] + "…"
    return value.item() if hasattr(value, "item") else value


def _text_cell(sheet, value):
    """A text that starts like a formula (=HYPERLINK(…)) as a text cell: openpyxl would write it as
    a live formula."""
    if isinstance(value, str) and value[:1] in "=+-@" and value[:1]:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def named_topics(frame: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """``frame`` with its topics named: a ``topic_name`` column after a ``topic`` column, and a
    column per topic (``topic_3``) headed with its name (``topic_3: 主题3 社区·服务·居民``)."""
    if not names:
        return frame
    frame = frame.copy()
    if "topic" in frame.columns and "topic_name" not in frame.columns:
        numbers = pd.to_numeric(frame["topic"], errors="coerce")
        frame.insert(frame.columns.get_loc("topic") + 1, "topic_name", numbers.map(names).fillna(""))
    renamed = {}
    for column in frame.columns:
        match = re.fullmatch(r"topic_(\d+)", str(column))
        if match and int(match.group(1)) in names:
            renamed[column] = f"{column}: {names[int(match.group(1))]}"
    return frame.rename(columns=renamed)


def write_workbook(
    tables: list[tuple[str, str | Path, str, pd.DataFrame | None]],
    path: str | Path,
    topic_names: dict[int, str] | None = None,
    language: str = "en",
) -> None:
    """``tables``: (sheet name, CSV path shown, description, the table or None to read the CSV).
    ``topic_names``: the topics' names (``lda/topic_names.csv``), written beside their numbers.
    ``language`` (``report.language``): the contents sheet in English or Chinese.

    Written in openpyxl's write-only mode (rows streamed to disk): memory stays that of one table,
    and a large vocabulary or keyword-in-context list writes several times faster."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def sheet_for(name: str, header: list[str], widths: list[int]):
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        for i, width in enumerate(widths, 1):
            sheet.column_dimensions[_letter(i)].width = min(60, max(8, width + 2))
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        return sheet

    zh = language == "zh"
    header = ["工作表", "文件", "内容", "行数", "说明"] if zh else ["sheet", "file", "what it holds", "rows", "note"]
    contents = sheet_for("contents", header, [24, 36, 70, 8, 50])
    for name, csv, description, frame in tables:
        frame = read_table(csv) if frame is None else frame
        if name != "lda_topic_names":
            frame = named_topics(frame, topic_names or {})
        note, limit = "", min(MAX_ROWS, SHEET_ROWS.get(name, MAX_ROWS))
        if len(frame) > limit:
            why = "Excel's limit" if limit == MAX_ROWS else "the best ranked"
            if zh:
                why = "Excel 的上限" if limit == MAX_ROWS else "排名最前者"
                note = f"{len(frame):,} 行中的前 {limit:,} 行（{why}）；CSV 含全部"
            else:
                note = f"first {limit:,} of {len(frame):,} rows ({why}); the CSV has all"
            frame = frame.head(limit)
        columns = ["" if str(c).startswith("Unnamed:") else str(c) for c in frame.columns]
        widths = [
            max([_width(c), *(_width(v) for v in frame[column].head(200) if v is not None)])
            for c, column in zip(columns, frame.columns, strict=True)
        ]
        sheet = sheet_for(name, columns, widths)
        for row in frame.itertuples(index=False):
            sheet.append([_text_cell(sheet, v) for v in map(_cell, row)])
        described = DESCRIPTIONS_ZH.get(name, description) if zh else description
        contents.append([name[:31], str(csv), described, len(frame), note or None])
    book.properties.created = book.properties.modified = _FIXED_TIME
    book.properties.creator = "govtopics"
    book.save(path)
    _fix_zip_times(path)


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _fix_zip_times(path: str | Path) -> None:
    """Rewrite the .xlsx (a zip) with one fixed time on every member and in its properties, so the
    same tables give the same bytes (openpyxl stamps the time of writing in both)."""
    path = Path(path)
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            if name == "docProps/core.xml":  # openpyxl stamps the time of saving here too
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", data
                )
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
