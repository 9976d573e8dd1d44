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


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    """Issue 10 item 11: Snakemake's own message names neither."""
    from govtopics.config import read_yaml

    path = tmp_path / "config.yaml"
    path.write_text("lda:\n  k_grid: [3, 4\n  passes: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        read_yaml(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line 3, column") and "not valid YAML" in message and "\n" not in message


def test_error_names_the_overlay_that_set_the_key(tmp_path):
    """An overlay given with --configfile, not config/config.yaml, is the file to fix."""
    overlay = tmp_path / "gwr.yaml"
    overlay.write_text("lda:\n  passes: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"Config error in {overlay}: 'lda.passes' is 0"):
        validate_config({"lda": {"passes": 0}}, SCHEMA, ["config/config.yaml", str(overlay)])
    overlay.write_text("lda:\n  k_grid: [3, 400]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"Config error in {overlay}: 'lda.k_grid.1' is 400"):
        validate_config({"lda": {"k_grid": [3, 400]}}, SCHEMA, ["config/config.yaml", str(overlay)])
    with pytest.raises(ConfigError, match="Config error in config/config.yaml: 'clusters.method'"):
        validate_config({"clusters": {"method": "ward"}}, SCHEMA, ["config/config.yaml", str(overlay)])
