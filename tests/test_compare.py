"""Comparisons: agreement of views, keyness, nearest cases, MDS, codebook counts, cluster
stability."""

from collections import Counter

import numpy as np

from govtopics.comparison import codebook, compare
from govtopics.models import clusters
from govtopics.presentation.reasons import agreement_note, cluster_reason
from govtopics.presentation.reasons import length_check as length_sentence

BLOCKS = np.array(
    [
        [1, 0.9, 0.8, 0.1, 0.1],
        [0.9, 1, 0.85, 0.1, 0.2],
        [0.8, 0.85, 1, 0.2, 0.1],
        [0.1, 0.1, 0.2, 1, 0.9],
        [0.1, 0.2, 0.1, 0.9, 1],
    ]
)


def test_agreement_of_identical_and_unrelated_views():
    same = compare.agreement(BLOCKS, BLOCKS, permutations=199, seed=1)
    assert abs(same["spearman"] - 1.0) < 1e-12 and same["p_value"] < 0.05 and same["pairs"] == 10
    rng = np.random.default_rng(3)
    noise = rng.random((5, 5))
    noise = (noise + noise.T) / 2
    assert compare.agreement(BLOCKS, noise, permutations=199)["p_value"] > 0.05


def test_keyness_g2_and_log_ratio():
    target = {"网格": 20, "服务": 10}
    rest = {"网格": 2, "服务": 100, "产业": 50}
    rows = compare.keyness(target, rest, top=5)
    assert [r["term"] for r in rows] == ["网格"]  # 服务 is under-used in the target
    assert rows[0]["g2"] > 10.83  # p < 0.001 at 1 df
    assert abs(rows[0]["log_ratio"] - np.log2((20 / 30) / (2 / 152))) < 1e-9
    # against the rest of a corpus, read on the target's terms only: the same rows
    total = {"网格": 22, "服务": 110, "产业": 50}
    assert compare.keyness(target, *compare.rest_of(target, total)[:1], top=5, reference_size=152) == rows
    assert compare.rest_of(target, total) == ({"网格": 2, "服务": 100}, 152)
    # a term used a hair more than elsewhere (G² ≈ 0; 党建 in a seed case once its captions were
    # dropped) is no distinctive term at compare.keyness_min_g2 = 3.84 (p < 0.05)
    hair = compare.keyness({"党建": 3, "其他": 97}, {"党建": 64, "其他": 2099}, top=5)
    assert [r["term"] for r in hair] == ["党建"] and hair[0]["g2"] < 0.01
    assert compare.keyness({"党建": 3, "其他": 97}, {"党建": 64, "其他": 2099}, top=5, min_g2=3.84) == []
    assert compare.keyness(target, rest, top=5, min_g2=3.84) == rows


def test_nearest_and_mds():
    labels = list("abcde")
    near = compare.nearest(BLOCKS, labels, 2)
    assert [(r["neighbour"], r["similarity"]) for r in near if r["case"] == "a"] == [("b", 0.9), ("c", 0.8)]
    coords, stress = compare.mds(BLOCKS)
    assert coords.shape == (5, 2) and stress < 0.2
    within = np.linalg.norm(coords[0] - coords[1])
    between = np.linalg.norm(coords[0] - coords[3])
    assert within < between


def test_codebook_hits_counted_once_per_position_with_context():
    patterns = codebook.compile_categories({"网格": {"terms": ["网格", "网格员"]}, "议事": {"terms": ["议事会"]}})
    counts, kwic = codebook.count_hits({"c1": [("p1", "小区网格员参加居民议事会，网格清晰。")]}, patterns)
    assert counts == {"c1": {"网格": 2, "议事": 1}}
    assert [k["match"] for k in kwic] == ["网格员", "网格", "议事会"]
    assert kwic[0]["left"] == "小区" and kwic[0]["right"].startswith("参加")
    rates = codebook.rates(counts, {"c1": 100})
    assert rates.tolist() == [[200.0, 100.0]]


def test_cluster_stability_measures():
    reference = np.array([1, 1, 1, 2, 2])
    same = [reference.copy() for _ in range(5)]
    assert np.allclose(clusters.case_stability(reference, same), 1)
    assert clusters.cluster_stability(reference, same) == {1: 1.0, 2: 1.0}
    split = [np.array([1, 1, 2, 2, 2])] * 4
    stability = clusters.case_stability(reference, split)
    assert stability[0] < 1 and stability[2] < stability[0]
    co = clusters.coassignment(same + split)
    assert np.allclose(co, co.T) and np.allclose(np.diag(co), 1)


def test_bootstrap_resampling_keeps_group_sizes():
    rng = np.random.default_rng(0)
    groups = [np.array([0, 1, 2]), np.array([3, 4])]
    matrix = clusters.resample(groups, 5, rng).toarray()
    assert matrix.sum(axis=1).tolist() == [3, 2]
    assert matrix[0, 3:].sum() == 0 and matrix[1, :3].sum() == 0


# Issue 10 items 3 and 4, issue 8's false "significant": degenerate inputs to the statistics.


def test_agreement_with_a_constant_view_is_undefined_not_significant():
    """The codebook's fallback np.eye gives every pair 0: ρ is undefined, and p must not be 0.001."""
    result = compare.agreement(BLOCKS, np.eye(5), permutations=199)
    assert np.isnan(result["spearman"]) and np.isnan(result["p_value"])
    assert result["note"] == "constant_view"
    assert "same similarity" in agreement_note(result, "en") and "相同的相似度" in agreement_note(result, "zh")


def test_agreement_of_two_cases_is_undefined():
    result = compare.agreement(np.eye(2), np.array([[1, 0.3], [0.3, 1]]))
    assert np.isnan(result["p_value"]) and result["pairs"] == 1 and result["note"] == "too_few_pairs"
    assert agreement_note(result, "en") == "2 case(s) make 1 pair(s): a rank correlation needs at least 3"


def test_agreement_with_few_cases_is_an_exact_test():
    """4 cases have 24 relabellings: the p-value is exact and cannot fall below 1/24."""
    four = BLOCKS[:4, :4]
    result = compare.agreement(four, four, permutations=999)
    assert result["permutations"] == 24 and result["p_value"] >= 1 / 24 - 1e-12
    assert abs(result["p_value"] - 1 / 24) < 1e-9 or result["p_value"] > 1 / 24  # ties count as extreme
    assert result["note"] == "exact_test" and result["cases"] == 4
    assert agreement_note(result, "en") == "exact test over all 24 relabellings of 4 cases: p cannot fall below 0.042"


def test_mds_of_one_and_two_cases_is_exact():
    coords, stress = compare.mds(np.eye(1))
    assert coords.shape == (1, 2) and stress == 0.0
    coords, stress = compare.mds(np.array([[1, 0.4], [0.4, 1]]))
    assert abs(np.linalg.norm(coords[0] - coords[1]) - 0.6) < 1e-12 and stress == 0.0


def test_fixed_number_of_clusters_above_n_minus_one_is_lowered_and_explained():
    labels, k, per_case, why = clusters.assign(BLOCKS[:4, :4], "average", 10)
    assert k == 3 and len(set(labels)) == 3 and why["reason"] == ["capped"] and why["configured_k"] == 10
    said = cluster_reason({**why, "k": k, "reason": "capped"}, [], "en")
    assert "clusters.k is 10, but 4 cases allow at most 3 clusters" in said and "lower clusters.k" in said
    assert any(r["k"] == 3 for r in clusters.silhouettes(BLOCKS[:4, :4]))


def test_fewer_than_three_cases_are_not_clustered():
    for n in (1, 2):
        similarity = np.eye(n)
        labels, k, per_case, why = clusters.assign(similarity)
        assert k == 1 and list(labels) == [1] * n and np.isnan(per_case).all() and why["reason"] == ["too_few_cases"]
        assert clusters.silhouettes(similarity) == []
        assert clusters.order_from_rows(clusters.tree_rows(similarity), n) == list(range(n))
    assert np.isnan(clusters.case_stability(np.ones(2, dtype=int), [])).all(), "no rounds, no stability"


def test_tree_written_as_rows_gives_back_the_same_tree_and_order():
    """Figures draw the tree and order the clusters stage wrote; the rows must round-trip."""
    from scipy.cluster.hierarchy import leaves_list

    rows = clusters.tree_rows(BLOCKS, "average")
    assert np.array_equal(clusters.tree_from_rows(rows), clusters.tree(BLOCKS, "average"))
    order = clusters.order_from_rows(rows, 5)
    assert order == [int(i) for i in leaves_list(clusters.tree(BLOCKS))] and sorted(order) == list(range(5))
    assert {frozenset(order[:3]), frozenset(order[3:])} == {frozenset({0, 1, 2}), frozenset({3, 4})} or {
        frozenset(order[:2]),
        frozenset(order[2:]),
    } == {frozenset({3, 4}), frozenset({0, 1, 2})}, "the two blocks stay together"


def test_nearest_rows_in_blocks_match_the_full_matrix():
    rng = np.random.default_rng(3)
    points = rng.normal(size=(23, 4))
    similarity = points @ points.T
    labels = [f"c{i:02d}" for i in range(23)]
    full = compare.nearest(similarity, labels, 4)
    for block in (1, 5, 64):
        rows = compare.nearest_rows(lambda r: similarity[r], labels, labels, 4, block=block)
        assert [(r["case"], r["rank"], r["neighbour"]) for r in rows] == [
            (r["case"], r["rank"], r["neighbour"]) for r in full
        ]
    # ties go to the label first in order, and nobody is their own neighbour
    flat = compare.nearest_rows(lambda r: np.ones((len(r), 3)), ["a", "b", "c"], ["z", "y", "x"], 2)
    assert [(r["case"], r["neighbour"]) for r in flat] == [
        ("z", "x"),
        ("z", "y"),
        ("y", "x"),
        ("y", "z"),
        ("x", "y"),
        ("x", "z"),
    ]


def test_clusters_that_length_explains_are_said_to_be_so():
    """On the Government Work Reports both views split 52 reports of ~18,000 characters from 20
    resolutions of ~400: genre, not content. The check compares the clusters with as many groups
    of the cases by length alone; it must say so there, and stay quiet where length is unrelated."""
    rng = np.random.default_rng(0)
    chars = np.concatenate([rng.integers(15_000, 30_000, 52), rng.integers(250, 600, 20)])
    by_genre = np.array([1] * 52 + [2] * 20)
    medians, check = clusters.length_check(by_genre, chars)
    assert medians[2] < 600 < 15_000 < medians[1]
    assert check == {"reason": ["follows_length"], "length_groups": 2, "length_ari": 1.0}
    said = length_sentence({**check, "reason": "follows_length"}, list(medians.values()), "en")
    assert "adjusted Rand index 1.00" in said and "rather than what they say" in said
    unrelated = rng.permutation(by_genre)
    _, check = clusters.length_check(unrelated, chars)
    assert check["reason"] == ["length_independent"] and check["length_ari"] < 0.5
    said = length_sentence({**check, "reason": "length_independent"}, [], "en")
    assert said.startswith("Length check: the clusters do not follow the cases' length")
    assert clusters.length_check(np.ones(5, dtype=int), chars[:5])[1] == {}  # one cluster: nothing to check


def test_the_compare_stage_describes_every_view():
    """compare.describe, which the compare rule calls: one agreement row per pair of views, keyness
    of each case and of each cluster against the rest, the nearest case with the distinctive
    terms both share, and a map per view with each case's cluster."""
    import pandas as pd

    labels = ["网格甲", "网格乙", "乡村甲", "乡村乙"]
    sim = np.array([[1, 0.9, 0.1, 0.2], [0.9, 1, 0.2, 0.1], [0.1, 0.2, 1, 0.8], [0.2, 0.1, 0.8, 1.0]])
    views = {"tfidf": (sim, labels), "lda": (sim, labels), "codebook": (sim[::-1, ::-1].copy(), labels)}
    rows = [
        {"case_id": c, "tokens": words * 20}
        for c, words in (
            ("a", ["网格", "小区"]),
            ("b", ["网格", "物业"]),
            ("c", ["村民", "农业"]),
            ("d", ["村民", "旅游"]),
        )
    ]
    counts = compare.case_token_counts(
        rows + [{"case_id": "", "tokens": ["前言"]}], labels, dict(zip("abcd", labels, strict=True))
    )
    assert "前言" not in sum(counts.values(), Counter()), "a preamble belongs to no case"
    assignments = pd.DataFrame({"label": labels, "cluster_tfidf": [1, 1, 2, 2], "cluster_lda": [1, 1, 2, 2]})
    settings = {"permutations": 99, "seed": 1, "keyness_top": 5, "keyness_min_g2": 3.84, "nearest": 1}
    found = compare.describe(views, counts, assignments, settings)
    assert list(zip(found["agreement"]["view_a"], found["agreement"]["view_b"], strict=True)) == [
        ("tfidf", "lda"),
        ("tfidf", "codebook"),
        ("lda", "codebook"),
    ]
    grid = found["keyness_clusters"].query("view == 'tfidf' and cluster == 1")
    assert set(grid["members"]) == {"网格甲、网格乙"} and grid["term"].iloc[0] == "网格"
    nearest = found["nearest"].query("view == 'tfidf'").set_index("case")
    assert (
        nearest.loc["网格甲", "neighbour"] == "网格乙" and "网格" in nearest.loc["网格甲", "shared_distinctive_terms"]
    )
    maps = found["mds"]
    assert len(maps) == 12 and maps.query("view == 'codebook'")["cluster"].eq(0).all(), "no clusters of the codebook"


def test_the_codebook_stage_counts_body_paragraphs_per_ten_thousand_tokens():
    """codebook.describe, which the codebook rule calls: hits in body paragraphs only, rates per
    10,000 of the case's tokens, each hit in context with its case, and a case without a hit
    alike only to itself."""
    import pandas as pd

    categories = {"网格化": {"terms": ["网格"]}, "协商": {"terms": ["议事会"]}}
    cases = pd.DataFrame({"case_id": ["a", "b", "c"], "label": ["成都", "上海", "海南"]})
    paragraphs = [
        {"case_id": "a", "role": "body", "paragraph_id": "p1", "text": "划分网格，网格员入户。"},
        {"case_id": "a", "role": "heading", "paragraph_id": "p0", "text": "成都：网格"},
        {"case_id": "b", "role": "body", "paragraph_id": "p2", "text": "居民议事会协商。"},
        {"case_id": "c", "role": "body", "paragraph_id": "p3", "text": "发展旅游。"},
    ]
    tokens = [{"case_id": c, "tokens": ["词"] * n} for c, n in (("a", 100), ("b", 50), ("c", 10))]
    found = codebook.describe(categories, cases, paragraphs, tokens)
    rates = found["rates"].set_index("case")
    assert rates.loc["成都", "网格化"] == 2 / 100 * 10_000, "the heading's 网格 is not counted"
    assert rates.loc["上海", "协商"] == 1 / 50 * 10_000 and rates.loc["海南"].iloc[2:].eq(0).all()
    assert found["kwic"]["case"].tolist() == ["成都", "成都", "上海"]
    similarity, labels = found["similarity"]
    assert labels == ["成都", "上海", "海南"] and similarity[2, 2] == 1 and similarity[0, 2] == 0
