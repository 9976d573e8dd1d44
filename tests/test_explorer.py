"""The report's explorer data and page: built from the report's tables; corpus text can never
become markup or end the script (the browser test in test_workflow.py checks it runs)."""

import json
import re

import pandas as pd

from govtopics import explorer


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
