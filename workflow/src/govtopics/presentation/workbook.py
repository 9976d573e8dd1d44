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

from ..reading.io import read_table
from . import outputs, words

# (sheet, CSV under results/<run>/, what it holds): the tables a reader opens; not the corpus
# itself (paragraphs, audit, tokens), which can run to millions of rows. From the catalogue of outputs.
TABLES = outputs.sheets()
# What each sheet holds, in Chinese (report.language: zh)
DESCRIPTIONS_ZH = {o.sheet: o.zh for o in outputs.OUTPUTS if o.sheet}
MAX_ROWS = 1_048_576 - 1  # Excel's rows, less the header
MAX_COLUMNS = 16_384  # Excel's columns (A to XFD)
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
            if isinstance(text, str) and text[:1] in "=+-@":  # a header from the user's columns (=1+1): text
                cell.data_type = "s"
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        return sheet

    def say(key, **numbers):
        return words.say(f"workbook.{key}", language, **numbers)

    header = [say(key) for key in ("sheet", "file", "holds", "rows", "note")]
    contents = sheet_for("contents", header, [24, 36, 70, 8, 50])
    for name, csv, description, frame in tables:
        frame = read_table(csv) if frame is None else frame
        if name != "lda_topic_names":
            frame = named_topics(frame, topic_names or {})
        note, limit = "", min(MAX_ROWS, SHEET_ROWS.get(name, MAX_ROWS))
        if len(frame) > limit:
            why = say("excel_limit" if limit == MAX_ROWS else "best_ranked")
            note = say("first_rows", shown=limit, total=len(frame), why=why)
            frame = frame.head(limit)
        if frame.shape[1] > MAX_COLUMNS:  # a table of the user's 20,000 columns (documents.csv carries them)
            cut = say("first_columns", shown=MAX_COLUMNS, total=frame.shape[1])
            note = f"{note}{say('separator')}{cut}" if note else cut
            frame = frame.iloc[:, :MAX_COLUMNS]
        columns = ["" if str(c).startswith("Unnamed:") else str(c) for c in frame.columns]
        widths = [
            max([_width(c), *(_width(v) for v in frame[column].head(200) if v is not None)])
            for c, column in zip(columns, frame.columns, strict=True)
        ]
        sheet = sheet_for(name, columns, widths)
        for row in frame.itertuples(index=False):
            sheet.append([_text_cell(sheet, v) for v in map(_cell, row)])
        described = DESCRIPTIONS_ZH.get(name, description) if language == "zh" else description
        contents.append([_text_cell(contents, v) for v in (name[:31], str(csv), described, len(frame), note or None)])
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
