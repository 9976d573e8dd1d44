"""The report's summary: sentences generated from the tables, each checked against the table it cites."""

import re

import pandas as pd

from govtopics.presentation import report, summary


def _tables():
    silhouette = pd.DataFrame(
        {
            "view": ["tfidf", "tfidf", "lda"],
            "k": [2, 3, 2],
            "silhouette": [0.31, 0.2, 0.12],
            "chosen": [True, False, True],
        }
    )
    stability = pd.DataFrame(
        {
            "view": ["tfidf", "tfidf", "lda", "lda"],
            "cluster": [1, 2, 1, 2],
            "members": ["上海、成都", "深圳", "上海、深圳", "成都"],
            "bootstrap_stability": [0.9, 0.6, 0.4, 0.8],
            "seed_stability": ["", "", 1.0, 0.67],
            "median_chars": [900.0, 300.0, 800.0, 700.0],
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
    chosen = {"k": 4, "seeds": [1, 2, 3], "reason": {"codes": ["highest_npmi"], "npmi": 0.05, "se": 0.01}}
    spread = {"median_range": 0.05, "p90_range": 0.1, "pairs": 3, "lowest_rho": 0.8}
    return read, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread


# clusters/chosen_k.csv: the LDA view's clusters checked against length
CHOICE = pd.DataFrame(
    {
        "view": ["tfidf", "lda"],
        "k": [2, 2],
        "reason": ["highest_silhouette", "highest_silhouette; weak_structure; length_independent"],
        "silhouette": [0.31, 0.12],
        "cases": [3, 3],
        "max_k": [2, 2],
        "length_groups": [float("nan"), 2],
        "length_ari": [float("nan"), 0.15],
    }
)


def _findings(language="en"):
    read, silhouette, stability, keyness, nearest, seeds, agreement, assignments, chosen, spread = _tables()
    return summary.findings(
        read,
        3,
        silhouette,
        stability,
        keyness,
        nearest,
        seeds,
        agreement,
        assignments,
        chosen,
        spread,
        language,
        choice=CHOICE,
    )


def test_every_sentence_says_what_its_table_holds():
    found = {f["source"]: f["text"] for f in _findings()}
    assert found["corpus/ingest_log.csv"].startswith("4 files or rows were read: 3 documents analysed, 3 cases")
    assert "binary file (1)" in found["corpus/ingest_log.csv"] and "1 titles guessed" in found["corpus/ingest_log.csv"]
    (tfidf,) = [f["text"] for f in _findings() if f["source"].startswith("clusters/cluster_stability.csv")]
    (lda,) = [
        f["text"] for f in _findings() if f["source"] == "clusters/silhouette.csv, clusters/cluster_stability.csv"
    ]
    # two groups, their members, terms in rank order, stability words by Hennig's thresholds
    assert (
        "2 groups (mean silhouette 0.31)" in tfidf
        and "group 1 (2 cases: 上海、成都), distinctive terms 街道、社区" in tfidf
    )
    assert "bootstrap stability 0.90: stable" in tfidf and "bootstrap stability 0.60: doubtful" in tfidf
    assert "group 2 (1 case: 深圳), distinctive terms 自贸" in tfidf
    # silhouette 0.12 and groups that do not hold (mean stability 0.60): no clear groups, not a list of them
    assert lda.startswith(
        "The topic model (LDA) view shows no clear groups: silhouette 0.12 (below 0.25) and mean bootstrap stability 0.60"
    )
    assert "its finding is the nearest cases" in lda and "group 1" not in lda
    (headline,) = [
        f["text"]
        for f in _findings()
        if f["source"].startswith("clusters/silhouette.csv, clusters/cluster_stability.csv, clusters/assignments")
    ]
    assert headline == (
        "In short: TF-IDF: 2 groups, stable under resampling (mean bootstrap stability 0.75; silhouette 0.31); "
        "LDA (K = 4): no clear groups (silhouette 0.12, mean bootstrap stability 0.60); read its nearest cases below; "
        "the two views group the cases differently (ARI -0.50)."
    )
    assert _findings()[0]["text"] == headline, "the headline comes first"
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
    groups = [f["text"] for f in chinese if f["source"].startswith("clusters/cluster_stability.csv")]
    assert "将案例分为 2 组" in groups[0] and "稳定" in groups[0]
    assert (
        chinese[0]["text"].startswith("在要点上：TF-IDF：2 组，稳定")
        and "LDA（K = 4）：没有清晰的分组" in chinese[0]["text"]
    )


def test_the_report_opens_with_contents_and_findings_and_collapses_long_tables(tmp_path):
    table = pd.DataFrame({"case": [f"c{i}" for i in range(30)], "value": range(30)})
    config = {"figures": {"formats": ["png"]}, "report": {"language": "en"}}
    provenance = {"inputs": [{"file": "a", "sha256": "0"}], "software": {"gensim": "4.4.0"}}
    sections = [
        {"heading": "1. Results", "items": [{"table": table, "caption": "a long table"}]},
        {"heading": "Methods 方法", "text": "We analysed.", "items": []},
    ]
    page = report.build(sections, "t", [("Corpus", "x")], config, provenance, "", _findings())
    toc, body = page.index("<strong>Contents</strong>"), page.index('<ol class="findings">')
    assert toc < body < page.index('<h2 id="section-2">1. Results') < page.index("We analysed.")
    assert page.count('href="#section-') == 5 and 'id="section-5"' in page
    assert "Show all 30 rows" in page and page.count("<td>c29</td>") == 1 and page.count("<td>c0</td>") == 2
    # in Chinese (report.language: zh) the page's own words are Chinese only, never both
    page = report.build(sections, "t", [("语料", "x")], {**config, "report": {"language": "zh"}}, provenance)
    assert '<html lang="zh-CN">' in page and "<strong>目录</strong>" in page and "显示全部 30 行" in page
    assert ">参数（config/config.yaml" in page and ">输入与软件</h2>" in page
    for english in ("Contents", "Summary", "Parameters", "Inputs and software", "Show all"):
        assert english not in page, english


def test_what_was_read_and_the_cluster_reasons_in_chinese():
    """The opening account of what was read, and the reasons of clusters/silhouette.csv (written in
    English), in Chinese with the same counts and numbers."""
    from govtopics.presentation.reading import reading_html
    from govtopics.presentation.reasons import cluster_reason

    facts = {
        "read": 7,
        "skipped": [{"source": "x/a.bin", "reason": "binary file: not text"}],
        "skipped_by_reason": [("binary file", 1)],
        "documents": 5,
        "excluded": [("d9", "near-duplicate of d1")],
        "titles_guessed": ["d2"],
        "no_title": [],
        "no_date": ["d3", "d4"],
        "headings_not_cases": [{"doc_id": "d1", "text": "一、总体要求", "why": "numbered section"}],
        "cases_from_headings": 3,
        "unaccounted": 0,
    }
    english, chinese = reading_html(facts), reading_html(facts, language="zh")
    assert "<h2>What was read</h2>" in english and "<h2>读入了什么</h2>" in chinese
    assert "读入 7 个文件或表格行，得到 5 篇参与分析的文档；跳过 1 个；清洗后排除 1 篇" in chinese
    assert "无日期：d3、d4" in chinese and "标题由首个短行推测" in chinese and "a.bin: binary file: not text" in chinese
    assert not re.search(r"\b(read|skipped|Without|Titles|Lines)\b", re.sub(r"<[^>]+>|[a-z_]+\.csv", "", chinese))
    # why the number of clusters: codes and numbers (clusters/chosen_k.csv) said in either language
    row = {
        "view": "tfidf",
        "k": 2,
        "reason": "highest_silhouette; weak_structure; length_independent",
        "silhouette": 0.057,
        "cases": 11,
        "max_k": 10,
        "min_size": 2,
        "length_groups": 2,
        "length_ari": 0.15,
    }
    assert cluster_reason(row, [900, 300], "en") == (
        "k = 2: highest mean silhouette (0.057) over k = 2…10; below 0.25 the cases show no substantial cluster "
        "structure (Kaufman & Rousseeuw 1990): read the clusters with care. Length check: the clusters do not follow "
        "the cases' length (adjusted Rand index 0.15 with 2 groups by length alone)."
    )
    said = cluster_reason(row, [900, 300], "zh")
    assert said.startswith("k = 2：在 k = 2…10 中平均轮廓系数最高（0.057）；低于 0.25") and "调整兰德指数 0.15" in said
    assert re.findall(r"\d+\.\d+", said) == re.findall(r"\d+\.\d+", cluster_reason(row, [900, 300], "en"))
    fixed = {"k": 3, "reason": "fixed", "cases": 5}
    assert cluster_reason(fixed, [], "zh") == "k = 3，由配置 clusters.k 指定。"
    assert (
        cluster_reason({"k": 1, "reason": "too_few_cases", "cases": 2}, [], "zh")
        == "2 个案例：太少，无法聚类（至少 3 个）。"
    )
    passed = {**row, "k": 3, "silhouette": 0.5, "max_k": 8, "reason": "highest_silhouette; min_size_passed"}
    passed.update(k_any_size=4, silhouette_any_size=0.6)
    assert "clusters.min_size；k = 4 得 0.600" in cluster_reason(passed, [], "zh")
    none = {**row, "reason": "highest_silhouette; min_size_none"}
    assert "没有哪个 k 能使每类都有 2 个以上案例" in cluster_reason(none, [], "zh")
    longer = {**row, "reason": "highest_silhouette; follows_length", "length_ari": 0.8}
    assert "(median characters per cluster 12,000 against 900)" in cluster_reason(longer, [900, 12000], "en")
    assert "各类字符数中位数 12,000 对 900" in cluster_reason(longer, [900, 12000], "zh")
    capped = {"k": 4, "reason": "capped", "cases": 5, "configured_k": 9}
    assert "clusters.k is 9, but 5 cases allow at most 4 clusters" in cluster_reason(capped, [], "en")


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
