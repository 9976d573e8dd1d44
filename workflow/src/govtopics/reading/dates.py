"""Reading dates as researchers' tables and pages write them.

One parser for every date the pipeline reads (a metadata column, an Excel date cell, a page's
date line): it returns the date in ISO form (``2019-05-01``; ``2019-05`` or ``2019`` when only
that much is given) and the name of the format it read, so the year of every document is its real
year and the ingest log can say how each date was understood. A value it cannot read gives
``('', '')``: the caller lists it, it never becomes a wrong year.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], strict=True))
_TIME = r"(?:[T\s]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?"
# (pattern, format name, order of the groups: y = year, m = month, d = day, b = month name)
_PATTERNS = [
    (r"(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})" + _TIME, "YYYY-MM-DD", "ymd"),
    (r"(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})" + _TIME, "YYYY/M/D", "ymd"),
    (r"(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})" + _TIME, "YYYY.M.D", "ymd"),
    (r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME, "YYYY年M月D日", "ymd"),
    (r"(\d{4})(\d{2})(\d{2})", "YYYYMMDD", "ymd"),
    (r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})" + _TIME, "MM/DD/YYYY", "mdy"),
    (r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})", "DD.MM.YYYY", "dmy"),
    (r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})", "D Month YYYY", "dby"),
    (r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", "Month D, YYYY", "bdy"),
    (r"(\d{4})\s*年\s*(\d{1,2})\s*月", "YYYY年M月", "ym"),
    (r"(\d{4})\s*[-/.]\s*(\d{1,2})", "YYYY-MM", "ym"),
    (r"([A-Za-z]{3,9})\.?\s+(\d{4})", "Month YYYY", "by"),
    (r"(\d{4})\s*年?", "YYYY", "y"),
]
_COMPILED = [(re.compile(rf"^\s*{p}\s*$"), name, order) for p, name, order in _PATTERNS]
# Excel stores a date cell as days since 1899-12-30; a bare number in a date column between these
# is such a serial (1954-09-15 … 2119-02-28), not a year or an id.
_EXCEL_SERIALS = (20000, 80000)


def _chinese_numerals(text: str) -> str:
    """二〇一九年五月一日 → 2019年5月1日 (the year digit by digit, month and day with 十)."""

    def number(match):
        part = match.group(0)
        if len(part) >= 3 and "十" not in part:  # a year: digit by digit
            return "".join(str(_CN_DIGITS[c]) for c in part)
        tens, _, units = part.partition("十")
        if "十" not in part:
            return str(_CN_DIGITS[part])
        return str((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0))

    return re.sub(r"[〇零一二三四五六七八九十]+", number, text)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if not 1000 <= year <= 2999:
        return ""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return ""
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def parse_date(value, excel_serials: bool = False) -> tuple[str, str]:
    """``(iso, format)`` of a date however it is given, or ``('', '')`` when it is not one.

    Parameters
    ----------
    value : a ``datetime``/``date`` (an Excel date cell), a number (``excel_serials``: Excel's day
        count; otherwise a whole number 1000–2999 is a year) or text: 2019-05-01, 2019/5/1,
        2019.5.1, 2019年5月1日, 二〇一九年五月一日, 20190501, 05/01/2019 (month first, as Excel
        writes it; 25/12/2019 is read day first), 1 May 2020, May 1, 2020, 2019年5月, 2019-05,
        2019; a time of day after it is ignored.
    """
    if value is None:
        return "", ""
    if isinstance(value, _dt.datetime | _dt.date):
        return value.strftime("%Y-%m-%d"), "date cell"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or value != int(value)) and not excel_serials:
            return "", ""
        if excel_serials and _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            day = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(value))
            return day.isoformat(), "Excel day number"
        value = str(int(value))
    text = _chinese_numerals(str(value).strip().replace("／", "/").replace("－", "-").replace("．", "."))
    if not text:
        return "", ""
    for pattern, name, order in _COMPILED:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=False))
        month = parts.get("m")
        if "b" in parts:
            month = MONTHS.get(parts["b"].lower())
            if month is None:
                continue
        if order == "mdy" and int(parts["m"]) > 12 >= int(parts["d"]):  # 25/12/2019: day first
            parts["m"], parts["d"], name = parts["d"], parts["m"], "DD/MM/YYYY"
            month = parts["m"]
        iso = _iso(int(parts["y"]), None if month is None else int(month), int(parts["d"]) if "d" in parts else None)
        if iso:
            return iso, name
    return "", ""


def year_of(iso: str) -> str:
    """The year of an ISO date from :func:`parse_date` ('' for none)."""
    return iso[:4] if re.match(r"\d{4}", iso or "") else ""
