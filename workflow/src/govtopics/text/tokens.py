"""Segmenting the cleaned paragraphs into comparison features with jieba.

Governance terms from the user dictionary, and the names the corpus itself puts in quotation marks
(:func:`quoted_terms`), stay whole; quotation marks are removed before
segmentation so that a quoted prefix joins its term where the dictionary knows the whole term
(“两新”组织 → 两新组织) and stays a word of its own otherwise (“家门口”服务站 → 家门口, 服务站);
slogans such as ``1+3+N`` are kept as one token; numbers, punctuation, stopwords and (by
default) place names are dropped, and every dropped token is counted with its reason.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg
import pandas as pd

from ..reading.io import progress, read_table, read_word_list
from . import _jieba_private, gazetteer
from .terms import discover_terms

SLOGAN = re.compile(r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)+")
_QUOTES = re.compile(r"[“”‘’「」『』\"]")
_NUMBER = re.compile(r"^[\d.,%％:：/\-]+$|^[\d.]+[万亿千百]?[余多]?$|^[一二三四五六七八九十百千万亿两零〇]+$")
_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")
# Common surnames, less those that often begin ordinary words (安全, 林草, 高素质, 施策, 卫健…).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金廖贾夏韦付方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温康牛樊葛邢齐乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳甘祝宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁"
    "蒲滕屈饶艾尤穆卓缪褚娄窦戚岑瞿佟臧闵苟邬卞姬栾隋刁荣巫寇桑郎甄丛虞敖巩佘池习"
)


def read_user_dictionary(path: str | Path) -> list[tuple[str, int | None]]:
    """Entries ``term [frequency] [tag]`` of a user dictionary as (term, frequency or None)."""
    entries = []
    for entry in read_word_list(path):
        parts = entry.split()
        entries.append((parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None))
    return entries


def make_tokenizer(user_dictionary: str | Path | None = None) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (no global state) with the user dictionary's terms added.

    A missing frequency lets jieba choose one that keeps the term whole, which plain
    ``load_userdict`` would reject (jieba #951).
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in read_user_dictionary(user_dictionary) if user_dictionary else []:
        tokenizer.add_word(word, freq=freq)
        if freq is None:
            tokenizer.suggest_freq(word, tune=True)
    return tokenizer


@lru_cache(maxsize=1)
def _jieba_words() -> dict[str, str]:
    """jieba's own dictionary: word → part-of-speech tag."""
    words = {}
    with jieba.get_dict_file() as handle:
        for line in handle:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                words[parts[0]] = parts[2]
    return words


@lru_cache(maxsize=1)
def place_tokens() -> frozenset[str]:
    """Tokens taken as place names: every full name, the short forms of provinces and prefectures,
    and county short forms that are no ordinary word (jieba does not know them, or knows them as
    a place or name: 杨浦, 闵行; but not 和平, 新华, 城关…)."""
    index = gazetteer.name_index()
    known = _jieba_words()
    county_short = {
        p.short for p in gazetteer.load() if p.level == "county" and known.get(p.short, "ns") in ("ns", "nr", "nrt")
    }
    return frozenset(index) | county_short


_LOCALITY_LEVEL = re.compile(r"(街道|社区|村|镇|乡)$")


def locality_tokens(localities) -> frozenset[str]:
    """The tokens that name the localities the cases are about (``cases.csv``'s ``locality``,
    found in the text: 平凉路街道, 五角场街道, 官任社区, 施茶村), which the gazetteer, stopping at
    the county, does not know: each name whole and without its level (平凉路, 五角场, 官任, 施茶)
    when two characters or more remain. Dropped with the place names, so that the street a case is
    about is not its most distinctive "term". Also the pieces jieba sometimes cuts such a name
    into that end with the level (施茶村 → 施 + 茶村), never the level alone (村, 社区)."""
    names = set()
    for locality in localities:
        if isinstance(locality, str) and locality:
            names.add(locality)
            stem = _LOCALITY_LEVEL.sub("", locality)
            if len(stem) >= 2:
                names.add(stem)
            names.update(locality[i:] for i in range(1, len(stem)))
    return frozenset(names)


def is_person_name(word: str, flag: str) -> bool:
    """A person's name as jieba's tagger finds it: tagged nr, two or three characters, a common
    surname first, and either unknown to jieba's dictionary (倪倩, 沈永兵) or a full name it
    knows (习近平). jieba alone tags 幸福感 or 楼栋 as names, hence the surname and length test."""
    if flag not in ("nr", "nrfg", "nrt") or not 2 <= len(word) <= 3 or word[0] not in SURNAMES:
        return False
    tag = _jieba_words().get(word)
    return tag is None or (tag == "nrfg" and len(word) == 3)


def _is_place_compound(token: str, places: frozenset[str]) -> bool:
    """上海市浦东新区, 成都市武侯区: a token made only of two or more place names."""
    parts = [m.group() for m in gazetteer._pattern().finditer(token)]
    return len(parts) >= 2 and "".join(parts) == token and all(p in places for p in parts)


def load_stopwords(paths: list[str | Path]) -> frozenset[str]:
    words = set()
    for path in paths:
        if not Path(path).is_file():
            raise FileNotFoundError(
                f"stopword file {path} does not exist: fix 'tokens.stopwords' in config/config.yaml"
            )
        words.update(read_word_list(path))
    return frozenset(words)


def _tagger(tokenizer: jieba.Tokenizer) -> jieba.posseg.POSTokenizer:
    """The part-of-speech tagger over ``tokenizer`` (made once: it reads jieba's dictionary)."""
    if not hasattr(tokenizer, "_govtopics_tagger"):
        tokenizer._govtopics_tagger = _jieba_private.tagger(tokenizer)
    return tokenizer._govtopics_tagger


def segment_tagged(text: str, tokenizer: jieba.Tokenizer, keep_slogans: bool = True) -> list[tuple[str, str]]:
    """Raw segmentation with part-of-speech tags: slogans kept whole (tag ``slogan``), quotation
    marks removed, spaces dropped."""
    tagger = _tagger(tokenizer)
    text = _QUOTES.sub("", text)
    tokens: list[tuple[str, str]] = []
    position = 0
    matches = SLOGAN.finditer(text) if keep_slogans else iter(())
    for match in matches:
        tokens.extend((p.word, p.flag) for p in tagger.lcut(text[position : match.start()]))
        tokens.append((match.group(), "slogan"))
        position = match.end()
    tokens.extend((p.word, p.flag) for p in tagger.lcut(text[position:]))
    tokens = _mark_place_fragments(text, tokens, tokenizer)
    return [(w.strip(), f) for w, f in tokens if w.strip()]


PLACE_FRAGMENT = "place_fragment"  # the tag of a token cut across a place name's edge
_LEVEL_CHARS = frozenset("省市区县州盟旗")


def _mark_place_fragments(text: str, tokens: list[tuple[str, str]], tokenizer: jieba.Tokenizer) -> list[tuple]:
    """Tag ``PLACE_FRAGMENT`` the tokens that jieba cut across the edge of a place name (潮安区彩塘镇
    → 潮安 + 区彩 + 塘镇) or out of its inside (从化区 → 从 + 化区) and that are no word it knows:
    pieces of a name, not terms. A word that
    straddles a name's edge (区委 in 杨浦区委) is a word and keeps its tag. ``tokens`` cover
    ``text`` in order, which gives each token's place. The names are those
    :func:`gazetteer.place_mentions` finds, looked for only where jieba met a word it does not know
    with a level's character in it (区, 县, 市…: a name's suffix cut off its name), the case of every
    fragment seen (区沙, 化区, 陵区)."""
    spans, position = [], 0
    for word, flag in tokens:
        end = position + len(word)
        if len(word) >= 2 and flag != "slogan" and _LEVEL_CHARS.intersection(word) and not tokenizer.FREQ.get(word):
            spans.append((position, end))
        position = end
    if not spans:
        return tokens
    names = [(start, end) for _, start, end in gazetteer.place_mentions(text)]
    cut = {
        span
        for span in spans
        for start, end in names
        if span[0] < start < span[1]
        or span[0] < end < span[1]
        or (start <= span[0] and span[1] <= end and span != (start, end))
    }
    if not cut:
        return tokens
    marked, position = [], 0
    for word, flag in tokens:
        end = position + len(word)
        marked.append((word, PLACE_FRAGMENT if (position, end) in cut else flag))
        position = end
    return marked


def segment(text: str, tokenizer: jieba.Tokenizer, keep_slogans: bool = True) -> list[str]:
    """Raw segmentation (before filtering), words only."""
    return [word for word, _ in segment_tagged(text, tokenizer, keep_slogans)]


def filter_tokens(
    tokens: list[str] | list[tuple[str, str]],
    stopwords: frozenset[str],
    places: frozenset[str],
    min_token_chars: int = 2,
    dropped: Counter | None = None,
    drop_person_names: bool = True,
) -> list[str]:
    """Keep the tokens that can distinguish cases; count the others in ``dropped`` by reason.

    ``tokens`` are words, or (word, tag) pairs from :func:`segment_tagged` (needed to find
    person names).
    """
    kept = []
    for item in tokens:
        token, flag = item if isinstance(item, tuple) else (item, "")
        reason = _drop_reason(token, flag, stopwords, places, min_token_chars, drop_person_names)
        if reason is None:
            kept.append(token)
        elif dropped is not None and reason != "punctuation":
            dropped[(token, reason)] += 1
    return kept


@lru_cache(maxsize=1 << 18)
def _drop_reason(
    token: str,
    flag: str,
    stopwords: frozenset[str],
    places: frozenset[str],
    min_token_chars: int,
    drop_person_names: bool,
) -> str | None:
    """Why :func:`filter_tokens` drops ``token`` (tagged ``flag``), or None to keep it. Cached: a
    corpus repeats its words (30 M characters: ~10 M tokens of ~100 k words), the same word with the
    same tag gets the same answer, and the gazetteer's pattern was the slow part of filtering."""
    if SLOGAN.fullmatch(token):
        return None
    if not _HAS_WORD.search(token) or _NUMBER.match(token):
        return "number" if re.search(r"\d", token) or _NUMBER.match(token) else "punctuation"
    if token in stopwords:
        return "stopword"
    if token in places or (places and _is_place_compound(token, places)):
        return "place_name"
    if places and flag == PLACE_FRAGMENT:
        return "place_fragment"
    if drop_person_names and is_person_name(token, flag):
        return "person_name"
    if len(token) < min_token_chars:
        return "too_short"
    return None


_QUOTED = re.compile(r"“([^“”\n]{2,12})”|「([^「」\n]{2,12})」|『([^『』\n]{2,12})』")
_NAME = re.compile(r"[\u3400-\u9fff0-9A-Za-z+]+")
# Characters that make a quoted span a phrase or a sentence rather than a name.
_PHRASE_CHARS = frozenset("的了吗呢吧啊呀")
_QUANTITY = re.compile(r"[0-9.]+[\u3400-\u9fff]{1,3}|[一二三四五六七八九十百千万两]+[个名次年月天分秒米里]")


def quoted_terms(texts, max_chars: int = 7) -> list[dict]:
    """Every quoted span of ``texts`` with its count, whether it is a name and, if not, why:
    :func:`classify_quoted` of :func:`count_quoted` (which shards can run apart and add up)."""
    return classify_quoted(count_quoted(texts), max_chars)


def count_quoted(texts) -> Counter:
    """How often each span in quotation marks occurs in ``texts`` (read once)."""
    counts: Counter = Counter()
    for text in texts:
        for match in _QUOTED.finditer(text):
            counts[next(group for group in match.groups() if group)] += 1
    return counts


def classify_quoted(counts: dict[str, int], max_chars: int = 7) -> list[dict]:
    """The names a corpus marks with quotation marks: Chinese policy writing quotes its named
    practices and slogans (“微网实格”, “四议两公开”, “红色管家”), which occur once or twice and so
    escape frequency-based discovery. A quoted span is a name when it has 2–``max_chars``
    characters, only Chinese characters, letters, digits and ``+``, at least two Chinese
    characters, no particle that marks a phrase or a sentence (的, 了, 吗…), and is not a quantity
    (10分钟). Returns every quoted span of ``counts`` (span: occurrences) with its count, whether
    it is a name and, if not, why, in sorted order."""
    rows = []
    for span, count in sorted(counts.items()):
        if len(span) > max_chars:
            why = f"longer than {max_chars} characters"
        elif not _NAME.fullmatch(span):
            why = "punctuation or spaces inside"
        elif len(re.findall(r"[\u3400-\u9fff]", span)) < 2:
            why = "fewer than two Chinese characters"
        elif _QUANTITY.fullmatch(span):
            why = "a quantity"
        elif _PHRASE_CHARS.intersection(span):
            why = "a phrase (particle inside)"
        else:
            why = ""
        rows.append({"term": span, "quoted": count, "name": not why, "why_not": why})
    return rows


def quoted_names(path: str | Path) -> list[str]:
    """The names of a ``quoted_terms.csv`` written by the workflow, in its (sorted) order."""
    table = read_table(path, dtype=str)
    return [term for term, name in zip(table["term"], table["name"], strict=True) if name == "True"]


def tokenizer_with(user_dictionary: str | Path | None, added_terms: list[str] = ()) -> jieba.Tokenizer:
    """A tokenizer with the user dictionary and, for this run, ``added_terms`` kept whole (only
    those it would split are added, so words it knows keep their frequencies)."""
    tokenizer = make_tokenizer(user_dictionary)
    for term in added_terms:
        if len(tokenizer.lcut(term, HMM=False)) > 1:
            tokenizer.add_word(term)
            tokenizer.suggest_freq(term, tune=True)
    return tokenizer


def tag_paragraphs(texts: list[str], tokenizer: jieba.Tokenizer, keep_slogans: bool = True) -> list[list[tuple]]:
    """(word, part-of-speech) pairs of every text: the costly step, run per shard."""
    return [
        segment_tagged(text, tokenizer, keep_slogans)
        for text in progress(texts, len(texts), "tokens: paragraphs segmented")
    ]


def candidate_terms(
    word_lists, stopwords: frozenset[str], user_dictionary, min_count: int = 3, add: int = 0
) -> tuple[list[dict], list[str]]:
    """Multi-word terms found in ``word_lists`` (an iterable, read once: it may stream from
    disk), scored; and the ``add`` best not yet in the dictionary, to add for this run."""
    known = frozenset(word for word, _ in read_user_dictionary(user_dictionary)) if user_dictionary else frozenset()
    candidates = discover_terms(word_lists, stopwords, known, min_count)
    added = [c["term"] for c in candidates if not c["in_dictionary"]][:add]
    for row in candidates:
        row["added"] = row["term"] in added
    return candidates, added


def paragraph_row(paragraph: dict, tagged: list[tuple], filters: dict, dropped: Counter) -> dict:
    """A paragraph's output row: its ids and its kept tokens (``filters``: the keyword arguments
    of :func:`filter_tokens` but ``dropped``, which collects what was dropped)."""
    tokens = filter_tokens(tagged, dropped=dropped, **filters)
    return {**{k: paragraph[k] for k in ("paragraph_id", "doc_id", "case_id", "role")}, "tokens": tokens}


def token_filters(
    stopword_files: list[str],
    drop_place_names: bool = True,
    min_token_chars: int = 2,
    drop_person_names: bool = True,
    localities=(),
) -> dict:
    """The keyword arguments of :func:`filter_tokens` for these settings; ``localities``: the
    cases' localities, dropped with the place names (:func:`locality_tokens`)."""
    return {
        "stopwords": load_stopwords(stopword_files),
        "places": place_tokens() | locality_tokens(localities) if drop_place_names else frozenset(),
        "min_token_chars": min_token_chars,
        "drop_person_names": drop_person_names,
    }


def new_tally() -> dict:
    """What :func:`counted_rows` counts as the rows stream past: each kept token's count, the
    paragraphs and cases it occurs in, and each dropped (token, reason)."""
    return {"count": Counter(), "paragraphs": Counter(), "cases": {}, "dropped": Counter()}


def counted_rows(paragraphs, tagged, filters: dict, tally: dict):
    """The paragraph rows with their kept tokens (:func:`paragraph_row`), one at a time so that a
    corpus of any size streams to ``paragraph_tokens.jsonl``, counted into ``tally``
    (:func:`new_tally`) on the way."""
    for paragraph, pairs in zip(paragraphs, tagged, strict=True):
        row = paragraph_row(paragraph, pairs, filters, tally["dropped"])
        tally["count"].update(row["tokens"])
        tally["paragraphs"].update(set(row["tokens"]))
        if row["case_id"]:
            for token in set(row["tokens"]):
                tally["cases"].setdefault(token, set()).add(row["case_id"])
        yield row


def vocabulary_table(tally: dict):
    """Every kept token with its count and the paragraphs and cases it occurs in, most frequent first."""
    rows = [
        {"token": t, "count": c, "paragraphs": tally["paragraphs"][t], "cases": len(tally["cases"].get(t, ()))}
        for t, c in tally["count"].items()
    ]
    return pd.DataFrame(rows, columns=["token", "count", "paragraphs", "cases"]).sort_values(
        ["count", "token"], ascending=[False, True]
    )


def dropped_table(tally: dict):
    """Every dropped token with its reason and count, by reason, most frequent first."""
    rows = [{"token": t, "reason": r, "count": c} for (t, r), c in tally["dropped"].items()]
    return pd.DataFrame(rows, columns=["token", "reason", "count"]).sort_values(
        ["reason", "count", "token"], ascending=[True, False, True]
    )


CANDIDATE_COLUMNS = [
    "term",
    "parts",
    "count",
    "pmi",
    "left_entropy",
    "right_entropy",
    "score",
    "in_dictionary",
    "added",
]


def discover_and_tag(paragraphs: list[dict], tagged_shards, stopwords, settings: dict, quoted: list[str]):
    """Terms found in the corpus, and the tagging the final tokens come from: the shards' own
    (``tagged_shards()``, a callable giving each paragraph's (word, tag) pairs in corpus order, read
    again if nothing is added) or, when ``tokens.add_discovered_terms`` adds terms, the paragraphs
    tagged again with them in the dictionary. ``settings``: the ``tokens`` section; ``quoted``: the
    names kept whole (:func:`quoted_names`, empty without ``keep_quoted_terms``).
    Returns (candidate rows, tagged)."""
    candidates, added = candidate_terms(
        ([word for word, _ in tagged] for tagged in tagged_shards()),
        stopwords,
        settings["user_dictionary"] or None,
        settings["discovery_min_count"],
        settings["add_discovered_terms"],
    )
    if not added:
        return candidates, tagged_shards()
    tokenizer = tokenizer_with(settings["user_dictionary"] or None, quoted + added)
    return candidates, tag_paragraphs([row["text"] for row in paragraphs], tokenizer, settings["keep_slogans"])
