"""Where a case is: the place its label names, the evidence for it, and how sure that is.

A label names the place a text is about, a region word (全国 for a national text, 多地 for one that
compares several places) or says honestly that the text names no place (未定位); never a file
name, a title, a heading fragment or a counter. By-lines, affiliations and sources are no evidence:
the cleaning has taken them out of the text. The evidence, in the order it is weighed:

- the phrase a study names its case with, in the title or a subtitle (以贵州省J县F社区为例; with
  several places, 以珠海、深圳、成都、海口为例, a comparison: 多地);
- a title of a case heading's form (珠海：探索超大城市治理新路径);
- a text that compares three places or more on an equal footing (:func:`compared_places`): 多地;
- the places the title (counted twice) and the body name, a meeting's venue (在北京召开) not at
  all: three provinces or more and none named twice as often as the next (a list of pilot sites,
  a survey): 多地; else the city named most (a municipality is a city, a province is not), at
  least ``min_mentions`` times or the one city a short text names, with a district when the text
  names that district for its city; else the province named most, ``min_mentions`` times and
  twice as often as the next (the province the body names, when no city stands out);
- one place named once and no other: that place, weakly;
- the words of a national text (全国, 我国, 各地, 中央) and no place: 全国, weakly;
- a county's short form that only one county has and that is no ordinary word (虹口, 诸暨), named
  without its city or province: that county, weakly;
- else 未定位.

Each answer says which ``rule`` gave it, quotes the ``evidence`` (the words around the deciding
mention) and a ``confidence``: high (a heading, a label the user gave, a case-study phrase, a title
that agrees with the body), medium (the body's counts), low (a single mention, a region word from
national words, a county short form alone), none (未定位).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import gazetteer

NOT_PLACED = "未定位"
NATIONAL = "全国"
MULTI_SITE = "多地"
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")

_CASE_STUDY = re.compile(r"以(?P<where>[^，。；：:“”\s]{2,24}?)(?:为例|为个案|为案例|为样本|的实践为例)")
_SUBTITLE = re.compile(r"^[—–\-－~～:：\s]*以")
_VENUE_AFTER = re.compile(r"[市省]?(?:召开|举行|举办|开幕|闭幕|隆重召开|胜利召开)")
_NATIONAL = re.compile(r"全国|我国|各地|各省|中央|国务院")
_LEVEL = {"province": 0, "prefecture": 1, "county": 2}
_TITLE_HEADING = re.compile(r"^(?P<place>[^:：，,。“”\s]{2,15})[:：]")


@lru_cache(maxsize=1)
def known_counties() -> frozenset[str]:
    """County short forms that are no ordinary word and that one county alone has (诸暨, 虹口,
    宁海; not 鼓楼, which four cities have, nor 东方 or 和平, which are words): the same test as the
    place tokens of the segmentation (:func:`govtopics.text.tokens.place_tokens`)."""
    from .tokens import (
        _jieba_words,  # jieba's dictionary, loaded once; tokens imports no module of ours that imports this
    )

    words = _jieba_words()
    names = set(gazetteer.name_index())
    return frozenset(
        short
        for short, places in gazetteer._county_short_forms().items()
        if len(places) == 1 and short not in names and words.get(short, "ns") in ("ns", "nr", "nrt")
    )


def _mentions(text: str) -> list[tuple[gazetteer.Place, int, int]]:
    """Place words of ``text`` (county short forms of :func:`known_counties` with their province as
    context too), a meeting's venue (在北京召开) left out."""
    return [
        (p, s, e)
        for p, s, e in gazetteer.place_words(text, known_counties=known_counties())
        if not (s > 0 and text[s - 1] == "在" and _VENUE_AFTER.match(text, e))
    ]


def _province(place: gazetteer.Place) -> str:
    return place.province or place.short


def _city(place: gazetteer.Place) -> str:
    if place.level == "province":
        return place.short if place.short in MUNICIPALITIES else ""
    return place.city or place.short


def _quote(text: str, start: int, end: int, width: int = 12) -> str:
    """The words around a mention, as the evidence column shows them."""
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right].replace("\n", " ") + ("…" if right < len(text) else "")


def label_of(place: gazetteer.Place, district: gazetteer.Place | None = None) -> str:
    """宁波 for a city, 浙江 for a province, 上海 for a municipality; with a district: 湖州长兴."""
    city = _city(place) or place.short
    if district is not None:
        return city + district.short if city != district.short else city
    return city


def _answer(label, place, rule, evidence, confidence) -> dict:
    return {"label": label, "place": place, "rule": rule, "evidence": evidence, "confidence": confidence}


def place_text(paragraphs: list[str], title: str = "", min_mentions: int = 2) -> dict:
    """Where a text without case headings is: ``{label, place, rule, evidence, confidence}``.

    Parameters
    ----------
    paragraphs : the case's paragraphs, as cleaned
    title : the document's title ('' when it has none)
    min_mentions : how often a province or city must be named to be the place a text is about
    """
    title = str(title or "")
    subtitles = [p for p in paragraphs[:4] if len(p) <= 60 and _SUBTITLE.match(p)]  # ——以贵州省J县F社区为例
    for line in [title, *subtitles]:
        study = _CASE_STUDY.search(line)
        found = _mentions(study["where"]) if study else []
        named = list(dict.fromkeys(_city(p) or p.short for p, _, _ in found))
        if len(named) >= 2:  # 以珠海、深圳、成都、海口为例: a comparison
            return _answer(_multi_site(named), "", "case_study", line.strip()[:60], "high")
        if found:
            deepest = max(found, key=lambda m: _LEVEL[m[0].level])[0]
            label = label_of(deepest) if deepest.level != "county" else label_of(deepest, deepest)
            return _answer(label, label, "case_study", line.strip()[:60], "high")
    headed = _TITLE_HEADING.match(title)
    found = _mentions(headed["place"]) if headed else []
    if found and found[0][1] == 0:  # 珠海：探索超大城市治理新路径, a title of a case heading's form
        deepest = max(found, key=lambda m: _LEVEL[m[0].level])[0]
        label = label_of(deepest) if deepest.level != "county" else label_of(deepest, deepest)
        return _answer(label, label, "title_heading", title[:60], "high")
    body = "\n".join(paragraphs)
    compared = compared_places(body, title)
    if compared:
        return _answer(_multi_site(compared), "", "compared_places", title[:60] or _first_words(body), "medium")
    weighted = [(p, s, e, 1, body) for p, s, e in _mentions(body)]
    weighted += [(p, s, e, 2, title) for p, s, e in _mentions(title)]
    provinces: Counter = Counter()
    for place, _, _, weight, _ in weighted:
        provinces[_province(place)] += weight
    ranked = sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0]))
    top, count = ranked[0] if ranked else ("", 0)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if len(ranked) >= 3 and min_mentions <= count < 2 * runner_up:  # a list of pilot sites, a survey of provinces
        named = list(dict.fromkeys(_province(p) for p, *_ in sorted(weighted, key=lambda w: (w[3], w[1]))))
        quoted = next(w for w in weighted if _province(w[0]) == top)
        return _answer(_multi_site(named), "", "several_places", _quote(quoted[4], quoted[1], quoted[2]), "medium")
    city = _city_of(weighted, len(body), min_mentions)
    if city:
        return city
    if count >= min_mentions and count >= 2 * runner_up:
        quoted = next(w for w in weighted if _province(w[0]) == top)
        return _answer(top, top, "province", _quote(quoted[4], quoted[1], quoted[2]), "medium")
    if len(weighted) == 1:  # one place, named once
        place, start, end, _, source = weighted[0]
        return _answer(label_of(place), label_of(place), "single_mention", _quote(source, start, end), "low")
    national = _NATIONAL.search(body)
    if national and not ranked:
        return _answer(NATIONAL, "", "national_words", _quote(body, national.start(), national.end()), "low")
    if not ranked:
        for match in re.finditer("|".join(sorted(known_counties(), key=len, reverse=True)) or "$^", body):
            (county,) = gazetteer._county_short_forms()[match.group()]
            label = label_of(county, county)
            return _answer(label, label, "county_short_form", _quote(body, match.start(), match.end()), "low")
    return _answer(NOT_PLACED, "", "no_place", "", "none")


def _city_of(weighted: list, length: int, min_mentions: int, short_text: int = 3000) -> dict | None:
    """The city the text names most (a municipality counts as a city; a province does not), named
    at least ``min_mentions`` times, or the one city a short text names; with a district when the
    text names that district for its city: three times and half of the city's district mentions,
    or every time (诸暨 for 绍兴, when 绍兴 itself is never named)."""
    cities: Counter = Counter()
    own: Counter = Counter()  # mentions of the city itself, not of one of its districts
    districts: Counter = Counter()
    for place, _, _, weight, _ in weighted:
        city = _city(place)
        if city:
            cities[city] += weight
            if place.level == "county":
                districts[(city, place.short)] += weight
            else:
                own[city] += weight
    best = sorted(cities.items(), key=lambda kv: (-kv[1], kv[0]))
    if not best or (best[0][1] < min_mentions and not (len(best) == 1 and length <= short_text)):
        return None
    city, count = best[0]
    label = city
    mine = {short: n for (c, short), n in districts.items() if c == city}
    if mine:
        district, n = sorted(mine.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if (n >= 3 and n >= 0.5 * sum(mine.values())) or (own[city] == 0 and len(mine) == 1):
            label = city + district if city != district else city
    deciding = next(w for w in weighted if _city(w[0]) == city)
    in_title = any(w[3] == 2 and _city(w[0]) == city for w in weighted)  # (title mentions weigh 2)
    confidence = "low" if count < min_mentions else "high" if in_title and count > min_mentions else "medium"
    quote = _quote(deciding[4], deciding[1], deciding[2])
    return _answer(label, label, "title_and_body" if in_title else "body", quote, confidence)


def _first_words(text: str, length: int = 30) -> str:
    return text[:length].replace("\n", " ") + ("…" if len(text) > length else "")


def compared_places(text: str, title: str = "", min_places: int = 3, min_mentions: int = 2) -> list[str]:
    """The cities (or provinces) of a text that compares several places on an equal footing: at
    least ``min_places`` of them named in its ``title`` (以温州、杭州、宁波为例), or at
    least ``min_places`` named at least ``min_mentions`` times each, none named even twice as often
    as the next. [] for a text about one place (however many others it names in passing)."""
    places = [p for p, _, _ in gazetteer.place_words(text)]
    named = list(dict.fromkeys(p.city or p.short for p, _, _ in gazetteer.place_words(title)))
    if len(named) >= min_places:  # a title such as 基层治理的地方实践比较：以温州、杭州、宁波为例
        return named
    counts = Counter(p.city or p.short for p in places if p.level != "province" or p.short in MUNICIPALITIES)
    if not counts:
        counts = Counter(p.short for p in places)
    ranked = [name for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_mentions]
    if len(ranked) < min_places or counts[ranked[0]] >= 2 * counts[ranked[1]]:
        return []
    first: dict[str, int] = {}
    for p in places:  # in the order the text names them
        first.setdefault(p.city or p.short, len(first))
    return sorted(ranked, key=lambda name: first.get(name, 0))


def _multi_site(places: list[str], max_chars: int = 15) -> str:
    """多地：温州/杭州/宁波等8地, as many names as fit in ``max_chars`` characters. (The names are
    set apart by '/', not '、', which sets apart the cases of a group in the tables and sentences.)"""
    shown: list[str] = []
    for place in places:
        more = len(places) - len(shown) - 1
        candidate = f"{MULTI_SITE}：{'/'.join([*shown, place])}" + (f"等{len(places)}地" if more else "")
        if len(candidate) > max_chars and shown:
            break
        shown.append(place)
    rest = f"等{len(places)}地" if len(shown) < len(places) else ""
    return f"{MULTI_SITE}：{'/'.join(shown)}{rest}"
