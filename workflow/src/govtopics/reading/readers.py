"""Readers for the files researchers' corpora come as, besides plain text and saved web pages.

Each reader turns one file into ``{"text", "fields", "removed"}``: the article's lines as plain
text (paragraphs separated by blank lines), the metadata the file itself carries (``title``,
``date``, ``authors``) and the lines the reader left out with the reason (a PDF's running headers
and page numbers), which join the cleaning audit. The text then goes through the same cleaning as
a ``.txt`` file. Made with the libraries made for each format: python-docx for Word, pdfplumber
(pdfminer.six) for PDFs with a text layer, pandas with python-calamine for workbooks. A file that
cannot be read raises :class:`UnreadableFile` with a reason a researcher can act on.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .dates import parse_date

WORD_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
# Formats with a reader elsewhere: the message says the one conversion to make.
CONVERT = {
    ".doc": "an old Word (.doc) file: open it in Word or WPS and save it as .docx (File > Save As), or run "
    "'soffice --headless --convert-to docx FILE.doc' (LibreOffice)",
    ".wps": "a WPS Writer (.wps) file: open it in WPS and save it as .docx (文件 > 另存为 > Word 文档), or run "
    "'soffice --headless --convert-to docx FILE.wps' (LibreOffice)",
    ".rtf": "an RTF file: save it as .docx in Word or WPS, or run 'soffice --headless --convert-to docx FILE.rtf'",
    ".caj": "a CNKI CAJ file: download the article as PDF from CNKI (PDF下载), or open it in CAJViewer and save "
    "it as PDF",
    ".kdh": "a CNKI KDH file: download the article as PDF from CNKI (PDF下载)",
    ".nh": "a CNKI thesis (.nh) file: download it as PDF from CNKI (PDF下载)",
    ".ofd": "an OFD file: open it in an OFD reader (数科阅读器) and export it as PDF",
    ".pages": "an Apple Pages file: export it as Word (.docx) in Pages (File > Export To > Word)",
}


class UnreadableFile(ValueError):
    """A file of a known format whose text cannot be had; the message says why and what to do."""


# ---------------------------------------------------------------------------------------------
# Office files are zip archives of XML: checked before a parser inflates them

MAX_XML_BYTES = 100_000_000  # one XML part inflated; 100 MB of Word XML is tens of millions of characters
_ENTITY = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_archive(path: str | Path, what: str) -> None:
    """Refuse, with the reason, an Office file (``what``: 'Word', 'workbook') whose XML would
    inflate past ``MAX_XML_BYTES`` (a zip bomb: 3.6 MB on disk, 1.5 GB inflated) or declares
    XML entities (a "billion laughs": a few lines that expand to gigabytes). Not a zip: left to the
    reader, which says so."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        for member in archive.infolist():
            if not member.filename.lower().endswith((".xml", ".rels")):
                continue
            if member.file_size > MAX_XML_BYTES:
                raise UnreadableFile(
                    f"a {what} file whose part {member.filename} inflates to {member.file_size:,} bytes (at most "
                    f"{MAX_XML_BYTES:,} are read: a file built to exhaust memory, or a damaged one); save its text "
                    "in a new file"
                )
            with archive.open(member) as handle:
                head = handle.read(65_536)
            if _ENTITY.search(head):
                raise UnreadableFile(
                    f"a {what} file whose part {member.filename} declares XML entities, which Office never writes "
                    "(they can expand to gigabytes); save its text in a new file"
                )


# ---------------------------------------------------------------------------------------------
# Reading a file in a worker that can be stopped: a damaged or hostile file may loop for ever in a
# parser (a PDF whose objects refer to each other) or ask for more memory than the machine has (a
# native reader's allocation failure ends the process, which no except clause catches).

READ_SECONDS = 30  # a file's reading may take this long, plus READ_SECONDS_PER_MB per MB on disk ...
READ_SECONDS_PER_MB = 10
READ_SECONDS_MAX = 120  # ... and never longer
READ_MEMORY_BYTES = 2_000_000_000  # more memory than the parent holds (the 2 GB per job the stages keep)


def read_seconds(path: str | Path) -> float:
    """The time budget for reading ``path``: longer for a bigger file, never over ``READ_SECONDS_MAX``."""
    return min(READ_SECONDS_MAX, READ_SECONDS + READ_SECONDS_PER_MB * Path(path).stat().st_size / 1e6)


def _address_space() -> int:
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmSize:\s+(\d+) kB", status)[1]) * 1024
    except (OSError, TypeError):
        return 0


def _worker(connection, reader, args) -> None:
    import resource

    used = _address_space()
    if used:
        limit = used + READ_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        connection.send(("read", reader(*args)))
    except UnreadableFile as exc:
        connection.send(("unreadable", str(exc)))
    except MemoryError:
        connection.send(("memory", ""))
    except RecursionError:
        connection.send(
            ("unreadable", "nested deeper than can be read (a damaged or hostile file); save its text in a new file")
        )
    except Exception as exc:  # noqa: BLE001 - a parser's own error on a damaged file: said, never a traceback
        reason = f"{type(exc).__name__}: {str(exc)[:100]}"
        connection.send(
            (
                "unreadable",
                f"a damaged file its reader cannot parse ({reason}); open it and save it again, or save "
                "its text in a new file",
            )
        )
    finally:
        connection.close()


def bounded(reader, path: str | Path, *args):
    """``reader(path, *args)`` run in a child process with a time budget (:func:`read_seconds`)
    and a memory budget (``READ_MEMORY_BYTES``); over either, or when the reader's process dies,
    :class:`UnreadableFile` says which, so the file is skipped and the run goes on. Where the
    operating system cannot fork a process, the reader runs here, unbounded."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return reader(path, *args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    seconds = read_seconds(path)
    process = context.Process(target=_worker, args=(send, reader, (path, *args)), daemon=True)
    process.start()
    send.close()
    try:
        if receive.poll(seconds):
            try:
                status, value = receive.recv()
            except EOFError:  # the process ended without an answer: killed, or a native reader aborted
                status, value = "died", ""
        else:
            status, value = "slow", ""
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "read":
        return value
    if status == "unreadable":
        raise UnreadableFile(value)
    if status == "slow":
        raise UnreadableFile(
            f"reading it took longer than {seconds:.0f} s, the budget for a file of its size (a damaged or hostile "
            "file whose parts refer to each other in a loop?); open it and save or print it to a new file"
        )
    code = process.exitcode
    raise UnreadableFile(
        f"reading it needed more than {READ_MEMORY_BYTES / 1e9:.0f} GB of memory (a file built to exhaust memory, "
        f"or a damaged one; the reader stopped{f' with signal {-code}' if code and code < 0 else ''}); save its text "
        "in a new file"
    )


# ---------------------------------------------------------------------------------------------
# Word


def read_docx(path: str | Path) -> dict:
    """A Word file's paragraphs and tables in document order (a table row is one line, its cells
    separated by spaces); the Title-styled paragraph (else the document's title property) as the
    title. Headings stay lines of the text, as in a page."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    check_archive(path, "Word")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, XMLSyntaxError) as exc:
        raise UnreadableFile(
            f"not a readable Word .docx file ({type(exc).__name__}); open it in Word or WPS and save it again as .docx"
        ) from None
    lines, title = [], ""
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))  # merged cells repeat
                if cells:
                    lines.append(" ".join(cells))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        if not title and style.lower() == "title":
            title = text
        lines.append(text)
    fields = {}
    core = document.core_properties
    title = title or (core.title or "").strip()
    if title:
        fields["title"] = title
    # core.author is who saved the file (often "Administrator"), not who wrote the article: not used
    return {"text": "\n\n".join(lines), "fields": fields, "removed": []}


# ---------------------------------------------------------------------------------------------
# PDF

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|[ivxlc]{1,6}|\d{1,4})\s*$",
    re.IGNORECASE,
)
_MARGIN = 0.1  # running headers and footers stand in the top and bottom tenth of a page
_SENTENCE_END = "。！？!?；;…”’」』）)】"


def _pdf_lines(path: Path) -> list[list[dict]]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(str(path)) as pdf:
            if pdf.doc.encryption is not None and not pdf.pages:
                raise UnreadableFile("an encrypted PDF: save an unprotected copy (print it to PDF) and use that")
            pages = []
            for page in pdf.pages:
                rows = [
                    {**line, "page_height": float(page.height), "page_width": float(page.width)}
                    for line in page.extract_text_lines(layout=False, strip=True, return_chars=False)
                    if line["text"].strip()
                ]
                pages.append(rows)
            return pages
    except UnreadableFile:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(
            f"not a readable PDF ({type(exc).__name__}: {str(exc)[:80]}); open it and print it to a new PDF, or "
            "export the text"
        ) from None
    except Exception as exc:  # pdfminer raises its own exception types for damaged and encrypted files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise UnreadableFile("an encrypted PDF: save an unprotected copy (print it to PDF) and use that") from None
        raise UnreadableFile(f"not a readable PDF ({name}); open it and print it to a new PDF") from None


def _furniture(pages: list[list[dict]]) -> dict[tuple[int, int], str]:
    """(page, line) → reason for the running headers, footers and page numbers: lines in a page's
    top or bottom tenth that are a page number, or that recur (digits aside) on at least half the
    pages of a document of two pages or more."""

    def key(text):
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    def in_margin(line):
        height = line["page_height"]
        return line["top"] < _MARGIN * height or line["bottom"] > (1 - _MARGIN) * height

    recurring = Counter(
        key(line["text"]) for rows in pages for line in {key(r["text"]): r for r in rows if in_margin(r)}.values()
    )
    found = {}
    for p, rows in enumerate(pages):
        for i, line in enumerate(rows):
            if not in_margin(line):
                continue
            if _PAGE_NUMBER.match(line["text"]):
                found[(p, i)] = "pdf_page_number"
            elif len(pages) >= 2 and recurring[key(line["text"])] >= max(2, len(pages) / 2):
                found[(p, i)] = (
                    "pdf_running_header" if line["top"] < _MARGIN * line["page_height"] else "pdf_running_footer"
                )
    return found


def _paragraphs(lines: list[dict]) -> list[str]:
    """Visual lines rejoined into paragraphs. A line continues the one before unless that one
    stopped short of the right edge after a sentence's end (the last line of a paragraph; a line
    can stop short where the typesetter would not break before a quotation mark, but at a page's
    foot a short line ends its paragraph: a subheading), the line is
    indented, its type
    is of another size (a title above the text), or, on the same page, the space between the two
    is wider than between the lines of a paragraph. A Chinese character is about as wide as its
    line is high, which gives the measure of "short" and "indented" at any font size."""
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    left = min(line["x0"] for line in lines)
    paragraphs: list[str] = []
    previous = None
    for line in lines:
        text = line["text"].strip()
        height = max(line["bottom"] - line["top"], 1.0)
        if previous is not None:
            before = max(previous["bottom"] - previous["top"], 1.0)
            gap = line["top"] - previous["bottom"]
            new = (
                (
                    previous["x1"] < right - 2.5 * before
                    and (previous["text"].rstrip()[-1:] in _SENTENCE_END + ":：" or line["page"] != previous["page"])
                )
                or line["x0"] > left + 1.5 * height
                or abs(height - before) > 0.25 * max(height, before)
                or (line["page"] == previous["page"] and gap > 0.7 * min(height, before))
            )
        if previous is None or new:
            paragraphs.append(text)
        else:
            joint = paragraphs[-1]
            # Latin words broken at the line end keep a space; Chinese lines join without one
            space = " " if re.search(r"[A-Za-z0-9,.;:]$", joint) and re.match(r"[A-Za-z0-9(]", text) else ""
            paragraphs[-1] = joint + space + text
        previous = line
    return paragraphs


MAX_PDF_STREAM_BYTES = 100_000_000  # one compressed PDF stream inflated (a page's text is kilobytes)
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")


def check_pdf(path: str | Path) -> None:
    """Refuse, with the reason, a file that is no PDF (a 1 GB file of zeros named .pdf) or a PDF
    with a compressed stream that inflates past ``MAX_PDF_STREAM_BYTES`` (438 kB on disk, 300 MB
    inflated: 7 GB and nine minutes in the parser). Each stream is inflated in pieces and thrown
    away, so the check holds no more than a piece in memory."""
    import mmap
    import zlib

    with open(path, "rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            raise UnreadableFile(
                "not a PDF: it does not begin with '%PDF-' (a damaged download, or another kind of file named .pdf); "
                "download it again, or give it the suffix of its format"
            )
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for match in _STREAM_START.finditer(data):
                inflater, position, total = zlib.decompressobj(), match.end(), 0
                while not inflater.eof:
                    piece = inflater.unconsumed_tail or data[position : position + 65_536]
                    if not inflater.unconsumed_tail:
                        position += 65_536
                    if not piece:
                        break
                    try:
                        total += len(inflater.decompress(piece, 1_048_576))
                    except zlib.error:  # not a Flate stream (an image, plain text), or a damaged one: the parser says
                        break
                    if total > MAX_PDF_STREAM_BYTES:
                        raise UnreadableFile(
                            f"a PDF with a compressed stream that inflates past {MAX_PDF_STREAM_BYTES:,} bytes (at "
                            f"byte {match.end():,} of the file: a file built to exhaust memory, or a damaged one); "
                            "print it to a new PDF, or export its text"
                        )


def read_pdf(path: str | Path) -> dict:
    """A PDF's text layer as paragraphs: lines rejoined within and across pages, running headers,
    footers and page numbers left out (each returned with its reason for the audit); the PDF's
    Title property as the title. A PDF with no text layer (a scan) cannot be read."""
    path = Path(path)
    check_pdf(path)
    pages = _pdf_lines(path)
    if not any(pages):
        raise UnreadableFile(
            f"a PDF with no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}, probably scanned images): "
            "run OCR on it first (for example 'ocrmypdf -l chi_sim in.pdf out.pdf') and use the result"
        )
    furniture = _furniture(pages)
    body, removed = [], []
    for p, rows in enumerate(pages):
        for i, line in enumerate(rows):
            if (p, i) in furniture:
                removed.append({"text": line["text"], "reason": furniture[(p, i)], "page": p + 1})
            else:
                body.append({**line, "page": p})
    fields = {}
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            meta = pdf.metadata or {}
        title = str(meta.get("Title") or "").strip()
        if (
            title
            and not re.match(r"(?i)^(microsoft word|untitled|无标题|文档)", title)
            and not title.lower().endswith((".doc", ".docx"))
        ):
            fields["title"] = title
    except Exception:  # noqa: BLE001 - the properties are a bonus; the text was read
        pass
    return {"text": "\n\n".join(_paragraphs(body)), "fields": fields, "removed": removed}


# ---------------------------------------------------------------------------------------------
# Workbooks


def _cell(value) -> object:
    """A workbook cell as the text it shows: dates as ISO dates, whole numbers without '.0'."""
    import datetime as dt
    import math

    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return parse_date(value)[0]
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value == int(value) else repr(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value if isinstance(value, str) else str(value)


MAX_SHEET_CELLS = 50_000_000  # a sheet's span, first to last cell with a value: a reader fills every cell of it
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/?)>')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_sheet_span(path: str | Path) -> None:
    """Refuse, with the sheet and its span, an .xlsx whose cells with values span more than
    ``MAX_SHEET_CELLS`` (data in A1:C200 and one stray value at XFD1048576 make a span of 17
    billion cells, for which the workbook reader asks 550 GB and ends the process). The sheets' XML
    is scanned in pieces for the cells' addresses; nothing else is read."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        names = {}
        try:
            book = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            targets = dict(re.findall(rb'Id="([^"]+)"[^>]*?Target="/?(?:xl/)?([^"]+)"', rels))
            targets.update({i: t for t, i in re.findall(rb'Target="/?(?:xl/)?([^"]+)"[^>]*?Id="([^"]+)"', rels)})
            for name, rid in re.findall(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', book):
                if rid in targets:
                    names["xl/" + targets[rid].decode("utf-8", "replace")] = name.decode("utf-8", "replace")
        except KeyError:
            pass
        for member in archive.namelist():
            if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
                continue
            low_row = low_col = 1 << 30
            high_row = high_col = cells = 0
            with archive.open(member) as handle:
                tail = b""
                while True:
                    piece = handle.read(1_048_576)
                    buffer = tail + piece
                    cut = len(buffer) if not piece else max(buffer.rfind(b"<"), 0)
                    for column, row, empty in _CELL.findall(buffer, 0, cut):
                        if empty:
                            continue
                        column, row = _column_number(column), int(row)
                        low_row, high_row = min(low_row, row), max(high_row, row)
                        low_col, high_col = min(low_col, column), max(high_col, column)
                        cells += 1
                    tail = buffer[cut:]
                    if not piece:
                        break
            span = (high_row - low_row + 1) * (high_col - low_col + 1) if cells else 0
            if span > MAX_SHEET_CELLS:
                sheet = names.get(member, member)
                start, end = f"{_letters(low_col)}{low_row}", f"{_letters(high_col)}{high_row}"
                raise UnreadableFile(
                    f"sheet '{sheet}' spans {start}:{end}, {span:,} cells, with {cells:,} values in them: a stray "
                    "value far from the data (in Excel, Ctrl+End goes to it); delete the rows and columns past your "
                    "data, save, and run again"
                )


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_names(path: str | Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    check_archive(path, "workbook")
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        check_sheet_span(path)
    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        raise UnreadableFile(
            f"not a readable workbook ({type(exc).__name__}: {str(exc)[:80]}); open it in Excel or WPS and save it "
            "again as .xlsx"
        ) from None


def read_sheet(path: str | Path, sheet: str | int, names: list[str] | None = None) -> list[dict]:
    """The rows of one sheet as dicts of the header's columns (every cell as text; date cells as
    ISO dates). ``sheet``: a name or a number counted from 1. ``names``: the workbook's
    :func:`sheet_names` when the caller has them (the file is then not checked again)."""
    from python_calamine import CalamineWorkbook

    names = sheet_names(path) if names is None else names
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
        number = int(sheet)
        if not 1 <= number <= len(names):
            raise UnreadableFile(f"has {len(names)} sheet(s) ({', '.join(names)}); corpus.sheet {number} is not one")
        name = names[number - 1]
    else:
        if sheet not in names:
            raise UnreadableFile(
                f"has no sheet '{sheet}' (sheets: {', '.join(names)}): set corpus.sheet to one of them"
            )
        name = sheet
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=True)
    rows = [[_cell(v) for v in row] for row in rows]
    rows = [row for row in rows if any(str(v).strip() for v in row)]
    if not rows:
        return []
    header = [str(h).strip() or f"column_{n}" for n, h in enumerate(rows[0], 1)]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in rows[1:]]
