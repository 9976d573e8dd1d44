"""Config validation: one line naming the key and what is allowed; defaults filled in."""

import pytest

from govtopics.config import ConfigError, validate_config

SCHEMA = "workflow/schemas/config.schema.yaml"


@pytest.mark.parametrize(
    "config, message",
    [
        ({"lda": {"k_gird": [3]}}, "unknown key 'k_gird' under 'lda'; allowed keys: alpha"),
        ({"ldaa": {}}, "unknown key 'ldaa' at the top level"),
        ({"lda": {"passes": 0}}, "'lda.passes' is 0; allowed: a number from 1 to 1000"),
        (
            {"clusters": {"method": "ward"}},
            "'clusters.method' is 'ward'; allowed: 'average', 'complete', 'single'",
        ),
        ({"tfidf": {"min_df": "two"}}, "'tfidf.min_df' is 'two', which is not of type integer"),
        ({"lda": {"k": 12}}, "'lda.k' is 12, which is not in 'lda.k_grid'"),
    ],
)
def test_bad_values_named(config, message):
    with pytest.raises(ConfigError) as error:
        validate_config(config, SCHEMA)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_defaults_filled():
    config = validate_config({}, SCHEMA)
    assert config["lda"]["k"] == "auto"
    assert config["corpus"]["path"] == "resources/corpus/seeds"
    assert config["figures"]["dpi"] == 200
