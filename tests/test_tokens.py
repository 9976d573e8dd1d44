"""Tokens: the user dictionary keeps governance terms whole, quotes and slogans handled,
numbers, stopwords and place names dropped, tolerant word-list files."""

import csv
from collections import Counter

import pytest

from govtopics.tokens import filter_tokens, load_stopwords, make_tokenizer, place_tokens, segment

STOPWORDS = ["config/stopwords_zh.txt", "config/stopwords_domain.txt"]


@pytest.fixture(scope="module")
def tokenizer():
    return make_tokenizer("config/user_dict.txt")


def tokens(text, tokenizer):
    return filter_tokens(segment(text, tokenizer), load_stopwords(STOPWORDS), place_tokens())


@pytest.mark.parametrize(
    "sentence, term",
    [
        ("成都市不断巩固完善拓展微网实格治理效能", "微网实格"),
        ("加强党建引领三驾马车建设工作", "三驾马车"),
        ("推动其与两新组织结对共建", "两新组织"),
        ("深化睦邻党建特色品牌", "睦邻党建"),
        ("大力健全完善网格化治理体系", "网格化"),
    ],
)
def test_user_dictionary_takes_effect(tokenizer, sentence, term):
    assert term in tokens(sentence, tokenizer)
    assert term not in segment(sentence, make_tokenizer(None)) or term == "网格化"


def test_quoted_prefixes(tokenizer):
    # the quoted part joins its term when the dictionary knows the whole term, else stands alone
    assert "两新组织" in tokens("主动联系辖区“两新”组织", tokenizer)
    out = tokens("居民区有了“家门口”服务站", tokenizer)
    assert "家门口" in out and "服务站" in out


def test_slogans_numbers_places(tokenizer):
    dropped = Counter()
    out = filter_tokens(
        segment("上海市浦东新区构建了“1+3+N”协同治理模式，常住居民1326户3800余人", tokenizer),
        load_stopwords(STOPWORDS),
        place_tokens(),
        dropped=dropped,
    )
    assert "1+3+N" in out
    assert not any(t.isdigit() for t in out)
    # jieba reads 上海市浦东新区 as one word: made only of place names, it is dropped too
    assert "上海市浦东新区" not in out
    assert dropped[("上海市浦东新区", "place_name")] == 1
    assert dropped[("1326", "number")] == 1


def test_place_names_kept_when_asked(tokenizer):
    out = filter_tokens(segment("上海市构建协同治理", tokenizer), load_stopwords(STOPWORDS), frozenset())
    assert "上海市" in out


def test_common_words_are_not_place_names():
    places = place_tokens()
    assert "上海" in places and "赤峰" in places and "内蒙古" in places
    for word in ("和平", "社区", "发展", "服务"):
        assert word not in places


def test_word_lists_tolerate_bom_crlf_and_missing_frequencies(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_bytes("\ufeff# comment\r\n微网实格\r\n三驾马车 50 n\r\n\r\n".encode())
    tokenizer = make_tokenizer(path)
    assert "微网实格" in segment("拓展微网实格治理效能", tokenizer)
    assert "三驾马车" in segment("党建引领三驾马车建设", tokenizer)
    stop = tmp_path / "stop.txt"
    stop.write_bytes("\ufeff工作\r\n推进\r\n".encode())
    assert load_stopwords([stop]) == {"工作", "推进"}


def test_gold_terms_come_out_whole(tokenizer):
    """Every governance term of tests/data/gold_terms.csv (taken from the seeds, with its
    sentence) is one token in that sentence."""
    with open("tests/data/gold_terms.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 60
    broken = [
        (r["term"], segment(r["sentence"], tokenizer))
        for r in rows
        if r["term"] not in segment(r["sentence"], tokenizer)
    ]
    assert not broken, broken
