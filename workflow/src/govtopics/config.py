"""Validating ``config/config.yaml`` against its JSON Schema before any job runs.

A researcher who mistypes a key or a value gets one line that names the key, what was given and
what is allowed, instead of a traceback from deep inside a stage. Defaults from the schema are
filled in, so a shorter config file still runs.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from .io import InputError


class ConfigError(InputError):
    """A config value is wrong; the message names the key and what is allowed."""


def _fill_defaults(validator_class):
    validate_properties = validator_class.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):
        if isinstance(instance, dict):
            for name, subschema in properties.items():
                if "default" in subschema and name not in instance:
                    instance[name] = _copy(subschema["default"])
        yield from validate_properties(validator, properties, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": set_defaults})


def _copy(value):
    return yaml.safe_load(yaml.safe_dump(value))


def _describe(error: jsonschema.ValidationError) -> str:
    key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    schema = error.schema
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        where = f"under '{key}'" if error.absolute_path else "at the top level"
        return f"unknown key {', '.join(repr(e) for e in extra)} {where}; allowed keys: {', '.join(allowed)}"
    if error.validator == "enum":
        return f"'{key}' is {error.instance!r}; allowed: {', '.join(map(repr, schema['enum']))}"
    if error.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        lo, hi = schema.get("minimum", schema.get("exclusiveMinimum")), schema.get("maximum")
        span = f"from {lo}" if lo is not None else ""
        span += f" to {hi}" if hi is not None else ""
        return f"'{key}' is {error.instance!r}; allowed: a number {span.strip()}"
    if error.validator == "type":
        return f"'{key}' is {error.instance!r}, which is not of type {schema['type']}"
    if error.validator == "required":
        return f"'{key}' is missing a required key: {error.message}"
    hint = schema.get("description", "")
    return f"'{key}': {error.message}" + (f" ({hint})" if hint else "")


def validate_config(config: dict, schema_path: str | Path, source: str = "config/config.yaml") -> dict:
    """Validate ``config`` in place, fill schema defaults and return it.

    Raises
    ------
    ConfigError
        With one line naming the key, the value given and what is allowed.
    """
    schema = yaml.safe_load(Path(schema_path).read_text(encoding="utf-8"))
    validator = _fill_defaults(jsonschema.Draft202012Validator)(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError(f"Config error in {source}: {_describe(errors[0])}")
    lda = config["lda"]
    if lda["k"] != "auto" and lda["k"] not in lda["k_grid"]:
        raise ConfigError(
            f"Config error in {source}: 'lda.k' is {lda['k']}, which is not in 'lda.k_grid' "
            f"{lda['k_grid']}; add it to the grid or set lda.k: auto"
        )
    return config


def load_config(path: str | Path, schema_path: str | Path) -> dict:
    """Read and validate a config file (for use outside Snakemake: tests, benchmarks)."""
    try:
        config = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"Config error in {path}: not valid YAML ({exc})") from None
    return validate_config(config, schema_path, source=str(path))


def check_paths(config: dict, source: str = "config/config.yaml") -> None:
    """Every file or folder the config names exists (checked before any job runs)."""
    named = [
        ("corpus.path", config["corpus"]["path"]),
        ("corpus.metadata", config["corpus"]["metadata"]),
        ("tokens.user_dictionary", config["tokens"]["user_dictionary"]),
    ]
    named += [(f"tokens.stopwords[{i}]", p) for i, p in enumerate(config["tokens"]["stopwords"])]
    for key, path in named:
        if path and not Path(path).exists():
            raise ConfigError(
                f"Config error in {source}: '{key}' names {path}, which does not exist "
                "(paths are relative to the project folder)"
            )
