"""The report's opening: what the results say, in plain sentences generated from the tables.

Each finding is a dict ``{"text": sentence, "source": the table it cites}``, so that a reader can
check it and a test can check it against that table. The findings are:
- a headline: one sentence per view of what it found and how sure, and whether the views agree
  (a view whose silhouette is below 0.25 and whose groups do not hold under resampling has no
  clear groups: its nearest cases are its finding);
- what was read (files, documents, cases) and any warning about the reading;
- the groups of cases in each view (TF-IDF, LDA), with their distinctive terms and how stable
  they are under the bootstrap (Hennig 2007: ≥ 0.75 stable, < 0.5 dissolved) and across LDA seeds;
- the pairs of cases most alike in each view and what they share, with the share of LDA seeds
  that agree;
- where the views agree and where they do not (Mantel test of the similarity matrices; adjusted
  Rand index of the groups);
- the topic model's K and how sure it is.

Numbers are written as the tables hold them, rounded to the places shown; nothing is computed
here that a table does not hold, except the adjusted Rand index of two columns of one table.
"""

from __future__ import annotations

import pandas as pd
from sklearn.metrics import adjusted_rand_score

from ..models.clusters import WEAK_SILHOUETTE
from . import reasons
from .words import catalogue, say

STABLE, DISSOLVED = 0.75, 0.5
MAX_MEMBERS = 6  # members named in a sentence; the rest counted


def _say(key: str, language: str, **numbers) -> str:
    return say(f"summary.{key}", language, **numbers)


def view_name(view: str, language: str, short: bool = False) -> str:
    """A view's name in a sentence: ``topic model (LDA)``, or short: ``LDA``; other names as they are."""
    key = f"summary.{'short' if short else 'view'}_{view}"
    return say(key, language) if key in catalogue(language) else view


def _stability(value: float, language: str) -> str:
    word = "stable" if value >= STABLE else ("doubtful" if value >= DISSOLVED else "dissolves")
    return _say("stability", language, value=value, word=_say(word, language))


def _members(text: str, language: str) -> str:
    names = [name for name in str(text).split("、") if name]
    if len(names) <= MAX_MEMBERS:
        return "、".join(names)
    more = _say("more_members", language, rest=len(names) - MAX_MEMBERS)
    return "、".join(names[:MAX_MEMBERS]) + more


def reading(read: dict, n_cases: int, language: str = "en") -> list[dict]:
    """What was read, and what the reader should know about it (see :func:`reading.what_was_read`)."""
    skipped, documents = len(read["skipped"]), read["documents"]
    text = _say("read", language, read=read["read"], documents=documents, cases=n_cases, skipped=skipped)
    notes = []
    if skipped:
        reasons_read = ", ".join(f"{reason} ({count})" for reason, count in read["skipped_by_reason"])
        notes.append(_say("read_skipped", language, reasons=reasons_read))
    for key, note in (
        ("excluded", "read_excluded"),
        ("titles_guessed", "read_titles"),
        ("headings_not_cases", "read_headings"),
    ):
        if read[key]:
            notes.append(_say(note, language, n=len(read[key])))
    if notes:
        text += _say("read_notes", language, notes=_say("separator", language).join(notes))
    return [{"text": text + _say("stop", language), "source": "corpus/ingest_log.csv"}]


def groups(
    silhouette: pd.DataFrame,
    stability: pd.DataFrame,
    keyness: pd.DataFrame,
    language: str = "en",
    terms: int = 3,
    choice: pd.DataFrame | None = None,
) -> list[dict]:
    """One finding per view: its groups of cases, their distinctive terms and stability, and
    whether they follow the cases' length (the length check of ``choice``, ``clusters/chosen_k.csv``)."""
    out = []
    for view in [v for v in ("tfidf", "lda") if v in set(stability["view"])]:
        chosen = silhouette[(silhouette["view"] == view) & (silhouette["chosen"].astype(str) == "True")]
        width = float(chosen["silhouette"].iloc[0]) if len(chosen) else float("nan")
        rows = stability[stability["view"] == view]
        why = choice[choice["view"] == view].to_dict("records") if choice is not None else []
        length = reasons.length_check(why[0], rows["median_chars"].astype(float).tolist(), language) if why else ""
        name = view_name(view, language)
        if len(rows) < 2:  # too few cases to cluster (chosen_k.csv gives why): no group to report
            n = sum(len([m for m in str(members).split("、") if m]) for members in rows["members"])
            text = _say("too_few_one" if n == 1 else "too_few_many", language, view=name, n=n)
            out.append({"text": text, "source": "clusters/silhouette.csv"})
            continue
        sure = float(pd.to_numeric(rows["bootstrap_stability"], errors="coerce").mean())
        if not clear_groups(width, sure):
            text = _say(
                "no_clear_groups",
                language,
                view=name,
                width=width,
                weak=WEAK_SILHOUETTE,
                sure=sure,
                stable=STABLE,
                groups=len(rows),
            )
            out.append({"text": text, "source": "clusters/silhouette.csv, clusters/cluster_stability.csv"})
            continue
        parts = []
        for row in rows.itertuples():
            top = keyness[(keyness["view"] == view) & (keyness["cluster"] == row.cluster)].sort_values("rank")
            words = "、".join(top["term"].head(terms))
            size = len([m for m in str(row.members).split("、") if m])
            seeds = getattr(row, "seed_stability", "")
            sure_row = _stability(float(row.bootstrap_stability), language)
            if seeds not in ("", None) and not pd.isna(seeds):
                sure_row += _say("across_seeds", language, seeds=float(seeds))
            parts.append(
                _say(
                    "group_one" if size == 1 else "group_many",
                    language,
                    cluster=row.cluster,
                    size=size,
                    members=_members(row.members, language),
                )
                + (_say("group_terms", language, words=words) if words else _say("group_no_terms", language))
                + _say("group_sure", language, sure=sure_row)
            )
        text = _say("groups", language, view=name, groups=len(rows), width=width)
        text += (
            _say("groups_weak", language, weak=WEAK_SILHOUETTE)
            if width < WEAK_SILHOUETTE
            else _say("groups_firm", language)
        )
        text += _say("separator", language).join(parts) + _say("stop", language)
        if length:  # the clusters against the cases' length alone (an artefact a reviewer asks about)
            text += " " + length
        out.append({"text": text, "source": "clusters/cluster_stability.csv, compare/keyness_clusters.csv"})
    return out


def closest_pairs(nearest: pd.DataFrame, seeds_agree: pd.DataFrame | None, language: str = "en", n: int = 3) -> list:
    """The ``n`` pairs most alike in each view (each pair once), with the terms they share and, for
    LDA, how many seeds list the neighbour (``seeds_agree`` of ``lda/nearest_cases.csv``)."""
    agree = {}
    if seeds_agree is not None and len(seeds_agree):
        agree = {(r.case, r.neighbour): float(r.seeds_agree) for r in seeds_agree.itertuples()}
    out = []
    for view in [v for v in ("tfidf", "lda") if v in set(nearest["view"])]:
        rows = nearest[nearest["view"] == view].sort_values(["similarity", "case"], ascending=[False, True])
        seen, parts = set(), []
        for row in rows.itertuples():
            pair = frozenset((row.case, row.neighbour))
            if pair in seen or len(pair) < 2:
                continue
            seen.add(pair)
            shared = str(row.shared_distinctive_terms or "")
            detail = f"{row.similarity:.3f}"
            if shared:
                detail += _say("pair_shared", language, shared=shared)
            share = agree.get((row.case, row.neighbour)) if view == "lda" else None
            if share is not None:
                detail += _say("pair_seeds", language, share=share)
            parts.append(_say("pair", language, case=row.case, neighbour=row.neighbour, detail=detail))
            if len(parts) == n:
                break
        if not parts:
            continue
        text = _say("pairs", language, view=view_name(view, language))
        text += _say("separator", language).join(parts) + _say("stop", language)
        source = "compare/nearest.csv" + (", lda/nearest_cases.csv" if view == "lda" and agree else "")
        out.append({"text": text, "source": source})
    return out


def agreement(table: pd.DataFrame, assignments: pd.DataFrame | None, language: str = "en", alpha: float = 0.05):
    """Where the views agree: the Mantel test of each pair of similarity matrices, and the
    adjusted Rand index of the TF-IDF and LDA groups."""
    parts = []
    for row in table.itertuples():
        if pd.isna(row.spearman):
            continue
        a, b = view_name(row.view_a, language, short=True), view_name(row.view_b, language, short=True)
        key = "agree" if float(row.p_value) < alpha else "not_shown"
        parts.append(_say(key, language, a=a, b=b, alpha=alpha, rho=row.spearman, p=row.p_value))
    out = []
    if parts:
        text = _say("agreement", language) + _say("separator", language).join(parts) + _say("stop", language)
        out.append({"text": text, "source": "compare/agreement.csv"})
    columns = {"cluster_tfidf", "cluster_lda"}
    grouped = (
        assignments is not None
        and columns <= set(assignments.columns)
        and all(assignments[c].nunique() > 1 for c in columns)  # one group each would "agree" at ARI 1
    )
    if grouped:
        ari = adjusted_rand_score(assignments["cluster_tfidf"], assignments["cluster_lda"])
        out.append({"text": _say("groups_ari", language, ari=ari), "source": "clusters/assignments.csv"})
    return out


def _years_between(source_date: str, target_date: str) -> float | None:
    try:
        a, b = (pd.Timestamp(str(d)[:10]) for d in (source_date, target_date))
    except (ValueError, TypeError):
        return None
    return (b - a).days / 365.25


def _earlier(years: float | None, language: str) -> str:
    if years is None:
        return ""
    if years >= 0.95:
        n = round(years)
        return _say("earlier_year_one" if n == 1 else "earlier_year_many", language, n=n)
    months = round(years * 12)
    if months >= 1:
        return _say("earlier_months", language, months=months)
    return _say("earlier_days", language)


def reuse(case_reuse: pd.DataFrame, passages: pd.DataFrame, min_chars: int, language: str = "en") -> list[dict]:
    """Whether any case borrowed from another, in one sentence: the strongest pair with its
    passages, characters and time apart, and how many pairs; boilerplate counted apart."""
    boilerplate = int(passages["boilerplate"].astype(str).str.lower().eq("true").sum()) if len(passages) else 0
    if not len(case_reuse):
        text = _say("no_reuse", language, min_chars=min_chars)
        text += (
            _say("no_reuse_boilerplate", language, boilerplate=boilerplate) if boilerplate else _say("stop", language)
        )
        return [{"text": text, "source": "reuse/case_reuse.csv"}]
    top = case_reuse.iloc[0]
    dated = top["direction"] == "dated"
    years = _years_between(top["source_date"], top["target_date"]) if dated else None
    others = len(case_reuse) - 1
    text = (
        _say(
            "reuse_dated" if dated else "reuse_undated",
            language,
            target=top["target_label"],
            source=top["source_label"],
            passages=top["passages"],
            characters=top["characters"],
            share=top["share_of_target"],
        )
        + _earlier(years, language)
        + (_say("reuse_others", language, others=others) if others else "")
        + (_say("reuse_boilerplate", language, boilerplate=boilerplate) if boilerplate else "")
        + _say("stop", language)
    )
    return [{"text": text, "source": "reuse/case_reuse.csv"}]


def runner_up_facts(chosen: dict, sensitivity: pd.DataFrame | None) -> dict:
    """The runner-up K of ``lda/chosen_k.json`` and how far the cases' groups move between it and
    the chosen K (``lda/k_sensitivity.csv``): ``{k, close, npmi, chosen_npmi, se, median_ari,
    groups_from, groups_to}``, or ``{}`` when there is none."""
    second = chosen.get("runner_up") or {}
    if not second:
        return {}
    facts = dict(second)
    if sensitivity is not None and len(sensitivity):
        ari = pd.to_numeric(sensitivity["ari"], errors="coerce")
        facts.update(
            median_ari=float(ari.median()),
            groups_from=int(sensitivity["groups"].min()),
            groups_to=int(sensitivity["groups"].max()),
        )
    return facts


def runner_up_sentence(facts: dict, language: str = "en") -> str:
    """The runner-up K in a sentence: whether the data tell it from the chosen K, and how far the
    cases' groups move between them ('' when there is no runner-up)."""
    if not facts:
        return ""
    text = _say("runner_up", language, **facts)
    text += _say("runner_up_close" if facts["close"] else "runner_up_far", language)
    if "median_ari" in facts:
        text += _say("runner_up_ari", language, **facts)
    return text


def topics(chosen: dict, spread: dict, language: str = "en", sensitivity: pd.DataFrame | None = None) -> list[dict]:
    """The topic model's K, why, and how far its seeds agree."""
    reason = reasons.k_reason(chosen, language, prefixed=False)
    text = _say("topics", language, k=chosen["k"], reason=reason, seeds=len(chosen["seeds"]))
    if "median_range" in spread:
        text += _say("topics_spread", language, **spread)
    second = runner_up_sentence(runner_up_facts(chosen, sensitivity), language)
    text += (_say("separator", language) + second if second else "") + _say("stop", language)
    return [{"text": text, "source": "lda/chosen_k.json, lda/similarity_by_seed.csv"}]  # (and lda/k_sensitivity.csv)


def clear_groups(width: float, mean_stability: float) -> bool:
    """A view has groups the data support when its mean silhouette shows structure (≥ 0.25,
    Kaufman & Rousseeuw 1990) or its groups hold under resampling (mean bootstrap stability ≥ 0.75,
    Hennig 2007); else it has no clear groups, and its nearest cases are its finding."""
    return (width == width and width >= WEAK_SILHOUETTE) or (
        mean_stability == mean_stability and mean_stability >= STABLE
    )


def headline(
    silhouette: pd.DataFrame,
    stability: pd.DataFrame,
    assignments: pd.DataFrame | None,
    chosen: dict,
    language: str = "en",
) -> list[dict]:
    """The summary's first finding: one plain sentence per view of what it found and how sure,
    then whether the views' groups agree."""
    sentences = []
    for view in [v for v in ("tfidf", "lda") if v in set(stability["view"])]:
        rows = stability[stability["view"] == view]
        chosen_row = silhouette[(silhouette["view"] == view) & (silhouette["chosen"].astype(str) == "True")]
        width = float(chosen_row["silhouette"].iloc[0]) if len(chosen_row) else float("nan")
        sure = float(pd.to_numeric(rows["bootstrap_stability"], errors="coerce").mean())
        name = view_name(view, language, short=True)
        if view == "lda":
            name = _say("lda_name", language, short=name, k=chosen["k"])
        if len(rows) < 2:
            sentences.append(_say("headline_too_few", language, name=name))
        elif not clear_groups(width, sure):
            sentences.append(_say("headline_no_clear", language, name=name, width=width, sure=sure))
        else:
            word = (
                "headline_stable"
                if sure >= STABLE
                else "headline_doubtful"
                if sure >= DISSOLVED
                else "headline_dissolving"
            )
            sentences.append(
                _say(
                    "headline_groups",
                    language,
                    name=name,
                    groups=len(rows),
                    word=_say(word, language),
                    sure=sure,
                    width=width,
                )
            )
    columns = {"cluster_tfidf", "cluster_lda"}
    if assignments is not None and columns <= set(assignments.columns):
        if all(assignments[c].nunique() > 1 for c in columns):
            ari = adjusted_rand_score(assignments["cluster_tfidf"], assignments["cluster_lda"])
            same = _say("views_alike" if ari >= 0.9 else "views_broadly" if ari >= 0.5 else "views_differ", language)
            sentences.append(_say("views_ari", language, same=same, ari=ari))
    if not sentences:
        return []
    text = _say("headline", language) + _say("separator", language).join(sentences) + _say("stop", language)
    return [
        {"text": text, "source": "clusters/silhouette.csv, clusters/cluster_stability.csv, clusters/assignments.csv"}
    ]


def findings(
    read: dict,
    n_cases: int,
    silhouette: pd.DataFrame,
    stability: pd.DataFrame,
    keyness: pd.DataFrame,
    nearest: pd.DataFrame,
    seeds_agree: pd.DataFrame | None,
    agreement_table: pd.DataFrame,
    assignments: pd.DataFrame | None,
    chosen: dict,
    spread: dict,
    language: str = "en",
    sensitivity: pd.DataFrame | None = None,
    reuse_tables: tuple | None = None,
    choice: pd.DataFrame | None = None,
) -> list[dict]:
    """Every finding of the report's summary, in order (``sensitivity``: ``lda/k_sensitivity.csv``;
    ``reuse_tables``: ``case_reuse.csv``, ``passages.csv`` and reuse.min_chars; ``choice``:
    ``clusters/chosen_k.csv``)."""
    return [
        *headline(silhouette, stability, assignments, chosen, language),
        *reading(read, n_cases, language),
        *groups(silhouette, stability, keyness, language, choice=choice),
        *closest_pairs(nearest, seeds_agree, language),
        *agreement(agreement_table, assignments, language),
        *(reuse(*reuse_tables, language) if reuse_tables is not None else []),
        *topics(chosen, spread, language, sensitivity),
    ]
