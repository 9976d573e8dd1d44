"""Where a case is (issue 32): one test per kind of wrong label seen on real pages, each on a short
text written here in the manner of those pages (the real pages themselves are not ours to copy)."""

import pandas as pd
from shapes import clean_rules

from govtopics.presentation.reading import reading_html, what_was_read
from govtopics.text.cases import split_cases, unique_labels
from govtopics.text.clean import clean_document
from govtopics.text.placing import NOT_PLACED, place_text

RULES = clean_rules()


def label_of_page(page: str, title: str = "") -> dict:
    """The single case of a page as the clean and case steps make it."""
    cleaned = clean_document(page, RULES, title=title or None)
    meta = {"title": cleaned["fields"].get("title", "")}
    cases, _ = split_cases([{"doc_id": "d", "text": cleaned["text"], "metadata": meta}])
    assert len(cases) == 1, [c["label"] for c in cases]
    return cases[0]


def test_authors_affiliations_on_one_line_are_no_evidence_and_a_national_text_says_so():
    """A study by authors of four universities became 盐城 from its line of affiliations."""
    page = "\n\n".join(
        [
            "数字技术赋能河湖治理的路径",
            "(1.河海大学商学院，江苏 南京 211100; 2.天津大学管理与经济学部，天津 300072; 3.武汉大学经济与管理学院，"
            "湖北 武汉 430072; 4.盐城工学院盐城绿色低碳发展研究院，江苏 盐城 224051)",
            "河湖长制作为一项水环境管理制度，在各地全面推行已有多年，成为水利高质量发展的重要内容。",
            "水利部在北京召开座谈会，强调要提升队伍能力，强化工作绩效，推动制度从有名走向有实。",
        ]
    )
    case = label_of_page(page)
    assert case["label"] == "全国", case
    assert case["label_rule"] == "national_words" and case["label_confidence"] == "low"


def test_the_province_the_body_names_when_no_city_stands_out():
    """A study of one province's rivers fell back to its file name (x03)."""
    text = "发源于江苏省无锡市的河湖管理制度是生态文明建设的重要推手。学者分别以江苏、上海和广东为例做了研究。"
    found = place_text([text])
    assert (found["label"], found["rule"], found["confidence"]) == ("江苏", "province", "medium")


def test_the_case_a_study_names_in_its_subtitle():
    found = place_text(["——以贵州省J县F社区为例", "乡村治理是乡村振兴的基础。"], title="积分制赋能乡村治理的实践逻辑")
    assert (found["label"], found["rule"], found["confidence"]) == ("贵州", "case_study", "high")
    several = place_text(["正文。"], title="基层治理比较：以珠海、深圳、成都为例")
    assert several["label"].startswith("多地") and several["place"] == ""


def test_a_list_of_pilot_sites_is_several_places_not_its_first():
    """固原 was the label of a survey of eight pilot sites (x20)."""
    text = (
        "近年来全国多地开展了积分制改革探索。如江苏省推进的积分制，涉及8个县；山东省济南市全域推进了积分模式；"
        "宁夏回族自治区固原市推广了积分卡制度。中央推出了上海奉贤、江西新余、宁夏固原、安徽金寨、湖南津市、"
        "河南济源、浙江平湖、湖南新化等8个典型案例。"
    )
    found = place_text([text])
    assert found["label"].startswith("多地：") and len(found["label"]) <= 15, found


def test_a_county_named_for_its_province_and_a_meeting_venue_is_no_place():
    """诸暨 without 绍兴 was no place, and 北京 (where a meeting was held) became the label (x23)."""
    text = (
        "诞生于诸暨枫桥的枫桥经验，这段日子一直处在高光时刻。纪念大会在北京召开。"
        "我们来到诸暨，追寻留给浙江的精神财富，感悟浙江基层治理的真理力量。"
    )
    assert place_text([text])["label"] == "绍兴诸暨"
    assert place_text(["纪念大会在北京召开，各地代表参加。"])["label"] == "全国"


def test_a_district_written_without_its_suffix_or_city():
    """记者从虹口各社区了解到: 虹口 alone is Shanghai's district (s03)."""
    found = place_text(["记者从虹口各社区了解到，垃圾分类推进顺利，居民参与热情高涨。"])
    assert (found["label"], found["rule"], found["confidence"]) == ("上海虹口", "county_short_form", "low")


def test_a_text_that_names_no_place_says_so_instead_of_its_title_or_file_name():
    page = "乡村振兴积分制超市建设\n\n积分制超市是一种创新的治理模式，通过将村民的日常行为量化为积分，激发内生动力。"
    case = label_of_page(page)
    assert case["label"] == NOT_PLACED and case["label_confidence"] == "none" and case["label_rule"] == "no_place"


def test_a_page_title_with_its_site_name_is_the_title_and_its_copy_no_second_case():
    """北京:12345,有呼必有应-新华网 / 新华网 > 时政 > 正文 / 北京:12345,有呼必有应: one case, not two."""
    body = "北京市12345市民服务热线接诉即办，推动解决群众身边的急难愁盼问题，北京各区不断完善机制。"
    page = f"北京:12345,有呼必有应-新华网\n新华网 > 时政 > 正文\n来源:人民日报\n北京:12345,有呼必有应\n{body}"
    cleaned = clean_document(page, RULES)
    assert cleaned["fields"]["title"] == "北京：12345,有呼必有应"
    reasons = {a["text"]: a["reason"] for a in cleaned["audit"] if a["action"] == "drop_line"}
    assert reasons["新华网 > 时政 > 正文"] == "navigation" and reasons["北京:12345,有呼必有应"] == "title"
    assert label_of_page(page)["label"] == "北京"


def test_a_title_and_its_subtitle_after_a_dash_do_not_swallow_the_byline():
    page = "再访枫桥，读懂基层治理的善治之道——\n绘出更美新“枫”景\n本报记者 朱海兵 陆乐 共享联盟·诸暨 李伯俭\n诞生于诸暨枫桥的枫桥经验，一直处在高光时刻。"
    cleaned = clean_document(page, RULES)
    assert cleaned["fields"]["title"] == "再访枫桥，读懂基层治理的善治之道——绘出更美新“枫”景"
    assert cleaned["fields"]["authors"] == "朱海兵、陆乐、李伯俭"
    assert cleaned["text"].startswith("诞生于诸暨枫桥")


def test_every_label_says_its_rule_evidence_and_confidence():
    text = "深圳：以制度创新引领基层党建\n\n深圳的正文，深圳市坚持党建引领。"
    cases, _ = split_cases([{"doc_id": "d", "text": text, "metadata": {}}])
    assert cases[0]["label_rule"] == "heading" and cases[0]["label_confidence"] == "high"
    assert cases[0]["label_evidence"] == "深圳：以制度创新引领基层党建"
    plain = "成都市推进微网实格治理，成都各区县积极探索，成都的经验值得推广。"
    cases, _ = split_cases([{"doc_id": "e", "text": plain, "metadata": {}}])
    assert (cases[0]["label"], cases[0]["label_rule"], cases[0]["label_confidence"]) == ("成都", "body", "medium")
    assert "成都" in cases[0]["label_evidence"]


def test_labels_several_cases_share_are_told_apart_by_what_distinguishes_them():
    rows = [
        {"label": "北京", "doc_id": "a", "heading": ""},
        {"label": "北京", "doc_id": "b", "heading": ""},
        {"label": "浙江", "doc_id": "c", "heading": ""},
        {"label": "浙江", "doc_id": "d", "heading": ""},
        {"label": "上海", "doc_id": "e", "heading": "以服务促融合"},
        {"label": "上海", "doc_id": "e", "heading": "三建融合构建共同体"},
        {"label": "甲", "doc_id": "f", "heading": ""},
        {"label": "甲", "doc_id": "g", "heading": ""},
        {"label": "甲", "doc_id": "h", "heading": ""},
    ]
    documents = {
        "a": {"date": "2019-06-21"},
        "b": {"date": "2025-12-01"},
        "c": {"date": "", "authors": "杨俊杰"},
        "d": {"date": ""},
    }
    labels = [r["label"] for r in unique_labels(rows, documents)]
    assert labels[:6] == [
        "北京（2019）",
        "北京（2025）",
        "浙江·杨俊杰",
        "浙江",
        "上海·以服务促融合",
        "上海·三建融合构建",
    ]
    assert labels[6:] == ["甲（f）", "甲（g）", "甲（h）"], "nothing else tells them apart: the file each comes from"
    bare = unique_labels([{"label": "乙"}, {"label": "乙"}])
    assert [r["label"] for r in bare] == ["乙-1", "乙-2"], "a counter only where not even a document id differs"


def test_what_was_read_lists_the_weak_and_missing_labels():
    cases = pd.DataFrame(
        [
            {"case_id": "x_c01", "doc_id": "x", "label": "未定位", "label_rule": "no_place", "label_evidence": ""},
            {"case_id": "y_c01", "doc_id": "y", "label": "成都", "label_rule": "body", "label_evidence": "…成都…"},
        ]
    ).assign(label_confidence=["none", "medium"])
    empty = pd.DataFrame(columns=["status", "source", "reason"])
    facts = what_was_read(empty, pd.DataFrame(columns=["doc_id", "excluded"]), pd.DataFrame(columns=["status"]), cases)
    assert [r["case_id"] for r in facts["weak_labels"]] == ["x_c01"]
    page = reading_html(facts, language="zh")
    assert "x_c01" in page and "cases.overrides" in page and "y_c01" not in page
    assert "no place named" in reading_html(facts, language="en")


def test_a_label_column_of_the_metadata_fixes_the_documents_it_fills_and_no_other():
    """Issue 32: a weak or missing label is fixed through the metadata's label column (案例), filled
    for those documents only; the others keep the label their text gives."""
    text = "成都市推进微网实格治理，成都各区县积极探索，成都的经验值得推广。"
    documents = [
        {
            "doc_id": "a",
            "text": "乡村治理积分制推动村民参与，积分超市让村民得到实惠。",
            "metadata": {"案例": "丹棱万年村"},
        },
        {"doc_id": "b", "text": text, "metadata": {"案例": ""}},
    ]
    cases, _ = split_cases(documents)
    assert [(c["label"], c["label_rule"], c["label_confidence"]) for c in cases] == [
        ("丹棱万年村", "metadata_label", "high"),
        ("成都", "body", "medium"),
    ]
