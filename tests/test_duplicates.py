"""Near-duplicate documents: a repost (even shortened, with other boilerplate) is found, with its
overlap; distinct articles on the same topic are not."""

from govtopics.text.duplicates import find_duplicates, set_aside

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


def exact_pairs(doc_ids, texts, threshold, shingle=5):
    """Every pair compared on Python sets of shingles: the quadratic reference."""
    import re

    sets = [
        {t[i : i + shingle] for i in range(len(t) - shingle + 1)} for t in (re.sub(r"\s\s+", " ", x) for x in texts)
    ]
    pairs = []
    for b in range(len(texts)):
        for a in range(b):
            if sets[a] and sets[b]:
                shared = len(sets[a] & sets[b])
                if shared / min(len(sets[a]), len(sets[b])) >= threshold:
                    pairs.append((doc_ids[b], doc_ids[a], round(shared / min(len(sets[a]), len(sets[b])), 9)))
    return sorted(pairs, key=lambda p: (doc_ids.index(p[1]), doc_ids.index(p[0])))


def planted_corpus(texts, copies=30, seed=1):
    """``texts`` and shortened reposts of them with other boilerplate around."""
    import random

    rng = random.Random(seed)
    ids, texts = [f"t{i}" for i in range(len(texts))], list(texts)
    for n in range(copies):
        source = rng.randrange(len(ids))
        text = texts[source]
        keep = rng.uniform(0.5, 1.0)
        start = rng.randrange(0, max(1, int(len(text) * (1 - keep))))
        texts.append("转载自某网站\n" + text[start : start + int(len(text) * keep)] + "\n责任编辑：某某")
        ids.append(f"copy{n}")
    return ids, texts


def check_same_pairs_as_exact(ids, texts, threshold=0.8):
    found = [
        (p["doc_id"], p["duplicate_of"], round(p["containment"], 9)) for p in find_duplicates(ids, texts, threshold)
    ]
    assert found == exact_pairs(ids, texts, threshold)


def test_lsh_finds_the_same_pairs_as_comparing_every_pair():
    """MinHash LSH proposes, the exact check disposes: the pairs are those of the quadratic method."""
    from project import SEEDS

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    ids, texts = planted_corpus(seeds, copies=20)
    check_same_pairs_as_exact(ids, texts)
    assert sum(i.startswith("copy") for i in ids) == 20 and len(find_duplicates(ids, texts)) >= 20


def test_lsh_same_pairs_on_the_government_work_reports():
    import json

    import pytest
    from project import ROOT

    path = ROOT.parent / "shared/corpora/government_work_reports.jsonl"
    if not path.is_file():
        pytest.skip("shared corpus not beside the project")
    reports = [json.loads(line)["content"] for line in path.read_text(encoding="utf-8").splitlines()]
    check_same_pairs_as_exact(*planted_corpus(reports, copies=40))
