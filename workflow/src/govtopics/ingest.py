"""Reading a corpus: a folder of text files, or a JSON-lines / CSV table of texts with metadata.

Each input becomes one document record ``{doc_id, source, encoding, sha256, text, metadata}``.
Encodings are detected (UTF-8 with or without BOM, GB18030, Big5) and recorded; empty, binary or
undecodable files are skipped with the reason recorded, never silently dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

from opencc import OpenCC

from .io import InputError

ENCODINGS = ("utf-8", "gb18030", "big5")
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Byte-order marks of the UTF-16 and UTF-32 files that Windows tools save as "Unicode".
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Characters that show nothing: a file of only these is empty, whatever its bytes.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u3000\xa0"
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|br|span|h[1-6]|script|style|table|tr|td|li|ul|a|meta|link)\b[^>]*>", re.IGNORECASE)
_t2s = OpenCC("t2s")


class CorpusError(InputError):
    """The corpus cannot be read at all; the message says which file or setting and what to do."""


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > 0.01 * len(sample)


def plausibility(text: str) -> float:
    """Share of CJK characters that are common (in GB2312 once converted to Simplified)."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    ok = 0
    for char in _t2s.convert("".join(cjk)):
        try:
            char.encode("gb2312")
            ok += 1
        except UnicodeEncodeError:
            pass
    return ok / len(cjk)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) is taken when it decodes; otherwise GB18030 and Big5 are both
    tried and the reading whose characters are the more common Chinese characters wins.
    Raises ``UnicodeDecodeError``-free ``ValueError`` when nothing decodes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise ValueError(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding} text"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ENCODINGS[1:]:
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise ValueError("not UTF-8, GB18030 or Big5 text")
    return max(readings, key=lambda r: plausibility(r[0]))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: whitespace, ideographic spaces, zero-width marks."""
    return not text.strip(_INVISIBLE + " \t\n\r\f\v").strip()


def looks_like_html(text: str) -> bool:
    """A saved web page rather than plain text: it opens like an HTML document, or block tags
    stand in it (at least five)."""
    return bool(_HTML_START.match(text)) or len(_HTML_TAG.findall(text[:200_000])) >= 5


def html_to_text(page: str) -> tuple[str, str]:
    """The article of a saved web page, ``(text, title)``, found by trafilatura (Barbaresi 2021),
    an extractor made for news and blog pages: menus, scripts, styles, footers and link lists are
    left out (what it leaves of them, the cleaner removes as in any scraped text). The title (the
    page's ``<h1>`` or ``<title>``) is returned apart, so it can head the text, where a
    ``<place>:<headline>`` title starts a case. ``('', '')`` when no article is found.
    """
    import trafilatura  # imported here: only corpora with HTML pay its start-up

    result = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=True, deduplicate=False, with_metadata=True
    )
    if result is None:
        return "", ""
    return (result.text or "").strip(), (result.title or "").strip()


def _read_text(text: str, row: dict) -> str:
    """Plain text of a decoded input; an HTML page is reduced to its article and ``row`` (its
    ingest-log entry) says how much of the page that kept."""
    text = _normalise_newlines(text)
    if not looks_like_html(text):
        return text
    body, title = html_to_text(text)
    extracted = f"{title}\n{body}" if title and title not in body.splitlines()[:5] else body
    row["reason"] = (
        f"HTML page: article text extracted with trafilatura ({len(extracted)} of {len(text)} characters kept; "
        "tags, scripts, menus and footers left out)"
    )
    return extracted


def read_folder(folder: str | Path, metadata: dict[str, dict] | None = None) -> tuple[list[dict], list[dict]]:
    """Read every text file of ``folder`` (sorted by name).

    Returns
    -------
    documents, log
        ``documents``: one record per readable file; ``log``: one row per file with its status
        (``read`` or ``skipped``) and the reason.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist: set 'corpus.path' in config/config.yaml")
    metadata = metadata or {}
    documents, log = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # hidden files and folders (.DS_Store, .git, editor backups) are not articles
        if not path.is_file():
            what = (
                "a folder: files in folders inside the corpus folder are not read (move them up, or point "
                "corpus.path at it)"
                if path.is_dir()
                else "a link to a file that does not exist"
                if path.is_symlink()
                else "not a regular file"
            )
            doc_id = path.name if path.is_dir() else path.stem
            log.append(
                {
                    "doc_id": doc_id,
                    "source": str(path),
                    "bytes": 0,
                    "sha256": "",
                    "encoding": "",
                    "status": "skipped",
                    "reason": what,
                }
            )
            continue
        data = path.read_bytes()
        row = {
            "doc_id": path.stem,
            "source": str(path),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "encoding": "",
            "status": "read",
            "reason": "",
        }
        log.append(row)
        if path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            row.update(
                status="skipped",
                reason=f"not a text or HTML file (suffix {path.suffix}); rename it to .txt to include it",
            )
            continue
        if not data.strip():
            row.update(status="skipped", reason="empty file")
            continue
        unicode_bom = data.startswith(tuple(bom for bom, _ in _BOMS))  # UTF-16 text is full of NUL bytes
        if _looks_binary(data) and not unicode_bom:
            row.update(status="skipped", reason="binary file (contains NUL or control bytes)")
            continue
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            row.update(status="skipped", reason=str(exc))
            continue
        if unicode_bom and _looks_binary(text.encode("utf-8")):
            row.update(status="skipped", reason="binary file (contains NUL or control bytes)")
            continue
        row["encoding"] = encoding
        text = _read_text(text, row)
        if is_blank(text):
            row.update(
                status="skipped", reason=row["reason"] + "; no text" if row["reason"] else "no text (only spaces)"
            )
            continue
        documents.append(
            {
                "doc_id": path.stem,
                "source": str(path),
                "encoding": encoding,
                "sha256": row["sha256"],
                "text": text,
                "metadata": dict(metadata.get(path.stem, {})),
            }
        )
    return documents, log


def read_csv_rows(text: str, delimiter: str = ",") -> list[dict]:
    """Rows of a CSV text as dicts; a quoted field keeps its line breaks (a text column often
    holds whole articles)."""
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _read_rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls", ".ods"):
        raise CorpusError(
            f"{path}: a spreadsheet; save it as 'CSV UTF-8' (Excel: File > Save As) and set corpus.path to the .csv"
        )
    if suffix not in (".jsonl", ".ndjson", ".csv", ".tsv"):
        raise CorpusError(f"{path}: a corpus table must end in .jsonl, .csv or .tsv")
    data = path.read_bytes()
    try:
        if _looks_binary(data) and not data.startswith(tuple(bom for bom, _ in _BOMS)):
            raise ValueError("binary data (NUL or control bytes)")
        text, _ = decode_bytes(data)
    except ValueError as exc:
        raise CorpusError(f"{path}: cannot be read as a text table ({exc}); save it as UTF-8 text") from None
    if suffix in (".jsonl", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{path}, line {number}: not valid JSON ({exc.msg}); fix or delete that line"
                ) from None
            if not isinstance(row, dict):
                raise CorpusError(
                    f"{path}, line {number}: a JSON {type(row).__name__}, not an object; every line must be "
                    '{"content": "…", …} with one document'
                )
            rows.append(row)
        return rows
    rows = read_csv_rows(text, "\t" if suffix == ".tsv" else ",")
    header = len(rows[0]) - (None in rows[0]) if rows else 0
    for number, row in enumerate(rows, 2):
        if None in row:  # more cells than the header has columns
            raise CorpusError(
                f"{path}, line {number} of the table: {header + len(row[None])} cells but the header has {header} "
                "columns; a text with commas must be in double quotes (save the table as CSV from Excel or pandas)"
            )
    return rows


def read_table(
    path: str | Path, text_column: str, id_column: str | None = None, metadata: dict[str, dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """Read a JSON-lines or CSV table whose ``text_column`` holds the texts.

    Every other column is kept as metadata. Rows with an empty text are skipped and logged.
    Document ids come from ``id_column`` when given, else ``<file stem>_<row number>``.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"corpus table {path} does not exist: set 'corpus.path' in config/config.yaml")
    rows = _read_rows(path)
    if not rows:
        raise CorpusError(
            f"corpus table {path} has no rows: add one row per document, with its text in '{text_column}'"
        )
    if text_column not in rows[0]:
        raise CorpusError(
            f"{path} has no column '{text_column}' (columns: {', '.join(rows[0])}); "
            "set 'corpus.text_column' in config/config.yaml"
        )
    if id_column and id_column not in rows[0]:
        raise CorpusError(
            f"'corpus.id_column' in the config is '{id_column}', which is not a column of {path} "
            f"(columns: {', '.join(map(str, rows[0]))}); set it to one of them, or '' to number the rows"
        )
    metadata = metadata or {}
    documents, log, seen = [], [], set()
    width = len(str(len(rows)))
    for number, row in enumerate(rows, 1):
        doc_id = str(row.get(id_column, "")).strip() if id_column else ""
        doc_id = re.sub(r"[^\w.\-]+", "_", doc_id) or f"{path.stem}_{number:0{width}d}"
        if doc_id in seen:
            raise CorpusError(f"{path}, row {number}: id '{doc_id}' occurs twice; ids in '{id_column}' must be unique")
        seen.add(doc_id)
        text = row.get(text_column) or ""
        digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()
        entry = {
            "doc_id": doc_id,
            "source": f"{path}#row{number}",
            "bytes": len(str(text).encode("utf-8")),
            "sha256": digest,
            "encoding": "utf-8",
            "status": "read",
            "reason": "",
        }
        log.append(entry)
        text = _read_text(str(text), entry)
        if is_blank(text):
            entry.update(status="skipped", reason=f"empty '{text_column}'")
            continue
        meta = {k: ("" if v is None else str(v)) for k, v in row.items() if k != text_column}
        meta.update(metadata.get(doc_id, {}))
        documents.append(
            {
                "doc_id": doc_id,
                "source": entry["source"],
                "encoding": "utf-8",
                "sha256": digest,
                "text": text,
                "metadata": meta,
            }
        )
    return documents, log


def read_metadata_table(path: str | Path | None) -> dict[str, dict]:
    """A user's metadata table (CSV with a ``doc_id`` column) as ``{doc_id: {column: value}}``."""
    if not path:
        return {}
    path = Path(path)
    if not path.is_file():
        raise CorpusError(
            f"metadata table {path} does not exist: fix 'corpus.metadata' in config/config.yaml or set it to ''"
        )
    text, _ = decode_bytes(path.read_bytes())
    rows = read_csv_rows(text)
    if rows and "doc_id" not in rows[0]:
        raise CorpusError(f"metadata table {path} needs a 'doc_id' column (the file name without .txt)")
    return {r["doc_id"]: {k: v for k, v in r.items() if k != "doc_id" and v} for r in rows}


def read_corpus(
    path: str | Path,
    text_column: str = "content",
    id_column: str | None = None,
    metadata_path: str | Path | None = None,
) -> tuple[list[dict], list[dict]]:
    """Read a folder or a table, whichever ``path`` is; raise when no document is readable."""
    path = Path(path)
    metadata = read_metadata_table(metadata_path)
    if path.is_dir():
        documents, log = read_folder(path, metadata)
    else:
        documents, log = read_table(path, text_column, id_column, metadata)
    if not log:
        raise CorpusError(f"corpus folder {path} has no files: put the articles there as .txt or .html files")
    if not documents:
        reasons = "; ".join(f"{Path(r['source']).name}: {r['reason']}" for r in log[:5])
        more = f" and {len(log) - 5} more" if len(log) > 5 else ""
        raise CorpusError(f"no readable document in {path} ({reasons}{more})")
    return documents, log


def shard(documents: list[dict], size: int, chars: int = 0) -> list[list[dict]]:
    """``documents`` in corpus order, cut into shards of at most ``size`` documents and, when
    ``chars`` > 0, at most ``chars`` characters of text (a document longer than that is a shard
    of its own). Every later stage gives the same results whatever the cut."""
    shards, current, length = [], [], 0
    for document in documents:
        n = len(document["text"])
        if current and (len(current) >= size or (chars and length + n > chars)):
            shards.append(current)
            current, length = [], 0
        current.append(document)
        length += n
    return shards + [current] if current else shards
