"""Topic prevalence by covariate, with bootstrap intervals: how topics differ by region, province,
publisher or any metadata column, and how they change over time.

The idea of stm's ``estimateEffect`` (Roberts et al. 2019), done with the reported topic model:
the unit is the case (its topic mixture is the token-weighted mean of its paragraphs'); a level's
prevalence of a topic is the mean share of that topic over the cases of the level; its interval is
the (expanded) percentile interval of that mean over bootstrap resamples of the level's cases (so the
uncertainty is over cases, the units that were sampled, not over paragraphs, which within a case
are not independent). Along a numeric column (a year) the trend of each topic is the least-squares
slope of case shares on the year, with its interval from resampling cases. Levels with fewer than
``min_cases`` cases get no interval: the tables and the report say so.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from scipy import stats

TOPIC_PREFIX = "topic_"


def case_mixtures(paragraph_topics: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Each case's topic mixture, the token-weighted mean of its paragraphs' (a case whose
    paragraphs have no tokens: the plain mean), in order of first appearance."""
    topics = [c for c in paragraph_topics.columns if c.startswith(TOPIC_PREFIX)]
    rows = paragraph_topics[paragraph_topics["case_id"].astype(str) != ""]
    ids = list(dict.fromkeys(rows["case_id"].astype(str)))
    index = pd.Index(ids).get_indexer(rows["case_id"].astype(str))
    weights = rows["tokens"].to_numpy(dtype=float)
    shares = rows[topics].to_numpy(dtype=float)
    total = np.zeros((len(ids), len(topics)))
    np.add.at(total, index, shares * weights[:, None])
    weight = np.bincount(index, weights=weights, minlength=len(ids))
    plain = np.zeros((len(ids), len(topics)))
    np.add.at(plain, index, shares)
    counts = np.bincount(index, minlength=len(ids))
    with np.errstate(invalid="ignore", divide="ignore"):
        mixtures = np.where(weight[:, None] > 0, total / weight[:, None], plain / np.maximum(counts, 1)[:, None])
    return ids, mixtures


def is_numeric(values: list[str]) -> bool:
    """Whether every non-empty value is a whole number (a year): such a column gets a trend."""
    filled = [v for v in values if v != ""]
    return bool(filled) and all(v.lstrip("-").isdigit() for v in filled)


BIN_WIDTHS = (1, 2, 5, 10, 20, 50)


def bin_width(years: list[str], min_cases: int = 3, setting="auto") -> int:
    """How many years a period spans for the prevalence by period: a number from the config, or
    ('auto') the narrowest of :data:`BIN_WIDTHS` in which at least four periods in five hold
    ``min_cases`` cases or more, so that most periods get an interval (one report a year, as in the
    Government Work Reports, gives no interval year by year); 1 when none does."""
    if setting != "auto":
        return int(setting)
    values = [int(y) for y in years if y != ""]
    for width in BIN_WIDTHS:
        counts = np.unique([v // width for v in values], return_counts=True)[1]
        if len(counts) >= 2 and (counts >= min_cases).mean() >= 0.8:
            return width
    return 1


def periods(years: list[str], width: int) -> list[str]:
    """Each year's period of ``width`` years, aligned to multiples of the width: '1950–1959' for
    1954 with width 10; the year itself with width 1; '' stays ''."""
    if width == 1:
        return list(years)
    out = []
    for y in years:
        start = int(y) // width * width if y != "" else None
        out.append(f"{start}–{start + width - 1}" if start is not None else "")
    return out


def _sort_levels(levels: list[str]) -> list[str]:
    def key(v: str):
        head = v.split("–")[0]
        return (0, int(head), v) if head.lstrip("-").isdigit() else (1, 0, v)

    return sorted(levels, key=key)


BLOCK_CELLS = 4_000_000  # values held at once by a block of bootstrap rounds (32 MB)


def _resamples(rng: np.random.Generator, n: int, rounds: int, width: int):
    """The resampled indices of ``rounds`` bootstrap rounds of ``n`` cases, a block of rounds at a
    time, so that memory stays bounded with thousands of cases (rounds × n × topics values at once
    would be 1.6 GB for 10,000 cases and 20 topics). The draws are those of one call for all rounds."""
    block = max(1, BLOCK_CELLS // max(n * width, 1))
    for start in range(0, rounds, block):
        yield rng.integers(0, n, size=(min(block, rounds - start), n))


def _interval(boot: np.ndarray, level: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The expanded percentile interval (Hesterberg 2015) of bootstrap replicates of a statistic
    of ``n`` cases: the plain percentile interval of a mean covers too rarely in small samples
    because it uses normal quantiles and the bootstrap's n-divisor variance; the expanded interval
    takes the quantiles at Φ(−√(n/(n−1))·t_(n−1)) instead. Coverage of a nominal 95% interval of
    a mean share (Dirichlet(2, 3, 5) cases, 1,000 samples): 87%, 92%, 93.5% with 10, 40, 100
    cases for the plain interval; 91%, 93%, 94% for the expanded one."""
    tail = (1 - level) / 2
    if n > 1:
        tail = float(stats.norm.cdf(-np.sqrt(n / (n - 1)) * stats.t.ppf(1 - tail, n - 1)))
    return np.quantile(boot, tail, axis=0), np.quantile(boot, 1 - tail, axis=0)


def prevalence(
    mixtures: np.ndarray,
    levels: list[str],
    rounds: int = 1000,
    seed: int = 1,
    level: float = 0.95,
    min_cases: int = 3,
) -> list[dict]:
    """Per level of the covariate (cases with an empty value left out) and topic: the number of
    cases, the mean share, and its bootstrap percentile interval over cases resampled within the
    level; a level with fewer than ``min_cases`` cases has no interval and a note saying why."""
    rng = np.random.default_rng(seed)
    values = np.array(levels, dtype=object)
    out = []
    for value in _sort_levels(sorted({v for v in levels if v != ""})):
        group = mixtures[values == value]
        n, share = len(group), group.mean(axis=0)
        if n >= min_cases:
            boot = np.vstack([group[idx].mean(axis=1) for idx in _resamples(rng, n, rounds, group.shape[1])])
            low, high = _interval(boot, level, n)
            note = ""
        else:
            low = high = np.full(len(share), np.nan)
            note = f"too few cases for an interval ({n} < covariates.min_cases = {min_cases})"
        for topic in range(mixtures.shape[1]):
            out.append(
                {
                    "level": value,
                    "topic": topic + 1,
                    "n_cases": n,
                    "share": float(share[topic]),
                    "low": float(low[topic]),
                    "high": float(high[topic]),
                    "note": note,
                }
            )
    return out


def _slopes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-squares slopes of every column of ``y`` on ``x`` (rows: observations); along the
    last-but-one axis when ``x`` and ``y`` carry a leading batch axis."""
    xc = x - x.mean(axis=-1, keepdims=True)
    yc = y - y.mean(axis=-2, keepdims=True)
    denominator = (xc**2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.einsum("...n,...nk->...k", xc, yc) / denominator[..., None]


def trend(
    mixtures: np.ndarray,
    years: list[str],
    rounds: int = 1000,
    seed: int = 1,
    level: float = 0.95,
    min_cases: int = 3,
    per: int = 10,
) -> list[dict]:
    """Per topic: the change of its share per ``per`` years (least-squares slope over the cases
    with a year), with a bootstrap percentile interval over resampled cases. Fewer than
    ``min_cases`` cases, a single year, or years spanning less than ``per`` years (a change per
    decade from six years of data extrapolates beyond them) give no trend and a note saying why."""
    keep = np.array([y != "" for y in years])
    x = np.array([int(y) for y in years if y != ""], dtype=float)
    y = mixtures[keep]
    n, k = len(x), mixtures.shape[1]
    base = {"n_cases": n, "first": int(x.min()) if n else None, "last": int(x.max()) if n else None}
    span = int(x.max() - x.min()) if n else 0
    if n < max(min_cases, 3) or len(set(x)) < 2 or span < per:
        if n < max(min_cases, 3):
            why = f"{n} case(s) with a value"
        elif len(set(x)) < 2:
            why = "a single value"
        else:
            why = (
                f"the values span {span} years ({base['first']}–{base['last']}), "
                f"less than the {per} a slope per {per} years speaks of"
            )
        return [
            {"topic": t + 1, **base, "slope": np.nan, "low": np.nan, "high": np.nan, "note": f"no trend: {why}"}
            for t in range(k)
        ]
    slope = _slopes(x, y) * per
    rng = np.random.default_rng(seed)
    boot = np.vstack([_slopes(x[idx], y[idx]) for idx in _resamples(rng, n, rounds, k)]) * per
    # a resample with one distinct year has no slope: NaN, left out
    boot = boot[np.isfinite(boot).all(axis=1)]
    low, high = _interval(boot, level, n - 1)  # a slope uses two degrees of freedom
    return [
        {"topic": t + 1, **base, "slope": float(slope[t]), "low": float(low[t]), "high": float(high[t]), "note": ""}
        for t in range(k)
    ]


def similarity_by_level(similarity: np.ndarray, levels: list[str]) -> list[dict]:
    """The mean similarity of the pairs of cases between (and within) every two levels of the
    covariate: are cases of one region more alike than cases of different regions?"""
    values = np.array(levels, dtype=object)
    order = _sort_levels(sorted({v for v in levels if v != ""}))
    out = []
    for i, a in enumerate(order):
        for b in order[i:]:
            block = similarity[np.ix_(values == a, values == b)]
            if a == b:
                block = block[np.triu_indices(len(block), 1)]
            mean = float(block.mean()) if block.size else np.nan
            out.append({"level_a": a, "level_b": b, "pairs": int(block.size), "mean_similarity": mean})
    return out


COLUMNS = {
    "summary": ["column", "kind", "levels", "period_years", "cases_with_value", "cases_without", "reason", "note"],
    "prevalence": ["column", "level", "topic", "n_cases", "share", "low", "high", "note"],
    "trends": ["column", "topic", "n_cases", "first", "last", "slope", "low", "high", "note"],
    "similarity": ["column", "view", "level_a", "level_b", "pairs", "mean_similarity"],
}


def _too_few_dated(row: dict, min_share: float, min_years: int) -> tuple[str, str] | None:
    """Why a time column gets neither shares by period nor trends, as (code, sentence), or None:
    fewer than ``min_share`` of the cases have a value, or the values are fewer than ``min_years``
    years (covariates.min_dated_share, covariates.min_years)."""
    dated, total = row["cases_with_value"], row["cases_with_value"] + row["cases_without"]
    if dated < min_share * total:
        return "few_dated", (
            f"only {dated} of {total} cases have a value ({dated / total:.0%}, fewer than covariates.min_dated_share "
            f"{min_share:.0%}): no shares or trends along it"
        )
    if row["levels"] < min_years:
        return "few_years", (
            f"only {row['levels']} distinct values (fewer than covariates.min_years {min_years}): "
            "no shares or trends along it"
        )
    return None


def describe(
    case_ids: list[str], mixtures: np.ndarray, cases: dict, documents: dict, views: dict, settings: dict
) -> dict[str, pd.DataFrame]:
    """Every table of the covariates stage: for every column of ``covariates.columns`` (of the
    cases or their documents; ``year`` may come from the date) a row of ``summary`` (levels, cases
    with and without a value, what was estimated or why not), the prevalence of each topic by level
    with a bootstrap interval over cases, along a numeric column the trend of each topic per decade,
    and, where ``views`` (view → case × case similarity) are given, the mean similarity within and
    between levels.

    ``case_ids`` and ``mixtures``: :func:`case_mixtures`; ``cases`` and ``documents``: rows by id
    (``cases.csv``, ``documents.csv``, read as text); ``settings``: the ``covariates`` section of the
    config. A column that is in neither table stops the run with the columns there are."""
    from ..reading.io import InputError
    from ..text.cases import case_value

    known = set().union(*(c.keys() for c in cases.values()), *(d.keys() for d in documents.values())) | {"year"}
    found = {name: [] for name in COLUMNS}
    bootstrap = {key: settings[key] for key in ("rounds", "seed", "level", "min_cases")}
    for column in settings["columns"]:
        if column not in known:
            raise InputError(
                f"'covariates.columns' in the config names {column!r}, which is not a column of cases.csv or "
                f"documents.csv: use some of {', '.join(sorted(c for c in known if not c.startswith('n_')))}"
            )
        values = [case_value(cases[c], documents.get(cases[c]["doc_id"], {}), column).strip() for c in case_ids]
        levels = sorted({v for v in values if v})
        numeric = is_numeric(values)
        row = {
            "column": column,
            "kind": "time" if numeric else "levels",
            "levels": len(levels),
            "period_years": "",
            "cases_with_value": sum(1 for v in values if v),
            "cases_without": sum(1 for v in values if not v),
            "reason": "",
            "note": "",
        }
        if len(levels) < 2:
            row["reason"], row["note"] = "one_level", f"{len(levels)} level(s): nothing to compare"
            found["summary"].append(row)
            continue
        if numeric and (missing := _too_few_dated(row, settings["min_dated_share"], settings["min_years"])):
            row["reason"], row["note"] = missing
            found["summary"].append(row)
            logging.info("%s: %s", column, row["note"])
            continue
        width = bin_width(values, settings["min_cases"], settings["period_years"]) if numeric else 1
        row["period_years"] = width if numeric else ""
        rows = prevalence(mixtures, periods(values, width) if numeric else values, **bootstrap)
        found["prevalence"] += [{"column": column, **r} for r in rows]
        small = sorted({r["level"] for r in rows if r["note"]})
        shown, unit = len({r["level"] for r in rows}), "periods" if numeric and width > 1 else "levels"
        notes = (
            [f"{len(small)} of {shown} {unit} have fewer than {settings['min_cases']} cases (no interval)"]
            if small
            else []
        )
        if numeric:
            found["trends"] += [{"column": column, **r} for r in trend(mixtures, values, **bootstrap)]
        if views:
            for view, matrix in views.items():
                found["similarity"] += [
                    {"column": column, "view": view, **r} for r in similarity_by_level(matrix, values)
                ]
        else:
            notes.append("cases are compared in groups (compare.max_square_cases): no similarity by level")
        row["note"] = "; ".join(notes)
        found["summary"].append(row)
        logging.info("%s: %d levels, %d cases with a value", column, len(levels), row["cases_with_value"])
    return {name: pd.DataFrame(rows, columns=COLUMNS[name]) for name, rows in found.items()}
