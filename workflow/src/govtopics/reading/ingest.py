"""Reading a corpus: a folder of text files, or a JSON-lines / CSV table of texts with metadata.

Each input becomes one document record ``{doc_id, source, encoding, sha256, text, metadata}``.
Encodings are detected (UTF-8 with or without BOM, GB18030, Big5) and recorded; empty, binary or
undecodable files are skipped with the reason recorded, never silently dropped.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import math
import os
import re
from collections import Counter
from pathlib import Path

from . import readers
from .dates import parse_date
from .io import InputError, sha256_file
from .textcodec import _BOMS, ENCODINGS, _looks_binary, decode_bytes, decode_text_file, plausibility  # noqa: F401

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Characters that show nothing: a file of only these is empty, whatever its bytes.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u3000\xa0"
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|br|span|h[1-6]|script|style|table|tr|td|li|ul|a|meta|link)\b[^>]*>", re.IGNORECASE)


class CorpusError(InputError):
    """The corpus cannot be read at all; the message says which file or setting and what to do."""


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: whitespace, ideographic spaces, zero-width marks."""
    return not text.strip(_INVISIBLE + " \t\n\r\f\v").strip()


def looks_like_html(text: str) -> bool:
    """A saved web page rather than plain text: it opens like an HTML document, or block tags
    stand in it (at least five)."""
    return bool(_HTML_START.match(text)) or len(_HTML_TAG.findall(text[:200_000])) >= 5


def html_to_text(page: str) -> tuple[str, dict]:
    """The article of a saved web page, ``(text, fields)``, found by trafilatura (Barbaresi 2021),
    an extractor made for news and blog pages: menus, scripts, styles, footers and link lists are
    left out (what it leaves of them, the cleaner removes as in any scraped text). ``fields`` are the
    page's own metadata as trafilatura reads it: ``title`` (its ``<h1>``/``<title>``, without the
    site's name), ``date`` (ISO), ``publisher`` (the site's name) and ``authors``. ``('', {})``
    when no article is found.
    """
    import trafilatura  # imported here: only corpora with HTML pay its start-up

    page, _ = shallow_html(page)

    # trafilatura drops private-use characters, which a garbled run of an earlier wrong decode holds
    # (平?jīng)雎方值朗浅鞘欣瞎\ue63dI…): kept as marks through it, so that the run is repaired as in a .txt
    page = _PRIVATE_USE.sub(lambda m: f"〔PUA{ord(m.group()):04X}〕", page)
    page = _PRIVATE_USE_REF.sub(_private_use_mark, page)  # (&#58941;: a page saved as GBK, which has no such character)
    result = trafilatura.bare_extraction(
        page,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        with_metadata=True,
        # the date from the page's markup only (meta tags, <time>, its address): a year in a body
        # sentence (2018年开始推行) is no publication date, and htmldate's text search made it 2018-01-01
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return "", {}
    fields = {
        "title": _restore_private_use((result.title or "").strip()),
        "date": parse_date(result.date or "")[0],
        "publisher": (result.sitename or "").strip(),
        "authors": "、".join(a.strip() for a in re.split(r"[;；,，、]", result.author or "") if a.strip()),
    }
    return _restore_private_use((result.text or "").strip()), {k: v for k, v in fields.items() if v}


# HTML parsers stop nesting at a depth (libxml2: 256) and drop what lies deeper: a page of old-CMS
# paragraphs whose <font> tags are never closed kept 126 of 400 paragraphs, merged into one.
MAX_HTML_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:]*)\b[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_SELF_ENDING = {"p", "li", "td", "th", "tr", "option", "dt", "dd"}  # a parser closes them at the next one
# tags that only style text: removing them changes no word and no paragraph
_STYLE_ONLY = re.compile(r"</?(?:font|span|b|i|u|s|strong|em|small|big|center|o:p)\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:p|div|br|li|tr|td|th|h[1-6]|table|ul|ol|section|article|blockquote|pre)\b[^>]*>", re.I)


def html_depth(page: str) -> int:
    """The deepest nesting of elements in ``page`` (unclosed tags count, as a parser sees them)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(page):
        if name.lower() in _VOID or name.lower() in _SELF_ENDING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def shallow_html(page: str) -> tuple[str, str]:
    """``page`` nested no deeper than ``MAX_HTML_DEPTH``, and what was done (''): first the tags
    that only style text are removed (unclosed <font> of old CMS pages); if it is still too deep,
    the page is rebuilt flat, one paragraph per block of the original, every word kept."""
    depth = html_depth(page)
    if depth <= MAX_HTML_DEPTH:
        return page, ""
    styled = _STYLE_ONLY.sub("", page)
    if html_depth(styled) <= MAX_HTML_DEPTH:
        return styled, f"HTML nested {depth} deep: style-only tags (font, span…) removed before reading"
    title = re.search(r"<title[^>]*>(.*?)</title>", page, re.IGNORECASE | re.DOTALL)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", styled, flags=re.IGNORECASE | re.DOTALL)
    lines = [html.unescape(_TAG.sub("", block)).strip() for block in _BLOCK.split(body)]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    head = f"<title>{title.group(1)}</title>" if title else ""
    flat = f"<html><head>{head}</head><body><article>{paragraphs}</article></body></html>"
    return flat, f"HTML nested {depth} deep: read flat, one paragraph per block"


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_USE_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{4})|(\d{5}));")


def _private_use_mark(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return f"〔PUA{code:04X}〕" if 0xE000 <= code <= 0xF8FF else match.group()


def _restore_private_use(text: str) -> str:
    return re.sub(r"〔PUA([0-9A-F]{4})〕", lambda m: chr(int(m.group(1), 16)), text)


def _read_text(text: str, row: dict) -> tuple[str, dict]:
    """Plain text of a decoded input and the fields its page gives (title, date, publisher,
    authors of a saved web page); an HTML page is reduced to its article and ``row`` (its
    ingest-log entry) says how much of the page that kept."""
    text = _normalise_newlines(text)
    if not looks_like_html(text):
        return text, {}
    body, fields = html_to_text(text)
    title = fields.get("title", "")
    extracted = f"{title}\n{body}" if title and title not in body.splitlines()[:5] else body
    _, deep = shallow_html(text)
    row["reason"] = (
        f"HTML page: article text extracted with trafilatura ({len(extracted)} of {len(text)} characters kept; "
        "tags, scripts, menus and footers left out)" + (f"; {deep}" if deep else "")
    )
    return extracted, fields


READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | readers.WORD_SUFFIXES | readers.PDF_SUFFIXES
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv"} | readers.SHEET_SUFFIXES
FORMATS = ".txt/.md, .html (saved pages), .docx, .pdf; tables: .csv, .tsv, .jsonl, .xlsx, .xls, .ods"
# A page split over several files by its site (t20201014_123.html, t20201014_123_2.html, …_3.html)
_CONTINUATION = re.compile(r"^(?P<base>.+?)[_-](?P<page>\d{1,2})$")
# The folder a browser saves a page's images, styles and scripts in ("Web page, complete")
_RESOURCES = re.compile(r"^(?P<base>.+?)(?:_files|\.files|_archivos|-Dateien|_fichiers)$")


# Ids name files of the run (corpus/clean/<doc_id>.txt, shards, figures): they must fit a file
# system (255 bytes a name, with room for suffixes), name no device on Windows, and be text.
MAX_ID_BYTES = 240  # with ".txt" or "_c01" still under 255
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.IGNORECASE)


def readable_name(name: str) -> str:
    """A file name as text: a name in GBK bytes (a zip from Chinese Windows unpacked on Linux)
    reaches Python with its bytes as surrogates; they are decoded as GB18030, or replaced."""
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def safe_id(name: str) -> str:
    """An id made from a file name or a table's id cell that any file system takes: readable text,
    no path separators or control characters, at most ``MAX_ID_BYTES`` bytes (a longer one keeps
    its start and a hash of the whole), and no Windows device name."""
    text = re.sub(r"[\x00-\x1f/\\:*?\"<>|]+", "_", readable_name(name)).strip(" .") or "_"
    text = "".join(c if not "\ud800" <= c <= "\udfff" else "\ufffd" for c in text)
    if len(text.encode("utf-8")) > MAX_ID_BYTES:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        cut = text.encode("utf-8")[: MAX_ID_BYTES - 11].decode("utf-8", errors="ignore")
        text = f"{cut}_{digest}"
    return f"{text}_" if _WINDOWS_DEVICES.match(text) else text


def path_text(path: Path) -> str:
    """A path as text for tables and logs (a GBK file name decoded, see :func:`readable_name`)."""
    return readable_name(str(path))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(row: dict) -> tuple[dict, int]:
    """A table row whose texts hold no lone surrogate (JSON's "\\ud800" escape: half of a pair, no
    character, which no file can be written with), each replaced by U+FFFD; and how many there were."""
    count = 0

    def fix(value):
        nonlocal count
        if isinstance(value, str) and _SURROGATE.search(value):
            count += len(_SURROGATE.findall(value))
            return _SURROGATE.sub("\ufffd", value)
        return value

    fixed = {fix(k): fix(v) for k, v in row.items()}
    return fixed, count


def _log_row(path: Path, doc_id: str, data: bytes = b"") -> dict:
    return {
        "doc_id": doc_id,
        "source": path_text(path),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest() if data else "",
        "encoding": "",
        "status": "read",
        "reason": "",
    }


def _decode_file(data: bytes, row: dict) -> str | None:
    """A text file's text, or None with ``row`` marked skipped and why."""
    if not data.strip():
        row.update(status="skipped", reason="empty file")
        return None
    unicode_bom = data.startswith(tuple(bom for bom, _ in _BOMS))  # UTF-16 text is full of NUL bytes
    if _looks_binary(data) and not unicode_bom:
        row.update(status="skipped", reason="binary file (contains NUL or control bytes)")
        return None
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        row.update(status="skipped", reason=str(exc))
        return None
    if unicode_bom and _looks_binary(text.encode("utf-8")):
        row.update(status="skipped", reason="binary file (contains NUL or control bytes)")
        return None
    row["encoding"] = encoding
    return text


def read_file(path: Path, row: dict) -> dict | None:
    """One article file as ``{text, fields, removed}`` (see :mod:`govtopics.reading.readers`), or None with
    ``row`` (its ingest-log entry) marked skipped and the reason, which says what to do."""
    suffix = path.suffix.lower()
    if suffix in readers.CONVERT:
        row.update(status="skipped", reason=f"{readers.CONVERT[suffix]}; then put the new file in the corpus folder")
        return None
    if suffix in TABLE_SUFFIXES:
        row.update(
            status="skipped",
            reason="a table of documents inside the corpus folder: a folder is read file by file; to read the "
            "table's rows, set corpus.path to this file",
        )
        return None
    if suffix not in READ_SUFFIXES:
        row.update(status="skipped", reason=f"not a format govtopics reads (suffix {suffix}); it reads {FORMATS}")
        return None
    if suffix in readers.WORD_SUFFIXES | readers.PDF_SUFFIXES:
        reader = readers.read_docx if suffix in readers.WORD_SUFFIXES else readers.read_pdf
        try:
            result = readers.bounded(reader, path)
        except readers.UnreadableFile as exc:
            row.update(status="skipped", reason=str(exc))
            return None
        what = (
            "Word file: paragraphs and tables read with python-docx"
            if reader is readers.read_docx
            else (
                "PDF: text layer read with pdfplumber, lines rejoined into paragraphs"
                + (
                    f", {len(result['removed'])} running header, footer and page-number lines left out "
                    "(in the cleaning audit)"
                    if result["removed"]
                    else ""
                )
            )
        )
        row.update(encoding=suffix[1:], reason=what)
        return result
    text = _decode_file(path.read_bytes(), row)
    if text is None:
        return None
    text, fields = _read_text(text, row)
    return {"text": text, "fields": fields, "removed": []}


def _entries(paths: list[Path]) -> tuple[list[Path], dict[Path, list[Path]], dict[Path, Path]]:
    """The files to read, the continuation pages of each paginated saved page (in page order),
    and the resource folders saved with pages (folder → its page)."""
    names = {p.name for p in paths}
    html = {p.stem: p for p in paths if p.suffix.lower() in HTML_SUFFIXES}
    continuation: dict[Path, list[Path]] = {}
    joined = set()
    for path in paths:
        match = _CONTINUATION.match(path.stem)
        if path.suffix.lower() in HTML_SUFFIXES and match and match["base"] in html and int(match["page"]) >= 2:
            continuation.setdefault(html[match["base"]], []).append(path)
            joined.add(path)
    for first in continuation:
        continuation[first].sort(key=lambda p: int(_CONTINUATION.match(p.stem)["page"]))
    resources = {}
    for path in paths:
        match = _RESOURCES.match(path.name)
        if path.is_dir() and match and any(f"{match['base']}{s}" in names for s in HTML_SUFFIXES):
            resources[path] = html.get(match["base"], path)
    return [p for p in paths if p not in joined], continuation, resources


def _too_long(what: str, size: str, max_chars: int) -> str:
    return (
        f"{what} {size}, more than one job holds (corpus.shard_chars = {max_chars:,} characters): split it into one "
        "file per article, or raise corpus.shard_chars in the config"
    )


def read_files(
    paths: list[Path], metadata: dict[str, dict] | None = None, max_chars: int = 0
) -> tuple[list[dict], list[dict]]:
    """Read article files (in the order given): every readable file is one document, a page split
    over several files (``x.html``, ``x_2.html``) is one document, and every file or folder not read
    is in the log with the reason. Two files with one name but different suffixes (``a.txt``,
    ``a.md``) get ids that keep them apart (``a_txt``, ``a_md``). With ``max_chars`` > 0 a file
    longer than that is skipped with the reason, before it is read whole when its size tells."""
    metadata = metadata or {}
    paths, continuation, resources = _entries(paths)
    stems = Counter(p.stem for p in paths if p.is_file())
    documents, log = [], []
    for path in paths:
        doc_id = safe_id(path.name if path.is_dir() else path.stem)
        if path.is_file() and stems[path.stem] > 1:
            doc_id = safe_id(f"{path.stem}_{path.suffix.lstrip('.').lower() or 'file'}")
        if not path.is_file():
            what = (
                f"page resources: the images, styles and scripts a browser saved with {resources[path].name}, "
                "not an article"
                if path in resources
                else "a folder: files in folders inside the corpus folder are not read (move them up, or point "
                "corpus.path at it)"
                if path.is_dir()
                else "a link to a file that does not exist"
                if path.is_symlink()
                else "not a regular file"
            )
            log.append({**_log_row(path, doc_id), "status": "skipped", "reason": what})
            continue
        if "{" in path.name or "}" in path.name:
            log.append(
                {
                    **_log_row(path, doc_id),
                    "status": "skipped",
                    "reason": "a file name with { or }: Snakemake takes braces for a wildcard, so it cannot track it; "
                    "rename it without them to include it",
                }
            )
            continue
        size = path.stat().st_size
        if size == 0 or (max_chars and path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES and size > 4 * max_chars):
            # nothing read: an empty file (or a pseudo-file of /proc, which reports 0 and may never end), or a
            # text too long for any shard (UTF-8 takes at most 4 bytes a character)
            shown = f"{size / 1e6:,.1f} MB" if size >= 1e6 else f"{size / 1e3:,.0f} kB"
            reason = "empty file" if size == 0 else _too_long("a text of", shown, max_chars)
            log.append({**_log_row(path, doc_id), "bytes": size, "status": "skipped", "reason": reason})
            continue
        if path.suffix.lower() in readers.WORD_SUFFIXES | readers.PDF_SUFFIXES:  # read by their readers, not here:
            data = b""  # a 1 GB file named .pdf is hashed in pieces, never held in memory
            row = {**_log_row(path, doc_id), "bytes": size, "sha256": sha256_file(path)}
        else:
            data = path.read_bytes()
            row = _log_row(path, doc_id, data)
        log.append(row)
        result = read_file(path, row)
        if result is None:
            continue
        if max_chars and len(result["text"]) > max_chars:
            row.update(
                status="skipped", reason=_too_long("its text has", f"{len(result['text']):,} characters", max_chars)
            )
            continue
        pages = [result]
        for page in continuation.get(path, []):
            page_data = page.read_bytes()
            page_row = _log_row(page, doc_id, page_data)
            log.append(page_row)
            part = read_file(page, page_row)
            if part is not None:
                page_row["reason"] = (
                    f"page {len(pages) + 1} of {path.name}: joined to it as one document; " + page_row["reason"]
                )
                data += page_data
                title = part["fields"].get("title", "")
                lines = part["text"].split("\n")
                pages.append({**part, "text": "\n".join(lines[1:] if title and lines[0] == title else lines)})
        text = "\n\n".join(p["text"] for p in pages)
        if is_blank(text):
            row.update(
                status="skipped", reason=row["reason"] + "; no text" if row["reason"] else "no text (only spaces)"
            )
            continue
        documents.append(
            {
                "doc_id": doc_id,
                "source": path_text(path),
                "encoding": row["encoding"],
                "sha256": hashlib.sha256(data).hexdigest() if data else row["sha256"],
                "text": text,
                "fields": result["fields"],
                "removed": [r for p in pages for r in p["removed"]],
                "metadata": dict(metadata.get(doc_id, metadata.get(path.stem, {}))),
            }
        )
    return documents, log


def read_folder(
    folder: str | Path, metadata: dict[str, dict] | None = None, max_chars: int = 0
) -> tuple[list[dict], list[dict]]:
    """Read every article file of ``folder`` (sorted by name; hidden files are not articles).

    Returns
    -------
    documents, log
        ``documents``: one record per readable file; ``log``: one row per file with its status
        (``read`` or ``skipped``) and the reason.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist: set 'corpus.path' in config/config.yaml")
    # hidden files and folders (.DS_Store, .git, editor backups) and Word's lock files (~$文章.docx)
    paths = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "~$")))
    return read_files(paths, metadata, max_chars)


def read_csv_rows(text: str, delimiter: str = ",") -> list[dict]:
    """Rows of a CSV text as dicts; a quoted field keeps its line breaks (a text column often
    holds whole articles, longer than the csv module's default field limit)."""
    csv.field_size_limit(2**31 - 1)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


# The names researchers give the columns of a corpus table, Chinese and English (CNKI and news
# database exports, cntext and KH Coder examples): a column of one of these names is read as that
# field without configuration (corpus.<field>_column names another).
COLUMN_NAMES = {
    "text": ["content", "正文", "内容", "全文", "文本", "文章内容", "新闻内容", "text", "body", "fulltext", "article"],
    "title": ["title", "标题", "题目", "题名", "篇名", "文章标题", "新闻标题", "headline"],
    "date": [
        "date",
        "日期",
        "时间",
        "发布时间",
        "发布日期",
        "发表时间",
        "发表日期",
        "出版日期",
        "刊发日期",
        "pubdate",
        "publish_date",
        "published",
        "time",
    ],
    "publisher": [
        "publisher",
        "来源",
        "媒体",
        "出处",
        "文献来源",
        "刊名",
        "期刊",
        "报纸",
        "网站",
        "发布机构",
        "source",
        "media",
        "journal",
        "site",
    ],
    "authors": ["authors", "author", "作者", "记者", "byline"],
}


# field → its config key (corpus.<key>_column)
COLUMN_KEYS = {"title": "title", "date": "date", "publisher": "publisher", "authors": "author"}


def column_roles(columns: list[str], configured: dict[str, str] | None = None) -> dict[str, str]:
    """Which column holds each field (``text``, ``title``, ``date``, ``publisher``, ``authors``):
    the column named in the config (``configured``, field → column; '' for none given), else the
    first column whose name is one of :data:`COLUMN_NAMES` (case and spaces aside)."""
    configured = configured or {}
    found = {}
    normalised = {re.sub(r"\s+", "", str(c)).lower(): c for c in reversed(columns)}
    for field, names in COLUMN_NAMES.items():
        if configured.get(field):
            found[field] = configured[field]
            continue
        for name in names:
            if name.lower() in normalised and normalised[name.lower()] not in found.values():
                found[field] = normalised[name.lower()]
                break
    return found


def _meta_from_row(row: dict, roles: dict[str, str], skip: set[str]) -> tuple[dict, str]:
    """A row's metadata: the columns of known roles under their field's name (a date as an ISO
    date), every other column under its own; and the format the date was read in ('' if none)."""
    meta, date_format = {}, ""
    by_column = {column: field for field, column in roles.items() if field != "text"}
    for key, value in row.items():
        if key is None or key in skip:
            continue
        value = "" if value is None else str(value).strip()
        field = by_column.get(key, key)
        if field == "date" and key in by_column:
            iso, date_format = parse_date(value)
            meta["date_raw"] = value
            value = iso
        if field not in meta or not meta[field]:
            meta[field] = value
    return meta, date_format


def _read_rows(path: Path, sheet: str | int = "") -> list[dict]:
    suffix = path.suffix.lower()
    if suffix in readers.SHEET_SUFFIXES:
        return _read_workbook(path, sheet)
    if suffix not in TABLE_SUFFIXES:
        raise CorpusError(
            f"{path}: a corpus table must be .csv, .tsv, .jsonl, .xlsx, .xls or .ods; for articles in other files "
            f"({FORMATS}) set corpus.path to the folder that holds them"
        )
    data = path.read_bytes()
    try:
        text = decode_text_file(data)
    except ValueError as exc:
        raise CorpusError(f"{path}: cannot be read as a text table ({exc}); save it as UTF-8 text") from None
    if suffix in (".jsonl", ".ndjson"):
        rows = []
        # only \n ends a JSON line: U+2028 or U+0085 inside a string (as json.dumps writes them) is text
        for number, line in enumerate(_normalise_newlines(text).split("\n"), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{path}, line {number}: not valid JSON ({exc.msg}); fix or delete that line"
                ) from None
            except RecursionError:
                raise CorpusError(
                    f"{path}, line {number}: JSON nested thousands of levels deep (brackets inside brackets), more "
                    "than can be read: write that row's values out flat, or delete the line"
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


def _read_workbook(path: Path, sheet: str | int = "") -> list[dict]:
    """The rows of a workbook's sheet: ``sheet`` (a name, or a number from 1), or by default the
    first sheet with a text column (a notes sheet before the data is passed over). Read in a worker
    with a time and memory budget (:func:`govtopics.reading.readers.bounded`)."""
    try:
        return readers.bounded(_workbook_rows, path, sheet)
    except readers.UnreadableFile as exc:
        raise CorpusError(f"{path}: {exc}") from None


def _workbook_rows(path: Path, sheet: str | int = "") -> list[dict]:
    if sheet not in ("", None):
        return readers.read_sheet(path, sheet)
    names = readers.sheet_names(path)  # the file checked once, not again for each sheet
    for name in names:
        rows = readers.read_sheet(path, name, names)
        if rows and "text" in column_roles(list(rows[0])):
            return rows
    return readers.read_sheet(path, names[0], names) if names else []


def read_table(
    path: str | Path,
    text_column: str,
    id_column: str | None = None,
    metadata: dict[str, dict] | None = None,
    columns: dict[str, str] | None = None,
    sheet: str | int = "",
    max_chars: int = 0,
) -> tuple[list[dict], list[dict]]:
    """Read a JSON-lines, CSV or workbook table whose ``text_column`` holds the texts.

    ``columns`` names the columns of ``title``, ``date``, ``publisher`` and ``authors`` (field →
    column, '' = recognised by name, see :data:`COLUMN_NAMES`); those become the documents' fields
    of that name (dates as ISO dates), every other column is kept as metadata under its own name.
    When ``text_column`` is not a column but one column is a text column by its name (正文, 内容…),
    that one is read, and the log says so. Rows with an empty text are skipped and logged.
    Document ids come from ``id_column`` when given, else ``<file stem>_<row number>``.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"corpus table {path} does not exist: set 'corpus.path' in config/config.yaml")
    rows = _read_rows(path, sheet)
    if not rows:
        raise CorpusError(
            f"corpus table {path} has no rows: add one row per document, with its text in '{text_column}'"
        )
    names = [str(c) for c in rows[0] if c is not None]
    configured = {field: (columns or {}).get(field, "") for field in ("title", "date", "publisher", "authors")}
    for field, column in configured.items():
        if column and column not in names:
            raise CorpusError(
                f"'corpus.{field}_column' in the config is '{column}', which is not a column of {path} "
                f"(columns: {', '.join(names)}); set it to one of them, or '' to recognise it by name"
            )
    roles = column_roles(names, {**configured, "text": text_column if text_column in names else ""})
    if "text" not in roles:
        raise CorpusError(
            f"{path} has no column '{text_column}' (columns: {', '.join(names)}); "
            "set 'corpus.text_column' in config/config.yaml"
        )
    text_column = roles["text"]
    if id_column and id_column not in rows[0]:
        raise CorpusError(
            f"'corpus.id_column' in the config is '{id_column}', which is not a column of {path} "
            f"(columns: {', '.join(names)}); set it to one of them, or '' to number the rows"
        )
    metadata = metadata or {}
    documents, log, seen = [], [], set()
    width = len(str(len(rows)))
    described = ", ".join(f"{column} → {field}" for field, column in roles.items())
    for number, row in enumerate(rows, 1):
        row, broken = _without_surrogates(row)
        doc_id = str(row.get(id_column, "")).strip() if id_column else ""
        doc_id = safe_id(re.sub(r"[^\w.\-]+", "_", doc_id)) if doc_id else f"{safe_id(path.stem)}_{number:0{width}d}"
        if doc_id in seen:
            raise CorpusError(f"{path}, row {number}: id '{doc_id}' occurs twice; ids in '{id_column}' must be unique")
        seen.add(doc_id)
        text = row.get(text_column)
        if isinstance(text, dict | list):
            raise CorpusError(
                f"{path}, row {number}: '{text_column}' holds a JSON {type(text).__name__}, not a text; put the "
                "article's text there as one string"
            )
        text = "" if text is None else str(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        entry = {
            "doc_id": doc_id,
            "source": f"{path}#row{number}",
            "bytes": len(text.encode("utf-8")),
            "sha256": digest,
            "encoding": "utf-8",
            "status": "read",
            "reason": f"columns: {described}",
        }
        log.append(entry)
        if broken:
            entry["reason"] += f"; {broken} lone surrogate character(s) (half of a broken pair, no character) read as �"
        html_reason = {}
        text, fields = _read_text(text, html_reason)
        if html_reason:
            entry["reason"] += "; " + html_reason["reason"]
        if is_blank(text):
            entry.update(status="skipped", reason=f"empty '{text_column}'")
            continue
        if max_chars and len(text) > max_chars:
            entry.update(status="skipped", reason=_too_long("its text has", f"{len(text):,} characters", max_chars))
            continue
        meta, date_format = _meta_from_row(row, roles, {text_column})
        if roles.get("date"):
            raw = meta.get("date_raw", "")
            entry["reason"] += (
                f"; date {raw!r} read as {date_format}"
                if meta.get("date")
                else f"; date {raw!r} not read as a date"
                if raw
                else "; no date"
            )
        meta.update(metadata.get(doc_id, {}))
        documents.append(
            {
                "doc_id": doc_id,
                "source": entry["source"],
                "encoding": "utf-8",
                "sha256": digest,
                "text": text,
                "fields": fields,
                "removed": [],
                "metadata": {k: v for k, v in meta.items() if k != "date_raw" or v != meta.get("date")},
            }
        )
    return documents, log


def read_metadata_table(path: str | Path | None, columns: dict[str, str] | None = None) -> dict[str, dict]:
    """A user's metadata table (CSV with a ``doc_id`` column: the file name without its suffix) as
    ``{doc_id: {field: value}}``; columns of known roles (标题, 日期…) are read as in a corpus table."""
    if not path:
        return {}
    path = Path(path)
    if not path.is_file():
        raise CorpusError(
            f"metadata table {path} does not exist: fix 'corpus.metadata' in config/config.yaml or set it to ''"
        )
    data = path.read_bytes()
    try:
        text = decode_text_file(data)
    except ValueError as exc:
        raise CorpusError(
            f"metadata table {path} (corpus.metadata) cannot be read as a text table ({exc}); save it as CSV UTF-8"
        ) from None
    rows = read_csv_rows(text)
    if rows and "doc_id" not in rows[0]:
        raise CorpusError(f"metadata table {path} needs a 'doc_id' column (the file name without .txt)")
    header = len([c for c in rows[0] if c is not None]) if rows else 0
    roles = column_roles([c for c in (rows[0] if rows else {}) if c not in ("doc_id", None)], columns)
    roles.pop("text", None)
    table, first_row = {}, {}
    for number, row in enumerate(rows, 2):
        if None in row or any(v is None for v in row.values()):
            raise CorpusError(
                f"metadata table {path}, line {number}: {header + len(row.get(None) or [])} cells where the header has "
                f"{header} columns; a value with commas must be in double quotes"
            )
        doc_id = row["doc_id"].strip()
        if doc_id in table:
            raise CorpusError(
                f"metadata table {path}: doc_id '{doc_id}' is on lines {first_row[doc_id]} and {number}; keep one row "
                "per document"
            )
        first_row[doc_id] = number
        meta, _ = _meta_from_row({k: v for k, v in row.items() if k != "doc_id"}, roles, set())
        table[doc_id] = {k: v for k, v in meta.items() if v and k != "date_raw"}
    return table


def read_corpus(
    path: str | Path,
    text_column: str = "content",
    id_column: str | None = None,
    metadata_path: str | Path | None = None,
    columns: dict[str, str] | None = None,
    sheet: str | int = "",
    max_chars: int = 0,
) -> tuple[list[dict], list[dict]]:
    """Read a folder, a table or a single article file, whichever ``path`` is; raise when no
    document is readable. ``max_chars`` (``corpus.shard_chars``): a text longer than one shard
    holds is skipped with the reason, so memory stays bounded by the shard size."""
    path = Path(path)
    metadata = read_metadata_table(metadata_path, columns)
    if path.is_dir():
        documents, log = read_folder(path, metadata, max_chars)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        documents, log = read_table(path, text_column, id_column, metadata, columns, sheet, max_chars)
    elif path.is_file():
        documents, log = read_files([path], metadata, max_chars)
    else:
        raise CorpusError(f"corpus {path} does not exist: set 'corpus.path' in config/config.yaml")
    if not log:
        raise CorpusError(f"corpus folder {path} has no files: put the articles there ({FORMATS})")
    if not documents:
        reasons = "; ".join(f"{Path(r['source']).name}: {r['reason']}" for r in log[:5])
        more = f" and {len(log) - 5} more" if len(log) > 5 else ""
        raise CorpusError(f"no readable document in {path} ({reasons}{more})")
    return documents, log


def shard(documents: list[dict], size: int, chars: int = 0) -> list[list[dict]]:
    """``documents`` in corpus order, cut into shards of at most ``size`` documents and, when
    ``chars`` > 0, at most ``chars`` characters of text (a document longer than that is a shard
    of its own). The characters are spread evenly: a corpus of 1.1 M characters with ``chars`` 1 M
    is two shards of about 0.56 M (each document goes to the part where it starts), not 1 M and
    0.1 M, so the shards' jobs take about as long. Every later stage gives the same results
    whatever the cut."""
    total = sum(len(document["text"]) for document in documents)
    parts = math.ceil(total / chars) if chars and total > chars else 1
    share = total / parts
    shards, current, length, start, part = [], [], 0, 0, 0
    for document in documents:
        n = len(document["text"])
        mine = min(parts - 1, int(start // share)) if parts > 1 else 0
        if current and (mine != part or len(current) >= size or (chars and length + n > chars)):
            shards.append(current)
            current, length = [], 0
        current.append(document)
        length += n
        start += n
        part = mine
    return shards + [current] if current else shards
