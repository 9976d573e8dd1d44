"""The whole DAG on the shipped seed corpus, in a temporary copy of the project.

Checks meaning, not only existence: the eleven cases the seeds describe with their places,
every case non-empty, matrices symmetric with a unit diagonal, topic proportions summing to 1,
figures and a self-contained report, and byte-identical tables on a second run from scratch.
"""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from project import ROOT, copy_project, snakemake

EXPECTED_CASES = {  # document → case labels, in order
    "2018_shanghai_nongmin-ribao": ["上海"],
    "2019_shanghai-pingliang_dangzheng-luntan": ["上海杨浦平凉路街道"],
    "2020_city-news_three-cities": ["内蒙古赤峰", "吉林松原", "上海杨浦五角场街道"],
    "2020_sez-five-zones_qiushi": ["深圳", "珠海", "汕头", "厦门官任社区", "海南施茶村"],
    "2024_chengdu_sichuan-dangjian": ["成都"],
}

pytestmark = pytest.mark.workflow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = copy_project(tmp_path_factory.mktemp("govtopics"))
    result = snakemake(workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    (workdir / "console.txt").write_text(result.stderr, encoding="utf-8")
    return workdir


def test_run_ends_with_what_was_read_and_where_the_report_is(run):
    tail = (run / "console.txt").read_text(encoding="utf-8").strip().splitlines()[-6:]
    assert "Read 5 file(s) or row(s) into 5 document(s) analysed; skipped none" in tail
    assert "Titles guessed from the text: 0; without a title: 0; without a date: 0" in tail
    assert "Case headings: 8 made cases, 0 not used" in tail, "成都：筑牢… is the title the metadata gives"
    assert "Report: results/seeds/report.html" in tail
    page = (run / "results/seeds/report.html").read_text(encoding="utf-8")
    opening = page[page.index("What was read") : page.index("</p>", page.index("What was read"))]
    assert "5 file(s) or row(s) read into 5 document(s) analysed; 0 skipped" in opening
    assert page.index("What was read") < page.rindex(">Methods ("), "what was read comes before the results"
    headings = read(run, "results/seeds/corpus/headings.csv")
    assert list(headings["status"]) == ["case"] * 8


def read(run, path, **kwargs):
    return pd.read_csv(run / path, encoding="utf-8-sig", keep_default_na=False, **kwargs)


def test_cases_found_with_places(run):
    cases = read(run, "results/seeds/corpus/cases.csv")
    found = cases.groupby("doc_id", sort=False)["label"].apply(list).to_dict()
    assert found == EXPECTED_CASES
    assert (cases["n_chars"] > 200).all(), "every case has real text"
    assert set(cases["region"]) == {"东部", "西部", "东北"}
    assert cases.set_index("label").loc["内蒙古赤峰", "province"] == "内蒙古"
    # the localities the cases are about are place names: no feature, listed as dropped
    localities = {"平凉路", "五角场", "官任", "施茶村", "茶村"}
    assert not localities & set(read(run, "results/seeds/tokens/vocabulary.csv")["token"])
    dropped = read(run, "results/seeds/tokens/dropped_tokens.csv")
    assert localities <= set(dropped.loc[dropped["reason"] == "place_name", "token"])


def test_cleaning_kept_text_and_recorded_removals(run):
    documents = read(run, "results/seeds/corpus/documents.csv")
    audit = read(run, "results/seeds/corpus/cleaning_audit.csv")
    assert len(documents) == 5
    for doc in documents.itertuples():
        text = (run / "results/seeds/corpus/clean" / f"{doc.doc_id}.txt").read_text(encoding="utf-8")
        assert not any(mark in text for mark in ("(qū)", "(wǎng)", "(yè)")), "no pinyin left"
        assert "區" not in text and "網" not in text and "黨" not in text, "Simplified only"
        for noise in ("国产", "版权所有", "ICP备", "猜你喜欢", "免责声明", "相关专题"):
            assert noise not in text
    # real parentheses survive
    chengdu = (run / "results/seeds/corpus/clean/2024_chengdu_sichuan-dangjian.txt").read_text(encoding="utf-8")
    assert "(即超大型小区党支部细化" in chengdu and "小区(网格)" in chengdu
    assert {"spam", "navigation", "related_block", "after_article_end", "pinyin_annotation"} <= set(audit["reason"])
    # the gathered folder shares the texts with the shard, never Snakemake's own timestamp file: a
    # shared one is touched with the output folder and makes the shard look newer (flaky reruns)
    marker = run / "results/seeds/corpus/clean/.snakemake_timestamp"
    assert not marker.exists() or marker.stat().st_nlink == 1
    # raw inputs are untouched
    for raw in (ROOT / "resources/corpus/seeds").iterdir():
        assert raw.read_bytes() == (run / "resources/corpus/seeds" / raw.name).read_bytes()


def test_similarity_matrices(run):
    labels = read(run, "results/seeds/corpus/cases.csv")["label"].tolist()
    for path in ("results/seeds/tfidf/similarity.csv", "results/seeds/lda/similarity.csv"):
        matrix = read(run, path, index_col=0)
        assert list(matrix.columns) == labels and list(matrix.index) == labels
        values = matrix.to_numpy()
        assert np.allclose(values, values.T)
        assert np.allclose(np.diag(values), 1.0)
        assert ((values >= 0) & (values <= 1)).all()


def test_topics_and_clusters(run):
    case_topics = read(run, "results/seeds/lda/case_topics.csv")
    proportions = case_topics.filter(like="topic_").to_numpy()
    assert np.allclose(proportions.sum(axis=1), 1.0, atol=1e-5)
    chosen = json.loads((run / "results/seeds/lda/chosen_k.json").read_text(encoding="utf-8"))
    assert proportions.shape == (11, chosen["k"])
    selection = read(run, "results/seeds/lda/model_selection.csv")
    assert len(selection) == 7 * 3 and selection["c_npmi"].between(-1, 1).all()
    topics = read(run, "results/seeds/lda/topics.csv")
    assert topics["topic"].nunique() == chosen["k"]
    assignments = read(run, "results/seeds/clusters/assignments.csv")
    assert len(assignments) == 11 and assignments["cluster_tfidf"].min() == 1


def test_evidence_for_topics_clusters_and_views(run):
    selection = read(run, "results/seeds/lda/model_selection.csv")
    assert selection["stability"].between(0, 1).all() and (selection["perplexity"] > 1).all()
    topics = read(run, "results/seeds/lda/topics.csv")
    assert {"term", "probability", "frex_term"} <= set(topics.columns)
    alignment = read(run, "results/seeds/lda/topic_alignment.csv")
    assert set(alignment["seed"]) == {1, 2, 3}
    assert (alignment[alignment["seed"] == 1]["jaccard"] == 1).all()  # the reference matches itself
    typical = read(run, "results/seeds/lda/typical_paragraphs.csv")
    assert (typical.groupby("topic").size() == 3).all() and (typical["text"].str.len() > 0).all()
    for view in ("tfidf", "lda"):
        co = read(run, f"results/seeds/clusters/coassignment_{view}.csv", index_col=0).to_numpy()
        assert np.allclose(co, co.T) and np.allclose(np.diag(co), 1) and ((co >= 0) & (co <= 1)).all()
    assignments = read(run, "results/seeds/clusters/assignments.csv")
    assert (
        assignments[["bootstrap_stability_tfidf", "bootstrap_stability_lda", "seed_stability_lda"]]
        .stack()
        .between(0, 1)
        .all()
    )
    agreement = read(run, "results/seeds/compare/agreement.csv")
    views = agreement[agreement["view_b"] != "reuse"]
    assert len(views) == 3 and views["p_value"].astype(float).between(0, 1).all()
    with_reuse = agreement[agreement["view_b"] == "reuse"]  # the seeds share no passage: said, not a p-value
    assert len(with_reuse) == 3 and (with_reuse["p_value"] == "").all()
    assert (with_reuse["note"] == "no_shared_passage").all()
    choice = read(run, "results/seeds/clusters/chosen_k.csv")
    assert list(choice["view"]) == ["tfidf", "lda"] and choice["reason"].str.startswith("highest_silhouette").all()
    assert choice["length_ari"].between(-1, 1).all(), "every view's clusters checked against length"
    assert read(run, "results/seeds/reuse/case_reuse.csv").empty
    rates = read(run, "results/seeds/codebook/case_categories.csv")
    assert len(rates) == 11 and (rates.drop(columns=["case_id", "case"]) >= 0).all().all()
    kwic = read(run, "results/seeds/codebook/kwic.csv")
    paragraphs = read(run, "results/seeds/corpus/paragraphs.csv").set_index("paragraph_id")["text"]
    for row in kwic.head(50).itertuples():  # every hit stands in its paragraph with its context
        assert row.left + row.match + row.right in paragraphs[row.paragraph_id]
    keyness = read(run, "results/seeds/compare/keyness_cases.csv")
    assert (keyness["g2"] > 0).all() and (keyness["log_ratio"] > 0).all()
    nearest = read(run, "results/seeds/compare/nearest.csv")
    assert len(nearest) == 3 * 3 * 11
    mds = read(run, "results/seeds/compare/mds.csv")
    assert len(mds) == 3 * 11 and mds["stress"].between(0, 1).all()


FIGURES = [
    *(
        "similarity_tfidf",
        "similarity_lda",
        "dendrograms",
        "topic_terms",
        "case_topics",
        "k_selection",
        "topic_prevalence",
    ),
    *("cluster_selection", "consensus", "codebook", "keyness", "mds", "reuse"),
]


def test_figures_and_report(run):
    for name in FIGURES:
        png = run / f"results/seeds/figures/{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (run / f"results/seeds/figures/{name}.svg").stat().st_size > 10_000
    for log in (run / "results/seeds/logs").glob("figures_*.log"):
        text = log.read_text(encoding="utf-8")
        assert "missing from font" not in text, "Chinese glyphs must render"
        assert "tick labels run into each other" not in text, text
    html = (run / "results/seeds/report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == len(FIGURES)
    # under each figure, the formats the run wrote (config: png, svg), never one it did not
    stems = re.findall(r"\(files: ([^)]*)\.\*: ([A-Z, ]+)\)", html)
    assert len(stems) == len(FIGURES) and {formats for _, formats in stems} == {"PNG, SVG"}
    assert all((run / f"{stem}.svg").is_file() and not (run / f"{stem}.pdf").exists() for stem, _ in stems)
    assert "We analysed 5 documents describing 11 local governance cases" in html
    cleaning = (run / "results/seeds/cleaning.html").read_text(encoding="utf-8")
    assert cleaning.count('<details class="doc">') == 5 and "related_block" in cleaning
    # offline: no address to fetch; the only scripts are the explorer's data and its inline code
    assert "http://" not in html.replace("http://www.w3.org", "") and "<script src" not in html
    assert html.count("<script") == 2 and '<script type="application/json" id="explorer-data">' in html
    for text in ("深圳", "NPMI", "sha256", "jieba"):
        assert text in html
    provenance = json.loads((run / "results/seeds/provenance.json").read_text(encoding="utf-8"))
    assert len(provenance["inputs"]) >= 5 and provenance["software"]["gensim"]
    checksummed = {Path(entry["file"]).name for entry in provenance["inputs"]}
    assert {"adcodes.csv", "codebook.yaml", "topic_labels.yaml", "user_dict.txt"} <= checksummed
    # the methods cite by key; references.bib holds exactly the keys cited, and the report lists them
    bib = (run / "results/seeds/references.bib").read_text(encoding="utf-8")
    assert "[@blei2003]" in html and "@article{blei2003," in bib
    # …and the paragraph shown cites in APA (report.citation_style), its references listed in APA's order
    assert "(Blei et al., 2003)" in html and "<li>Blei, D. M., Ng, A. Y., &amp; Jordan, M. I. (2003)." in html
    # finding first: contents, then the summary, what was read, the results, and the methods last
    assert html.index("<strong>Contents</strong>") < html.index('<ol class="findings">') < html.index("What was read")
    assert html.index("What was read") < html.index('id="section-2">1. Corpus') < html.index("(Blei et al., 2003)")
    nearest = read(run, "results/seeds/compare/nearest.csv")
    top = nearest[nearest["view"] == "lda"].sort_values("similarity", ascending=False).iloc[0]
    assert f"view (similarity): {top['case']} and {top['neighbour']} ({top['similarity']:.3f}" in html
    assert bib.count("\n@") + 1 == len(set(re.findall(r"@([a-z]+[0-9]*)[\];]", html)))


def test_topics_by_region_and_year_with_intervals_and_small_levels_said(run):
    """Issue 9 item 2 on the seeds: eight cases in the east get intervals; the north-east (one case)
    and the west (two) get their shares and a note, never a made-up interval."""
    summary = read(run, "results/seeds/covariates/summary.csv").set_index("column")
    assert summary.loc["region", "kind"] == "levels" and summary.loc["year", "kind"] == "time"
    assert summary.loc["region", "cases_with_value"] == 11
    prevalence = read(run, "results/seeds/covariates/prevalence.csv", dtype={"level": str})
    region = prevalence[prevalence["column"] == "region"]
    east = region[region["level"] == "东部"]
    low, high = pd.to_numeric(east["low"]), pd.to_numeric(east["high"])
    assert (east["n_cases"] == 8).all() and (low <= east["share"]).all() and (east["share"] <= high).all()
    assert abs(east["share"].sum() - 1) < 1e-4
    north_east = region[region["level"] == "东北"]
    assert (north_east["low"] == "").all() and north_east["note"].str.contains("too few cases").all()
    trends = read(run, "results/seeds/covariates/trends.csv")
    assert len(trends) == json.loads((run / "results/seeds/lda/chosen_k.json").read_text(encoding="utf-8"))["k"]
    by_level = read(run, "results/seeds/covariates/similarity_by_level.csv")
    # every pair of the 11 cases once per view and column
    assert (
        set(by_level["view"]) == {"tfidf", "lda"} and (by_level.groupby(["column", "view"])["pairs"].sum() == 55).all()
    )
    html = (run / "results/seeds/report.html").read_text(encoding="utf-8")
    assert "too few cases for an interval" in html and "change in share per decade" in html


def _chromium() -> str:
    """Debian's chromium and its driver: installed by the test if missing (as root, with apt), as a
    user's machine or CI would have them; the test is skipped only where that is impossible."""
    import os
    import shutil

    if not shutil.which("chromedriver") and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"],
            env=env,
            capture_output=True,
            timeout=900,
        )
    driver = shutil.which("chromedriver")
    if not driver:
        pytest.skip("Debian's chromium-driver is not installed and cannot be installed here (needs root and apt)")
    return driver


def _browser(tmp_path):
    """Headless Chromium with the network off, finding Chinese glyphs in the font the figures use
    (on a machine without CJK fonts), its console log kept."""
    from importlib import resources

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    driver_path = _chromium()
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{resources.files('mplfonts') / 'fonts'}</dir><cachedir>{tmp_path / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    options = Options()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(driver_path, env={**__import__("os").environ, "FONTCONFIG_FILE": str(fonts)})
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_network_conditions(offline=True, latency=0, throughput=0)
    return browser


def test_report_explorer_works_offline_in_a_real_browser(run, tmp_path):
    """Issue 9 item 5: the report opens in headless Chromium with the network off, no console
    errors, every figure loads, and the explorer answers a click; a screenshot is kept."""
    from selenium.webdriver.common.by import By

    browser = _browser(tmp_path)
    try:
        browser.get((run / "results/seeds/report.html").as_uri())
        images = browser.execute_script("return Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
        assert len(images) == len(FIGURES) and all(images)
        # issue 25 item 6: contents that lead to the summary; long tables open with a click
        contents = browser.find_elements(By.CSS_SELECTOR, "nav.toc a")
        assert len(contents) >= 12 and contents[0].text == "Summary"
        contents[0].click()
        findings = browser.find_elements(By.CSS_SELECTOR, "ol.findings li")
        assert len(findings) >= 6 and all(f.is_displayed() for f in findings)
        assert browser.execute_script("return window.scrollY") > 0, "the link moved the page to the summary"
        browser.save_screenshot(str(run / "results/seeds/report_summary.png"))
        more = browser.find_elements(By.CSS_SELECTOR, "details.more")
        assert more and not more[0].get_attribute("open")
        browser.execute_script("arguments[0].scrollIntoView()", more[0])
        more[0].find_element(By.TAG_NAME, "summary").click()
        assert more[0].get_attribute("open") is not None and more[0].find_element(By.TAG_NAME, "table").is_displayed()
        topic_view = browser.find_element(By.ID, "explorer-topic-view").text
        assert "FREX" in topic_view and "Typical paragraphs" in topic_view
        links = browser.find_elements(By.CSS_SELECTOR, "#explorer-topic-view a.explorer-link")
        assert links, "a topic lists the cases that use it most"
        target = links[-1].text
        browser.execute_script("document.getElementById('explorer').scrollIntoView()")
        links[-1].click()
        case_view = browser.find_element(By.ID, "explorer-case-view").text
        assert case_view.splitlines()[0] == target and "TF-IDF" in case_view and "LDA" in case_view
        # issue 25 item 5: the map of topics, relevance at λ = 1 is probability, a search, a case's text
        topics = read(run, "results/seeds/lda/topics.csv")
        circles = browser.find_elements(By.CSS_SELECTOR, "circle.explorer-topic-circle")
        assert len(circles) == topics["topic"].max()
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", circles[-1])
        assert browser.find_element(By.ID, "explorer-topic").get_attribute("value") == str(len(circles) - 1)
        browser.execute_script(
            "var s = document.getElementById('explorer-lambda'); s.value = '1'; s.dispatchEvent(new Event('input'))"
        )
        words = [w.text for w in browser.find_elements(By.CSS_SELECTOR, "#explorer-terms .explorer-term-word")]
        mine = topics[topics["topic"] == len(circles)].sort_values("rank")["term"].head(3).tolist()
        assert words[:3] == mine, (words, mine)
        word = "网格"
        browser.find_element(By.ID, "explorer-search").send_keys(word)
        found = browser.find_element(By.ID, "explorer-search-view")
        lines = found.find_elements(By.CSS_SELECTOR, "#explorer-kwic div")
        assert lines and all(word in line.text for line in lines)
        mixtures = read(run, "results/seeds/lda/paragraph_topics.csv")
        text = read(run, "results/seeds/corpus/paragraphs.csv").set_index("paragraph_id")["text"]
        counts = mixtures.assign(n=mixtures["paragraph_id"].map(text).str.count(word)).groupby("case_id")["n"].sum()
        label = read(run, "results/seeds/corpus/units.csv").set_index("case_id")["label"]
        expected = f"{counts.sum()} occurrences in {(counts > 0).sum()} cases"
        assert expected in found.text and found.find_element(By.CSS_SELECTOR, "a").text == label[counts.idxmax()]
        found.find_element(By.CSS_SELECTOR, "a").click()
        shown = browser.find_elements(By.CSS_SELECTOR, "#explorer-case-text p")
        assert len(shown) == (mixtures["case_id"] == counts.idxmax()).sum()
        errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
        assert not errors, errors
        browser.execute_script("document.getElementById('explorer').scrollIntoView()")
        browser.save_screenshot(str(run / "results/seeds/explorer.png"))
    finally:
        browser.quit()
    assert (run / "results/seeds/explorer.png").stat().st_size > 10_000
    assert (run / "results/seeds/report_summary.png").stat().st_size > 10_000


def test_the_report_switches_to_chinese_and_reruns_only_what_it_says(run, tmp_path):
    """Issue 25 items 2 and 6: the finished seeds run, copied with its Snakemake records, is set to
    ``report.language: zh``. Only the steps that write words rerun (topic names, figures, workbook,
    report), no model; in Chromium the contents, summary, headings and explorer speak Chinese only,
    and a search gives the same counts in Chinese words."""
    import re
    import shutil

    from selenium.webdriver.common.by import By

    zh = copy_project(tmp_path / "zh")
    for name in ("results", ".snakemake"):
        shutil.copytree(run / name, zh / name, ignore=shutil.ignore_patterns("locks", "incomplete"))
    setting = "report={'language': 'zh', 'citation_style': 'gb7714'}"
    planned = snakemake(zh, "--dry-run", "--config", setting)
    assert planned.returncode == 0, planned.stderr[-2000:]
    rules = {
        line.split()[-1].rstrip(":") for line in planned.stdout.splitlines() if line.startswith(("rule ", "localrule "))
    }
    assert {"topic_names", "report", "workbook"} <= rules and not rules & {"lda_fit", "tfidf", "clusters", "tokens"}
    result = snakemake(zh, "--config", setting)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (zh / "results/seeds/report.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", page)
    assert headings[:3] == ["摘要", "读入了什么", "1. 语料"] and headings[-2:] == [
        "参数（config/config.yaml，已填入默认值）",
        "输入与软件",
    ]
    assert not [h for h in headings if re.search(r"[A-Za-z]{4,} [a-z]{2,}", h)], headings
    names = read(zh, "results/seeds/lda/topic_names.csv")["name"]
    assert names.str.startswith("主题").all(), "a topic without a name is 主题<n> in Chinese"
    browser = _browser(tmp_path)
    try:
        browser.get((zh / "results/seeds/report.html").as_uri())
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
        contents = browser.find_elements(By.CSS_SELECTOR, "nav.toc a")
        assert contents[0].text == "摘要" and browser.find_element(By.CSS_SELECTOR, "nav.toc strong").text == "目录"
        findings = [f.text for f in browser.find_elements(By.CSS_SELECTOR, "ol.findings li")]
        assert (
            len(findings) >= 6
            and findings[0].startswith("在要点上：")
            and findings[1].startswith("读入 5 个文件或表格行")
        )
        images = browser.execute_script("return Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
        assert len(images) == len(FIGURES) and all(images)
        browser.execute_script("document.getElementById('explorer').scrollIntoView()")
        topic_view = browser.find_element(By.ID, "explorer-topic-view").text
        assert "典型段落" in topic_view and "Typical paragraphs" not in topic_view
        word = "网格"
        browser.find_element(By.ID, "explorer-search").send_keys(word)
        found = browser.find_element(By.ID, "explorer-search-view").text
        mixtures = read(zh, "results/seeds/lda/paragraph_topics.csv")
        text = read(zh, "results/seeds/corpus/paragraphs.csv").set_index("paragraph_id")["text"]
        counts = mixtures.assign(n=mixtures["paragraph_id"].map(text).str.count(word)).groupby("case_id")["n"].sum()
        assert f"出现 {counts.sum()} 次，见于 {(counts > 0).sum()} 个案例" in found and "上下文（前" in found
        assert "occurrences" not in found
        errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
        assert not errors, errors
        browser.save_screenshot(str(zh / "results/seeds/explorer_zh.png"))
    finally:
        browser.quit()


def test_workbook_holds_every_table_as_its_csv(run):
    from openpyxl import load_workbook

    from govtopics.presentation.workbook import SHEET_ROWS, TABLES
    from govtopics.reading.io import read_table

    book = load_workbook(run / "results/seeds/tables.xlsx", read_only=True)
    assert book.sheetnames == ["contents", *(name for name, _, _ in TABLES)]
    names = read(run, "results/seeds/lda/topic_names.csv").set_index("topic")["name"].to_dict()
    named_sheets = 0
    for name, csv, _ in TABLES:
        frame = read_table(run / f"results/seeds/{csv}").head(SHEET_ROWS.get(name))  # numbers as numbers
        rows = list(book[name].values)
        if "topic_name" in rows[0]:  # the topics named beside their numbers; the rest as in the CSV
            at = rows[0].index("topic_name")
            assert all(row[at] == names[row[at - 1]] for row in rows[1:]), name
            rows, named_sheets = [row[:at] + row[at + 1 :] for row in rows], named_sheets + 1
        assert len(rows) == len(frame) + 1 and rows[0][0] == frame.columns[0], name
        for row, expected in zip(rows[1:], frame.itertuples(index=False), strict=True):
            cells = list(row[: len(expected)]) + [None] * (len(expected) - len(row))  # empty cells at the end
            assert [None if pd.isna(v) or v == "" else v for v in expected] == cells, name
    cases = {row[1] for row in list(book["cases"].values)[1:]}
    assert "上海杨浦平凉路街道" in cases
    assert named_sheets >= 5, "topics, alignment, typical paragraphs, sources, prevalence and trends"
    header = list(book["lda_case_topics"].values)[0]
    assert header[2] == f"topic_1: {names[1]}"


def test_snakemakes_own_report_has_every_figure_with_its_filled_caption(run, tmp_path):
    """`snakemake --report report.zip` (issue 9 item 6): the figures flagged with report(), each
    with the caption our report shows, its settings filled in by Snakemake from the same template."""
    import zipfile

    result = snakemake(run, "--report", str(tmp_path / "report.zip"))
    assert result.returncode == 0, result.stderr[-2000:]
    with zipfile.ZipFile(tmp_path / "report.zip") as archive:
        names = archive.namelist()
        page = next(archive.read(n) for n in names if n.endswith("/report.html")).decode("utf-8")
    figures = {Path(n).stem for n in names if n.endswith(".png")}
    assert figures == set(FIGURES)
    assert "share of 200 bootstrap rounds" in page and "sublinear term frequency" in page
    assert "snakemake.params" not in page and "{{" not in page


def test_second_run_is_byte_identical(run, tmp_path):
    again = copy_project(tmp_path)
    result = snakemake(again)
    assert result.returncode == 0, result.stderr[-3000:]
    tables = sorted(
        p.relative_to(run) for p in (run / "results").rglob("*") if p.suffix in (".csv", ".jsonl", ".txt", ".xlsx")
    )
    assert len(tables) > 20
    for path in tables:
        assert (run / path).read_bytes() == (again / path).read_bytes(), path


def test_changing_one_parameter_reruns_only_what_depends_on_it(run):
    result = snakemake(run, "--dry-run", "--config", "clusters={'method': 'complete'}")
    assert result.returncode == 0, result.stderr
    planned = {
        line.split()[-1].rstrip(":") for line in result.stdout.splitlines() if line.startswith(("rule ", "localrule "))
    }
    assert {"clusters", "figures_clusters", "report"} <= planned
    assert not planned & {
        "ingest",
        "clean_shard",
        "corpus",
        "cases_shard",
        "cases",
        "tokens_shard",
        "tokens",
        "tfidf",
        "lda_fit",
        "lda",
    }


def test_bad_config_stops_with_one_line(run, tmp_path):
    overlay = tmp_path / "bad.yaml"
    overlay.write_text("lda:\n  passes: 0\n", encoding="utf-8")
    result = snakemake(run, "--dry-run", "--configfile", str(overlay))
    assert result.returncode != 0
    assert f"Config error in {overlay}: 'lda.passes' is 0; allowed: a number from 1 to 1000" in result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_lint_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--lint", "text"], cwd=ROOT, capture_output=True, text=True
    )
    lints = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if line.strip().startswith("*")]
    # 1 = lints found (only the conda one, which this project does not use); anything else, or 1 with
    # no lint listed (a Snakefile that does not parse), is a failure (issue 36: the code was ignored)
    assert result.returncode in (0, 1) and (result.returncode == 0 or lints), result.stderr[-2000:]
    assert all("conda environment or container" in line for line in lints), lints


def test_reported_topics_are_the_scored_model(run):
    """The chosen K's reference model is reported as it was scored: same paragraphs, same
    dictionary, same topics (issue 7 item 3; issue 8: no refit after selection)."""
    chosen = json.loads((run / "results/seeds/lda/chosen_k.json").read_text(encoding="utf-8"))
    selection = read(run, "results/seeds/lda/model_selection.csv")
    scored = selection[(selection["k"] == chosen["k"]) & (selection["seed"] == chosen["seed"])].iloc[0]
    topics = read(run, "results/seeds/lda/topics.csv", dtype={"term": str})
    reported = " | ".join(" ".join(sorted(group["term"])) for _, group in topics.groupby("topic"))
    assert reported == scored["top_words"]
    assert (scored["paragraphs"], scored["vocabulary"]) == (chosen["paragraphs"], chosen["vocabulary"])
    split = read(run, "results/seeds/lda/corpus/split.csv")
    assert (split["role"] == "train").sum() == chosen["paragraphs"] and (split["role"] == "heldout").sum() > 0


def test_training_on_a_sample_of_paragraphs_still_describes_every_paragraph(tmp_path):
    """lda.train_sample trains on that many paragraphs, chosen by a hash of their ids, and every
    paragraph still gets its mixture from the model (issue 7 item 3)."""
    workdir = copy_project(tmp_path)
    overlay = "lda:\n  train_sample: 60\n  k_grid: [4]\n  seeds: [1]\n"
    (workdir / "sample.yaml").write_text(overlay, encoding="utf-8")
    result = snakemake(workdir, "results/seeds/lda/paragraph_topics.csv", "--configfile", "sample.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    split = read(workdir, "results/seeds/lda/corpus/split.csv")
    chosen = json.loads((workdir / "results/seeds/lda/chosen_k.json").read_text(encoding="utf-8"))
    assert (split["role"] == "train").sum() == chosen["paragraphs"] == 60
    assert (split["role"] == "unsampled").sum() == chosen["unsampled_paragraphs"] > 0
    scores = read(workdir, "results/seeds/lda/model_selection.csv")
    assert (scores["paragraphs"] == 60).all()
    # every paragraph of a case gets its mixture, whether it trained the model or not
    mixtures = set(read(workdir, "results/seeds/lda/paragraph_topics.csv")["paragraph_id"])
    paragraphs = read(workdir, "results/seeds/corpus/paragraphs.csv")
    assert mixtures == set(paragraphs.loc[paragraphs["case_id"] != "", "paragraph_id"])
    assert mixtures & set(split.loc[split["role"] == "unsampled", "paragraph_id"])
    assert "left out of the training sample" in (workdir / "results/seeds/logs/lda_corpus.log").read_text(
        encoding="utf-8"
    )


def planned_jobs(workdir, *args):
    """{rule: number of jobs} that a dry run would start."""
    result = snakemake(workdir, "--dry-run", *args)
    assert result.returncode == 0, result.stderr[-2000:]
    counts, in_stats = {}, False
    for line in result.stdout.splitlines():
        if line.startswith("Job stats"):
            in_stats = True
        elif in_stats and line.split() and line.split()[-1].isdigit() and line.split()[0] not in ("total", "job"):
            counts[line.split()[0]] = int(line.split()[-1])
        elif in_stats and not line.strip():
            break
    return counts


MODELS = {
    *("ingest", "clean_shard", "duplicates", "corpus", "cases_shard", "cases", "tokens_shard", "tokens", "tfidf"),
    *("lda_corpus", "lda_fit", "lda", "clusters", "codebook"),
}


def test_presentation_changes_rerun_no_model(run, tmp_path):
    """Renaming topics, listing more terms, captions and figure size rerun figures and report only;
    adding a K fits that K only (issue 7 item 4)."""
    overlays = {"top_terms": "tfidf:\n  top_terms: 5\n", "dpi": "figures:\n  dpi: 100\n"}
    for name, text in overlays.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        planned = planned_jobs(run, "--configfile", str(tmp_path / f"{name}.yaml"))
        assert planned and not set(planned) & MODELS, (name, planned)
    labels = run / "config/topic_labels.yaml"
    caption = run / "workflow/report/mds.rst"
    original_labels, original_caption = labels.read_text(encoding="utf-8"), caption.read_text(encoding="utf-8")
    k = json.loads((run / "results/seeds/lda/chosen_k.json").read_text(encoding="utf-8"))["k"]
    names = {t: f"测试主题{t}" for t in range(1, k + 1)}
    try:
        labels.write_text("\n".join([f"k: {k}", "labels:"] + [f"  {t}: {n}" for t, n in names.items()]) + "\n", "utf-8")
        caption.write_text(original_caption + " 另一句说明。\n", encoding="utf-8")
        # provenance checksums the names file: it reruns too, a checksum and no model; the names
        # table (lda/topic_names.csv) and what shows names (figures, report, workbook) rerun
        assert set(planned_jobs(run)) == {
            "topic_names",
            "figures_topics",
            "figures_lda",
            "report",
            "workbook",
            "provenance",
            "all",
        }
        result = snakemake(run)
        assert result.returncode == 0, result.stderr[-3000:]
        html = (run / "results/seeds/report.html").read_text(encoding="utf-8")
        assert all(name in html for name in names.values()) and "另一句说明" in html
        named = read(run, "results/seeds/lda/topic_names.csv")
        assert list(named["name"]) == list(names.values()) and set(named["named_by"]) == {"config/topic_labels.yaml"}
    finally:
        labels.write_text(original_labels, encoding="utf-8")
        caption.write_text(original_caption, encoding="utf-8")
        # the shared run back to its own names (lda/topic_names.csv is a table the later tests compare)
        restored = snakemake(run)
        assert restored.returncode == 0, restored.stderr[-3000:]
    # a stopword added reruns the filtering and what follows, not the segmentation of any shard
    # (which never reads stopwords; issue 26)
    stopwords = run / "config/stopwords_domain.txt"
    original_stopwords = stopwords.read_text(encoding="utf-8")
    try:
        stopwords.write_text(original_stopwords.rstrip("\n") + "\n睦邻\n", encoding="utf-8")
        planned = planned_jobs(run)
        assert "tokens" in planned and "tokens_shard" not in planned, planned
    finally:
        stopwords.write_text(original_stopwords, encoding="utf-8")
    # cases labelled by another column: the cases and what follows rerun, no file is read or cleaned again
    (tmp_path / "label.yaml").write_text("corpus:\n  label_column: title\n", encoding="utf-8")
    planned = planned_jobs(run, "--configfile", str(tmp_path / "label.yaml"))
    assert "cases_shard" in planned and not {"ingest", "clean_shard", "corpus"} & set(planned), planned
    (tmp_path / "more_k.yaml").write_text("lda:\n  k_grid: [3, 4, 5, 6, 7, 8, 10, 12]\n", encoding="utf-8")
    planned = planned_jobs(run, "--configfile", str(tmp_path / "more_k.yaml"))
    assert planned["lda_fit"] == 1 and not set(planned) & MODELS - {"lda_fit", "lda", "clusters"}


def tables(workdir):
    """Every table a run writes, but the per-shard intermediates (their split is the point)."""
    return sorted(
        p.relative_to(workdir)
        for p in (workdir / "results").rglob("*")
        if p.suffix in (".csv", ".jsonl", ".txt") and not {"raw", "shards", "benchmarks"} & set(p.parts)
    )


def test_shard_count_does_not_change_any_table(run, tmp_path):
    """The seeds in five shards of one document give the same bytes as in one shard (issue 7, item 1)."""
    sharded = copy_project(tmp_path)
    (sharded / "shards.yaml").write_text("corpus:\n  shard_size: 1\n", encoding="utf-8")
    result = snakemake(sharded, "--configfile", "shards.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((sharded / "results/seeds/corpus/raw").glob("*.jsonl"))) == 5
    assert len([d for d in (sharded / "results/seeds/tokens/shards").iterdir() if d.is_dir()]) == 5
    assert len(list((sharded / "results/seeds/lda/shards").iterdir())) == 5  # mixtures inferred per shard
    assert tables(sharded) == tables(run) and len(tables(run)) > 40
    for path in tables(run):
        assert (run / path).read_bytes() == (sharded / path).read_bytes(), path


def test_shard_count_does_not_change_the_reports_text_stages(tmp_path):
    """Government Work Reports in one shard and in shards cut by characters: the same corpus,
    cases and tokens. Every other report (36 of 72, 22 years, 0.48 M characters) keeps the test
    to half the time of the whole set with cuts through documents of every length."""
    source = ROOT.parent / "shared/corpora/government_work_reports.jsonl"
    if not source.is_file():
        pytest.skip("shared corpus not beside the project")
    reports = tmp_path / "reports.jsonl"
    reports.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[::2]), encoding="utf-8")
    targets = [
        "results/seeds/tokens/paragraph_tokens.jsonl",
        "results/seeds/corpus/units.csv",
        "results/seeds/corpus/duplicates.csv",
    ]
    runs = []
    # one shard; then shards cut by characters (60,000 each: documents of every length meet a cut)
    for chars in (0, 60_000):
        workdir = copy_project(tmp_path / f"chars{chars}")
        overlay = (
            f"corpus:\n  path: {reports}\n  metadata: ''\n  text_column: content\n  label_column: year\n"
            f"  shard_size: 100\n  shard_chars: {chars}\ncompare:\n  max_square_cases: 10\n  aggregate_by: year\n"
        )
        (workdir / "overlay.yaml").write_text(overlay, encoding="utf-8")
        result = snakemake(workdir, *targets, "--configfile", "overlay.yaml")
        assert result.returncode == 0, result.stderr[-3000:]
        runs.append(workdir)
    assert len(list((runs[0] / "results/seeds/corpus/raw").glob("*.jsonl"))) == 1
    assert len(list((runs[1] / "results/seeds/corpus/raw").glob("*.jsonl"))) >= 7
    # the table's own columns reach documents.csv, so cases can be grouped by them
    years = {json.loads(line)["year"] or "" for line in reports.read_text(encoding="utf-8").splitlines()}
    assert set(read(runs[0], "results/seeds/corpus/documents.csv", dtype={"year": str})["year"]) == years
    units = read(runs[0], "results/seeds/corpus/units.csv", dtype={"label": str})
    assert len(units) > 15 and set(units["label"]) <= (years - {""}) | {"(none)"}
    assert (units["case_id"] == "year=" + units["label"]).all()
    assert tables(runs[0]) == tables(runs[1])
    for path in tables(runs[0]):
        assert (runs[0] / path).read_bytes() == (runs[1] / path).read_bytes(), path


def test_held_out_terms_scored_apart_from_tuned_ones(run):
    """The user dictionary was built on tests/data/gold_terms.csv; the held-out list
    (tests/data/gold_terms_heldout.csv) was never used to build anything. Every tuned term and
    every held-out term the seeds quote on its own comes out whole with the names the run found
    in quotation marks; the unquoted held-out compounds are reported, not hidden."""
    spec = importlib.util.spec_from_file_location("term_accuracy", ROOT / "benchmarks/term_accuracy.py")
    accuracy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(accuracy)
    table = accuracy.score(run / "results/seeds")["table"].set_index(["tokenizer", "terms"])
    pipeline = "pipeline (dictionary + quoted names)"
    assert table.loc[(pipeline, "tuned"), "whole"] == table.loc[(pipeline, "tuned"), "n"] == 105
    quoted = table.loc[(pipeline, "held out, quoted")]
    assert quoted["n"] >= 40 and quoted["whole"] == quoted["n"]
    # without the quote rule the held-out names are split: the rule, not the list, keeps them whole
    assert table.loc[("user dictionary", "held out, quoted"), "whole"] < quoted["n"] / 2
    names = read(run, "results/seeds/corpus/quoted_terms.csv")
    assert {"红色管家", "四议两公开"} <= set(names.loc[names["name"].astype(str) == "True", "term"])
    assert names.loc[names["term"] == "小区更和谐了", "why_not"].item().startswith("a phrase")


def test_many_cases_are_compared_in_groups_with_each_cases_nearest_listed(tmp_path):
    """Above compare.max_square_cases the views compare groups by compare.aggregate_by, the report
    says so, and every case still has its nearest cases (issue 7, item 5)."""
    workdir = copy_project(tmp_path)
    (workdir / "many.yaml").write_text("compare:\n  max_square_cases: 5\n  aggregate_by: region\n", encoding="utf-8")
    result = snakemake(workdir, "--configfile", "many.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    units = read(workdir, "results/seeds/corpus/units.csv")
    assert list(units["label"]) == ["东北", "东部", "西部"] and units["n_cases"].sum() == 11
    similarity = read(workdir, "results/seeds/tfidf/similarity.csv", index_col=0)
    assert similarity.shape == (3, 3)
    for view in ("tfidf", "lda"):
        nearest = read(workdir, f"results/seeds/{view}/nearest_cases.csv")
        assert len(nearest) == 11 * 3 and nearest["case_id"].nunique() == 11
        assert (nearest["case_id"] != nearest["neighbour_id"]).all()
    assert "compare the 3 groups of cases by &#x27;region&#x27;" in (workdir / "results/seeds/report.html").read_text(
        encoding="utf-8"
    )
    # topics by covariate stay per case when the views compare groups, and say what they cannot do
    prevalence = read(workdir, "results/seeds/covariates/prevalence.csv")
    region = prevalence[(prevalence["column"] == "region") & (prevalence["topic"] == 1)]
    assert region["n_cases"].sum() == 11
    summary = read(workdir, "results/seeds/covariates/summary.csv").set_index("column")
    assert "compared in groups" in summary.loc["region", "note"]


def test_a_trend_planted_in_a_synthetic_corpus_is_recovered_with_an_interval(tmp_path):
    """Issue 9 item 2, end to end: 30 documents, one a year (1990–2019), of 12 real paragraphs of
    the Government Work Reports each; the share of paragraphs on agriculture rises from 10% to 90%
    (0.27 per decade), the rest are on defence and foreign affairs. Through the whole pipeline
    (cleaning, tokens, LDA at K = 2) the topic of agriculture gains share per decade, with an
    interval that excludes 0, and the other loses it."""
    import random

    reports = ROOT.parent / "shared/corpora/government_work_reports.jsonl"
    if not reports.is_file():
        pytest.skip("shared corpus not beside the project")
    paragraphs = [
        p.strip()
        for line in reports.read_text(encoding="utf-8").splitlines()
        for p in json.loads(line)["content"].split("\n")
        if 80 <= len(p.strip()) <= 400
    ]
    farm = [
        p for p in paragraphs if len(re.findall("农业|农村|农民|粮食", p)) >= 3 and not re.search("国防|军队|外交", p)
    ]
    world = [
        p
        for p in paragraphs
        if len(re.findall("国防|军队|外交|国际", p)) >= 2 and not re.search("农业|农村|农民|粮食", p)
    ]
    rng = random.Random(7)
    rng.shuffle(farm), rng.shuffle(world)
    workdir = copy_project(tmp_path)
    with open(workdir / "planted.jsonl", "w", encoding="utf-8") as table:
        for i, year in enumerate(range(1990, 2020)):
            n_farm = round(12 * (0.1 + 0.8 * i / 29))
            text = [farm.pop() for _ in range(n_farm)] + [world.pop() for _ in range(12 - n_farm)]
            rng.shuffle(text)
            table.write(
                json.dumps({"id": f"doc{year}", "year": str(year), "content": "\n".join(text)}, ensure_ascii=False)
                + "\n"
            )
    overlay = (
        "run: planted\ncorpus:\n  path: planted.jsonl\n  metadata: ''\n  id_column: id\n  label_column: year\n"
        "lda:\n  k_grid: [2]\n  seeds: [1, 2]\n  passes: 10\n  iterations: 100\ncovariates:\n  columns: [year]\n"
    )
    (workdir / "planted.yaml").write_text(overlay, encoding="utf-8")
    result = snakemake(workdir, "results/planted/covariates/trends.csv", "--configfile", "planted.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    topics = read(workdir, "results/planted/lda/topics.csv", dtype={"term": str})
    words = topics.groupby("topic")["term"].apply(set)
    farm_topic = next(t for t, terms in words.items() if terms & {"农业", "农村", "农民", "粮食"})
    trends = read(workdir, "results/planted/covariates/trends.csv").set_index("topic")
    rise = trends.loc[farm_topic]
    assert 0.1 < float(rise["slope"]) < 0.4 and float(rise["low"]) > 0, rise.to_dict()
    other = trends.drop(index=farm_topic).iloc[0]
    assert float(other["high"]) < 0


def test_the_explorer_shows_borrowed_passages_beside_their_source_in_a_real_browser(tmp_path):
    """Issue 34: a case's passages shared with an earlier case appear, in Chromium, beside the
    source's words; the source case lists none; no console error."""
    from selenium.webdriver.common.by import By
    from test_explorer import _tables

    from govtopics.presentation import explorer

    row = {
        "label_a": "上海", "label_b": "深圳", "text_a": "网格员每天走访居民", "text_b": "网格员经常走访居民",
        "chars": 60, "direction": "a_first", "boilerplate": "False", "cluster_source": "d1", "doc_a": "d1",
        "doc_b": "d2",
    }  # fmt: skip
    data = explorer.explorer_data(*_tables(), {}, reuse_passages=pd.DataFrame([row]))
    page = tmp_path / "explorer.html"
    page.write_text(f'<!DOCTYPE html><html><meta charset="utf-8"><body>{explorer.explorer_html(data)}</body></html>')
    browser = _browser(tmp_path)
    try:
        browser.get(page.as_uri())
        pick = "var s = document.getElementById('explorer-case'); s.value = '{}'; s.dispatchEvent(new Event('change'))"
        browser.execute_script(pick.format([c["label"] for c in data["cases"]].index("深圳")))
        shown = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#explorer-case-view .explorer-reuse div")]
        assert shown == ["上海: 网格员每天走访居民", "深圳 (60 characters): 网格员经常走访居民"]
        browser.execute_script(pick.format([c["label"] for c in data["cases"]].index("上海")))
        assert not browser.find_elements(By.CSS_SELECTOR, "#explorer-case-view .explorer-reuse")
        errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
        assert not errors, errors
    finally:
        browser.quit()
