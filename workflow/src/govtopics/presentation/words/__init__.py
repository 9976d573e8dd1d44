"""Every word the presentation shows, one catalogue per language.

``words/<language>.toml`` holds the report's headings, table captions, column names and page words
as templates: ``say("caption.trends", "zh", covariate_rounds="1,000")`` is the Chinese caption with
its numbers filled in (:meth:`str.format`; a literal brace is written twice). Every catalogue has
the same keys and the same placeholders (a test compares them), so a third language is one more
file and a new table's caption is one entry in each. The figures' captions are Jinja2 templates in
``workflow/report/`` (English) and ``workflow/report/<language>/``, which Snakemake's own
``--report`` reads too.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


def languages() -> list[str]:
    """The languages with a catalogue, in name order."""
    return sorted(path.stem for path in HERE.glob("*.toml"))


def _flat(table: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@cache
def catalogue(language: str) -> dict[str, str]:
    """The templates of one language, keyed ``section.name`` (``caption.documents``)."""
    path = HERE / f"{language}.toml"
    if not path.exists():
        raise ValueError(
            f"report.language: no words for {language!r} (there are {', '.join(languages())}); "
            f"add {path.name} next to the others in {HERE}"
        )
    with path.open("rb") as handle:
        return _flat(tomllib.load(handle))


def say(key: str, language: str, **numbers) -> str:
    """The words of ``key`` in ``language``, its placeholders filled from ``numbers``."""
    return catalogue(language)[key].format(**numbers)
