"""Chinese administrative divisions: names, short forms, province, city and region.

The table is ``govtopics/data/adcodes.csv`` (the adcode table shipped by the PyPI package
``cpca`` 0.5.5, MIT licence, with Taiwan, Hong Kong and Macau added). From an adcode we know the
province (first two digits) and prefecture (first four), and from the province the region used
in Chinese statistics: East, Central, West, Northeast.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Shipped inside the package (package data), so a non-editable install finds it too; the workflow
# declares it as an input of the steps that read it and checksums it in provenance.json.
DEFAULT_TABLE = Path(str(resources.files("govtopics") / "data" / "adcodes.csv"))

REGIONS = {
    "东部": ["11", "12", "13", "31", "32", "33", "35", "37", "44", "46"],
    "中部": ["14", "34", "36", "41", "42", "43"],
    "西部": ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"],
    "东北": ["21", "22", "23"],
    "港澳台": ["71", "81", "82"],
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes}

# Longest first, so that 壮族自治区 is stripped before 自治区.
_SUFFIXES = sorted(
    [
        "特别行政区",
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "省",
        "市",
        "区",
        "县",
        "盟",
        "地区",
        "林区",
        "新区",
    ],
    key=len,
    reverse=True,
)
_NATIONALITIES = (
    "土家 蒙古 维吾尔 布依 朝鲜 哈尼 哈萨克 傈僳 拉祜 东乡 纳西 景颇 柯尔克孜 达斡尔 仫佬 布朗 撒拉 "
    "毛南 仡佬 锡伯 阿昌 普米 塔吉克 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
    "珞巴 基诺 苗 回 藏 壮 彝 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京"
).split()
_ETHNIC = re.compile("(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True)) + ")族$")


@dataclass(frozen=True)
class Place:
    name: str  # full official name, e.g. 赤峰市
    short: str  # common short form, e.g. 赤峰
    level: str  # province | prefecture | county
    province: str  # short form of the province, e.g. 内蒙古
    city: str  # short form of the prefecture ('' for a province), e.g. 赤峰
    region: str  # 东部 | 中部 | 西部 | 东北 | 港澳台


def short_form(name: str) -> str:
    """赤峰市 → 赤峰, 内蒙古自治区 → 内蒙古, 恩施土家族苗族自治州 → 恩施; names too short keep their suffix."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or suffix.endswith("自治区"):
                while _ETHNIC.search(stem) and len(_ETHNIC.sub("", stem)) >= 2:
                    stem = _ETHNIC.sub("", stem)
            return stem if len(stem) >= 2 else name
    return name


@lru_cache(maxsize=4)
def load(path: str | Path = DEFAULT_TABLE) -> tuple[Place, ...]:
    """All places of the table, provinces first, then prefectures, then counties."""
    with open(path, encoding="utf-8-sig") as handle:
        # 市辖区, 县 and 省直辖县级行政区划 are groupings in the adcode tree, not places.
        rows = [
            r
            for r in csv.DictReader(handle)
            if len(r["name"]) >= 2 and "直辖" not in r["name"] and r["name"] != "市辖区"
        ]
    by_code = {r["adcode"][:6]: r["name"] for r in rows}
    places = []
    for row in sorted(rows, key=lambda r: r["adcode"]):
        code = row["adcode"][:6]
        level = "province" if code[2:] == "0000" else "prefecture" if code[4:] == "00" else "county"
        province = short_form(by_code.get(code[:2] + "0000", ""))
        city = "" if level == "province" else short_form(by_code.get(code[:4] + "00", ""))
        if level == "county" and province in ("北京", "天津", "上海", "重庆"):
            city = province
        places.append(Place(row["name"], short_form(row["name"]), level, province, city, REGION_OF.get(code[:2], "")))
    order = {"province": 0, "prefecture": 1, "county": 2}
    return tuple(sorted(places, key=lambda p: order[p.level]))


@lru_cache(maxsize=4)
def name_index(path: str | Path = DEFAULT_TABLE) -> dict[str, Place]:
    """Names a text may use for a place → the place.

    Full names of every level, and short forms of provinces and prefectures. Short forms of
    counties (鼓楼, 城关, 东方…) are too often ordinary words; they count only when a text also
    names their prefecture (see :func:`find_places`). When a name is shared, the higher level wins.
    """
    index: dict[str, Place] = {}
    for place in load(path):
        names = [place.name] + ([place.short] if place.level != "county" else [])
        for name in names:
            index.setdefault(name, place)
    return index


_STREET = re.compile(r"(?:路|街(?!道)|大道|大街)")


@lru_cache(maxsize=4)
def _pattern(path: str | Path = DEFAULT_TABLE) -> re.Pattern:
    """Every name and short form, matching the longest name at each position. Written as a trie
    (上海(?:市)?…), not as 7,000 alternatives: ``re`` tries alternatives one by one at every
    position, so the flat list spent most of the case splitting's time; the two match alike."""
    return re.compile(_trie_regex({p.name for p in load(path)} | {p.short for p in load(path)}))


def _trie_regex(words: set[str]) -> str:
    """A regular expression matching the longest of ``words`` at a position: at every node the
    branches differ in their first character, and the word ending there is the fallback."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer ones first, then this one
            return f"(?:{body})?"
        return body

    return "|".join(re.escape(char) + build(child) for char, child in sorted(trie.items()))


@lru_cache(maxsize=4)
def _county_short_forms(path: str | Path = DEFAULT_TABLE) -> dict[str, list[Place]]:
    """Counties by their short form (where it differs from the name)."""
    county_short: dict[str, list[Place]] = {}
    for place in load(path):
        if place.level == "county" and place.short != place.name:
            county_short.setdefault(place.short, []).append(place)
    return county_short


def find_places(text: str, path: str | Path = DEFAULT_TABLE) -> list[Place]:
    """Places named in ``text``, in order, longest name first at each position.

    County short forms count only when their prefecture (or province, for the four
    municipalities) is named somewhere in the same text. A name followed by 路, 街 or 大道 is a
    street named after the place (平凉路 in Shanghai, 南京路), not the place.
    """
    return [place for place, _, _ in place_mentions(text, path)]


def place_mentions(
    text: str, path: str | Path = DEFAULT_TABLE, known_counties: frozenset[str] = frozenset()
) -> list[tuple[Place, int, int]]:
    """``(place, start, end)`` of every place :func:`find_places` finds, in order. A county short
    form in ``known_counties`` (short forms that are no ordinary word: 诸暨, 虹口) also counts when
    only its province is named (诸暨 in a text that names 浙江 but not 绍兴)."""
    index = name_index(path)
    county_short = _county_short_forms(path)
    found = []
    matches = [m for m in _pattern(path).finditer(text) if not _STREET.match(text, m.end())]
    context = {index[m.group()].city or index[m.group()].province for m in matches if m.group() in index}
    context |= {index[m.group()].short for m in matches if m.group() in index}
    for match in matches:
        name = match.group()
        if name in index:
            found.append((index[name], match.start(), match.end()))
            continue
        candidates = [
            p
            for p in county_short.get(name, [])
            if p.city in context or (name in known_counties and p.province in context)
        ]
        if len(candidates) == 1:
            found.append((candidates[0], match.start(), match.end()))
    return found


# A place name that begins an institution's name (盐城工学院, 华中师范大学 is none, 北京大学) names
# the institution, not the place the text is about.
_INSTITUTION_AFTER = re.compile(
    r"(?:市|省)?(?:大学|学院|工学院|师范|理工|科技大学|职业|党校|行政学院|研究院|研究所|科学院|社科院|社会科学院|"
    r"日报|晚报|电视台|广播|出版社|银行|医院|中学|小学|公司|集团|机场|海关|中院|法院|检察院)"
)
# What may stand just before a place that is a word of its own: a boundary, a function word, a
# verb's last character is too varied to list, so the test is instead that the same character
# does not stand before every mention (浦阳江: 阳江 is always after 浦).
_BOUNDARY = set("，。、；：？！“”‘’（）()《》【】〔〕[] \t\n在和与及到对为是从赴以至的了等同跟向往于由将把被让")


def place_words(
    text: str, path: str | Path = DEFAULT_TABLE, known_counties: frozenset[str] = frozenset()
) -> list[tuple[Place, int, int]]:
    """The :func:`place_mentions` that are places as words of the text: a name that begins an
    institution's name (盐城工学院, 北京大学) is the institution's; a short name that stands every
    time after the same character that is no boundary (阳江 in 浦阳江, named three times) is part of
    a longer name. Places a label may rest on."""
    mentions = place_mentions(text, path, known_counties)
    before: dict[str, set[str]] = {}
    for _, start, end in mentions:
        before.setdefault(text[start:end], set()).add(text[start - 1] if start > 0 else "")
    names_end = {end for _, _, end in mentions}
    kept = []
    for place, start, end in mentions:
        name = text[start:end]
        if _INSTITUTION_AFTER.match(text, end):
            continue
        previous = before[name]
        if (
            name == place.short
            and name != place.name
            and len(previous) == 1
            and (char := next(iter(previous)))
            and char not in _BOUNDARY
            and "\u4e00" <= char <= "\u9fff"
            and start not in names_end
        ):
            continue
        kept.append((place, start, end))
    return kept


def describe(place_text: str, path: str | Path = DEFAULT_TABLE) -> dict:
    """Province, city and region of a heading's place text such as 上海杨浦区五角场街道 or 内蒙古赤峰."""
    places = find_places(place_text, path)
    if not places:
        return {"province": "", "city": "", "region": ""}
    deepest = max(places, key=lambda p: {"province": 0, "prefecture": 1, "county": 2}[p.level])
    city = deepest.city if deepest.level != "prefecture" else deepest.short
    if deepest.level == "province":
        city = deepest.short if deepest.short in ("北京", "天津", "上海", "重庆") else ""
    return {"province": deepest.province or deepest.short, "city": city, "region": deepest.region}
