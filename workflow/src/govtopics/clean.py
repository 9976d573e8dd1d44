"""Cleaning scraped articles: drop what is not the article, repair characters, keep a full audit.

The steps, in order, for one document:

1. character repairs on the whole text: the converter's pinyin annotations (``區(qū)`` → ``區``)
   are removed, Traditional characters converted to Simplified (OpenCC ``t2s``);
2. lines broken mid-sentence where a link stood (``依据《`` / ``著作权法`` / ``》第五条``) are joined;
3. every line is classified: spam titles, navigation menus, boilerplate (disclaimers, footers,
   licences, widgets), metadata and by-lines, references, and blocks that run to the end of the
   page (related-article lists, everything after the editor's line) are dropped;
4. the title line and repeated lines are dropped; lines broken inside a paragraph are joined;
5. punctuation is normalised (half-width ``,:;`` after Chinese text become full-width; full-width
   letters and digits become ASCII).

Every removal is returned as an audit row with the raw line number and the reason, so nothing is
lost: the audit plus the cleaned text account for every character of the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from opencc import OpenCC

from .headings import looks_like_heading  # the cases stage's own test of a heading
from .textcodec import plausibility  # a shared measure of "reads as Chinese"

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
TERMINAL = "。！？!?；;…”’」』）)】]"
OPENING = "《“‘「『（(【[—"
MID = "，、：；,"
CONTINUATION = "。，、；：？！》”’）)」』,.;:"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISSUE = re.compile(r"\d{4}\s*年\s*第?\s*\d{1,2}\s*期")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# Keys of clean: read when the corpus is gathered, not per document
CORPUS_LEVEL_KEYS = ("duplicate_threshold", "drop_duplicates", "min_chinese_chars")


@dataclass
class CleanRules:
    """What the cleaner drops; every field comes from ``clean:`` in the config."""

    spam_terms: list[str] = field(default_factory=list)
    spam_min_hits: int = 2
    max_noise_line_chars: int = 200
    line_patterns: dict[str, list[str]] = field(default_factory=dict)
    block_start_patterns: list[str] = field(default_factory=list)
    end_patterns: list[str] = field(default_factory=list)
    end_search_fraction: float = 0.4
    max_heading_chars: int = 40
    drop_bylines: bool = True
    drop_references: bool = True
    drop_captions: bool = True
    encoding_damage: str = "repair"
    duplicate_threshold: float = 0.8
    drop_duplicates: bool = True
    min_chinese_chars: int = 50  # used when the corpus is gathered: see chinese_chars

    @classmethod
    def from_config(cls, clean: dict) -> CleanRules:
        """The rules of the config's ``clean:`` section (its corpus-level keys, which the gathering
        step reads, left out)."""
        return cls(**{k: v for k, v in clean.items() if k not in CORPUS_LEVEL_KEYS})

    def __post_init__(self):
        self._line = [
            (reason, UserPattern(p, f"clean.line_patterns.{reason}"))
            for reason, ps in self.line_patterns.items()
            for p in ps
        ]
        self._block = [UserPattern(p, "clean.block_start_patterns") for p in self.block_start_patterns]
        self._end = [UserPattern(p, "clean.end_patterns") for p in self.end_patterns]


class UserPattern:
    """A regular expression from the config, searched with a time limit per line (the ``regex``
    package's timeout): a pattern that backtracks without end (``(a|aa)+$``) stops the run with
    a message naming it and its key, instead of cleaning for ever."""

    SECONDS = 2.0

    # A group repeated by *, + or {…} is what can backtrack without end ((a+)+, (a|aa)+): only such
    # patterns pay for the timed engine; the others run in re, about twice as fast on these lines.
    _RISKY = re.compile(r"\)[*+{]")

    def __init__(self, pattern: str, key: str):
        import regex

        self.pattern, self.key = pattern, key
        self._timed = bool(self._RISKY.search(pattern))
        self._compiled = regex.compile(pattern) if self._timed else re.compile(pattern)

    def search(self, text: str):
        if not self._timed:
            return self._compiled.search(text)
        try:
            return self._compiled.search(text, timeout=self.SECONDS)
        except TimeoutError:
            from .io import InputError

            raise InputError(
                f"'{self.key}' in the config has {self.pattern!r}, which took more than {self.SECONDS:g} s on one line "
                f"({text[:40]!r}…): rewrite it without nested repetition such as (a|aa)+ or (a+)+"
            ) from None


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


def _norm_key(line: str) -> str:
    return re.sub(rf"[^{CJK}A-Za-z0-9]", "", line)


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


def join_link_breaks(lines: list[str], is_heading=None, skip=()) -> tuple[list[str], list[tuple[int, int]]]:
    """Join lines broken where a link stood, on punctuation evidence only.

    A line ending in an opening bracket joins the next; a line starting with closing or
    continuing punctuation joins the previous, and so does a short fragment just before it
    when the line before that has no sentence end. A line that ``is_heading`` (a case heading
    ``<place>：…``, whose colon is no mid-sentence break) neither joins nor is joined: in text
    with single line breaks (a table cell, a saved page) it would take the case's first lines
    into the case before. Lines in ``skip`` (a PDF's page number and running header between the
    two halves of a sentence) are stepped over as if absent. Returns the lines (joined lines
    become '') and the (from, into) pairs of raw line numbers joined.
    """
    kept = {i: line for i, line in enumerate(lines) if i in skip}
    lines: list[str | None] = [None if i in skip else line for i, line in enumerate(lines)]  # None: absent
    joins = []
    heading = {i for i, line in enumerate(lines) if line and is_heading and is_heading(line)}

    def prev_nonempty(i):
        j = i - 1
        while j >= 0 and lines[j] is None:
            j -= 1
        return j if j >= 0 and lines[j].strip() else None

    continuing = set()  # lines that were joined and still lack a sentence end
    for i in range(1, len(lines)):
        if lines[i] is None:
            continue
        cur = lines[i].strip()
        p = prev_nonempty(i)
        if not cur or p is None or i in heading or p in heading:
            continue
        prev = lines[p].rstrip()
        adjacent = all(lines[j] is None for j in range(p + 1, i))
        if adjacent and (prev[-1] in MID or (p in continuing and prev[-1] not in TERMINAL)) and not _is_byline(cur):
            # (a by-line below a title and its subtitle, 之道—— / 绘出更美新“枫”景 / 本报记者 …, runs on into nothing)
            # 公务演讲， / 不总是 / 具有…文件。: a line ending mid-sentence runs on into the next
            lines[p] = prev + cur
            lines[i] = None
            joins.append((i, p))
            continuing.add(p)
            continue
        if prev[-1] == "—" and cur[0] not in CONTINUATION and len(cur) > 30:
            continue  # 高光时刻”—— / 20多天前的11月6日，…: a dash before a paragraph, not before a link's words
        if cur[0] in CONTINUATION or prev[-1] in OPENING:
            fragment = prev.strip()
            pp = prev_nonempty(p)
            if (
                cur[0] in CONTINUATION
                and pp is not None
                and len(fragment) <= 30
                and not re.search(r"[。，、；：？！,;:]", fragment)
                and lines[pp].rstrip()[-1] not in TERMINAL
            ):
                # 所作的 / 政府工作报告 / 。会议… → one sentence
                lines[pp] = lines[pp].rstrip() + fragment
                lines[p] = None
                joins.append((p, pp))
                p = pp
            lines[p] = lines[p].rstrip() + cur
            lines[i] = None
            joins.append((i, p))
            continuing.add(p)
    lines = [kept.get(i, "") if line is None else line for i, line in enumerate(lines)]
    return lines, joins


def page_furniture(lines: list[str], is_heading) -> dict[int, str]:
    """A PDF's page numbers and running headers or footers left in its text, by line number.

    A running header is a short line without a sentence end just after a page number (the next
    page's head), or just before one at two page breaks or more (before a single one, it may be a
    subheading at a page's foot). Case headings are never furniture.
    """
    found: dict[int, str] = {}
    nonempty = [i for i, line in enumerate(lines) if line]

    def short(j):
        line = lines[j]
        return len(line) <= 30 and line[-1] not in TERMINAL + "，、" and not is_heading(line)

    before: dict[str, list[int]] = {}
    for pos, i in enumerate(nonempty):
        if not _PAGE_NUMBER.match(lines[i]) or is_heading(lines[i]):
            continue
        found[i] = "page_number"
        if pos + 1 < len(nonempty) and short(nonempty[pos + 1]) and not _PAGE_NUMBER.match(lines[nonempty[pos + 1]]):
            found[nonempty[pos + 1]] = "running_header"
        if pos and short(nonempty[pos - 1]) and not _PAGE_NUMBER.match(lines[nonempty[pos - 1]]):
            before.setdefault(_norm_key(lines[nonempty[pos - 1]]), []).append(nonempty[pos - 1])
    for copies in before.values():
        if len(copies) >= 2:
            found.update(dict.fromkeys(copies, "running_header"))
    return found


def _is_spam(line: str, rules: CleanRules) -> bool:
    lowered = line.lower()
    return sum(term.lower() in lowered for term in rules.spam_terms) >= rules.spam_min_hits


# A line that is an address and at most a short label (EN https://www.gov.cn/; 原文链接：http://…)
_URL = r"(?:https?://|www\.)[^\s，。；、“”（）()<>]+"
_URL_LINE = re.compile(rf"[^\s]{{0,8}}\s*[:：]?\s*{_URL}(\s+{_URL})*\s*")


def _not_chinese(line: str) -> bool:
    """A line in another language: Latin letters (two or more) and Chinese characters fewer than one
    for ten of them (an English title, abstract or affiliation of a journal article; EN); a Chinese
    sentence with an English term in it (5C(Carrier,Culture…)) is Chinese."""
    latin = len(re.findall(r"[A-Za-z]", line))
    return latin >= 2 and len(re.findall(f"[{CJK}]", line)) * 10 < latin


def _is_navigation(line: str) -> bool:
    if re.match(r"(上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\s*[:：]", line) and len(line) <= 80:
        return True  # 上一篇：北京推进接诉即办改革
    parts = [p.strip() for p in re.split(r"[|｜]", line)]
    if len(parts) >= 4 and sum(len(p) for p in parts) / len(parts) <= 10:
        return True
    if re.fullmatch(r"[^>＞。！？，]{1,12}(\s*[>＞]\s*[^>＞。！？，]{1,12}){2,}", line.strip()):
        return True  # a breadcrumb: 新华网 > 时政 > 正文
    return bool(re.search(r"(首页|当前位置|您的位置)\s*[>＞]|[>＞]{2}", line)) and len(line) <= 60


def _metadata_fields(line: str) -> dict:
    found = {}
    if m := _DATE.search(line):
        found["date"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if m := re.search(r"来源[:：]\s*([^\s|]+)", line):
        found["publisher"] = m.group(1)
    if m := re.search(r"作者[:：]\s*([^\s|来]+)", line):
        found["author"] = m.group(1)
    elif m := re.match(rf"^原创\s+([{CJK}]{{2,4}})\s", line):  # a WeChat repost: 原创 作者 公众号 日期
        found["author"] = m.group(1)
    return found


_PUBLICATION = re.compile(rf"^([{CJK}A-Za-z0-9·]{{2,16}}(报|网|刊|杂志|论坛|日报|晚报))(?=\s|\d|$)")


def _publication(line: str) -> str:
    """中国城市报 2020年05月18日 → 中国城市报; 党政论坛 2019年3期 → 党政论坛."""
    m = _PUBLICATION.match(line.strip())
    return m.group(1) if m and (_DATE.search(line) or _ISSUE.search(line)) else ""


# Common surnames (the tokens stage's list), to tell a line of names from a line of words
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金廖贾夏韦付方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温康牛樊葛邢齐乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳甘祝宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁"
    "蒲滕屈饶艾尤穆卓缪褚娄窦戚岑瞿佟臧闵苟邬卞姬栾隋刁荣巫寇桑郎甄丛虞敖巩佘池习"
)


def byline_authors(line: str) -> list[str]:
    """Names in a by-line: ■中国城市报记者 杜英姿 郭文治 综合报道 → [杜英姿, 郭文治];
    (作者潘炜系…;作者贺小林系…) → [潘炜, 贺小林]."""
    if "系" in line and "作者" in line:
        return re.findall(rf"作者([{CJK}]{{2,4}}?)系", line)
    names = re.split(r"\s*[，,、]\s*", line.strip())
    if len(names) >= 2 and all(re.fullmatch(rf"[{CJK}]{{2,4}}", n) for n in names):
        return names
    text = re.sub(r"\s+", " ", re.sub(r"《[^》]*》|[(（)）■]", " ", line))
    text = re.split(r"综合报道|报道|摄", text)[0]
    if "记者" in text or "通讯员" in text:
        text = re.split(r"记者|通讯员", text, maxsplit=1)[1]
    elif re.search(r"[、，,]", text):  # ■赤峰市委常委、组织部长 李 炯: the name follows the post
        text = " ".join(text.split()[1:])
    names = [n for n in text.split() if re.fullmatch(rf"[{CJK}]{{1,4}}", n)]
    # 马 源, 李 炯: a one-character surname and given name set apart by a space
    merged: list[str] = []
    for name in names:
        if merged and len(merged[-1]) == 1 and len(name) == 1:
            merged[-1] += name
        else:
            merged.append(name)
    return [n for n in merged if len(n) >= 2]


def _is_metadata(line: str) -> bool:
    if (
        re.search(r"(^|[\s|\]】\[【])(来源|作者|时间|发布时间|编辑|关键词|关键字|浏览次数|点击)\s*[:：\]】]", line)
        and len(line) <= 120
    ):
        return True
    rest = _ISSUE.sub("", _DATE.sub("", line))
    rest = re.sub(r"\d{1,2}:\d{2}(:\d{2})?|星期.|周.|第\s*\d+\s*版|[\s:：()（）]", "", rest)
    return (bool(_DATE.search(line)) or bool(_ISSUE.search(line))) and len(rest) <= 12


def _is_byline(line: str) -> bool:
    if line.startswith("■") and len(line) <= 80:
        return True
    if re.fullmatch(r"[(（][^()（）]*(作者|记者|通讯员)[^()（）]*[)）]", line):
        return True
    if re.fullmatch(r"[(（][^()（）]{2,60}\d{6}[)）]", line):  # (北京市党的建设研究所,北京 100013): affiliation
        return True
    if re.match(
        rf"([{CJK}]{{0,8}}?(社|台|报|网|站))?(本报|本刊)?(特约)?(记者|通讯员)\s*\S{{2,4}}"
        rf"(\s+(\S{{2,4}}|[{CJK}]{{2,6}}·[{CJK}]{{2,4}}))*$",
        line,
    ):
        return True  # 新华社记者 王晓明 徐立新; 本报记者 朱海兵 陆乐 共享联盟·诸暨 李伯俭
    names = re.split(r"\s*[，,、]\s*", line)  # 沈晓梅，姜明栋，钟冠宇: authors alone on a line
    if 2 <= len(names) <= 6 and all(re.fullmatch(rf"[{CJK}]{{2,4}}", n) and n[0] in _SURNAMES for n in names):
        return True
    if re.fullmatch(rf"[{CJK}]{{2,3}}", line) and line[0] in _SURNAMES:  # a lone 刘碧莹: a name, not a word
        from .tokens import _jieba_words

        return _jieba_words().get(line, "nr").startswith("nr")
    parts = line.split()
    return 2 <= len(parts) <= 5 and all(re.fullmatch(rf"[{CJK}]{{2,3}}", p) for p in parts)


_OPEN, _CLOSE = r"[\[【〔［(（<《]", r"[\]】〕］)）>》]"
# A journal article's apparatus, in any of the bracket styles journals and their reposts use
# (〔关键词〕, 【摘要】, [中图分类号], (基金项目)) or none: (reason, the label that starts the line)
_APPARATUS = [
    ("keywords", r"关键词|关键字|key\s*words?"),
    ("abstract", r"摘\s*要|内容提要|提\s*要|abstract"),
    ("catalogue", r"中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|doi"),
    ("funding", r"基金项目|基金|项目来源|资助项目|课题来源"),
    ("author_bio", r"作者简介|作者单位|通讯作者|通信作者|收稿日期|修回日期|网络首发"),
]
_APPARATUS_LINE = [
    (reason, re.compile(rf"^\s*{_OPEN}?\s*(?:{label})\s*{_CLOSE}?\s*(?:[:：]|{_CLOSE}|\s)", re.IGNORECASE))
    for reason, label in _APPARATUS
]
_CATALOGUE_ANYWHERE = re.compile(
    rf"(中图分类号|文献标识码|文献标志码|文章编号)\s*{_CLOSE}?\s*[:：]?\s*{_CLOSE}?\s*[A-Z0-9]"
)
_INSTITUTION = r"大学|学院|研究院|研究所|研究中心|科学院|社会科学院|党校|行政学院|课题组|研究会|编辑部"
_AFFILIATION = re.compile(rf"^{_OPEN}?[^。！？]{{0,60}}({_INSTITUTION})[^。！？]{{0,40}}(\d{{6}}|{_CLOSE})?\s*$")
_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
_BYLINE_MARK = re.compile(rf"^[□■●◆▲★☆○◎◇△▽]\s*[{CJK}]{{2,4}}(\s+[{CJK}]{{2,4}}){{0,4}}$")
_WIDGET_WORDS = re.compile(
    r"^(打印|纠错|分享|收藏|评论|点赞|在看|转发|字号|关闭|返回|顶部|大|中|小|微信|微博|QQ空间|\d+)$"
)
# A reposted WeChat article's furniture, and a page number left in a text made from a PDF
_WECHAT = re.compile(
    r"^(点击(上方)?(蓝字|关注)|长按(识别)?(图中)?二维码|扫码关注|END$|—+\s*END\s*—+$|预览时标签不可点)"
)
# A photo's caption: it says what a picture shows (图为…), points at the people in it (（左一）), or
# is short and ends with its credit (徐辉冠/摄, 供图：…, （记者 张三 摄）, 摄影：…, 图片来源：…).
# A long paragraph ending with a credit keeps its sentences: only the credit goes.
_CAPTION_START = re.compile(
    r"^(图为|(上|下|左|右|题)图[:：为]|图片[:：])|[（(]([前后]排)?[左右][一二三四五六七八九][)）]"
)
PHOTO_CREDIT = re.compile(
    rf"((本报|新华社)?(记者|通讯员)\s*[{CJK}、 ]{{2,12}}\s*摄|[{CJK}]{{2,4}}\s*[/／]\s*摄|供图\s*[:：].{{0,30}}"
    rf"|(^|(?<=[。！？\s]))摄影?\s*[:：]\s*[{CJK}、 ]{{2,20}}|图片来源\s*[:：].{{0,30}}"
    rf"|[（(](新华社)?(记者|通讯员)?\s*[{CJK}、 ]{{2,12}}\s*摄[)）])\s*$"
)


def caption(line: str) -> str:
    """``'caption'`` if ``line`` is a photo's caption, ``'credit'`` if it is a longer paragraph
    that ends with a photo credit (which alone goes), else ''."""
    if len(line) > 120:
        return "credit" if PHOTO_CREDIT.search(line) else ""
    if _CAPTION_START.search(line):
        return "caption"
    if m := PHOTO_CREDIT.search(line):
        return "caption" if m.start() <= 60 else "credit"
    return ""


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def _affiliation(text: str) -> bool:
    """An affiliation: an institution with a postcode, or bracketed, and no sentence; several of
    them numbered on one line ((1.河海大学商学院，江苏 南京 211100; 2.天津大学…，天津 300072)) each
    so."""
    if len(text) <= 100 and not re.search(r"[。！？]", text) and _AFFILIATION.match(text):
        bracketed = re.match(_OPEN, text) is not None
        return bool(_POSTCODE.search(text) or bracketed or re.search(rf"({_INSTITUTION})\s*$", text))
    parts = [p for p in re.split(r"[;；]", re.sub(rf"^{_OPEN}|{_CLOSE}$", "", text)) if p.strip()]
    return (
        2 <= len(parts) <= 8
        and len(text) <= 400
        and all(len(p) <= 100 and _POSTCODE.search(p) and _AFFILIATION.match(p.strip()) for p in parts)
    )


def apparatus(line: str) -> str:
    """Why ``line`` is apparatus around an article and not its text, or ''. Judged by what the
    line is made of: a journal's keyword, abstract, classification, funding or author-biography
    line in any bracket style; an affiliation (an institution with a postcode, or bracketed, and no
    sentence: 中共绍兴市委政法委课题组, 华中师范大学…湖北武汉，430079); a by-line marked with a
    symbol (□ 高静娟, ●郑殿兴); a widget row (共产党员网 打印 纠错; 1 1 1)."""
    text = line.strip()
    for reason, pattern in _APPARATUS_LINE:
        if pattern.match(text):
            return reason
    if len(text) <= 200 and _CATALOGUE_ANYWHERE.search(text):
        return "catalogue"
    if _affiliation(text):
        return "affiliation"
    if _BYLINE_MARK.match(text):
        return "byline"
    if _WECHAT.match(text):
        return "widget"
    if _PAGE_NUMBER.match(text):
        return "page_number"
    parts = text.split()
    # a row of buttons and counters (共产党员网 打印 纠错, 1 1 1): short, and at most one part is
    # not a widget's word, itself short (not 1 9 9 8 年是全面贯彻…, a year spaced out before a sentence)
    others = [p for p in parts if not _WIDGET_WORDS.match(p)]
    if 2 <= len(parts) <= 8 and len(others) <= 1 and all(len(p) <= 12 for p in others) and len(text) <= 60:
        return "widget"
    return ""


def _is_site_name(line: str) -> bool:
    return len(line) <= 12 and bool(re.fullmatch(rf"[{CJK}A-Za-z0-9]+(网|报|网站|客户端|在线)", line))


_ENUMERATED = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[章节部分])"
)


def _title_candidate(line: str, rules: CleanRules) -> bool:
    """A title: short, no sentence end, mostly Chinese, not a numbered section heading (一、…)."""
    cjk = len(re.findall(f"[{CJK}]", line))
    return (
        4 <= len(line) <= rules.max_heading_chars
        and line[-1] not in "。！？；…"
        and cjk >= 4
        and cjk >= 0.6 * len(line.replace(" ", ""))
        and not _ENUMERATED.match(line)
    )


# A page title's site name: 北京:12345,有呼必有应-新华网, …_中国共产党新闻网
_SITE_SUFFIX = re.compile(rf"\s*[-_|｜—–]+\s*[{CJK}A-Za-z0-9·]{{2,14}}(网|报|频道|客户端|新闻|在线|门户|政府)\s*$")
_TITLE_APPARATUS = {"metadata", "affiliation", "abstract", "keywords", "catalogue", "funding", "author_bio"}


def _find_title(lines, nonempty, keep, reasons, fields, rules, title, detect_title, is_heading) -> None:
    """The title: the line that is the given ``title`` (from the metadata or the file itself) is
    dropped as such, whatever its form; without one, the first short line without a sentence end
    near the top, before the body begins, is taken (``fields['title_guessed']`` says so). A line of
    a case heading's form is not guessed to be a title unless it is the first line and the page's
    date line or the article's apparatus (affiliations, abstract, keywords) stands between it and
    the body (成都：筑牢“微单元”… over 2024年04月07日 来源：…): a case heading under a title, a
    by-line or a lede stays a heading."""
    kept = [i for i in nonempty if keep[i]]
    # (a title from a Word file's Title style holds the converter's pinyin the lines no longer do)
    title_key = _norm_key(_SITE_SUFFIX.sub("", to_simplified(remove_pinyin_annotations(title)[0])[0])) if title else ""
    for n, i in enumerate(kept[:8]):
        if title_key:
            if _norm_key(_SITE_SUFFIX.sub("", lines[i])) == title_key:  # known to be the title: no heading
                keep[i] = False  # (and a copy of it near the top: a page's title and its headline)
                reasons[i] = "title"
            continue
        if not detect_title:
            break
        if n == 0 and _SITE_SUFFIX.search(lines[i]):
            # a page's own title with its site's name (北京:12345,有呼必有应-新华网): the title,
            # whatever its form, and a copy of it below (the article's headline) goes with it
            fields["title"] = normalise_punctuation(_SITE_SUFFIX.sub("", lines[i]))
            fields["title_guessed"] = "yes"
            key = _norm_key(_SITE_SUFFIX.sub("", lines[i]))
            for j in kept[:8]:
                if _norm_key(_SITE_SUFFIX.sub("", lines[j])) == key:
                    keep[j] = False
                    reasons[j] = "title"
            break
        if not _title_candidate(lines[i], rules):
            if len(lines[i]) > rules.max_heading_chars or lines[i][-1] in TERMINAL:
                break  # the body has begun: a short line below it is a subheading or a caption, no title
            continue
        if is_heading(lines[i]):
            # the article's own apparatus (its date line, affiliations, abstract, keywords) between
            # this line and the body's first line: then it is the article's title
            below = []
            for j in nonempty:
                if j > i:
                    if keep[j]:
                        break
                    below.append(reasons.get(j, ""))
            if n == 0 and set(below) & _TITLE_APPARATUS:
                fields["title"] = normalise_punctuation(lines[i])
                fields["title_guessed"] = "yes"
                keep[i] = False  # listed in headings.csv as a heading taken for the title
                reasons[i] = "title"
            break  # a case begins here: no title below it
        fields["title"] = normalise_punctuation(lines[i])
        fields["title_guessed"] = "yes"
        keep[i] = False
        reasons[i] = "title"
        break
    if title:
        fields["title"] = title
        fields.pop("title_guessed", None)
    _take_subtitle(lines, nonempty, keep, reasons, fields, rules, is_heading)


def _take_subtitle(lines, nonempty, keep, reasons, fields, rules, is_heading) -> None:
    """A title that ends in a dash (再访枫桥，读懂…之道——) goes on in the short line below it (绘出更美新
    “枫”景), whichever way the page came: a .txt joins the two lines, a Word file's Title style or a
    spreadsheet's title column gives the first alone; that line is the title's too."""
    title = fields.get("title", "").rstrip()
    if not title.endswith("—"):
        return
    dropped = [i for i in nonempty if reasons.get(i) == "title"]
    after = dropped[-1] if dropped else -1
    below = next((i for i in nonempty if i > after and keep[i]), None)
    if below is not None and _title_candidate(lines[below], rules) and not is_heading(lines[below]):
        keep[below] = False
        reasons[below] = "title"
        fields["title"] = normalise_punctuation(title + lines[below].strip())


@dataclass
class _Page:
    """A document's lines while it is cleaned: which are kept, why the others were dropped, the
    fields (title, date, authors…) found on the way, and the audit of everything removed."""

    lines: list[str]
    audit: list[dict]
    fields: dict[str, str] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self.keep = [bool(ln) for ln in self.lines]
        self.nonempty = [i for i, ln in enumerate(self.lines) if ln]

    def drop(self, i: int, reason: str) -> None:
        """Drop line ``i`` for ``reason``; a line already dropped keeps its first reason."""
        if self.keep[i]:
            self.keep[i] = False
            self.reasons[i] = reason


def _repair_lines(raw_lines: list[str], rules: CleanRules, audit: list[dict]) -> tuple[list[str], dict]:
    """Step 1, line by line before anything is judged: pinyin annotations removed and, with
    ``encoding_damage: repair``, garbled runs repaired (before conversion to Simplified changes the
    garbled characters). Returns the lines and the counts of the stats."""
    lines = []
    counts = dict.fromkeys(("pinyin_removed", "damage_repaired", "chars_recovered", "chars_lost", "chars_restored"), 0)
    for number, raw in enumerate(raw_lines, 1):
        line, removed = remove_pinyin_annotations(raw)
        if len(re.findall(f"[{CJK}]", line)) >= 4 and (urls := re.findall(_URL, line)):
            line = re.sub(_URL, "", line)  # an address inside a sentence (详见https://…): no words of the article
            audit.append(
                {"line": number, "action": "remove_span", "reason": "url", "text": " ".join(urls), "count": len(urls)}
            )
        if removed:
            counts["pinyin_removed"] += len(removed)
            audit.append(
                {
                    "line": number,
                    "action": "remove_span",
                    "reason": "pinyin_annotation",
                    "text": "".join(removed),
                    "count": len(removed),
                }
            )
        if rules.encoding_damage == "repair":
            line, repairs = repair_damage(line)
            for run, repaired in repairs:
                audit.append(
                    {
                        "line": number,
                        "action": "repair_span",
                        "reason": "encoding_damage",
                        "text": f"{run} → {repaired}",
                        "count": 1,
                    }
                )
                counts["damage_repaired"] += 1
                counts["chars_recovered"] += sum("\u4e00" <= c <= "\u9fff" for c in repaired)
                counts["chars_lost"] += repaired.count(LOST)
                counts["chars_restored"] += repaired[0] != LOST  # a realigned run starts with its lost character
        lines.append(line)
    return lines, counts


def _join_breaks(lines: list[str], is_heading, audit: list[dict]) -> tuple[list[str], dict[int, str]]:
    """Step 2: sentences broken across lines by a link or a page joined; a PDF's page number and
    running header left in its text are stepped over (and returned, to be dropped)."""
    furniture = page_furniture(lines, is_heading)
    lines, joins = join_link_breaks(lines, is_heading, skip=furniture)
    for source, target in joins:
        audit.append(
            {
                "line": source + 1,
                "action": "join",
                "reason": "link_break",
                "text": f"joined to line {target + 1}",
                "count": 1,
            }
        )
    return lines, furniture


def _drop_page_blocks(page: _Page, rules: CleanRules) -> None:
    """Step 3: blocks that run to the end of the page (related articles; what follows the
    article's end in its last part), and an editor's line higher up, which ends nothing."""
    lines, nonempty = page.lines, page.nonempty
    for pos, i in enumerate(nonempty):
        if any(p.search(lines[i]) for p in rules._block) and len(lines[i]) <= 30:
            for j in nonempty[pos:]:
                page.drop(j, "related_block")
            break
    tail_start = int(len(nonempty) * (1 - rules.end_search_fraction))
    for pos, i in enumerate(nonempty):
        if pos >= tail_start and page.keep[i] and any(p.search(lines[i]) for p in rules._end):
            for j in nonempty[pos:]:
                page.drop(j, "after_article_end")
            break
    for i in nonempty:
        if page.keep[i] and len(lines[i]) <= 30 and any(p.search(lines[i]) for p in rules._end):
            page.drop(i, "editor_line")


def _drop_noise_lines(page: _Page, rules: CleanRules) -> None:
    """Step 4, line by line: lines that are not the article's text (no text, a lone character, spam,
    navigation, the configured noise, a site name, the article's apparatus, metadata, captions,
    by-lines, references). Authors, affiliations and metadata found in them go to ``page.fields``."""
    lines, drop = page.lines, page.drop
    in_references = False
    authors: list[str] = []
    affiliations: list[str] = []
    for i in page.nonempty:
        line = lines[i]
        if not page.keep[i]:
            continue
        if not re.search(f"[{CJK}A-Za-z0-9]", line):
            drop(i, "no_text")
        elif re.fullmatch(f"[{CJK}]", line) and line not in "一二三四五六七八九十":
            drop(i, "fragment")
        elif len(line) <= rules.max_noise_line_chars and _is_spam(line, rules):  # a title, not a long paragraph
            drop(i, "spam")
        elif _is_navigation(line):
            drop(i, "navigation")
        elif len(line) <= rules.max_noise_line_chars and (
            reason := next((r for r, p in rules._line if p.search(line)), None)
        ):
            drop(i, reason)
        elif _is_site_name(line):
            drop(i, "site_name")
        elif len(line) <= rules.max_noise_line_chars and (reason := apparatus(line)):
            if reason == "affiliation":
                affiliations.append(re.sub(rf"^{_OPEN}|{_CLOSE}$", "", line.strip()))
            elif reason == "byline":
                authors.extend(re.sub(r"^\W+", "", line).split())
            drop(i, reason)
        elif _URL_LINE.fullmatch(line):
            drop(i, "url")
        elif _is_metadata(line):
            found = _metadata_fields(line)
            if "publisher" not in found and _publication(line):
                found["publisher"] = _publication(line)
            if "author" in found and found["author"] not in ("佚名", ""):
                authors.extend(found.pop("author").split("、"))
            page.fields.update({k: v for k, v in found.items() if k not in page.fields and k != "author"})
            drop(i, "metadata")
        elif rules.drop_captions and (kind := caption(line)) == "caption":
            drop(i, "caption")
        elif (
            rules.drop_captions
            and kind == "credit"
            and (m := PHOTO_CREDIT.search(line))
            and line[: m.start()].rstrip()[-1:] in TERMINAL
        ):
            lines[i] = line[: m.start()].rstrip()
            page.audit.append(
                {"line": i + 1, "action": "remove_span", "reason": "photo_credit", "text": m.group(0), "count": 1}
            )
        elif rules.drop_bylines and _is_byline(line):
            authors.extend(byline_authors(line))
            drop(i, "byline")
        elif rules.drop_references and (
            re.fullmatch(r"(注释|注|参考文献|参考资料)[:：]?", line) or in_references and line[0] in _CIRCLED + "[［"
        ):
            in_references = True
            drop(i, "references")
        elif rules.drop_references and line[0] in _CIRCLED and "《" in line and len(line) <= 200:
            drop(i, "references")
    if authors:
        page.fields["authors"] = "、".join(dict.fromkeys(authors))
    if affiliations:
        page.fields["affiliations"] = "；".join(dict.fromkeys(affiliations))


def _drop_repeated_lines(page: _Page) -> None:
    """Step 6: a later copy of the title or of a line already kept (six characters or more) goes;
    the rest of a line wrapped at a PDF's page width is part of its paragraph, not a copy."""
    lines = page.lines
    seen = {_norm_key(page.fields.get("title", ""))} - {""}
    # judged on the lines kept: eight equal by-lines dropped above made two title lines look like
    # a PDF's wrapped text, and the copy stayed until the text was cleaned again
    wrapped = wrapped_at_width([lines[i] for i in page.nonempty if page.keep[i]])
    for i in page.nonempty:
        key = _norm_key(lines[i])
        if wrapped and i and lines[i - 1] and page.keep[i - 1] and lines[i - 1][-1] not in TERMINAL and key not in seen:
            continue
        if page.keep[i] and len(key) >= 6:
            if key in seen:
                page.drop(i, "duplicate_line")
            seen.add(key)


def clean_document(text: str, rules: CleanRules, title: str = "", detect_title: bool = True) -> dict:
    """Clean one document, in named steps: repair the lines (pinyin, encoding damage), convert to
    Simplified, join broken sentences, drop the page's blocks, drop noise lines (finding the
    metadata in them), drop a PDF's page furniture, find the title, drop repeated lines, then join
    the kept lines into paragraphs and handle the damage left.

    Parameters
    ----------
    text : raw text (newlines normalised to ``\\n``)
    rules : what to drop
    title : the title from the user's metadata, if any; else the title line is detected
    detect_title : False when the text is known to hold no title line (it was cleaned already)

    Returns
    -------
    dict with ``text`` (cleaned, paragraphs separated by blank lines), ``audit`` (rows of
    ``line``, ``action``, ``reason``, ``text``, ``count``), ``fields`` (title, date, publisher,
    author found in the page) and ``stats``.
    """
    audit: list[dict] = []
    lines, counts = _repair_lines(text.split("\n"), rules, audit)
    joined_text, n_converted = to_simplified("\n".join(lines))
    # (no-break and ideographic spaces are spaces, and a run of them one, before any line is judged:
    # as the cleaned text holds them, so that cleaning it again judges every line alike)
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip(" \ufeff") for ln in joined_text.split("\n")]

    def is_heading(line):
        return looks_like_heading(line, rules.max_heading_chars)

    lines, furniture = _join_breaks(lines, is_heading, audit)
    page = _Page(lines, audit)
    _drop_page_blocks(page, rules)
    _drop_noise_lines(page, rules)
    for i, reason in furniture.items():
        page.drop(i, reason)
    _find_title(lines, page.nonempty, page.keep, page.reasons, page.fields, rules, title, detect_title, is_heading)
    _drop_repeated_lines(page)
    for i, reason in sorted(page.reasons.items()):
        audit.append({"line": i + 1, "action": "drop_line", "reason": reason, "text": lines[i], "count": 1})

    paragraphs = _join_paragraphs([(i, lines[i]) for i in page.nonempty if page.keep[i]], lines, audit, is_heading)
    paragraphs = _drop_foreign(paragraphs, audit)
    # after repair, the runs left are removed as with drop_run
    action = "drop_run" if rules.encoding_damage == "repair" else rules.encoding_damage
    paragraphs, n_damaged = _handle_damage(paragraphs, action, audit)
    cleaned = "\n\n".join(normalise_punctuation(p) for _, p in paragraphs)
    audit.sort(key=lambda r: (r["line"], r["action"]))
    return {
        "text": cleaned,
        "audit": audit,
        "fields": page.fields,
        "stats": {
            "raw_chars": len(text),
            "clean_chars": len(cleaned),
            "pinyin_removed": counts["pinyin_removed"],
            "chars_converted": n_converted,
            "lines_dropped": len(page.reasons),
            "damaged_runs": n_damaged + counts["damage_repaired"],
            "damage_repaired": counts["damage_repaired"],
            "chars_recovered": counts["chars_recovered"],
            "chars_lost": counts["chars_lost"],
            "chars_restored": counts["chars_restored"],
            "damage_marks": count_damage(cleaned),
            "paragraphs": len(paragraphs),
        },
    }


DOCUMENT_FIELDS = ("title", "date", "publisher", "authors", "affiliations")


def clean_record(doc: dict, rules: CleanRules) -> tuple[dict, dict, list[dict]]:
    """Clean one ingested document (a record of :mod:`govtopics.ingest`): what the cleaning step
    does for each document of its shard.

    The title, date, publisher and authors come, in this order of precedence, from the user's
    metadata (the metadata table or the table's columns), from the file itself (a page's
    ``<title>`` and date, a Word file's Title style, a PDF's title) and from the text (a date line,
    a by-line, a guessed title line); ``title_source`` and ``date_source`` say which. Lines a reader
    left out (a PDF's running headers and page numbers) head the audit with their reason.

    Returns
    -------
    cleaned, row, audit
        the record the next stages read (``doc_id``, ``text``, ``metadata``), its row of
        ``documents.csv`` (fields, provenance, cleaning counts) and its audit rows.
    """
    meta, fields = doc["metadata"], doc.get("fields", {})
    result = clean_document(doc["text"], rules, title=meta.get("title") or fields.get("title", ""))
    found = result["fields"]
    merged = {**found, **{k: v for k, v in fields.items() if v}, **{k: v for k, v in meta.items() if v}}
    guessed = merged.pop("title_guessed", "")

    def source(key, guessed_text=""):
        if meta.get(key):
            return "given"
        if fields.get(key):
            return "file"
        if found.get(key):
            return guessed_text or "text"
        return ""

    lost = unaccounted_lines(doc["text"], result["text"], result["audit"])
    if lost:
        import logging

        logging.getLogger(__name__).warning(
            "%s: %d raw line(s) neither in the cleaned text nor in the audit, first: line %d %r",
            doc["doc_id"],
            len(lost),
            *lost[0],
        )
    row = {
        "doc_id": doc["doc_id"],
        **{key: merged.get(key, "") for key in DOCUMENT_FIELDS},
        "title_source": source("title", "guessed" if guessed else ""),
        "date_source": source("date"),
        "source": doc["source"],
        "encoding": doc["encoding"],
        "sha256": doc["sha256"],
        **result["stats"],
        "lines_unaccounted": len(lost),
    }
    audit = [
        {"line": 0, "action": "drop_line", "reason": r["reason"], "text": f"p.{r['page']}: {r['text']}", "count": 1}
        for r in doc.get("removed", [])
    ] + result["audit"]
    cleaned = {"doc_id": doc["doc_id"], "text": result["text"], "metadata": merged}
    return cleaned, row, [{"doc_id": doc["doc_id"], **r} for r in audit]


def _handle_damage(paragraphs: list[tuple[int, str]], action: str, audit: list[dict]):
    """Record every garbled run in the audit (with its sentence) and remove the run
    (``drop_run``), its whole sentence (``drop_sentence``) or nothing (``keep``)."""
    out, n_damaged = [], 0
    for line, text in paragraphs:
        runs = damaged_runs(text)
        n_damaged += len(runs)
        sentences = damaged_sentences(text)
        for start, end in runs:
            sentence = next((text[a:b] for a, b in sentences if a <= start < b), text[start:end])
            audit.append(
                {
                    "line": line,
                    "action": "flag" if action == "keep" else "remove_span",
                    "reason": "encoding_damage",
                    "text": text[start:end] if action != "drop_sentence" else sentence,
                    "count": 1,
                }
            )
        spans = runs if action == "drop_run" else sentences if action == "drop_sentence" else []
        if spans:
            for start, end in reversed(spans):
                text = text[:start] + text[end:]
            left = text.strip()
            # what is left once the runs are gone is judged as a line is: no text or one character goes
            reason = (
                "no_text"
                if not re.search(f"[{CJK}A-Za-z0-9]", left)
                else "fragment"
                if re.fullmatch(f"[{CJK}]", left) and left not in "一二三四五六七八九十"
                else ""
            )
            if reason:
                if left:
                    audit.append({"line": line, "action": "drop_line", "reason": reason, "text": left, "count": 1})
                continue
        if text.strip():
            out.append((line, text.strip()))
    return out, n_damaged


def wrapped_at_width(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (a PDF turned to text): of eight lines or more, at least 40%
    are, within a character, as long as the most common length of 20 characters or more."""
    lengths = Counter(len(line) for line in set(lines) if line)  # copies of one line tell no page width
    if sum(lengths.values()) < 8:  # too few lines to tell
        return False
    modal = max(lengths, key=lambda n: (sum(lengths[m] for m in (n - 1, n, n + 1)), n))
    return modal >= 20 and sum(lengths[m] for m in (modal - 1, modal, modal + 1)) >= 0.4 * sum(lengths.values())


def _drop_foreign(paragraphs: list[tuple[int, str]], audit: list[dict]) -> list[tuple[int, str]]:
    """The paragraphs of a Chinese document that are in another language (:func:`_not_chinese`: an
    English title or abstract, EN) go, each in the audit. Judged on paragraphs as they are joined,
    so that cleaning a cleaned text again takes nothing more; a document with no Chinese at all is
    left whole, to be set aside with its reason (clean.min_chinese_chars)."""
    if not any(re.search(f"[{CJK}]", text) for _, text in paragraphs):
        return paragraphs
    kept = []
    for i, text in paragraphs:
        if _not_chinese(text):
            audit.append({"line": i + 1, "action": "drop_line", "reason": "not_chinese", "text": text, "count": 1})
        else:
            kept.append((i, text))
    return kept


def _join_paragraphs(
    kept: list[tuple[int, str]], lines: list[str], audit: list[dict], is_heading=None
) -> list[tuple[int, str]]:
    """Join kept lines that are consecutive in the raw text and broken mid-sentence.

    Only in documents that separate paragraphs with blank lines (then a single line break inside
    a block is a break, not a paragraph end); a line ending in sentence punctuation never joins,
    nor does a case heading or the line after it.
    """
    nonempty = [i for i, ln in enumerate(lines) if ln]
    followed_by_blank = sum(1 for i in nonempty if i + 1 >= len(lines) or not lines[i + 1])
    blank_separated = followed_by_blank >= 0.5 * max(len(nonempty), 1) or (
        wrapped_at_width(lines) and followed_by_blank >= 0.1 * len(nonempty)
    )
    paragraphs: list[tuple[int, str]] = []
    last = None
    for i, line in kept:
        if (
            blank_separated
            and paragraphs
            and last == i - 1
            and paragraphs[-1][1][-1] not in TERMINAL
            and not (is_heading and (is_heading(line) or is_heading(paragraphs[-1][1])))
        ):
            paragraphs[-1] = (paragraphs[-1][0], paragraphs[-1][1] + line)
            audit.append(
                {
                    "line": i + 1,
                    "action": "join",
                    "reason": "line_break",
                    "text": f"joined to line {last + 1}",
                    "count": 1,
                }
            )
        else:
            paragraphs.append((i + 1, line))
        last = i
    return paragraphs


def unaccounted_lines(raw: str, cleaned: str, audit: list[dict]) -> list[tuple[int, str]]:
    """The conservation check: raw lines that are neither in the audit (dropped, joined, repaired,
    with their reason) nor in the cleaned text. Each should be empty; a line listed here was lost
    without a word, and ``documents.csv`` counts it (``lines_unaccounted``)."""
    mentioned = {int(row["line"]) for row in audit}
    text = _norm_key(cleaned)
    lost = []
    for number, line in enumerate(raw.split("\n"), 1):
        if number in mentioned:
            continue
        key = _norm_key(normalise_punctuation(to_simplified(remove_pinyin_annotations(line)[0])[0]))
        if key and key not in text:
            lost.append((number, line))
    return lost


def kept_lines(audit: list[dict]) -> dict[int, bool]:
    """For the raw line numbers the audit mentions: whether each line's text ended up in the
    cleaned text (a line joined into a dropped line is dropped with it). Lines the audit does not
    mention were kept."""
    dropped = {row["line"] for row in audit if row["action"] == "drop_line"}
    into = {}
    for row in audit:
        if row["action"] == "join" and row["reason"] == "link_break":
            into[row["line"]] = int(row["text"].rsplit(" ", 1)[-1])
    status = {}
    for row in audit:
        line = row["line"]
        target = line
        while target in into and target not in dropped:
            target = into[target]
        status[line] = target not in dropped
    return status


def why_left_out(text: str, min_chinese_chars: int) -> str:
    """Why a cleaned document is left out of the analysis ('' when it is analysed): nothing left, or
    fewer Chinese characters than ``clean.min_chinese_chars``."""
    from .ingest import is_blank

    if is_blank(text):
        return "nothing left after cleaning: every line was removed (see cleaning_audit.csv)"
    n = chinese_chars(text)
    if n < min_chinese_chars:
        return (
            f"too short: {n} Chinese characters left after cleaning, fewer than clean.min_chinese_chars "
            f"({min_chinese_chars}; see cleaning_audit.csv)"
        )
    return ""


def document_table(table, metadata: dict[str, dict], aside: dict[str, str], left_out: dict[str, str]):
    """The corpus's ``documents.csv`` from the shards' tables gathered (``table``, every cell text):
    the user's other metadata columns (a table's year, region, publisher…; the union of every
    document's, sorted, whatever the shard size) before ``source``, so that anything can be grouped
    or traced by them; ``duplicate_of`` (from ``aside``) and ``excluded`` (why, from ``left_out``
    or the duplicate)."""
    table = table.copy()
    extra = sorted({key for meta in metadata.values() for key in meta} - set(table.columns))
    for key in extra:
        table.insert(table.columns.get_loc("source"), key, [str(metadata[d].get(key, "")) for d in table["doc_id"]])
    table["duplicate_of"] = [aside.get(d, "") for d in table["doc_id"]]
    table["excluded"] = [
        left_out.get(d) or (f"near-duplicate of {aside[d]}" if d in aside else "") for d in table["doc_id"]
    ]
    return table
