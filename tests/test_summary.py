"""The report's summary: sentences generated from the tables, each checked against the table it cites."""

import re

import pandas as pd

from govtopics import report, summary


def _tables():
    silhouette = pd.DataFrame(
        {
            "view": ["tfidf", "tfidf", "lda"],
            "k": [2, 3, 2],
            "silhouette": [0.31, 0.2, 0.12],
            "chosen": [True, False, True],
            "reason": ["k = 2: highest", "", "k = 2: highest. Length check: the clusters do not follow length."],
        }
    )
    stability = pd.DataFrame(
        {
            "view": ["tfidf", "tfidf", "lda", "lda"],
            "cluster": [1, 2, 1, 2],
            "members": ["上海、成都", "深圳", "上海、深圳", "成都"],
            "bootstrap_stability": [0.9, 0.6, 0.4, 0.8],
            "seed_stability": ["", "", 1.0, 0.67],
        }
    )
    keyness = pd.DataFrame(
        {
            "view": ["tfidf"] * 3 + ["lda"],
            "cluster": [1, 1, 2, 1],
            "rank": [2, 1, 1, 1],
            "term": ["社区", "街道", "自贸", "党建"],
        }
    )
    nearest = pd.DataFrame(
        {
            "view": ["tfidf"] * 4 + ["lda"] * 2,
            "case": ["上海", "成都", "深圳", "上海", "上海", "深圳"],
            "rank": [1, 1, 1, 2, 1, 1],
            "neighbour": ["成都", "上海", "上海", "深圳", "深圳", "上海"],
            "similarity": [0.5, 0.5, 0.2, 0.2, 0.9, 0.9],
            "shared_distinctive_terms": ["街道", "街道", "", "", "", ""],
        }
    )
    seeds = pd.DataFrame({"case": ["上海", "深圳"], "neighbour": ["深圳", "上海"], "seeds_agree": [2 / 3, 1.0]})
    agreement = pd.DataFrame(
        {"view_a": ["tfidf"], "view_b": ["lda"], "spearman": [0.41], "p_value": [0.2], "pairs": [3], "note": [""]}
    )
    assignments = pd.DataFrame({"cluster_tfidf": [1, 1, 2], "cluster_lda": [1, 2, 1]})
    read = {
        "read": 4,
        "skipped": [{"source": "x.bin", "reason": "binary file"}],
        "skipped_by_reason": [("binary file", 1)],
        "documents": 3,
        "excluded": [],
        "titles_guessed": ["d1"],
        "headings_not_cases": [],
    }
    chosen = {"k": 4, "seeds": [1, 2, 3], "reason": "K = 4: highest mean NPMI (0.050, standard error over seeds 0.010)"}
    spread = {"median_range": 0.05, "p90_range": 0.1, "pairs": 3, "lowest_rho": 0.8}
    return read, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread


def _findings(language="en"):
    read, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread = _tables()
    return summary.findings(
        read, 3, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread, language
    )


def test_every_sentence_says_what_its_table_holds():
    found = {f["source"]: f["text"] for f in _findings()}
    assert found["corpus/ingest_log.csv"].startswith("4 files or rows were read: 3 documents analysed, 3 cases")
    assert "binary file (1)" in found["corpus/ingest_log.csv"] and "1 titles guessed" in found["corpus/ingest_log.csv"]
    groups = [f["text"] for f in _findings() if f["source"].startswith("clusters/cluster_stability.csv")]
    tfidf, lda = groups
    # two groups, their members, terms in rank order, stability words by Hennig's thresholds
    assert (
        "2 groups (mean silhouette 0.31)" in tfidf
        and "group 1 (2 cases: 上海、成都), distinctive terms 街道、社区" in tfidf
    )
    assert "bootstrap stability 0.90: stable" in tfidf and "bootstrap stability 0.60: doubtful" in tfidf
    assert "group 2 (1 case: 深圳), distinctive terms 自贸" in tfidf
    assert "below 0.25: weak structure" in lda and "0.40: dissolves, across seeds 1.00" in lda
    assert lda.endswith("Length check: the clusters do not follow length."), "the length check is said"
    pairs = [f["text"] for f in _findings() if f["source"].startswith("compare/nearest.csv")]
    # each pair once, most alike first; the LDA pair with the share of seeds that list it
    assert (
        pairs[0]
        == "Most alike in the TF-IDF (shared vocabulary) view (similarity): 上海 and 成都 (0.500, sharing 街道); 上海 and 深圳 (0.200)."
    )
    assert pairs[1].endswith("上海 and 深圳 (0.900, 67% of seeds agree).")
    assert (
        "TF-IDF and LDA are not shown to agree (p ≥ 0.05) (ρ = 0.41, Mantel p = 0.200)"
        in found["compare/agreement.csv"]
    )
    assert "adjusted Rand index of -0.50" in found["clusters/assignments.csv"]
    topics = found["lda/chosen_k.json, lda/similarity_by_seed.csv"]
    assert topics.startswith("Topic model: K = 4 (highest mean NPMI (0.050") and "combines 3 seeds" in topics


def test_the_summary_reads_in_chinese_with_the_same_numbers():
    english, chinese = _findings("en"), _findings("zh")
    assert [f["source"] for f in english] == [f["source"] for f in chinese]
    for en, zh in zip(english, chinese, strict=True):
        assert re.findall(r"\d+\.\d+", en["text"]) == re.findall(r"\d+\.\d+", zh["text"]), (en, zh)
    assert "将案例分为 2 组" in chinese[1]["text"] and "稳定" in chinese[1]["text"]


def test_the_report_opens_with_contents_and_findings_and_collapses_long_tables(tmp_path):
    table = pd.DataFrame({"case": [f"c{i}" for i in range(30)], "value": range(30)})
    config = {"figures": {"formats": ["png"]}}
    provenance = {"inputs": [{"file": "a", "sha256": "0"}], "software": {"gensim": "4.4.0"}}
    sections = [
        {"heading": "1. Results", "items": [{"table": table, "caption": "a long table"}]},
        {"heading": "Methods 方法", "text": "We analysed.", "items": []},
    ]
    page = report.build(sections, "t", [("Corpus", "x")], config, provenance, "", _findings())
    toc, body = page.index("Contents 目录"), page.index('<ol class="findings">')
    assert toc < body < page.index('<h2 id="section-2">1. Results') < page.index("We analysed.")
    assert page.count('href="#section-') == 5 and 'id="section-5"' in page
    assert "Show all 30 rows" in page and page.count("<td>c29</td>") == 1 and page.count("<td>c0</td>") == 2


def test_too_few_cases_to_cluster_are_said_not_scored():
    """Two cases: one cluster per view with no stability. The summary says there are no groups
    instead of 'bootstrap stability nan', and claims no agreement of groups (ARI 1 of one group each)."""
    read, silhouette, stability, keyness, nearest, seeds, agreement, _, chosen, spread = _tables()
    silhouette = pd.DataFrame(
        {
            "view": ["tfidf", "lda"],
            "k": [1, 1],
            "silhouette": [float("nan")] * 2,
            "chosen": [True, True],
            "reason": ["fewer than 3 cases"] * 2,
        }
    )
    stability = pd.DataFrame(
        {
            "view": ["tfidf", "lda"],
            "cluster": [1, 1],
            "members": ["上海、成都"] * 2,
            "bootstrap_stability": [float("nan")] * 2,
            "seed_stability": ["", float("nan")],
        }
    )
    assignments = pd.DataFrame({"cluster_tfidf": [1, 1], "cluster_lda": [1, 1]})
    texts = {}
    for language in ("en", "zh"):
        found = summary.findings(
            read, 2, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread, language
        )
        texts[language] = " ".join(f["text"] for f in found)
        assert "nan" not in texts[language].lower() and "Rand" not in texts[language] and "兰德" not in texts[language]
    assert "The TF-IDF (shared vocabulary) view has no groups: 2 cases are too few to cluster." in texts["en"]
    assert "主题模型（LDA）未分组：2 个案例太少，无法聚类。" in texts["zh"]
