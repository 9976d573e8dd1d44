"""Text reuse: normalisation keeps offsets, the aligner finds edited copies and nothing in texts
that only share a subject, direction comes from dates, boilerplate is flagged, the case tables
count a passage once from its source, and the report says it in one sentence."""

from pathlib import Path

import opencc
import pandas as pd
import pytest

from govtopics.comparison import reuse
from govtopics.presentation import reuse_page, summary

SEEDS = Path(__file__).resolve().parents[1] / "resources/corpus/seeds"
PARAMS = {
    "min_chars": 30,
    "min_identity": 0.6,
    "seed_chars": 4,
    "max_gap": 30,
    "index_chars": 6,
    "min_shared_grams": 3,
    "max_document_frequency": 50,
    "max_partners": 50,
    "boilerplate_documents": 5,
    "boilerplate_short_documents": 3,
    "boilerplate_short_chars": 60,
}
# a real passage (the seeds' Chengdu article) and unrelated real sentences on the same subject
PASSAGE = (
    "成都市以党建引领城乡社区发展治理，在全市推行“微网实格”治理机制，将全市划分为若干个微网格，"
    "由社区党员、楼栋长、志愿者担任微网格员，实现了小事不出网格、大事不出社区。"
    "网格员每天走访居民，收集诉求，及时化解矛盾纠纷，居民的获得感和满意度明显提升。"
)
OTHER = (
    "上海市在城市基层党建中探索区域化党建，依托街道社区党建服务中心整合资源，推动机关、企业、"
    "学校和社会组织共同参与社区治理，形成了共建共治共享的格局。"
)


def real_bodies(n: int) -> list[str]:
    """``n`` pieces of 300 characters from different places of the seed articles (no two share text)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [texts[i % len(texts)][1500 + 1000 * (i // len(texts)) :][:300] for i in range(n)]


FILLER = real_bodies(1)[0]


def test_normalise_keeps_offsets_through_traditional_and_width():
    text = "網格員：ＡＢＣ１２\n  每天走訪居民。"
    norm, at = reuse.normalise(text)
    assert norm == "网格员abc12每天走访居民"
    assert [text[i] for i in at][:3] == ["網", "格", "員"]
    assert text[at[norm.index("每")]] == "每"


def test_lightly_edited_copy_is_found_with_its_offsets():
    first, second = real_bodies(2)
    source = first + PASSAGE + OTHER
    copy = PASSAGE.replace("每天", "经常").replace("及时", "")
    borrower = second + "据介绍，" + copy
    found = reuse.find_reuse(["a", "b"], [source, borrower], {"a": "2020-01-01", "b": "2021-05-01"}, PARAMS)
    copied = [p for p in found if not p["boilerplate"] and p["chars"] > 60]
    assert len(copied) == 1
    p = copied[0]
    start = source.index(PASSAGE)
    assert abs(p["start_a"] - start) <= 2 and abs(p["end_a"] - (start + len(PASSAGE))) <= 2
    assert p["text_b"] == borrower[p["start_b"] : p["end_b"]] and "经常走访居民" in p["text_b"]
    assert p["direction"] == "a_first" and p["source"] == "a"


def test_traditional_copy_is_found():
    traditional = opencc.OpenCC("s2t").convert(PASSAGE)
    assert traditional != PASSAGE
    found = reuse.find_reuse(["a", "b"], [OTHER + PASSAGE, FILLER + traditional], {}, PARAMS)
    assert len(found) == 1 and found[0]["chars"] >= 0.95 * len(reuse.normalise(PASSAGE)[0])
    assert found[0]["direction"] == "undated" and found[0]["source"] == ""


def test_texts_on_the_same_subject_share_nothing():
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    found = reuse.find_reuse([p.stem for p in seeds], texts, {}, PARAMS)
    assert found == []  # five real articles on party-building-led governance, none copied


@pytest.mark.parametrize(
    ("a", "b", "way"),
    [("2019-05-01", "2020-01-01", "a_first"), ("2021", "2020-12-31", "b_first"), ("2020-03", "2020-03-09", "same_date"),
     ("", "2020", "undated"), ("2020-01-01", "2020-01-01", "same_date")],
)  # fmt: skip
def test_direction_from_dates(a, b, way):
    assert reuse.direction(a, b) == way


def test_boilerplate_in_many_documents_is_flagged_and_the_source_of_a_family_counts_once():
    formula = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，推动各项工作落地见效。"
    bodies = real_bodies(6)
    texts = [f"{i}号文件。" + formula + body for i, body in enumerate(bodies)]
    texts[1] += PASSAGE  # the source
    texts[2] += "报道称：" + PASSAGE  # two copies of it
    texts[3] += PASSAGE.replace("明显提升", "大大提高")
    ids = [f"d{i}" for i in range(6)]
    dates = {d: f"202{i}-01-01" for i, d in enumerate(ids)}
    rows = reuse.find_reuse(ids, texts, dates, {**PARAMS, "min_chars": 20})
    formulas = [r for r in rows if "习近平新时代" in r["text_a"] and r["chars"] < 60]
    assert formulas and all(r["boilerplate"] for r in formulas)
    copies = [r for r in rows if "微网实格" in r["text_a"]]
    assert {(r["doc_a"], r["doc_b"]) for r in copies} == {("d1", "d2"), ("d1", "d3"), ("d2", "d3")}
    assert all(r["cluster_source"] == "d1" and r["cluster_documents"] == 3 and not r["boilerplate"] for r in copies)
    counted = [r for r in copies if reuse.counted(r)]
    assert {(r["doc_a"], r["doc_b"]) for r in counted} == {("d1", "d2"), ("d1", "d3")}  # not the copy of a copy


def test_case_reuse_goes_from_the_earlier_case_with_the_share_of_the_borrower():
    row = {
        "doc_a": "late", "doc_b": "early", "case_a": "late_c01", "case_b": "early_c01", "start_a": 10, "end_a": 110,
        "start_b": 0, "end_b": 100, "date_a": "2021-01-01", "date_b": "2019-06-01", "direction": "b_first",
        "boilerplate": False, "cluster_source": "early",
    }  # fmt: skip
    out = reuse.case_reuse([row], {"late_c01": 400, "early_c01": 1000}, {"late_c01": "深圳", "early_c01": "上海"})
    assert len(out) == 1
    assert out[0]["source_label"] == "上海" and out[0]["target_label"] == "深圳"
    assert out[0]["characters"] == 100 and out[0]["share_of_target"] == 0.25
    sentence = summary.reuse(pd.DataFrame(out), pd.DataFrame([row]), 30)[0]["text"]
    assert sentence.startswith("Text reuse: 深圳 shares 1 passage(s), 100 characters (25.0% of its text), with 上海")
    assert "published 2 years earlier" in sentence
    assert reuse.case_reuse([{**row, "boilerplate": True}], {}, {}) == []


def test_no_reuse_is_said():
    empty = pd.DataFrame(columns=reuse.CASE_REUSE_COLUMNS)
    text = summary.reuse(empty, pd.DataFrame(columns=reuse.OUTPUT_COLUMNS), 30, "zh")[0]["text"]
    assert text.startswith("没有案例借用其他案例的文字")


def test_report_marks_what_the_borrower_changed():
    left, right = reuse_page.marked("网格员每天走访居民", "网格员经常走访居民<b>")
    assert left == "网格员<del>每天</del>走访居民"
    assert right == "网格员<ins>经常</ins>走访居民<ins>&lt;b&gt;</ins>"


def test_unit_similarity_is_symmetric_and_leaves_boilerplate_out():
    rows = [
        {"case_a": "x", "case_b": "y", "start_a": 0, "end_a": 50, "start_b": 0, "end_b": 40, "boilerplate": False,
         "cluster_source": "", "doc_a": "x", "doc_b": "y"},
        {"case_a": "x", "case_b": "z", "start_a": 0, "end_a": 50, "start_b": 0, "end_b": 50, "boilerplate": True,
         "cluster_source": "", "doc_a": "x", "doc_b": "z"},
    ]  # fmt: skip
    m = reuse.unit_similarity(rows, {"x": "x", "y": "y", "z": "z"}, ["x", "y", "z"], {"x": 100, "y": 80, "z": 100})
    assert m[0, 1] == m[1, 0] == 0.5 and m[0, 2] == 0 and (m.diagonal() == 1).all()


@pytest.mark.parametrize(
    ("documents", "chars", "identity", "common", "flagged"),
    [(5, 300, 0.7, 0.0, True), (4, 300, 1.0, 0.0, False), (3, 50, 0.95, 0.0, True), (3, 50, 0.7, 0.0, False),
     (3, 80, 1.0, 0.0, False), (2, 50, 1.0, 0.0, False), (2, 50, 0.7, 0.8, True)],
)  # fmt: skip
def test_boilerplate_rule(documents, chars, identity, common, flagged):
    rule = {key: PARAMS[key] for key in reuse.BOILERPLATE_KEYS}
    assert reuse.is_boilerplate(documents, chars, identity, common, rule) == flagged
