"""Cleaning: pinyin annotations versus real parentheses, Traditional → Simplified, boilerplate
dropped with its reason, broken lines joined, nothing lost without a record."""

import dataclasses

import pytest

from govtopics.config import load_config
from govtopics.text.clean import CleanRules, clean_document, join_link_breaks
from govtopics.text.repair import remove_pinyin_annotations, to_simplified


@pytest.fixture(scope="module")
def rules():
    config = load_config("config/config.yaml", "workflow/schemas/config.schema.yaml")
    return CleanRules(**config["clean"])


def test_pinyin_annotations_removed_real_parentheses_kept():
    text = (
        "城市基層治理區(qū)網(wǎng)格(網格)和(Carrier,Culture,Connect,Communication,Crisis)以及(即超大型小區黨支部細化)"
    )
    cleaned, removed = remove_pinyin_annotations(text)
    assert (
        cleaned
        == "城市基層治理區網格(網格)和(Carrier,Culture,Connect,Communication,Crisis)以及(即超大型小區黨支部細化)"
    )
    assert removed == ["(qū)", "(wǎng)"]


def test_toneless_words_and_glosses_are_kept():
    # toneless Latin words in parentheses and glosses of several syllables are real text
    assert remove_pinyin_annotations("微信(wechat)平台")[0] == "微信(wechat)平台"
    assert remove_pinyin_annotations("微网实格(wēi wǎng shí gé)")[0] == "微网实格(wēi wǎng shí gé)"


def test_reading_after_a_damaged_character_removed():
    assert remove_pinyin_annotations("城市更I(yè)区，结合?^(qū)")[0] == "城市更I区，结合?^"


def test_orphan_reading_after_damage_removed():
    assert remove_pinyin_annotations("平?jīng)雎")[0] == "平?雎"


def test_traditional_to_simplified_and_idempotent():
    text, changed = to_simplified("黨建引領基層治理,網格化服務")
    assert text == "党建引领基层治理,网格化服务"
    assert changed == 5  # 黨 領 層 網 務
    assert to_simplified(text) == (text, 0)


def test_link_breaks_joined():
    lines = [
        "会议听取了国务院总理李强所作的",
        "政府工作报告",
        "。会议充分肯定",
        "",
        "依据《",
        "中华人民共和国著作权法",
        "》第五条",
    ]
    joined, pairs = join_link_breaks(lines)
    kept = [ln for ln in joined if ln]
    assert kept == [
        "会议听取了国务院总理李强所作的政府工作报告。会议充分肯定",
        "依据《中华人民共和国著作权法》第五条",
    ]
    assert len(pairs) == 4


PAGE = """国产日韩欧美一区二区三区_亚洲少妇熟女av_久久久久亚洲av国产精品

地區(qū):安徽|北京|重慶|福建|甘肅|廣東|廣西|貴州|海南

當前位置:首頁 > 新聞資訊 > 國內新聞

城市基層黨建創新帶動基層治理

84農業網   時間:2018-12-13    作者:佚名    來源:中國農業新聞網

成都:筑牢“微單元” 做實基層治理“大文章”

基層治理是國家治理的重要組成部分(網格),超大城市基層治理如何實現高位爭先?

小區黨支部優化為網格黨總支,將物業公司黨員也吸納進來

([責任編輯:楊凡])

相關專題

· 期刊選粹

版權所有: 齊魯網 All Rights Reserved
"""


def test_page_cleaned_with_reasons(rules):
    result = clean_document(PAGE, rules)
    text = result["text"]
    assert "基层治理是国家治理的重要组成部分（网格）" not in text  # parentheses are never converted
    assert "基层治理是国家治理的重要组成部分(网格)，超大城市基层治理如何实现高位争先?" in text
    assert "成都：筑牢“微单元” 做实基层治理“大文章”" in text
    for noise in ("国产", "安徽|北京", "首页", "期刊选粹", "版权所有", "责任编辑"):
        assert noise not in text
    reasons = {row["text"][:4]: row["reason"] for row in result["audit"] if row["action"] == "drop_line"}
    assert reasons["国产日韩"] == "spam"
    assert reasons["地区:安"] == "navigation"
    assert reasons["当前位置"] == "navigation"
    assert reasons["城市基层"] == "title"
    assert reasons["84农业"] == "metadata"
    assert reasons["相关专题"] == "related_block"
    assert result["fields"]["date"] == "2018-12-13"
    assert result["fields"]["title"] == "城市基层党建创新带动基层治理"


def test_every_dropped_line_is_in_the_audit(rules):
    result = clean_document(PAGE, rules)
    kept = result["text"]
    dropped = {row["line"] for row in result["audit"] if row["action"] == "drop_line"}
    raw_lines = [i + 1 for i, line in enumerate(PAGE.split("\n")) if line.strip()]
    for number in raw_lines:
        line = to_simplified(remove_pinyin_annotations(PAGE.split("\n")[number - 1])[0])[0].strip()
        assert number in dropped or line[:6].replace(":", "：") in kept, line


def test_repeated_headline_dropped_once(rules):
    page = "四级联动 增强城市基层党建整体效应\n\n正文第一段，讲述经验。\n\n四级联动 增强城市基层党建整体效应\n"
    result = clean_document(page, rules)
    assert result["text"] == "正文第一段，讲述经验。"
    assert [r["reason"] for r in result["audit"]] == ["title", "duplicate_line"]


def test_lines_broken_inside_paragraph_joined(rules):
    page = "第一句没有结束\n而是在这里继续。\n\n第二段。\n\n第三段。\n"
    assert clean_document(page, rules, title="x")["text"] == "第一句没有结束而是在这里继续。\n\n第二段。\n\n第三段。"


def test_encoding_damage_found_and_dropped_or_kept(rules):
    page = "居民共商问题?!背啥际须p流区东升街道书记说，很好。这是完好的一句。\n"
    dropped = clean_document(page, dataclasses.replace(rules, encoding_damage="drop_run"), title="x")
    # only the garbled run goes; the sentence around it stays
    assert dropped["text"] == "居民共商问题流区东升街道书记说，很好。这是完好的一句。"
    assert dropped["stats"]["damaged_runs"] == 1
    flagged = [r for r in dropped["audit"] if r["reason"] == "encoding_damage"]
    assert flagged[0]["action"] == "remove_span" and flagged[0]["text"] == "?!背啥际须p"
    sentence = clean_document(page, dataclasses.replace(rules, encoding_damage="drop_sentence"), title="x")
    assert sentence["text"] == "居民共商问题?!这是完好的一句。"
    kept = clean_document(page, dataclasses.replace(rules, encoding_damage="keep"), title="x")
    assert "背啥际" in kept["text"] and kept["audit"][-1]["action"] == "flag"


def test_genuine_question_marks_are_not_damage():
    from govtopics.text.repair import damaged_runs

    assert damaged_runs("如何完善基层党建服务?如何充分利用滨江优势?") == []


@pytest.mark.parametrize(
    "seed, title, date, publisher, authors",
    [
        (
            "2019_shanghai-pingliang_dangzheng-luntan",
            "基层党建工作的创新实践与经验启示",
            "2019-06-11",
            "党政论坛",
            "潘炜、贺小林",
        ),
        (
            "2020_city-news_three-cities",
            "四级联动 增强城市基层党建整体效应",
            "2020-05-18",
            "中国城市报",
            "杜英姿、郭文治、郑新钰、马源、冯雅君、李炯、于海波、李正明",
        ),
        ("2020_sez-five-zones_qiushi", "基层治理，经济特区树立党建引领新范式", "2020-10-14", "求是网", None),
        (
            "2024_chengdu_sichuan-dangjian",
            "成都：筑牢“微单元” 做实基层治理“大文章”",
            "2024-04-07",
            "四川党的建设",
            "张微微",
        ),
    ],
)
def test_metadata_found_in_the_page(rules, seed, title, date, publisher, authors):
    raw = open(f"resources/corpus/seeds/{seed}.txt", encoding="utf-8").read()
    fields = clean_document(raw, rules)["fields"]  # no metadata table: everything from the page
    assert (fields["title"], fields["date"], fields["publisher"], fields.get("authors")) == (
        title,
        date,
        publisher,
        authors,
    )
    assert "国产" not in fields["title"] and "免费" not in fields["title"]  # never the spam line


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("站点115个，总?藬?2740人次", "站点115个，总2740人次"),
        ("挖掘?I江红色历史", "挖掘江红色历史"),
        ("政府大包大揽?;鶎又卫淼某尚?,从", "政府大包大揽,从"),
        ("平?雎方值傈h建工作的创新实践", "平建工作的创新实践"),
    ],
)
def test_garbled_runs_removed(damaged, repaired):
    from govtopics.text.repair import damaged_runs

    runs = damaged_runs(damaged)
    assert runs
    for start, end in reversed(runs):
        damaged = damaged[:start] + damaged[end:]
    assert damaged == repaired


def test_ordinary_letters_in_chinese_are_not_damage():
    from govtopics.text.repair import damaged_runs

    assert damaged_runs("投资A股市场，做B超检查，全面推进5G网络和PM2.5治理") == []


def test_journal_repost_apparatus(rules):
    """A journal article reposted on a content site: widgets, catalogue codes, keywords and
    affiliations go; a numbered section heading is never taken for the title."""
    page = "\n".join(
        [
            "APP下载",
            "",
            "社区协商议事的实践与思考",
            "",
            "2023-05-06张三李四",
            "",
            "[摘  要]",
            "",
            "社区协商是基层治理的重要方式，本文总结了三个社区的做法。",
            "",
            "[关键词]社区协商;议事会;基层治理",
            "",
            "[中图分类号]  D669   [文献标识码]  A",
            "",
            "(某某市委党校,某某 123456)",
            "",
            "一、社区协商的主要做法",
            "",
            "居民议事会每月召开一次，讨论停车和加装电梯。",
        ]
    )
    result = clean_document(page, rules)
    assert result["fields"]["title"] == "社区协商议事的实践与思考"
    assert result["text"].split("\n\n") == [
        "社区协商是基层治理的重要方式，本文总结了三个社区的做法。",
        "一、社区协商的主要做法",
        "居民议事会每月召开一次，讨论停车和加装电梯。",
    ]
    reasons = {r["text"][:4]: r["reason"] for r in result["audit"] if r["action"] == "drop_line"}
    assert reasons["APP下"] == "widget" and reasons["[中图分"] == "catalogue" and reasons["[关键词"] == "keywords"
    assert reasons["(某某市"] == "affiliation" and result["fields"]["affiliations"] == "某某市委党校,某某 123456"
    no_title = clean_document("一、社区协商的主要做法\n\n居民议事会每月召开一次。", rules)
    assert "title" not in no_title["fields"]


def test_encoding_damage_repaired_where_it_reads_as_chinese(rules):
    """Issue 8: GBK text decoded one byte out of step is realigned; the character whose byte was
    lost is marked 〓; every repair is audited; a run that does not repair is still removed."""
    page = "居民共商问题?!背啥际须p流区东升街道书记说，很好。另有总?藬?一句。\n"
    result = clean_document(page, rules, title="x")
    assert result["text"] == "居民共商问题〓成都市双流区东升街道书记说，很好。另有总一句。"
    repairs = [r for r in result["audit"] if r["action"] == "repair_span"]
    assert [r["text"] for r in repairs] == ["?!背啥际须p → 〓成都市雙"]
    assert result["stats"]["damaged_runs"] == 2 and result["stats"]["damage_repaired"] == 1
    assert (result["stats"]["chars_recovered"], result["stats"]["chars_lost"]) == (4, 1)


def test_pingliang_road_reads_again(rules):
    """The street the 2019 case is about: the cleaned text read ①平区城市更新 before repair."""
    from project import SEEDS

    raw = (SEEDS / "2019_shanghai-pingliang_dangzheng-luntan.txt").read_text(encoding="utf-8")
    result = clean_document(raw, rules)
    text = result["text"]
    assert "①平凉路街道是城市老工业区" in text and text.count("平凉路街道") >= 5 and "平〓路" not in text
    assert "①平区城市更新" not in text
    assert any(r["text"].endswith("→ 涼路街道是城市老工業") for r in result["audit"] if r["action"] == "repair_span")
    assert result["stats"]["chars_restored"] == 13  # every 平〓 of the page, and nothing else


def test_a_lost_character_is_restored_only_when_one_place_name_fits():
    from govtopics.text.repair import restore_lost

    trail = "凉".encode("gbk")[1]  # 凉 = C1 B9: B9 survives; 平坦, 平庸, 平展 are words, only 平凉 a place
    assert restore_lost("上海平", trail) == "凉"
    assert restore_lost("①平", "涼".encode("gbk")[1]) == "涼"  # a page in Traditional characters
    assert restore_lost("，我", trail) == "〓"  # no place name fits: stays lost
    assert restore_lost("", trail) == "〓"


def test_repair_refuses_what_does_not_read_as_chinese():
    from govtopics.text.repair import repair_run

    assert repair_run("?雎方值朗浅鞘欣瞎\ue63dI") == "〓路街道是城市老工業"
    for run in ("?;鶎又卫淼某尚?", "?!包c", "?f", "?!薄", "问题"):
        assert repair_run(run) is None, run


def test_a_repair_may_hold_the_quotation_marks_of_a_named_practice(rules):
    """The run after 营造良好氛围 in the 2019 Pingliang page is “面”即是各居民区 one byte out of
    step. It was refused because a quotation mark is not a character, and the part of the run
    after 懊 stayed in the text (妗奔词歉骶用𫘞^)."""
    from project import SEEDS

    from govtopics.text.repair import repair_run

    assert repair_run("?!懊妗奔词歉骶用駞^") == "〓面”即是各居民區"
    # More marks than one for every two characters is not a repair (居民“”“”“”区, one byte out of step).
    assert repair_run("?!伨用瘛啊薄啊薄啊鼻鴣") is None and repair_run("?!伱妗奔词歉骶用袂鴣") == "〓面”即是各居民区〓"
    raw = (SEEDS / "2019_shanghai-pingliang_dangzheng-luntan.txt").read_text(encoding="utf-8")
    repaired = clean_document(raw, rules)["text"]
    assert "营造良好氛围〓面”即是各居民区党组织通过" in repaired
    dropped = clean_document(raw, dataclasses.replace(rules, encoding_damage="drop_run"))["text"]
    assert "营造良好氛围党组织通过" in dropped  # removed whole, 𫘞 (beyond U+FFFF) and ^ included


def test_the_corpus_says_why_a_document_is_left_out_and_keeps_every_metadata_column():
    """clean.why_left_out and clean.document_table, which the corpus rule calls: an emptied or too
    short document says why, a near-duplicate names the document it repeats, and a metadata column
    of any document reaches documents.csv before its source."""
    import pandas as pd

    from govtopics.text.clean import document_table, why_left_out

    assert why_left_out("\u3000 \n", 50).startswith("nothing left after cleaning")
    assert why_left_out("网格化治理" * 3, 50).startswith("too short: 15 Chinese characters left after cleaning")
    assert why_left_out("网格化治理" * 20, 50) == ""
    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["甲", "乙", "丙"], "source": ["x", "y", "z"]})
    metadata = {"a": {"year": "2020"}, "b": {"region": "东部"}, "c": {}}
    found = document_table(table, metadata, {"c": "a"}, {"b": "too short: 3 Chinese characters"})
    assert list(found.columns) == ["doc_id", "title", "region", "year", "source", "duplicate_of", "excluded"]
    assert found["year"].tolist() == ["2020", "", ""] and found["duplicate_of"].tolist() == ["", "", "a"]
    assert found["excluded"].tolist() == ["", "too short: 3 Chinese characters", "near-duplicate of a"]
    assert "region" not in table, "the shards' table is not changed"


def test_only_the_article_s_language_reaches_the_features():
    """Issue 33: an English abstract made `the`, `of`, `mechanism` distinctive terms; a line EN and an
    address became `ENhttps, cn, gov, www`; a saved page kept its 上一篇/下一篇 links. Each goes, with its
    reason in the audit; an English term inside a Chinese sentence stays."""
    from shapes import clean_rules

    from govtopics.text.clean import clean_document

    page = "\n".join(
        [
            "上海推进垃圾分类",
            "上海市坚持以党建引领基层治理，推进垃圾分类工作，居民参与热情高涨，社区环境明显改善。",
            "Evaluation of waste sorting governance in Shanghai",
            "This paper studies the mechanism of waste sorting governance and the role of the community.",
            "EN",
            "https://www.gov.cn/",
            "上一篇：北京推进接诉即办改革",
            "上海各区积极探索，详见https://www.sh.gov.cn/a/b.html，5C(Carrier,Culture,Connect)模式推广。",
        ]
    )
    cleaned = clean_document(page, clean_rules())
    assert cleaned["text"].split("\n\n")[1] == "上海各区积极探索，详见，5C(Carrier,Culture,Connect)模式推广。"
    reasons = sorted((a["reason"], a["text"][:10]) for a in cleaned["audit"] if a["reason"] != "title")
    assert reasons == sorted(
        [
            ("not_chinese", "Evaluation"),
            ("not_chinese", "This paper"),
            ("not_chinese", "EN"),
            ("url", "https://ww"),
            ("navigation", "上一篇：北京推进接诉"),
            ("url", "https://ww"),
        ]
    ), reasons
