"""The generated methods paragraph: every number is the one used, and an undefined value is said
to be undefined, never formatted as a number (issue 10, item 3)."""

import math
from pathlib import Path

from govtopics.config import validate_config
from govtopics.presentation.methods import methods_paragraph

CONFIG = validate_config({}, "workflow/schemas/config.schema.yaml")
FACTS = {
    "documents": 3,
    "cases": 3,
    "paragraphs": 9,
    "vocabulary": 40,
    "k": 2,
    "k_reason": {"codes": ["fixed"]},
    "clusters_tfidf": 2,
    "clusters_lda": 2,
    "duplicates": 0,
    "damaged_runs": 0,
    "covariates": ["region", "year"],
}


def test_undefined_agreement_is_explained_not_formatted():
    agreement = [
        {"view_a": "tfidf", "view_b": "lda", "spearman": 0.5, "p_value": 0.5, "note": ""},
        {
            "view_a": "tfidf",
            "view_b": "codebook",
            "spearman": math.nan,
            "p_value": math.nan,
            "note": "constant_view",
            "cases": 3,
            "pairs": 3,
        },
        {"view_a": "lda", "view_b": "codebook", "spearman": "", "p_value": "", "note": ""},
    ]
    text = methods_paragraph(CONFIG, {}, {**FACTS, "agreement": agreement})
    assert "tfidf–lda ρ = 0.50 (p = 0.500)" in text
    assert (
        "tfidf–codebook not defined (one view gives every pair of cases the same similarity" in text
        and "= nan" not in text.lower()
    )
    assert "lda–codebook not defined" in text


def test_too_few_cases_are_said_not_clustered():
    text = methods_paragraph(CONFIG, {}, {**FACTS, "cases": 2, "agreement": []})
    assert "With 2 case(s), the cases were not clustered" in text and "silhouette (" not in text
    assert "by length alone (adjusted Rand index [@hubert1985])" in methods_paragraph(
        CONFIG, {}, {**FACTS, "agreement": []}
    )
    text = methods_paragraph({**CONFIG, "clusters": {**CONFIG["clusters"], "k": 2}}, {}, {**FACTS, "agreement": []})
    assert "fixed in the configuration (2 for TF-IDF" in text


def test_captions_say_what_the_config_did():
    """Issue 8: captions stated 200 bootstrap rounds and names removed whatever the config said."""
    from govtopics.config import load_config
    from govtopics.presentation.report import caption

    config = load_config("config/config.yaml", "workflow/schemas/config.schema.yaml")
    assert "share of 200 bootstrap rounds" in caption("workflow/report", "consensus", config)
    config["clusters"].update(bootstrap_rounds=1500, method="complete")
    config["tokens"].update(drop_place_names=False, drop_person_names=False)
    config["tfidf"]["sublinear_tf"] = False
    assert "share of 1,500 bootstrap rounds" in caption("workflow/report", "consensus", config)
    assert "(complete linkage" in caption("workflow/report", "dendrograms", config)
    tfidf = caption("workflow/report", "similarity_tfidf", config)
    assert "(raw term frequency)" in tfidf and "removed" not in tfidf
    assert "excluded" not in caption("workflow/report", "keyness", config)
    for rst in Path("workflow/report").glob("*.rst"):  # every caption fills, none keeps a {field}
        assert "{" not in caption("workflow/report", rst.stem, config), rst.name


def test_methods_cite_by_key_and_every_key_is_in_the_bibliography():
    """Issue 9 item 4: the paragraph cites its methods as [@key]; references.bib holds exactly those."""
    from govtopics.presentation import references

    text = methods_paragraph(CONFIG, {"snakemake": "9.0"}, {**FACTS, "agreement": []})
    keys = references.cited(text)
    assert set(keys) == set(references.REFERENCES), "every entry is cited, every citation has an entry"
    for expected in ("[@blei2003]", "[@mantel1967]", "[@hennig2007]", "[@bouma2009; @lau2014; @roder2015]"):
        assert expected in text
    assert "Topic prevalence by region and by year" in text and "1,000 bootstrap resamples of the cases" in text
    assert "prevalence" not in methods_paragraph(CONFIG, {}, {**FACTS, "covariates": [], "agreement": []})
    bib = references.bibtex(keys)
    assert bib.count("{") == bib.count("}") and all(f"{{{key}," in bib for key in keys)
    # rendered by citeproc-py in the CSL style of report.citation_style: APA and GB/T 7714
    cited_text, entries = references.render("Stability [@hennig2007]; software [@rehurek2010; @molder2021].", "apa")
    assert cited_text == "Stability (Hennig, 2007); software (Mölder et al., 2021; Řehůřek &amp; Sojka, 2010)."
    assert entries[0] == (
        "Hennig, C. (2007). Cluster-wise Assessment of Cluster Stability. <i>Computational Statistics &amp; Data "
        "Analysis</i>, <i>52</i>(1), 258–271. https://doi.org/10.1016/j.csda.2006.11.025"
    )
    assert [e[:6] for e in entries] == ["Hennig", "Mölder", "Řehůře"], "APA lists by author"
    assert all("{" not in e for e in entries)
    cited_text, entries = references.render("Stability [@hennig2007].", "gb7714")
    assert cited_text == "Stability (Hennig, 2007)." and entries[0].startswith("HENNIG C, 2007. Cluster-wise")
    assert "[J/OL]. Computational Statistics &amp; Data Analysis, 52(1): 258-271." in entries[0]
    # with two cases there is no clustering, and nothing about it is cited
    assert "hennig2007" not in references.cited(methods_paragraph(CONFIG, {}, {**FACTS, "cases": 2, "agreement": []}))


def test_citation_file_names_this_version():
    import tomllib

    import yaml

    citation = yaml.safe_load(Path("CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["cff-version"] == "1.2.0" and citation["version"] == project["version"]
    assert citation["title"].startswith("govtopics") and citation["license"] == project["license"]["text"]


def test_the_chinese_methods_paragraph_says_what_the_english_one_says():
    """Issue 25 item 2: a Chinese methods paragraph as well as the English one, with the same
    citations and the same numbers, for every branch (engines, damage, clusters, a sample)."""
    import re

    from govtopics.presentation import references

    agreement = [{"view_a": "tfidf", "view_b": "lda", "spearman": 0.5, "p_value": 0.04, "note": ""}]
    software = {"govtopics": "0.9", "gensim": "4.4.0", "tomotopy": "0.14.0", "jieba": "0.42.1"}
    variants = [
        (CONFIG, {**FACTS, "agreement": agreement}),
        (CONFIG, {**FACTS, "cases": 2, "agreement": [], "unsampled_paragraphs": 17}),
        (
            {
                **CONFIG,
                "lda": {**CONFIG["lda"], "engine": "gensim"},
                "clean": {**CONFIG["clean"], "encoding_damage": "repair"},
            },
            {**FACTS, "agreement": agreement, "damaged_runs": 4, "damage_repaired": 3, "chars_recovered": 12},
        ),
    ]
    for config, facts in variants:
        english, chinese = methods_paragraph(config, software, facts), methods_paragraph(config, software, facts, "zh")
        assert references.cited(chinese) == references.cited(english) or set(references.cited(chinese)) == set(
            references.cited(english)
        )
        numbers = re.compile(r"\d+(?:[.,]\d+)*")
        assert sorted(numbers.findall(chinese)) == sorted(numbers.findall(english)), (english, chinese)
        assert "。" in chinese and "We analysed" not in chinese


def test_every_caption_has_its_chinese_twin_with_the_same_settings():
    """Issue 25 item 2: workflow/report/zh/ holds every caption in Chinese, filled from the same
    settings (the same Jinja2 placeholders), and report.language picks them."""
    import re

    from govtopics.config import load_config
    from govtopics.presentation.report import caption

    english = sorted(p.name for p in Path("workflow/report").glob("*.rst"))
    assert english == sorted(p.name for p in Path("workflow/report/zh").glob("*.rst"))
    for name in english:
        fields = [
            re.findall(r"{{\s*([^}]+?)\s*}}", (Path(d) / name).read_text("utf-8"))
            for d in ("workflow/report", "workflow/report/zh")
        ]
        assert sorted(fields[0]) == sorted(fields[1]), name
    config = load_config("config/config.yaml", "workflow/schemas/config.schema.yaml")
    config["report"]["language"] = "zh"
    text = caption("workflow/report/zh", "similarity_tfidf", config)
    assert "次线性 词频，已去除地名和人名" in text and "{{" not in text
    assert caption("workflow/report/zh", "keyness", config).endswith("地名和人名不计入特征。")
