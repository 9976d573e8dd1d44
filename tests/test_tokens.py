"""Tokens: the user dictionary keeps governance terms whole, quotes and slogans handled,
numbers, stopwords and place names dropped, tolerant word-list files."""

import csv
from collections import Counter

import pytest

from govtopics.text.terms import discover_terms
from govtopics.text.tokens import (
    counted_rows,
    discover_and_tag,
    dropped_table,
    filter_tokens,
    load_stopwords,
    locality_tokens,
    make_tokenizer,
    new_tally,
    place_tokens,
    quoted_terms,
    segment,
    segment_tagged,
    tag_paragraphs,
    token_filters,
    tokenizer_with,
    vocabulary_table,
)

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


def test_the_localities_the_cases_are_about_are_dropped_with_the_place_names(tokenizer):
    """The gazetteer stops at the county, so 平凉路 and 五角场 (streets of 杨浦) survived as the most
    distinctive "terms" of their cases; the localities found in the text are place names too."""
    assert locality_tokens(["平凉路街道", "五角场街道", "官任社区", "施茶村", "", float("nan")]) == {
        *("平凉路街道", "平凉路", "凉路街道", "路街道"),
        *("五角场街道", "五角场", "角场街道", "场街道"),
        *("官任社区", "官任", "任社区"),
        *("施茶村", "施茶", "茶村"),  # jieba reads 施茶村 as 施 + 茶村 in some sentences
    }
    assert locality_tokens(["新村"]) == {"新村"}  # a one-character stem is no name of its own, nor 村
    text = "平凉路街道党工委与五角场街道的居民区党组织结对共建，官任社区和施茶村也参与协同治理"
    filters = token_filters(STOPWORDS, localities=["平凉路街道", "五角场街道", "官任社区", "施茶村"])
    dropped = Counter()
    kept = filter_tokens(segment_tagged(text, tokenizer), dropped=dropped, **filters)
    assert not {"平凉路", "五角场", "官任", "施茶村"} & set(kept) and "居民区党组织" in kept
    assert dropped[("五角场", "place_name")] == 1 and dropped[("官任", "place_name")] == 1
    # without localities (or with drop_place_names off) they stay, as before
    assert {"平凉路", "五角场"} <= set(filter_tokens(segment_tagged(text, tokenizer), **token_filters(STOPWORDS)))
    assert not token_filters(STOPWORDS, drop_place_names=False, localities=["施茶村"])["places"]


def test_pieces_of_a_place_name_never_reach_the_tokens(tokenizer):
    """jieba cuts 潮安区彩塘镇 into 潮安 + 区彩 + 塘镇 and 从化区 into 从 + 化区: pieces of names, no terms
    (issue 22: 区沙, 化区, 陵区 reached the top terms of real pages). A word across a name's edge (区委
    of 杨浦区委) stays."""
    text = "广东潮州潮安区彩塘镇推进网格化治理，本文以从化区社区建设为例，杨浦区委组织部牵头协同治理，郾城区沙北街道"
    tagged = segment_tagged(text, tokenizer)
    assert {"区彩", "化区", "区沙"} <= {w for w, _ in tagged}, "the fragments this test is about (jieba's cuts)"
    dropped = Counter()
    kept = filter_tokens(tagged, dropped=dropped, **token_filters(STOPWORDS))
    for piece in ("区彩", "化区", "区沙"):  # across a name's edge, inside 从化区, across 郾城区|沙北
        assert piece not in kept and dropped[(piece, "place_fragment")] == 1
    assert "网格化" in kept and "组织部" in kept
    # with drop_place_names off, nothing about places is dropped
    assert "区彩" in filter_tokens(tagged, **token_filters(STOPWORDS, drop_place_names=False))


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


def test_person_names_dropped_but_not_words_jieba_mistags(tokenizer):
    dropped = Counter()
    sentence = "街道党工委书记倪倩说，居民的幸福感、安全感提升了，楼栋长沈永兵也参与。"
    out = filter_tokens(
        segment_tagged(sentence, tokenizer),
        load_stopwords(STOPWORDS),
        place_tokens(),
        dropped=dropped,
        drop_person_names=True,
    )
    assert "倪倩" not in out and "沈永兵" not in out
    assert dropped[("倪倩", "person_name")] == 1
    assert {"幸福感", "安全感", "楼栋长"} <= set(out)


def test_tagger_remembering_unknown_runs_tags_as_jieba_does(tokenizer):
    import jieba.posseg

    plain = jieba.posseg.POSTokenizer(make_tokenizer("config/user_dict.txt"))
    text = "街道党工委书记倪倩说，楼栋长沈永兵也参与。倪倩说，沈永兵和倪倩在施茶村走访。"
    expected = [(p.word, p.flag) for p in plain.lcut(text)]
    assert any(flag == "nr" for _, flag in expected)  # the unknown names go through the HMM
    for _ in range(2):  # the second time from what the tagger remembers
        assert segment_tagged(text, tokenizer, keep_slogans=False) == [(w, f) for w, f in expected if w.strip()]


def test_the_private_jieba_code_runs_only_on_the_jieba_it_was_tested_on(tokenizer):
    """govtopics.text._jieba_private overrides a name-mangled private method of jieba's tagger; on
    another jieba this fails, to be checked and the pin in pyproject.toml moved (the code itself
    then uses jieba's own tagger)."""
    from importlib import metadata

    from govtopics.text import _jieba_private

    assert metadata.version("jieba") == _jieba_private.TESTED_JIEBA
    assert type(_jieba_private.tagger(tokenizer)) is _jieba_private.Tagger
    assert hasattr(_jieba_private.Tagger, "_POSTokenizer__cut_detail"), "the method jieba's calls resolve to"


def test_term_discovery_finds_a_repeated_unit():
    paragraphs = [
        ["推进", "澳", "资", "企业", "发展", "。"],
        ["服务", "澳", "资", "企业", "，", "支持", "澳", "资", "企业"],
        ["吸引", "澳", "资", "企业", "落户"],
        ["企业", "发展"],
        ["资", "金"],
        ["澳", "门"],
    ]
    candidates = discover_terms(paragraphs, min_count=3)
    assert candidates[0]["term"] == "澳资企业"
    assert candidates[0]["count"] == 4 and candidates[0]["pmi"] > 0


def test_discovered_terms_added_for_the_run():
    paragraphs = [
        {
            "paragraph_id": f"p{i}",
            "doc_id": "d",
            "case_id": "c",
            "role": "body",
            "text": "积极服务澳资企业，吸引澳资企业落户，澳资企业发展良好。",
        }
        for i in range(2)
    ]
    # the calls of the pipeline: each shard tagged (tokens_shard), then candidates found over all
    # shards and, with terms added, the paragraphs tagged again (tokens)
    texts = [p["text"] for p in paragraphs]
    shards = tag_paragraphs(texts, tokenizer_with("config/user_dict.txt"))
    filters = token_filters(STOPWORDS, True, 2, True)
    settings = {
        "user_dictionary": "config/user_dict.txt",
        "discovery_min_count": 3,
        "add_discovered_terms": 1,
        "keep_slogans": True,
    }
    candidates, tagged = discover_and_tag(paragraphs, lambda: iter(shards), filters["stopwords"], settings, [])
    assert [c["term"] for c in candidates if c["added"]] == ["澳资企业"]
    unchanged = discover_and_tag(
        paragraphs, lambda: iter(shards), filters["stopwords"], {**settings, "add_discovered_terms": 0}, []
    )
    assert list(unchanged[1]) == shards, "nothing added: the shards' own tagging"
    tally = new_tally()
    rows = list(counted_rows(paragraphs, tagged, filters, tally))
    assert rows[0]["tokens"].count("澳资企业") == 3
    vocabulary = vocabulary_table(tally).set_index("token")
    assert vocabulary.loc["澳资企业"].tolist() == [6, 2, 1], "count, paragraphs, cases"
    assert vocabulary.index[0] == "澳资企业" and list(dropped_table(tally).columns) == ["token", "reason", "count"]


def test_quoted_names_are_kept_whole_and_phrases_are_not_taken():
    texts = ["开展“红色管家”评选，落实“四议两公开”制度。", "他说“小区更和谐了”，还有“10分钟”服务圈和“1+3+N”。"]
    rows = {row["term"]: row for row in quoted_terms(texts)}
    assert rows["红色管家"]["name"] and rows["四议两公开"]["name"]
    assert rows["小区更和谐了"]["why_not"].startswith("a phrase")
    assert rows["10分钟"]["why_not"] == "a quantity"
    assert not rows["1+3+N"]["name"]  # kept whole as a slogan anyway (keep_slogans)
    names = [term for term, row in rows.items() if row["name"]]
    tokenizer = tokenizer_with("config/user_dict.txt", names)
    assert "红色管家" in segment("培育红色管家队伍", tokenizer)  # also where it is not quoted
    assert "两新组织" in segment("动员“两新”组织参与", tokenizer)  # a quoted prefix still joins its term
    plain = make_tokenizer("config/user_dict.txt")
    assert "红色管家" not in segment("培育红色管家队伍", plain)
