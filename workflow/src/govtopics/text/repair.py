"""Character repairs of scraped Chinese text, before any line is judged: the converter's pinyin
annotations removed, Traditional characters made Simplified (OpenCC ``t2s``), punctuation and
widths normalised, and the marks an earlier wrong decode (UTF-8 read as GBK) leaves found and,
where the bytes can be recovered, repaired. Used by :mod:`govtopics.text.clean`.
"""

from __future__ import annotations

import re
import unicodedata

from opencc import OpenCC

from ..reading.textcodec import plausibility  # a shared measure of "reads as Chinese"

_t2s = OpenCC("t2s")

# Chinese characters, the supplementary planes included: OpenCC maps some rare characters a wrong
# decode leaves (駞) to characters beyond U+FFFF (𫘞), and a run that stops there is cut short.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One pinyin syllable with a tone mark in ASCII parentheses, straight after a character:
# (qū), (wǎng), (nǜ). The character is usually Chinese, but where an earlier wrong decode
# damaged it, it can be any symbol (I(yè), ^(qū)). Real parenthesised text ((網格),
# (Carrier,…), a gloss of several syllables) never matches.
PINYIN_ANNOTATION = re.compile(rf"(?<=\S)\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")
# The same reading whose opening parenthesis was lost in an earlier wrong decode: 平?jīng)雎.
ORPHAN_PINYIN = re.compile(rf"(?<=[{CJK}?])[a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}\)")


def remove_pinyin_annotations(text: str) -> tuple[str, list[str]]:
    """Remove the converter's pinyin readings; return the text and what was removed."""
    removed = PINYIN_ANNOTATION.findall(text)
    text = PINYIN_ANNOTATION.sub("", text)
    removed += ORPHAN_PINYIN.findall(text)
    return ORPHAN_PINYIN.sub("", text), removed


def to_simplified(text: str) -> tuple[str, int]:
    """Traditional → Simplified with OpenCC; return the text and how many characters changed."""
    converted = _t2s.convert(text)
    return converted, sum(a != b for a, b in zip(text, converted, strict=False))


def normalise_punctuation(text: str) -> str:
    """Full-width letters, digits and spaces → ASCII; ``,:;`` after Chinese text → full-width."""
    text = "".join(
        unicodedata.normalize("NFKC", c) if ("\uff01" <= c <= "\uff5e" and c.isalnum()) or c in "\u3000\xa0" else c
        for c in text
    )
    text = re.sub("[\u200b\u200c\u200d\ufeff]", "", text)  # zero-width characters
    text = re.sub(r"[ \t]{2,}", " ", text)  # one space for a run, as a browser shows a saved page's
    return re.sub(rf"(?<=[{CJK}”’》）)])([,:;])", lambda m: {",": "，", ":": "：", ";": "；"}[m.group(1)], text)


# Marks an earlier wrong decode (UTF-8 read as GBK) leaves: a closing quote turned into ?! before
# a run of unrelated characters; ? pairs a few characters apart (总?藬?); a letter, @ or ^ right
# after a stray ? or a lone lower-case letter between Chinese characters; ? before a comma;
# private-use, replacement and bopomofo characters. A genuine question mark has none of these.
DAMAGE_MARKS = re.compile(
    rf"(?<=[?？][!！])[{CJK}]"
    rf"|(?<=[{CJK}])[?](?=[{CJK}]{{1,6}}[?])"
    rf"|(?<=[?])[A-Za-z@^]|(?<=[{CJK}])[a-z@^](?=[{CJK}“”])"
    rf"|(?<=[{CJK}])[A-Z](?=[{CJK}])(?![股超光恤线盘币型县市区镇村乡省州街社旗])"  # J县F社区: letters for names
    r"|[?](?=[,;，；])"
    "|[\ue000-\uf8ff\ufffd\u3100-\u312f]"
)
_SENTENCE = re.compile(r"[^。！？!?；;]*[。！？!?；;]*")


_CJK_CHAR = re.compile(f"[{CJK}]")


def chinese_chars(text: str) -> int:
    """How many Chinese characters ``text`` holds: a document with fewer than
    ``clean.min_chinese_chars`` left after cleaning (a menu, a lone title, a page in English) is
    left out of the analysis, with the reason. (Counted without a list of the characters, which
    for a long text takes many times its size.)"""
    return sum(1 for _ in _CJK_CHAR.finditer(text))


def count_damage(text: str) -> int:
    """How many marks of encoding damage ``text`` holds."""
    return len(DAMAGE_MARKS.findall(text))


def damaged_runs(text: str, reach: int = 10) -> list[tuple[int, int]]:
    """(start, end) of every garbled run: marks of damage within ``reach`` characters of each
    other form one run, which starts at a stray ? or ! just before it (the damaged closing quote)
    and ends after the last mark and any ASCII letters glued to it."""
    marks = [m.start() for m in DAMAGE_MARKS.finditer(text)]
    runs: list[list[int]] = []
    for mark in marks:
        if runs and mark - runs[-1][1] <= reach:
            runs[-1][1] = mark
        else:
            runs.append([mark, mark])
    spans = []
    for first, last in runs:
        window = text[max(0, first - reach) : first]
        stray = max(window.rfind("?"), window.rfind("？"))
        start = first - len(window) + stray if stray >= 0 else first
        end = last + 1
        while end < len(text) and re.match(r"[A-Za-z^!]", text[end]):
            end += 1
        closing = re.match(rf"[{CJK}]{{1,6}}[?]", text[end:])
        if closing and text[last] == "?":  # 总?藬?: the run ends at the second ?
            end += closing.end()
        spans.append((start, end))
    return spans


LOST = "\u3013"  # 〓 (geta mark), the typesetter's sign for a character that cannot be read
_PINYIN_IN_RUN = re.compile(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # the converter's pinyin, its "(" garbled


def restore_lost(previous: str, trail: int) -> str:
    """The character whose first byte was lost at the start of a realigned run, or 〓.

    Its second byte survives (``trail``), so it is one of about a hundred characters. It is
    restored only when exactly one of them makes, with the one or two characters before the run, a
    place name of the gazetteer (平 + 〓 → 平凉 of 平凉路街道: the runs are often in names, and
    平坦, 平庸, 平展 are words but no places). Otherwise it stays 〓.
    """
    from .gazetteer import name_index

    names = name_index()
    fits = set()
    for lead in range(0x81, 0xFF):
        try:
            char = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if "\u4e00" <= char <= "\u9fff" and any(
            _t2s.convert(previous[-k:] + char) in names for k in (1, 2) if len(previous) >= k
        ):  # the page may be in Traditional characters (平涼): names are in Simplified
            fits.add(char)
    return fits.pop() if len(fits) == 1 else LOST


# Full-width punctuation a realigned run may hold besides characters (“面”即是各居民区: the
# quotation marks around a named practice); at most one for every two characters recovered.
_REPAIRED_PUNCTUATION = set("“”‘’，。、：；！？（）《》")


def repair_run(run: str, min_plausibility: float = 0.95, previous: str = "") -> str | None:
    """The text a garbled run stood for, or None when it cannot be trusted.

    Many runs are GBK text decoded one byte out of step after a byte was lost (where the stray ?
    stands): encoding the run back to GB18030 and decoding it from its second byte realigns the
    byte pairs (平?雎方值 → 平〓路街道). The character whose byte was lost, and any byte pair that
    does not decode, is marked 〓, unless :func:`restore_lost` finds the lost one from its
    surviving byte and ``previous`` (the text before the run). The repair is kept only when at
    least two Chinese characters come back, nearly all of them common (GB2312 once in Simplified),
    and at most a third is lost. Full-width punctuation may come back among them (“面”即是: a
    quoted name), no more than one mark for every two characters.
    """
    lead = re.match(r"[?？][!！]?|[!！]", run)
    if not lead:
        return None
    try:
        data = _PINYIN_IN_RUN.sub("", run[lead.end() :]).encode("gb18030")
    except UnicodeEncodeError:
        return None
    repaired = LOST + data[1:].decode("gbk", errors="replace").replace("\ufffd", LOST).replace("?", LOST)
    recovered = [c for c in repaired if "\u4e00" <= c <= "\u9fff"]
    punctuation = sum(c in _REPAIRED_PUNCTUATION for c in repaired)
    if len(recovered) < 2 or repaired.count(LOST) * 3 > len(repaired):
        return None
    if (
        len(recovered) + punctuation < len(repaired) - repaired.count(LOST)
        or punctuation > len(recovered) // 2
        or plausibility("".join(recovered)) < min_plausibility
    ):
        return None
    return restore_lost(previous, data[0]) + repaired[1:] if previous else repaired


def repair_damage(line: str) -> tuple[str, list[tuple[str, str]]]:
    """``line`` with every garbled run that :func:`repair_run` can repair replaced by its repair,
    and the (run, repair) pairs."""
    repairs = []
    for start, end in reversed(damaged_runs(line)):
        repaired = repair_run(line[start:end], previous=line[max(0, start - 2) : start])
        if repaired is not None:
            repairs.append((line[start:end], repaired))
            line = line[:start] + repaired + line[end:]
    return line, repairs[::-1]


def damaged_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text`` that holds a mark of encoding damage."""
    marks = [m.start() for m in DAMAGE_MARKS.finditer(text)]
    spans = []
    for sentence in _SENTENCE.finditer(text):
        if sentence.end() > sentence.start() and any(sentence.start() <= m < sentence.end() for m in marks):
            spans.append((sentence.start(), sentence.end()))
    return spans
