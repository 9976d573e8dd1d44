"""Segmenting the cleaned paragraphs into comparison features with jieba.

Governance terms from the user dictionary stay whole; quotation marks are removed before
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

from . import gazetteer
from .io import read_word_list

SLOGAN = re.compile(r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)+")
_QUOTES = re.compile(r"[“”‘’「」『』\"]")
_NUMBER = re.compile(r"^[\d.,%％:：/\-]+$|^[\d.]+[万亿千百]?[余多]?$|^[一二三四五六七八九十百千万亿两零〇]+$")
_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")


def make_tokenizer(user_dictionary: str | Path | None = None) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (no global state) with the user dictionary's terms added.

    Entries are ``term [frequency] [tag]``; a missing frequency lets jieba choose one that keeps
    the term whole, which plain ``load_userdict`` would reject (jieba #951).
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if user_dictionary:
        for entry in read_word_list(user_dictionary):
            parts = entry.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tokenizer.add_word(word, freq=freq)
            if freq is None:
                tokenizer.suggest_freq(word, tune=True)
    return tokenizer


@lru_cache(maxsize=1)
def _jieba_place_words() -> frozenset[str]:
    """Words jieba's own dictionary tags as place names (ns)."""
    words = set()
    with jieba.get_dict_file() as handle:
        for line in handle:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] == "ns":
                words.add(parts[0])
    return frozenset(words)


@lru_cache(maxsize=1)
def place_tokens() -> frozenset[str]:
    """Tokens taken as place names: every full name, the short forms of provinces and prefectures,
    and county short forms that jieba also knows as place names (not 和平, 新华…)."""
    index = gazetteer.name_index()
    county_short = {p.short for p in gazetteer.load() if p.level == "county"}
    return frozenset(index) | (county_short & _jieba_place_words())


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


def segment(text: str, tokenizer: jieba.Tokenizer, keep_slogans: bool = True) -> list[str]:
    """Raw segmentation (before filtering): slogans kept whole, quotes removed, spaces dropped."""
    text = _QUOTES.sub("", text)
    tokens: list[str] = []
    position = 0
    matches = SLOGAN.finditer(text) if keep_slogans else iter(())
    for match in matches:
        tokens.extend(tokenizer.lcut(text[position : match.start()]))
        tokens.append(match.group())
        position = match.end()
    tokens.extend(tokenizer.lcut(text[position:]))
    return [t for t in (t.strip() for t in tokens) if t]


def filter_tokens(
    tokens: list[str],
    stopwords: frozenset[str],
    places: frozenset[str],
    min_token_chars: int = 2,
    dropped: Counter | None = None,
) -> list[str]:
    """Keep the tokens that can distinguish cases; count the others in ``dropped`` by reason."""
    kept = []
    for token in tokens:
        if SLOGAN.fullmatch(token):
            kept.append(token)
            continue
        if not _HAS_WORD.search(token) or _NUMBER.match(token):
            reason = "number" if re.search(r"\d", token) or _NUMBER.match(token) else "punctuation"
        elif token in stopwords:
            reason = "stopword"
        elif token in places or (places and _is_place_compound(token, places)):
            reason = "place_name"
        elif len(token) < min_token_chars:
            reason = "too_short"
        else:
            kept.append(token)
            continue
        if dropped is not None and reason != "punctuation":
            dropped[(token, reason)] += 1
    return kept


def tokenize_paragraphs(
    paragraphs: list[dict],
    user_dictionary: str | Path | None,
    stopword_files: list[str],
    drop_place_names: bool = True,
    min_token_chars: int = 2,
    keep_slogans: bool = True,
) -> tuple[list[dict], Counter]:
    """Token lists for paragraph rows (``paragraph_id``, ``case_id``, ``text``…).

    Returns the rows with a ``tokens`` list added and a Counter of dropped (token, reason).
    """
    tokenizer = make_tokenizer(user_dictionary)
    stopwords = load_stopwords(stopword_files)
    places = place_tokens() if drop_place_names else frozenset()
    dropped: Counter = Counter()
    rows = []
    for paragraph in paragraphs:
        raw = segment(paragraph["text"], tokenizer, keep_slogans)
        tokens = filter_tokens(raw, stopwords, places, min_token_chars, dropped)
        rows.append({**{k: paragraph[k] for k in ("paragraph_id", "doc_id", "case_id", "role")}, "tokens": tokens})
    return rows, dropped
