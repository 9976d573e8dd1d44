"""The generated methods paragraph: every number is the one used, and an undefined value is said
to be undefined, never formatted as a number (issue 10, item 3)."""

import math

from govtopics.config import validate_config
from govtopics.methods import methods_paragraph

CONFIG = validate_config({}, "workflow/schemas/config.schema.yaml")
FACTS = {
    "documents": 3,
    "cases": 3,
    "paragraphs": 9,
    "vocabulary": 40,
    "k": 2,
    "k_reason": "K = 2: …",
    "clusters_tfidf": 2,
    "clusters_lda": 2,
    "duplicates": 0,
    "damaged_runs": 0,
}


def test_undefined_agreement_is_explained_not_formatted():
    agreement = [
        {"view_a": "tfidf", "view_b": "lda", "spearman": 0.5, "p_value": 0.5, "note": ""},
        {"view_a": "tfidf", "view_b": "codebook", "spearman": math.nan, "p_value": math.nan, "note": "constant view"},
        {"view_a": "lda", "view_b": "codebook", "spearman": "", "p_value": "", "note": ""},
    ]
    text = methods_paragraph(CONFIG, {}, {**FACTS, "agreement": agreement})
    assert "tfidf–lda ρ = 0.50 (p = 0.500)" in text
    assert "tfidf–codebook not defined (constant view)" in text and "= nan" not in text.lower()
    assert "lda–codebook not defined" in text


def test_too_few_cases_are_said_not_clustered():
    text = methods_paragraph(CONFIG, {}, {**FACTS, "cases": 2, "agreement": []})
    assert "With 2 case(s), the cases were not clustered" in text and "silhouette (" not in text
    text = methods_paragraph({**CONFIG, "clusters": {**CONFIG["clusters"], "k": 2}}, {}, {**FACTS, "agreement": []})
    assert "fixed in the configuration (2 for TF-IDF" in text
