"""The report's explorer data and page: built from the report's tables; corpus text can never
become markup or end the script (the browser test in test_workflow.py checks it runs)."""

import json
import re

import numpy as np
import pandas as pd

from govtopics.presentation import explorer


def _tables(text="街道以党建服务中心为平台"):
    topics = pd.DataFrame(
        {"topic": [1, 1, 2, 2], "rank": [1, 2, 1, 2], "term": list("甲乙丙丁"), "frex_term": list("乙甲丁丙")}
    )
    typical = pd.DataFrame(
        {"topic": [1, 2], "rank": [1, 1], "case": ["上海", "成都"], "share": [0.9, 0.8], "text": [text, "x"]}
    )
    case_topics = pd.DataFrame(
        {
            "case_id": ["a", "b", "c"],
            "case": ["上海", "成都", "深圳"],
            "topic_1": [0.9, 0.2, 0.5],
            "topic_2": [0.1, 0.8, 0.5],
        }
    )
    nearest = pd.DataFrame(
        {
            "view": ["tfidf", "tfidf", "lda"],
            "case": ["上海", "上海", "上海"],
            "rank": [2, 1, 1],
            "neighbour": ["深圳", "成都", "深圳"],
            "similarity": [0.1, 0.3, 0.9],
            "shared_distinctive_terms": ["", "网格", ""],
        }
    )
    return topics, typical, case_topics, nearest


def test_data_ranks_cases_by_topic_and_neighbours_by_rank():
    data = explorer.explorer_data(*_tables(), {1: "主题1", 2: "社区治理"})
    assert [t["name"] for t in data["topics"]] == ["主题1", "2 社区治理"]
    assert [c["label"] for c in data["topics"][1]["cases"]] == ["成都", "深圳", "上海"]
    shanghai = data["cases"][0]
    assert [n["label"] for n in shanghai["nearest"]["tfidf"]] == ["成都", "深圳"]
    assert shanghai["nearest"]["tfidf"][0]["shared"] == "网格" and data["cases"][1]["nearest"] == {}


def test_corpus_text_cannot_end_the_script_or_become_markup():
    hostile = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'
    page = explorer.explorer_html(explorer.explorer_data(*_tables(hostile), {}))
    assert page.count("<script") == 2 and "alert(" not in page.split("</script>")[0].split('explorer-data">')[0]
    payload = re.search(r'id="explorer-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in payload  # nothing inside the data can open or close an element
    assert json.loads(payload)["topics"][0]["paragraphs"][0]["text"].startswith("</script>")
    # the page's own script inserts text with textContent only
    assert "innerHTML" not in explorer.SCRIPT


def test_the_map_of_topics_the_relevance_terms_and_the_text_reach_the_page():
    topic_map = pd.DataFrame({"topic": [1, 2], "x": [0.3, -0.3], "y": [0.0, 0.1], "prevalence": [0.6, 0.4]})
    terms = pd.DataFrame(
        {
            "topic": [1, 1, 2],
            "term": ["甲", "乙", "丙"],
            "probability": [0.5, 0.2, 0.7],
            "corpus_probability": [0.4, 0.1, 0.3],
        }
    )
    paragraph_topics = pd.DataFrame(
        {
            "paragraph_id": ["p1", "p2", "p3"],
            "case_id": ["b", "a", "zz"],
            "tokens": [3, 4, 5],
            "topic_1": [0.2, 0.9, 0.5],
            "topic_2": [0.8, 0.1, 0.5],
        }
    )
    paragraphs = pd.DataFrame({"paragraph_id": ["p1", "p2", "p3"], "text": ["成都的网格", "上海的社区", "别处"]})
    data = explorer.explorer_data(
        *_tables(),
        {},
        topic_map=topic_map,
        topic_terms=terms,
        paragraph_topics=paragraph_topics,
        paragraphs=paragraphs,
    )
    first = data["topics"][0]
    assert (first["x"], first["prevalence"], first["number"]) == (0.3, 0.6, 1)
    assert first["terms"] == [["甲", 0.5, 0.4], ["乙", 0.2, 0.1]]
    # [case index, main topic index, its share, text]; a paragraph of no listed case is left out
    assert data["paragraphs"] == [[1, 1, 0.8, "成都的网格"], [0, 0, 0.9, "上海的社区"]]
    assert data["paragraphs_total"] == 3


def test_a_topic_map_from_a_model_is_deterministic_and_relevance_follows_lambda():
    from gensim.corpora import Dictionary

    from govtopics.models import lda

    texts = [["网格", "社区", "居民"] * 5, ["自贸", "营商", "企业"] * 5, ["网格", "企业", "服务"] * 5] * 10
    dictionary = Dictionary(texts)
    model = lda.fit(texts, dictionary, 3, 1, sweeps=50)
    prevalence = np.array([0.5, 0.3, 0.2])
    first, second = lda.topic_map(model, prevalence), lda.topic_map(model, prevalence)
    assert first == second and [r["prevalence"] for r in first] == [0.5, 0.3, 0.2]
    # the layout keeps the topics' distances (principal coordinates of √JS), up to what 2 dimensions hold
    beta = model.get_topics()
    distance = 1 - lda.js_similarity(beta)
    points = np.array([[r["x"], r["y"]] for r in first])
    layout = np.linalg.norm(points[:, None] - points[None, :], axis=2)
    assert np.allclose(layout, distance, atol=1e-6)
    rows = pd.DataFrame(lda.relevance_terms(model, prevalence, n=2))
    marginal = prevalence @ beta / prevalence.sum()
    for topic, mine in rows.groupby("topic"):
        best = dictionary[int(np.argmax(beta[topic - 1]))]
        lift = dictionary[int(np.argmax(np.log(beta[topic - 1]) - np.log(marginal)))]
        assert {best, lift} <= set(mine["term"]), "λ = 1 and λ = 0's best terms are among the candidates"
        assert np.allclose(mine["corpus_probability"], [marginal[dictionary.token2id[t]] for t in mine["term"]])


def test_the_explorer_speaks_the_report_language_only():
    """report.language: every word the explorer writes, in its page and its script, comes from
    one language's labels (the words catalogues, which test_words holds alike in keys and placeholders)."""
    assert explorer.labels("en").keys() == explorer.labels("zh").keys()
    assert explorer.labels("zh")["views"] == {"tfidf": "TF-IDF", "lda": "LDA 主题", "codebook": "机制编码"}
    used = set(re.findall(r"L\.(\w+)", explorer.SCRIPT))
    assert used <= explorer.labels("en").keys() and {"typical", "occurrences", "context", "views"} <= used
    data = explorer.explorer_data(*_tables(), {})
    chinese, english = explorer.explorer_html(data, "zh"), explorer.explorer_html(data)
    payload = json.loads(re.search(r'id="explorer-data">(.*?)</script>', chinese, re.S).group(1))
    assert payload["labels"] == explorer.labels("zh")
    assert "<label>搜索 " in chinese and 'placeholder="词语"' in chinese and "<label>Search" not in chinese
    assert "<label>Search " in english and "搜索" not in english and "典型段落" not in english
    # no words of either language written into the script itself
    assert not re.search(r'"[A-Z][a-z]+ [a-z]+', explorer.SCRIPT) and not re.search(r"[\u4e00-\u9fff]", explorer.SCRIPT)


def test_a_case_shows_the_passages_it_borrowed_beside_their_source():
    row = {
        "label_a": "上海", "label_b": "深圳", "text_a": "上海的原文", "text_b": "深圳的借用<script>", "chars": 120,
        "direction": "a_first", "boilerplate": "False", "cluster_source": "d1", "doc_a": "d1", "doc_b": "d2",
    }  # fmt: skip
    formula = {**row, "text_b": "套话", "boilerplate": "True"}
    data = explorer.explorer_data(*_tables(), {}, reuse_passages=pd.DataFrame([row, formula]))
    by_label = {c["label"]: c for c in data["cases"]}
    assert by_label["深圳"]["borrowed"] == [
        {"from": "上海", "source": "上海的原文", "text": "深圳的借用<script>", "chars": 120, "dated": True}
    ]
    assert "borrowed" not in by_label["上海"]  # the source borrowed nothing
    page = explorer.explorer_html(data)
    assert "<script>\u6df1" not in page and "深圳的借用\\u003cscript>" in page
