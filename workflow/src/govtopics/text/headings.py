"""The form of a case heading, ``<place>：<headline>``: the one test the cleaning (which never takes
such a line for a title nor joins it to another) and the case splitting share. It rests on the
gazetteer alone, below both.
"""

from __future__ import annotations

import re

from . import gazetteer

_HEADING = re.compile(r"^(?P<place>[^:：，,。“”\s]{2,15})[:：]\s*(?P<headline>.*)$")


def _place_at_start(text: str) -> bool:
    """``text`` (what stands before a heading's colon) is a place: it starts with a place's name and
    holds no function word (上海的做法是：… is a sentence, not a heading)."""
    if re.search(r"[的是了]|说|称|指出|认为|表示", text):
        return False
    places = gazetteer.find_places(text)
    if not places:
        return False
    names = [p.name for p in places] + [p.short for p in places]
    return any(text.startswith(n) for n in names)


def _heading(text: str, max_chars: int):
    """The ``<place>：<headline>`` match of ``text`` when it is short enough and its place is a
    division of the gazetteer, else None."""
    if len(text) > max_chars:
        return None
    match = _HEADING.match(text)
    return match if match and _place_at_start(match["place"]) else None


def looks_like_heading(line: str, max_chars: int = 40) -> bool:
    """``line`` has the form of a case heading: ``<place>：<headline>`` or ``<place>：`` alone, at
    most ``max_chars`` long, its place a division of the gazetteer, its headline no sentence.
    Cleaning never takes such a line for a title nor joins it to another line, and every such line
    is either a case or listed in ``headings.csv`` with why not."""
    match = _heading(line.strip(), max_chars)
    if not match:
        return False
    headline = match["headline"].strip()
    return not headline or headline[-1] not in "。！？；"


def parse_heading(paragraph: str, next_paragraph: str | None, max_chars: int = 40):
    """``(place, headline, lines_used)`` when ``paragraph`` is a case heading, else ``None``."""
    match = _heading(paragraph, max_chars)
    if not match:
        return None
    headline = match["headline"].strip()
    if headline:
        return (match["place"], headline, 1) if headline[-1] not in "。！？；" else None
    if next_paragraph and len(next_paragraph) <= max_chars and next_paragraph[-1] not in "。！？；":
        return match["place"], next_paragraph.strip(), 2
    return None
