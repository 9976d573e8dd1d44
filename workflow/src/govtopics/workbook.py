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
    ("documents", "corpus/documents.csv", "one row per document: metadata, cleaning counts, duplicates, exclusions"),
    ("cases", "corpus/cases.csv", "one row per case: label, place, province, city, region, locality, size"),
    ("units", "corpus/units.csv", "what the views compare: the cases, or groups of them (n_cases each)"),
    ("duplicates", "corpus/duplicates.csv", "pairs of near-duplicate documents with their overlap"),
    ("quoted_terms", "corpus/quoted_terms.csv", "spans in quotation marks: count, kept whole as a name or why not"),
    ("vocabulary", "tokens/vocabulary.csv", "kept tokens with counts"),
    ("dropped_tokens", "tokens/dropped_tokens.csv", "dropped tokens with the reason and count"),
    ("term_candidates", "tokens/term_candidates.csv", "multi-word terms found in the corpus, scored"),
    ("tfidf_top_terms", "tfidf/top_terms.csv", "the highest-weighted TF-IDF terms of each case"),
    ("tfidf_similarity", "tfidf/similarity.csv", "case × case cosine similarity of TF-IDF profiles"),
    ("tfidf_nearest", "tfidf/nearest_cases.csv", "every case's nearest cases by TF-IDF"),
    ("lda_model_selection", "lda/model_selection.csv", "every K × seed fit: coherence, diversity, perplexity"),
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
]
MAX_ROWS = 1_048_576 - 1  # Excel's rows, less the header
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


def write_workbook(tables: list[tuple[str, str | Path, str, pd.DataFrame | None]], path: str | Path) -> None:
    """``tables``: (sheet name, CSV path shown, description, the table or None to read the CSV)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    contents = book.active
    contents.title = "contents"
    contents.append(["sheet", "file", "what it holds", "rows", "note"])
    bold = Font(bold=True)
    for name, csv, description, frame in tables:
        frame = read_table(csv) if frame is None else frame
        note = ""
        if len(frame) > MAX_ROWS:
            note = f"first {MAX_ROWS:,} of {len(frame):,} rows (Excel's limit); the CSV has all"
            frame = frame.head(MAX_ROWS)
        sheet = book.create_sheet(name[:31])
        sheet.append(["" if str(c).startswith("Unnamed:") else str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        _style(sheet, frame, bold, get_column_letter)
        contents.append([name[:31], str(csv), description, len(frame), note])
    _style(contents, pd.DataFrame(list(contents.values)[1:], columns=next(contents.values)), bold, get_column_letter)
    book.properties.created = book.properties.modified = _FIXED_TIME
    book.properties.creator = "govtopics"
    book.save(path)
    _fix_zip_times(path)


def _style(sheet, frame: pd.DataFrame, bold, letter) -> None:
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = bold
    for i, column in enumerate(frame.columns, 1):
        values = frame[column].head(200)
        widest = max([_width(column), *(_width(v) for v in values if v is not None)], default=8)
        sheet.column_dimensions[letter(i)].width = min(60, max(8, widest + 2))


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
