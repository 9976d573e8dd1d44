"""Near-duplicate documents: a repost (even shortened, with other boilerplate) is found, with its
overlap; distinct articles on the same topic are not."""

from govtopics.duplicates import find_duplicates, set_aside

ARTICLE = (
    "成都市不断巩固完善拓展微网实格治理效能，聚力实施小区网格党组织体系筑基、党建引领自治机制建立等专项行动，"
    "持续完善党组织领导下的村居民议事会、四事四共等基层议事协商制度，有效引导广大群众全过程参与基层治理。"
)
OTHER = (
    "赤峰市把市、旗县区、苏木乡镇、嘎查村四级党组织有效联动作为上下贯通的动力主轴，以系统思维和"
    "整体观念推进开门党建，党员服务助力一线攻坚，党建联合聚焦一体共赢。"
)


def test_repost_found_and_later_copy_set_aside():
    texts = [ARTICLE, OTHER, "转载：" + ARTICLE[: len(ARTICLE) * 3 // 4]]
    pairs = find_duplicates(["a", "b", "c"], texts, threshold=0.8)
    assert [(p["doc_id"], p["duplicate_of"]) for p in pairs] == [("c", "a")]
    assert pairs[0]["containment"] > 0.95 and 0.6 < pairs[0]["jaccard"] < 0.8
    assert set_aside(pairs) == {"c": "a"}


def test_distinct_articles_are_not_duplicates():
    assert find_duplicates(["a", "b"], [ARTICLE, OTHER]) == []
