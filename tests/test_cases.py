"""Cases: headings on one line or two, preambles, articles without headings, manual overrides."""

import pytest

from govtopics.reading.io import InputError
from govtopics.text.cases import (
    check_overrides,
    comparison_units,
    parse_heading,
    relabel,
    short_label,
    split_cases,
    unique_labels,
)
from govtopics.text.gazetteer import describe
from govtopics.text.placing import place_text


def build_cases(documents, max_heading_chars=40, label_column="", overrides=None):
    """What the pipeline does with one shard: ``split_cases`` (the cases_shard job), then
    ``check_overrides`` and ``unique_labels`` over the gathered cases (the cases job)."""
    case_rows, paragraph_rows = split_cases(documents, max_heading_chars, label_column, overrides)
    check_overrides(overrides or [], [d["doc_id"] for d in documents])
    return unique_labels(case_rows), paragraph_rows


def test_heading_forms():
    assert parse_heading("深圳：以制度创新引领基层党建新气象", None) == (
        "深圳",
        "以制度创新引领基层党建新气象",
        1,
    )
    assert parse_heading("上海杨浦区五角场街道：", "三建融合  构建城区基层党建共同体") == (
        "上海杨浦区五角场街道",
        "三建融合  构建城区基层党建共同体",
        2,
    )
    assert parse_heading("来源：求是网", None) is None  # not a place
    assert parse_heading("深圳：这是一个很长的句子。", None) is None  # a sentence, not a headline


def test_labels_and_regions():
    assert short_label("上海杨浦区五角场街道") == "上海杨浦五角场"
    assert short_label("内蒙古赤峰") == "内蒙古赤峰"
    assert describe("内蒙古赤峰") == {"province": "内蒙古", "city": "赤峰", "region": "西部"}
    assert describe("吉林松原")["region"] == "东北"
    assert describe("成都")["province"] == "四川"


def test_the_place_a_text_names_most():
    text = "成都市武侯区推进小区治理。成都市双流区、金牛区也在行动。上海的经验。成都"
    assert place_text([text])["label"] == "成都"


def test_build_cases():
    documents = [
        {
            "doc_id": "a",
            "metadata": {},
            "text": "导语段落，介绍背景。\n\n深圳：以制度创新引领\n\n深圳的正文。\n\n厦门：国际化社区\n\n厦门的正文。",
        },
        {"doc_id": "b", "metadata": {"year": "2024"}, "text": "成都市推进治理。成都市武侯区。"},
    ]
    cases, paragraphs = build_cases(documents)
    assert [c["label"] for c in cases] == ["深圳", "厦门", "成都"]
    assert [p["role"] for p in paragraphs if p["doc_id"] == "a"] == [
        "preamble",
        "heading",
        "body",
        "heading",
        "body",
    ]
    assert paragraphs[0]["case_id"] == ""
    assert cases[0]["n_chars"] == len("深圳的正文。")
    cases, _ = build_cases(documents, label_column="year")
    assert cases[-1]["label"] == "2024"
    cases, _ = build_cases(documents, overrides=[{"doc_id": "b", "label": "成都微网实格"}])
    assert cases[-1]["label"] == "成都微网实格"


def test_duplicate_labels_made_unique():
    documents = [{"doc_id": d, "metadata": {}, "text": "上海市的街道。上海"} for d in ("a", "b")]
    cases, _ = build_cases(documents)
    assert [c["label"] for c in cases] == ["上海（a）", "上海（b）"]  # nothing but their documents tells them apart


def test_cases_split_shard_by_shard_and_gathered_are_the_corpus_cases():
    """What the cases_shard jobs and the cases rule do: labels shared across shards still get one
    suffix sequence, in corpus order; an override of a document no shard holds is an error."""
    texts = {"a": "上海市的街道。上海", "b": "成都市的社区。成都", "c": "上海市的社区。上海", "d": "上海市。上海"}
    documents = [{"doc_id": d, "metadata": {}, "text": t} for d, t in texts.items()]
    overrides = [{"doc_id": "b", "label": "成都微网实格"}]
    whole = build_cases(documents, overrides=overrides)
    cases, paragraphs = [], []
    for shard in (documents[:1], documents[1:3], documents[3:], []):
        shard_cases, shard_paragraphs = split_cases(shard, overrides=overrides)
        cases += shard_cases
        paragraphs += shard_paragraphs
    check_overrides(overrides, texts)
    assert (unique_labels(cases), paragraphs) == whole
    assert [c["label"] for c in whole[0]] == ["上海（a）", "成都微网实格", "上海（c）", "上海（d）"]
    with pytest.raises(InputError, match="names doc_id x, which is not in the corpus"):
        check_overrides([{"doc_id": "x", "label": "某地"}], texts)


def test_override_heading_not_in_the_document_is_an_error():
    """Issue 10 item 8: it used to be ignored silently."""
    import pytest

    from govtopics.reading.io import InputError

    documents = [{"doc_id": "a", "metadata": {}, "text": "导语。\n\n深圳：以制度创新引领\n\n深圳的正文。"}]
    overrides = [{"doc_id": "a", "heading": "深圳：以制度创新引领", "label": "深圳前海"}]
    assert build_cases(documents, overrides=overrides)[0][0]["label"] == "深圳前海"
    overrides.append({"doc_id": "a", "heading": "厦门：不在文中", "label": "厦门"})
    with pytest.raises(InputError, match=r"'厦门：不在文中' for doc_id a.*results/<run>/corpus/clean/a.txt"):
        build_cases(documents, overrides=overrides)


def test_label_column_that_does_not_exist_is_an_error():
    """Issue 10 item 9: it used to fall back to place labels silently."""
    import pytest

    from govtopics.reading.io import InputError

    documents = [{"doc_id": "a", "metadata": {"year": "2024", "title": "报告"}, "text": "成都市推进治理。成都市。"}]
    with pytest.raises(InputError, match=r"'corpus.label_column' .* 'yaer', .*columns: title, year"):
        build_cases(documents, label_column="yaer")


def test_heading_with_no_text_under_it_is_not_a_case():
    documents = [{"doc_id": "a", "metadata": {}, "text": "深圳：以制度创新引领\n\n厦门：国际化社区\n\n厦门的正文。"}]
    cases, paragraphs = build_cases(documents)
    assert [c["label"] for c in cases] == ["厦门"] and all(c["n_chars"] > 0 for c in cases)
    assert paragraphs[0]["case_id"] == "" and paragraphs[0]["role"] == "preamble"


def test_the_locality_a_case_speaks_of_is_found_and_joins_the_label():
    """Issue 8: the 平凉路街道 case was labelled 上海杨浦, like the whole district."""
    from govtopics.text.cases import dominant_locality, with_locality

    text = "①平凉路街道是城市老工业区。为平凉路街道党建服务，平凉路街道紧紧围绕，结合街道实际，依托社区资源。"
    assert dominant_locality(text) == "平凉路街道"
    assert dominant_locality("图为官任社区。增进官任社区融合，官任社区居民。完善社区服务。") == "官任社区"
    city_wide = "长寿苑社区、长寿苑社区、长庆社区、仙韵社区，东升街道，营门口街道。"
    assert dominant_locality(city_wide) == "", "no one locality dominates a city-wide case"
    generic = "加强农村建设。加强农村治理。加强农村党建。各街道、各社区、全村。"
    assert dominant_locality(generic) == "", "农村, 各街道 and 全村 are no places"
    assert with_locality("上海杨浦", "平凉路街道") == "上海杨浦平凉路街道"
    assert with_locality("上海杨浦五角场", "五角场街道") == "上海杨浦五角场街道"
    assert with_locality("海南", "") == "海南"


def test_labels_a_user_gave_are_not_changed_by_the_locality():
    text = "平凉路街道是老工业区。平凉路街道党建。平凉路街道服务。"
    documents = [{"doc_id": "a", "text": text, "metadata": {"year": "2019"}}]
    rows, _ = build_cases(documents, label_column="year")
    assert rows[0]["label"] == "2019" and rows[0]["locality"] == "平凉路街道"


def test_a_street_named_after_a_city_is_not_that_city():
    """平凉路 (a Shanghai street) once made the Pingliang case a case of 平凉 in Gansu."""
    from govtopics.text.gazetteer import find_places

    assert [p.short for p in find_places("上海杨浦区平凉路街道、南京路步行街")] == ["上海", "杨浦"]
    assert [p.short for p in find_places("甘肃平凉市、平凉街道")] == ["甘肃", "平凉", "平凉"]


def test_cases_are_grouped_only_above_the_limit():
    cases = [
        {
            "case_id": f"d{i}_c01",
            "label": label,
            "province": province,
            "city": city,
            "region": "东部",
            "doc_id": f"d{i}",
        }
        for i, (label, province, city) in enumerate(
            [("深圳", "广东", "深圳"), ("珠海", "广东", "珠海"), ("上海", "上海", "上海"), ("厦门", "福建", "厦门")]
        )
    ]
    documents = {f"d{i}": {"doc_id": f"d{i}", "date": f"20{18 + i}-01-01"} for i in range(4)}
    units, unit_of, why = comparison_units(cases, documents, 4, "province")
    assert why == "" and [u["case_id"] for u in units] == [c["case_id"] for c in cases]
    units, unit_of, why = comparison_units(cases, documents, 3, "province")
    assert [u["label"] for u in units] == ["上海", "广东", "福建"] and "3 groups" in why
    guangdong = units[1]
    assert guangdong["n_cases"] == 2 and guangdong["province"] == "广东" and guangdong["city"] == ""
    assert unit_of["d1_c01"] == "province=广东"
    units, _, _ = comparison_units(cases, documents, 3, "year")  # from the documents' date
    assert [u["label"] for u in units] == ["2018", "2019", "2020", "2021"]
    with pytest.raises(InputError, match="compare.aggregate_by"):
        comparison_units(cases, documents, 3, "publisher")
    # one group would leave nothing to compare (a table's column that never reached the documents
    # once grouped 3,292 cases into a single 'year=(none)')
    with pytest.raises(InputError, match=r"every case has the same 'region' \('东部'\).*raise compare.max_square"):
        comparison_units(cases, documents, 3, "region")
    rows = list(relabel([{"case_id": "d0_c01"}, {"case_id": ""}], unit_of))
    assert [r["case_id"] for r in rows] == ["province=广东", ""]
