"""Validating ``config/config.yaml`` against its JSON Schema before any job runs.

A researcher who mistypes a key or a value gets one line that names the key, what was given and
what is allowed, instead of a traceback from deep inside a stage. Defaults from the schema are
filled in, so a shorter config file still runs.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jsonschema
import yaml

from .reading.io import InputError


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


# JSON Schema counts 2.0 as an integer; Python's random states, partitions and file names do not
# (lda.seeds: [1.0] → a RandomState error, lda.k_grid: [2.0] → a file k2.0/scores.csv): an
# integer in the config is written without a decimal point.
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)
)


MAX_CONFIG_VALUES = 100_000  # a config, an overlay or a codebook: values, each alias counted as often as it is used
MAX_CONFIG_CHARS = 2_000_000  # characters of keys and text, aliases expanded (the shipped files hold under 30,000)


def _expanded_size(value, limit_values: int, limit_chars: int) -> tuple[int, int]:
    """(values, characters) ``value`` holds with every YAML alias expanded, counted without
    expanding them (each shared list or mapping is sized once and its size reused), stopping once a
    limit is passed: a few lines of anchors repeated in each other hold billions of values, and a
    1 MB string aliased 90,000 times holds 90 GB of text."""
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[object, bool]] = [(value, False)]
    while stack:
        item, children_done = stack.pop()
        if not isinstance(item, dict | list | tuple):
            continue
        if id(item) in sizes:
            continue
        children = list(item.values()) if isinstance(item, dict) else list(item)
        if not children_done:
            stack.append((item, True))
            stack.extend((c, False) for c in children if isinstance(c, dict | list | tuple) and id(c) not in sizes)
            continue
        values = 1 + sum(sizes[id(c)][0] if isinstance(c, dict | list | tuple) else 1 for c in children)
        chars = sum(sizes[id(c)][1] if isinstance(c, dict | list | tuple) else len(str(c)) for c in children)
        if isinstance(item, dict):
            chars += sum(len(str(k)) for k in item)
        sizes[id(item)] = (min(values, limit_values + 1), min(chars, limit_chars + 1))
    if isinstance(value, dict | list | tuple):
        return sizes[id(value)]
    return 1, len(str(value))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _first_surrogate(value, key: str = "") -> str | None:
    """The key (``a.b[2]``) of the first text in ``value`` holding a lone surrogate (an escape such
    as "\\ud800" in a double-quoted YAML string: half a character, which no file can be written with);
    each shared (aliased) value looked at once."""
    stack, seen = [(value, key)], set()
    while stack:
        item, where = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, str) and _SURROGATE.search(item):
            return where or "(the whole file)"
        if isinstance(item, dict | list | tuple):
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for k, v in pairs:
                if isinstance(k, str) and _SURROGATE.search(k):
                    return f"{where}.{k!a}".lstrip(".")
                stack.append((v, f"{where}[{k}]" if isinstance(item, list | tuple) else f"{where}.{k}".lstrip(".")))
    return None


def check_size(value, path: str | Path) -> None:
    """Refuse a loaded YAML file (config, overlay, codebook) that expands past the budget or holds
    half a character, in one line naming the file."""
    values, chars = _expanded_size(value, MAX_CONFIG_VALUES, MAX_CONFIG_CHARS)
    if values > MAX_CONFIG_VALUES or chars > MAX_CONFIG_CHARS:
        what = (
            f"more than {MAX_CONFIG_VALUES:,} values"
            if values > MAX_CONFIG_VALUES
            else (f"more than {MAX_CONFIG_CHARS:,} characters")
        )
        raise ConfigError(
            f"Config error in {path}: the file expands to {what} (YAML anchors and aliases '&a' / '*a' repeated "
            "inside each other, or a long text aliased many times?): write the values out, once each"
        )
    where = _first_surrogate(value)
    if where is not None:
        raise ConfigError(
            f"Config error in {path}: '{where}' holds half a character (a lone surrogate such as \"\\ud800\", "
            "which no file can be written with): write the character itself, or its full \\U escape"
        )


def _short(value, limit: int = 120) -> str:
    """``repr`` of a config value cut to ``limit`` characters without building the whole text:
    a YAML overlay of nested anchors (a "billion laughs") expands to more than memory holds."""

    def walk(item, budget):
        if budget <= 0:
            return "…"
        if isinstance(item, dict):
            parts, used = [], 2
            for key, val in item.items():
                text = f"{key!r}: {walk(val, budget - used)}"
                parts.append(text)
                used += len(text) + 2
                if used >= budget:
                    parts.append("…")
                    break
            return "{" + ", ".join(parts) + "}"
        if isinstance(item, list | tuple):
            parts, used = [], 2
            for val in item:
                text = walk(val, budget - used)
                parts.append(text)
                used += len(text) + 2
                if used >= budget:
                    parts.append("…")
                    break
            return "[" + ", ".join(parts) + "]"
        text = repr(item)
        return text if len(text) <= budget else text[: max(budget - 1, 0)] + "…"

    text = walk(value, limit)
    return text if len(text) <= limit + 1 else text[:limit] + "…"


def _describe(error: jsonschema.ValidationError) -> str:
    key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    schema = error.schema
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        where = f"under '{key}'" if error.absolute_path else "at the top level"
        return f"unknown key {', '.join(repr(e) for e in extra)} {where}; allowed keys: {', '.join(allowed)}"
    if error.validator == "enum":
        return f"'{key}' is {_short(error.instance)}; allowed: {', '.join(map(repr, schema['enum']))}"
    if error.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        lo, hi = schema.get("minimum", schema.get("exclusiveMinimum")), schema.get("maximum")
        span = f"from {lo}" if lo is not None else ""
        span += f" to {hi}" if hi is not None else ""
        return f"'{key}' is {_short(error.instance)}; allowed: a number {span.strip()}"
    if error.validator == "type":
        if schema["type"] == "integer" and isinstance(error.instance, float) and error.instance.is_integer():
            return (
                f"'{key}' is {error.instance!r}; write the whole number without a decimal point: {int(error.instance)}"
            )
        return f"'{key}' is {_short(error.instance)}, which is not of type {schema['type']}"
    if error.validator == "required":
        return f"'{key}' is missing a required key: {error.message}"
    if error.validator in ("oneOf", "anyOf", "pattern") and schema.get("description"):
        return f"'{key}' is {_short(error.instance)}; allowed: {schema['description']}"
    hint = schema.get("description", "")
    message = error.message if len(error.message) <= 300 else _short(error.instance) + ": not allowed here"
    return f"'{key}': {message}" + (f" ({hint})" if hint else "")


def read_yaml(path: str | Path):
    """Parse a YAML file a user edits; a syntax error is one line naming the file, line and column."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from .reading.textcodec import decode_bytes

        try:
            encoding = f"looks like {decode_bytes(data)[1]}"
        except ValueError:
            encoding = "in no encoding govtopics recognises"
        raise ConfigError(
            f"{path}: not UTF-8 (byte {exc.start + 1} is not; the file {encoding}): open it in a text editor and "
            "save it with the encoding UTF-8"
        ) from None
    try:
        value = yaml.safe_load(text)
    except RecursionError:
        raise ConfigError(
            f"{path}: nested thousands of levels deep (brackets inside brackets), more than YAML can read: "
            "write the values out flat"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(
            f"{path}{where}: not valid YAML ({problem}); check brackets, quotes and indentation (spaces, not tabs)"
        ) from None
    check_size(value, path)
    return value


def source_of(key: tuple, sources: list[str]) -> str:
    """The last of the config files ``sources`` (main file first, then overlays) that sets ``key``
    (a path of keys), so an error names the file to edit; the main file when none does."""
    for path in reversed(sources[1:]):
        node = read_yaml(path) if Path(path).is_file() else None
        for part in key:
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and part.isdigit():  # an item of a list the file sets
                break
            else:
                node = None
        if node is not None:
            return path
    return sources[0]


def validate_config(config: dict, schema_path: str | Path, sources: list[str] | None = None) -> dict:
    """Validate ``config`` in place, fill schema defaults and return it.

    ``sources``: the config files it was read from, main file first, then ``--configfile``
    overlays; an error names the one that set the wrong key.

    Raises
    ------
    ConfigError
        With one line naming the file, the key, the value given and what is allowed.
    """
    sources = list(sources or ["config/config.yaml"])
    schema = yaml.safe_load(Path(schema_path).read_text(encoding="utf-8"))
    for path in sources:
        raw = read_yaml(path) if Path(path).is_file() else None
        if isinstance(raw, dict) and "__use_yte__" in raw:
            raise ConfigError(
                f"Config error in {path}: '__use_yte__' asks Snakemake to run the Python in this file as a template "
                "(it ran when Snakemake read the file); govtopics takes plain values only: remove the key and the "
                "template expressions, and run only config files you trust"
            )
    check_size(config, "the configuration (its files and any --config values)")
    checker = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=_TYPES)
    validator = _fill_defaults(checker)(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        key = tuple(str(p) for p in errors[0].absolute_path)
        raise ConfigError(f"Config error in {source_of(key, sources)}: {_describe(errors[0])}")
    for group in ("line_patterns", "block_start_patterns", "end_patterns"):
        value = config["clean"][group]
        for name, patterns in value.items() if isinstance(value, dict) else [("", value)]:
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    key = ".".join(filter(None, ("clean", group, name)))
                    raise ConfigError(
                        f"Config error in {source_of(tuple(key.split('.')), sources)}: '{key}' has {pattern!r}, "
                        f"which is not a regular expression ({exc}); escape special characters with a backslash"
                    ) from None
    corpus = Path(str(config["corpus"]["path"]))
    if corpus.resolve().is_relative_to(Path("results").resolve()):  # (relative to the project folder, where it runs)
        raise ConfigError(
            f"Config error in {source_of(('corpus', 'path'), sources)}: 'corpus.path' is {str(corpus)!r}, inside "
            "results/, where the pipeline writes and cleans up its outputs: keep your corpus in a folder of its own"
        )
    lda = config["lda"]
    if lda["k"] != "auto" and lda["k"] not in lda["k_grid"]:
        raise ConfigError(
            f"Config error in {source_of(('lda', 'k'), sources)}: 'lda.k' is {lda['k']}, which is not in "
            f"'lda.k_grid' {lda['k_grid']}; add it to the grid or set lda.k: auto"
        )
    return config


def load_config(path: str | Path, schema_path: str | Path) -> dict:
    """Read and validate a config file (for use outside Snakemake: tests, benchmarks)."""
    return validate_config(read_yaml(path) or {}, schema_path, [str(path)])


def check_paths(config: dict, sources: list[str] | None = None) -> None:
    """Every file or folder the config names exists (checked before any job runs)."""
    named = [
        ("corpus.path", config["corpus"]["path"]),
        ("corpus.metadata", config["corpus"]["metadata"]),
        ("tokens.user_dictionary", config["tokens"]["user_dictionary"]),
    ]
    named += [(f"tokens.stopwords[{i}]", p) for i, p in enumerate(config["tokens"]["stopwords"])]
    sources = list(sources or ["config/config.yaml"])
    for folder in (Path("results"), Path("results") / str(config.get("run", ""))):
        if folder.exists() and not folder.is_dir():  # Snakemake would fail on every output under it
            raise ConfigError(
                f"Config error in {source_of(('run',), sources)}: every output goes in {folder}/, but {folder} is a "
                "file: move or rename that file, or give 'run' another name"
            )
    for key, path in named:
        where = source_of(tuple(key.split("[")[0].split(".")), sources)
        if path and not Path(path).exists():
            raise ConfigError(
                f"Config error in {where}: '{key}' names {path}, which does not exist "
                "(paths are relative to the project folder)"
            )
        if path and not (Path(path).is_file() or Path(path).is_dir()):  # a FIFO or a device: reading it may never end
            raise ConfigError(
                f"Config error in {where}: '{key}' names {path}, which is neither a file nor a folder (a pipe or a "
                "device, whose reading may never end): name a regular file or folder"
            )
        if path and key != "corpus.path" and not Path(path).is_file():
            raise ConfigError(f"Config error in {where}: '{key}' names {path}, which is a folder: name a file in it")
        system = Path(path).resolve().parts[1:2] if path else ()
        if system and system[0] in ("proc", "sys", "dev"):
            raise ConfigError(
                f"Config error in {where}: '{key}' names {path}, a folder of the operating system (its files are "
                "devices and live counters, and reading some never ends): name your own files"
            )


def load_resource(path: str | Path, schema_path: str | Path) -> dict:
    """A user-edited YAML resource (codebook, topic names) checked against its JSON Schema; a
    mistake is one line naming the file, the key and what is allowed."""
    data = read_yaml(path) or {}
    if isinstance(data, dict):  # YAML reads '1: name' with a number as key; JSON Schema keys are text
        data = {k: ({str(n): v for n, v in d.items()} if isinstance(d, dict) else d) for k, d in data.items()}
    schema = yaml.safe_load(Path(schema_path).read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        raise ConfigError(f"{path}: {_describe(errors[0])}")
    return data


def given_topic_names(path: str | Path, k: int, schema_path: str | Path) -> dict[int, str]:
    """The names ``config/topic_labels.yaml`` gives the topics of a K-topic model (keys ``k`` and
    ``labels``); none, with a warning, when they were written for another K."""
    spec = load_resource(path, schema_path)
    given = {int(t): name for t, name in (spec.get("labels") or {}).items()}
    if given and int(spec.get("k", -1)) != k:
        logging.getLogger(__name__).warning(
            "%s names topics of K = %s, the model has K = %s: names not used", path, spec.get("k"), k
        )
        return {}
    return given


def topic_names(
    path: str | Path, k: int, schema_path: str | Path, topics=None, words: int = 3, prefix: str = "Topic "
) -> dict[int, str]:
    """Names for the topics of a K-topic model from ``config/topic_labels.yaml`` (keys ``k`` and
    ``labels``); a topic it does not name is its number after ``prefix`` (``Topic <n>``, or ``主题<n>``
    in Chinese: ``page.topic_prefix`` of the words catalogues)
    followed by its top ``words`` words in ``topics`` (the rows of ``lda/topics.csv``: topic, rank,
    term), e.g. Topic 17 农业·发展·生产 or 主题17 农业·发展·生产, so that
    a legend or a table can be read without the topic table. Names written for another K are not
    used (with a warning): the topics of another model are other topics. Names are applied after
    the model (``lda/topic_names.csv``), so renaming a topic reruns no model."""
    given = given_topic_names(path, k, schema_path)
    names = {}
    for topic in range(1, k + 1):
        if topic in given:
            names[topic] = given[topic]
            continue
        top = []
        if topics is not None and len(topics):
            mine = topics[topics["topic"] == topic].sort_values("rank")
            top = [str(term) for term in mine["term"].head(words)]
        names[topic] = f"{prefix}{topic}" + (f" {'·'.join(top)}" if top else "")
    return names


def topic_name_table(path: str | Path, k: int, schema_path: str | Path, topics, prefix: str = "Topic ") -> dict:
    """``lda/topic_names.csv`` (the ``topic_names`` rule): every topic's name (:func:`topic_names`),
    who named it (``config/topic_labels.yaml`` or its top words) and its top words."""
    import pandas as pd

    given = given_topic_names(path, k, schema_path)
    rows = [
        {
            "topic": topic,
            "name": name,
            "named_by": "config/topic_labels.yaml" if topic in given else "top words",
            "top_words": "、".join(topics[topics["topic"] == topic].sort_values("rank")["term"].astype(str)),
        }
        for topic, name in topic_names(path, k, schema_path, topics, prefix=prefix).items()
    ]
    return {"names": pd.DataFrame(rows)}


def names_of_topics(table) -> dict[int, str]:
    """topic → name, from the rows of ``lda/topic_names.csv`` (what :func:`topic_names` wrote)."""
    return dict(zip(table["topic"].astype(int), table["name"].astype(str), strict=True))


def config_comments(config_text: str) -> dict[str, str]:
    """What ``config/config.yaml`` says of each key (``section.key``): the comment lines just above
    it and the comment after its value, joined. Top-level keys are ``key``."""
    comments: dict[str, str] = {}
    above: list[str] = []
    section = ""
    for line in config_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            above.append(stripped.lstrip("#").strip())
            continue
        match = re.match(r"^( *)([A-Za-z_][A-Za-z0-9_]*):(.*)$", line)
        if not match:
            above = [] if not stripped else above
            continue
        indent, key, rest = len(match.group(1)), match.group(2), match.group(3)
        if indent == 0:
            section = key
            name = key
        elif indent == 2:
            name = f"{section}.{key}"
        else:
            above = []
            continue
        inline = re.search(r"\s#\s?(.*)$", rest)
        text = " ".join([*above, inline.group(1).strip() if inline else ""]).strip()
        if text:
            comments[name] = text
        above = []
    return comments


def _allowed(spec: dict) -> str:
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    kinds = spec.get("type", "")
    kinds = " or ".join(kinds) if isinstance(kinds, list) else kinds
    bounds = []
    if "minimum" in spec:
        bounds.append(f"≥ {spec['minimum']}")
    if "exclusiveMinimum" in spec:
        bounds.append(f"> {spec['exclusiveMinimum']}")
    if "maximum" in spec:
        bounds.append(f"≤ {spec['maximum']}")
    return f"{kinds} {', '.join(bounds)}".strip()


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def configuration_markdown(schema_path: str | Path, config_path: str | Path) -> str:
    """``docs/configuration.md``: every key of the schema with its type, allowed values, default
    and what the shipped config's comments say of it. Written by ``python -m govtopics.config``;
    a test fails when the page and the schema differ."""
    import json

    schema = read_yaml(schema_path)
    comments = config_comments(Path(config_path).read_text(encoding="utf-8"))
    out = [
        "# Configuration",
        "",
        "Every key of `config/config.yaml`, from the schema that checks it "
        "(`workflow/schemas/config.schema.yaml`) and the config's own comments. A key left out of your "
        "config takes its default. This page is generated (`python -m govtopics.config`); a test fails "
        "when it and the schema differ.",
        "",
    ]
    for section, spec in schema["properties"].items():
        if spec.get("type") == "object" and "properties" in spec:
            out += [f"## `{section}`", "", "| key | allowed | default | what it does |", "| --- | --- | --- | --- |"]
            for key, sub in spec["properties"].items():
                name = f"{section}.{key}"
                default = json.dumps(sub.get("default", ""), ensure_ascii=False)
                what = sub.get("description") or comments.get(name, "") or "(with the key above)"
                out.append(f"| `{name}` | {_cell(_allowed(sub))} | `{_cell(default)}` | {_cell(what)} |")
            out.append("")
        else:
            default = json.dumps(spec.get("default", ""), ensure_ascii=False)
            what = spec.get("description") or comments.get(section, "")
            out += [f"## `{section}`", "", f"{_cell(_allowed(spec))}, default `{default}`: {what}", ""]
    return "\n".join(out)


if __name__ == "__main__":  # python -m govtopics.config: write docs/configuration.md
    _root = Path(__file__).resolve().parents[3]
    (_root / "docs/configuration.md").write_text(
        configuration_markdown(_root / "workflow/schemas/config.schema.yaml", _root / "config/config.yaml"),
        encoding="utf-8",
    )
