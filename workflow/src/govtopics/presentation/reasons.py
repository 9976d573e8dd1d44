"""Why a K and why a number of clusters, in words: the reason codes and numbers the compute stages
write (``lda/chosen_k.json``'s ``reason``, ``clusters/chosen_k.csv``) said in the report's
language from the words catalogue (``k_reason.*``, ``cluster.*``). Nothing is parsed back from
a sentence; the thresholds quoted are the ones the stages used (:mod:`govtopics.models.clusters`).
"""

from __future__ import annotations

import math

import pandas as pd

from ..models.clusters import MIN_CASES, WEAK_SILHOUETTE
from .words import say


def _numbers(row: dict) -> dict:
    """A row's numbers, with the empty ones (NaN, None) left out and whole floats as integers (a
    count read back from a CSV column with empty cells is a float; a template's ``{x:.3f}`` still
    writes an integer with its decimals)."""
    out = {}
    for key, value in row.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        out[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return out


def k_reason(chosen: dict, language: str, prefixed: bool = True) -> str:
    """Why K (``chosen_k.json``): ``K = 5: highest mean NPMI (…)`` or, not ``prefixed``, the
    reason alone."""
    reason = chosen["reason"]
    numbers = {
        **_numbers({key: value for key, value in reason.items() if key != "codes"}),
        "k": chosen["k"],
        "others": ", ".join(map(str, reason.get("others", []))),
        "skipped": ", ".join(map(str, reason.get("skipped", []))),
    }
    text = "".join(
        say(f"k_reason.{code}_{reason['side']}" if code == "grid_edge" else f"k_reason.{code}", language, **numbers)
        for code in reason["codes"]
    )
    return say("k_reason.prefix", language, k=chosen["k"]) + text if prefixed else text


def length_check(row: dict, medians: list[float], language: str) -> str:
    """The length check of a view's clusters (``follows_length`` or ``length_independent``), or ''."""
    code = next((c for c in str(row["reason"]).split("; ") if c in ("follows_length", "length_independent")), "")
    if not code:
        return ""
    spread = say("cluster.medians_separator", language).join(f"{m:,.0f}" for m in sorted(medians, reverse=True))
    return say(f"cluster.{code}", language, **_numbers(row), medians=spread)


def cluster_reason(row: dict, medians: list[float], language: str) -> str:
    """Why a view has its number of clusters (a row of ``clusters/chosen_k.csv``), with its length
    check; ``medians``: its clusters' median lengths in characters (``cluster_stability.csv``)."""
    numbers = {**_numbers(row), "weak": WEAK_SILHOUETTE, "min_cases": MIN_CASES}
    numbers["most"] = numbers["cases"] - 1
    codes = [c for c in str(row["reason"]).split("; ") if c not in ("follows_length", "length_independent")]
    reason = "".join(say(f"cluster.{code}", language, **numbers) for code in codes)
    length = length_check(row, medians, language)
    if length:
        return say("cluster.with_length", language, reason=reason, length=length)
    return say("cluster.alone", language, reason=reason)


def cluster_reasons(choice: pd.DataFrame, stability: pd.DataFrame, language: str) -> pd.DataFrame:
    """``view``, ``reason``: every view's reason for its number of clusters, in words."""
    rows = []
    for row in choice.to_dict("records"):
        medians = stability.loc[stability["view"] == row["view"], "median_chars"].astype(float).tolist()
        rows.append({"view": row["view"], "reason": cluster_reason(row, medians, language)})
    return pd.DataFrame(rows, columns=["view", "reason"])


def agreement_note(row: dict, language: str) -> str:
    """The note of a row of ``compare/agreement.csv`` (a code: why the agreement is undefined, or
    that the test was exact) in words; '' without one."""
    code = row.get("note")
    if not isinstance(code, str) or not code:
        return ""
    numbers = _numbers({key: row.get(key) for key in ("cases", "pairs", "permutations")})
    permutations = numbers.get("permutations") or 0
    return say(f"agreement.{code}", language, **numbers, floor=1 / permutations if permutations else float("nan"))


def agreement_table(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """``compare/agreement.csv`` with its notes in words, as the report shows it."""
    return table.assign(note=[agreement_note(row, language) for row in table.to_dict("records")])
