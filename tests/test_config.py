"""Config validation: one line naming the key and what is allowed; defaults filled in."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from govtopics.config import ConfigError, validate_config
from govtopics.presentation.words import say

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


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "categories:\n  网格化管理:\n    term: [网格员]\n",
            "unknown key 'term' under 'categories.网格化管理'; allowed keys: description, terms",
        ),
        ("categories:\n  网格化管理:\n    terms: []\n", "'categories.网格化管理.terms': [] should be non-empty"),
        ("categories: {}\n", "'categories': {} should be non-empty"),
        ("categoris:\n  网格化管理:\n    terms: [网格员]\n", "unknown key 'categoris' at the top level"),
    ],
)
def test_codebook_mistakes_named_in_one_line(tmp_path, text, message):
    from govtopics.config import load_resource

    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_resource(path, "workflow/schemas/codebook.schema.yaml")
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value), str(error.value)
    assert "\n" not in str(error.value)


def test_topic_names_checked_and_applied(tmp_path):
    from govtopics.config import topic_names

    schema = "workflow/schemas/topic_labels.schema.yaml"
    path = tmp_path / "topic_labels.yaml"
    path.write_text("k: 3\nlabels:\n  1: 网格与小区治理\n  3: 开放与营商服务\n", encoding="utf-8")
    assert topic_names(path, 3, schema) == {1: "网格与小区治理", 2: "Topic 2", 3: "开放与营商服务"}
    prefix = say("page.topic_prefix", "zh")
    assert topic_names(path, 3, schema, prefix=prefix)[2] == "主题2", "an unnamed topic in report.language"
    assert topic_names(path, 4, schema) == {t: f"Topic {t}" for t in range(1, 5)}, "names of another K are not used"
    path.write_text("k: 3\nlabels: [网格, 开放]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'labels' is \['网格', '开放'\], which is not of type"):
        topic_names(path, 3, schema)
    assert topic_names("config/topic_labels.yaml", 5, schema) == {t: f"Topic {t}" for t in range(1, 6)}
    # a topic left unnamed is named by its top words, in rank order
    path.write_text("k: 3\nlabels:\n  1: 网格与小区治理\n  3: 开放与营商服务\n", encoding="utf-8")
    topics = pd.DataFrame(
        {"topic": [2, 2, 2, 2, 1], "rank": [2, 1, 4, 3, 1], "term": ["小区", "网格", "居民", "治理", "党建"]}
    )
    named = topic_names(path, 3, schema, topics)
    assert named == {1: "网格与小区治理", 2: "Topic 2 网格·小区·治理", 3: "开放与营商服务"}
    assert topic_names(path, 3, schema, topics, prefix="主题")[2] == "主题2 网格·小区·治理"


def test_the_configuration_page_is_the_schemas():
    """docs/configuration.md is generated from the schema and the config's comments
    (``python -m govtopics.config``): a key added, removed or changed in either and not in the page fails here."""
    from project import ROOT

    from govtopics.config import configuration_markdown

    page = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    expected = configuration_markdown(ROOT / "workflow/schemas/config.schema.yaml", ROOT / "config/config.yaml")
    assert page == expected, "docs/configuration.md is out of date: run `.venv/bin/python -m govtopics.config`"
    for key in ("lda.engine", "lda.sweeps", "clean.drop_captions", "corpus.sheet"):
        assert f"`{key}`" in page


def test_resources_live_in_one_place_for_local_and_slurm_runs():
    """Issue 26 item 3: job sizes are the rules' (RESOURCES in common.smk); the SLURM profile sets
    only the default, so the two can no longer disagree (lda_fit was 2 GB in its rule, 4 GB there)."""
    import re
    from pathlib import Path

    import yaml

    profile = yaml.safe_load(Path("workflow/profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    assert "set-resources" not in profile and profile["default-resources"]["mem_mb"] >= 2000
    common = Path("workflow/rules/common.smk").read_text(encoding="utf-8")
    block = common[common.index("RESOURCES = {") : common.index("}\n\n", common.index("RESOURCES = {"))]
    sized = re.findall(r'"([a-z_]+)": \{"mem_mb"', block)
    rules = "".join(p.read_text(encoding="utf-8") for p in Path("workflow/rules").glob("*.smk"))
    for name in sized:
        assert f"rule {name}:" in rules and f'**RESOURCES["{name}"]' in rules, name
    assert not re.search(r"\n        mem_mb=", rules), "no rule sizes itself outside RESOURCES"
    assert {"tfidf", "duplicates", "lda", "clusters"} <= set(sized), "the jobs above 1 GB at 30 M characters"


# Parameters named like a config key that mean something else, or whose default means "none given"
# where the config's default is the empty value of the same thing.
NOT_THE_CONFIG_KEY = {
    ("cases", "heading_table", "overrides"),  # None: no overrides (cases.overrides: [])
    ("cases", "split_cases", "overrides"),
    ("figures", "save", "formats"),  # the same two formats, as a tuple
    ("gazetteer", "describe", "path"),  # the gazetteer's file, not corpus.path
    ("gazetteer", "find_places", "path"),
    ("gazetteer", "place_mentions", "path"),
    ("gazetteer", "place_words", "path"),
    ("ingest", "read_corpus", "id_column"),  # None: no id column (corpus.id_column: '')
    ("ingest", "read_corpus", "columns"),  # a table's columns to read, not covariates.columns
    ("ingest", "read_files", "metadata"),  # None: no metadata table (corpus.metadata: '')
    ("ingest", "read_folder", "metadata"),
    ("ingest", "read_metadata_table", "columns"),
    ("ingest", "read_table", "id_column"),
    ("ingest", "read_table", "metadata"),
    ("ingest", "read_table", "columns"),
    ("summary", "agreement", "alpha"),  # the summary's significance level, not LDA's Dirichlet prior
    ("terms", "discover_terms", "stopwords"),  # a set of words, not the stopword files
    ("tokens", "make_tokenizer", "user_dictionary"),  # None: jieba's dictionary alone
}


def test_every_function_default_named_like_a_config_key_is_the_schemas():
    """Issue 26 item 3, one home per fact: a library function's default for a setting of the config
    is the schema's default (workflow/schemas/config.schema.yaml), so a test or a notebook calling the
    function without it gets what the pipeline does. Before, tokens.filter_tokens dropped no person
    names by default where tokens.drop_person_names is true."""
    import importlib
    import inspect
    import pkgutil

    import govtopics

    schema = yaml.safe_load(Path("workflow/schemas/config.schema.yaml").read_text(encoding="utf-8"))
    defaults: dict[str, list] = {}
    for section in schema["properties"].values():
        for key, spec in section.get("properties", {}).items():
            if "default" in spec:
                defaults.setdefault(key, []).append(spec["default"])
    checked, wrong = 0, []
    for module_info in pkgutil.walk_packages(govtopics.__path__, "govtopics."):  # the folders' modules too
        module = importlib.import_module(module_info.name)
        short = module_info.name.rsplit(".", 1)[-1]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue
            for parameter, spec in inspect.signature(function).parameters.items():
                if spec.default is inspect.Parameter.empty or parameter not in defaults:
                    continue
                if (short, name, parameter) in NOT_THE_CONFIG_KEY:
                    continue
                checked += 1
                if spec.default not in defaults[parameter]:
                    wrong.append(
                        f"{module_info.name}.{name}({parameter}={spec.default!r}): schema {defaults[parameter]}"
                    )
    assert not wrong, wrong
    assert checked >= 70, checked


def test_the_version_has_one_value():
    """Issue 36: a calendar version, the same in pyproject.toml and CITATION.cff."""
    import re
    import tomllib

    root = Path(__file__).resolve().parents[1]
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert re.fullmatch(r"20\d\d\.(1[0-2]|[1-9])\.\d+", version), version
    cited = re.search(r"^version: (\S+)$", (root / "CITATION.cff").read_text(encoding="utf-8"), re.M).group(1)
    assert cited == version
