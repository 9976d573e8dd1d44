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

VIEWS = {
    "en": {"tfidf": "TF-IDF (shared vocabulary)", "lda": "topic model (LDA)", "codebook": "codebook"},
    "zh": {"tfidf": "TF-IDF（共同词汇）", "lda": "主题模型（LDA）", "codebook": "机制编码"},
}
SHORT = {
    "en": {"tfidf": "TF-IDF", "lda": "LDA", "codebook": "the codebook", "reuse": "text reuse"},
    "zh": {"tfidf": "TF-IDF", "lda": "LDA", "codebook": "机制编码", "reuse": "文本复用"},
}
STABLE, DISSOLVED = 0.75, 0.5
MAX_MEMBERS = 6  # members named in a sentence; the rest counted


def _stability(value: float, language: str) -> str:
    if language == "zh":
        word = "稳定" if value >= STABLE else ("存疑" if value >= DISSOLVED else "不稳定")
        return f"自助法稳定性 {value:.2f}，{word}"
    word = "stable" if value >= STABLE else ("doubtful" if value >= DISSOLVED else "dissolves")
    return f"bootstrap stability {value:.2f}: {word}"


def _members(text: str, language: str) -> str:
    names = [name for name in str(text).split("、") if name]
    if len(names) <= MAX_MEMBERS:
        return "、".join(names)
    rest = len(names) - MAX_MEMBERS
    return "、".join(names[:MAX_MEMBERS]) + (f" 等 {len(names)} 个" if language == "zh" else f" and {rest} more")


def reading(read: dict, n_cases: int, language: str = "en") -> list[dict]:
    """What was read, and what the reader should know about it (see :func:`reading.what_was_read`)."""
    skipped, documents = len(read["skipped"]), read["documents"]
    if language == "zh":
        text = f"读入 {read['read']} 个文件或表格行，分析 {documents} 篇文档、{n_cases} 个案例；跳过 {skipped} 个"
    else:
        text = (
            f"{read['read']} files or rows were read: {documents} documents analysed, {n_cases} cases compared, "
            f"{skipped} skipped"
        )
    notes = []
    if skipped:
        reasons = ", ".join(f"{reason} ({count})" for reason, count in read["skipped_by_reason"])
        notes.append(f"跳过原因：{reasons}" if language == "zh" else f"skipped: {reasons}")
    if read["excluded"]:
        n = len(read["excluded"])
        notes.append(
            f"{n} 篇因重复或过短未分析" if language == "zh" else f"{n} excluded (near-duplicates or too short)"
        )
    if read["titles_guessed"]:
        n = len(read["titles_guessed"])
        notes.append(f"{n} 个标题由正文推测" if language == "zh" else f"{n} titles guessed from the text")
    if read["headings_not_cases"]:
        n = len(read["headings_not_cases"])
        notes.append(f"{n} 个小标题未作案例" if language == "zh" else f"{n} heading lines not used as cases")
    if notes:
        text += ("（" + "；".join(notes) + "）") if language == "zh" else " (" + "; ".join(notes) + ")"
    return [{"text": text + ("。" if language == "zh" else "."), "source": "corpus/ingest_log.csv"}]


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
        if len(rows) < 2:  # too few cases to cluster (silhouette.csv gives why): no group to report
            n = sum(len([m for m in str(members).split("、") if m]) for members in rows["members"])
            text = (
                f"{VIEWS['zh'][view]}未分组：{n} 个案例太少，无法聚类。"
                if language == "zh"
                else f"The {VIEWS['en'][view]} view has no groups: {n} case{'s' * (n != 1)} are too few to cluster."
            )
            out.append({"text": text, "source": "clusters/silhouette.csv"})
            continue
        sure = float(pd.to_numeric(rows["bootstrap_stability"], errors="coerce").mean())
        if not clear_groups(width, sure):
            text = (
                f"{VIEWS['zh'][view]}没有清晰的分组：轮廓系数 {width:.2f}（低于 {WEAK_SILHOUETTE:g}），"
                f"平均自助法稳定性 {sure:.2f}"
                f"（低于 {STABLE:g}）；其 {len(rows)} 组见 clusters/cluster_stability.csv，结论请看最相近的案例。"
                if language == "zh"
                else f"The {VIEWS['en'][view]} view shows no clear groups: silhouette {width:.2f} "
                f"(below {WEAK_SILHOUETTE:g}) and "
                f"mean bootstrap stability {sure:.2f} (below {STABLE:g}); its {len(rows)} groups are in "
                "clusters/cluster_stability.csv, but its finding is the nearest cases."
            )
            out.append({"text": text, "source": "clusters/silhouette.csv, clusters/cluster_stability.csv"})
            continue
        parts = []
        for row in rows.itertuples():
            top = keyness[(keyness["view"] == view) & (keyness["cluster"] == row.cluster)].sort_values("rank")
            words = "、".join(top["term"].head(terms))
            size = len([m for m in str(row.members).split("、") if m])
            seeds = getattr(row, "seed_stability", "")
            sure = _stability(float(row.bootstrap_stability), language)
            if seeds not in ("", None) and not pd.isna(seeds):
                sure += f"，种子间 {float(seeds):.2f}" if language == "zh" else f", across seeds {float(seeds):.2f}"
            if language == "zh":
                parts.append(
                    f"第 {row.cluster} 组（{size} 个案例：{_members(row.members, language)}）"
                    + (f"，特征词 {words}" if words else "，无显著特征词")
                    + f"，{sure}"
                )
            else:
                parts.append(
                    f"group {row.cluster} ({size} case{'s' * (size != 1)}: {_members(row.members, language)})"
                    + (f", distinctive terms {words}" if words else ", no distinctive term")
                    + f", {sure}"
                )
        if language == "zh":
            text = f"{VIEWS['zh'][view]}将案例分为 {len(rows)} 组（平均轮廓系数 {width:.2f}"
            text += f"，低于 {WEAK_SILHOUETTE:g}：结构弱，须谨慎解读）：" if width < WEAK_SILHOUETTE else "）："
            text += "；".join(parts) + "。"
        else:
            text = (
                f"In the {VIEWS['en'][view]} view the cases fall into {len(rows)} groups (mean silhouette {width:.2f}"
            )
            text += (
                f", below {WEAK_SILHOUETTE:g}: weak structure, read with care): " if width < WEAK_SILHOUETTE else "): "
            )
            text += "; ".join(parts) + "."
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
                detail += f"，共同特征词 {shared}" if language == "zh" else f", sharing {shared}"
            share = agree.get((row.case, row.neighbour)) if view == "lda" else None
            if share is not None:
                detail += f"，{share:.0%} 的种子一致" if language == "zh" else f", {share:.0%} of seeds agree"
            joiner = "与" if language == "zh" else " and "
            parts.append(
                f"{row.case}{joiner}{row.neighbour}（{detail}）"
                if language == "zh"
                else f"{row.case}{joiner}{row.neighbour} ({detail})"
            )
            if len(parts) == n:
                break
        if not parts:
            continue
        if language == "zh":
            text = f"{VIEWS['zh'][view]}中最相似的案例对（相似度）：" + "；".join(parts) + "。"
        else:
            text = f"Most alike in the {VIEWS['en'][view]} view (similarity): " + "; ".join(parts) + "."
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
        a, b = SHORT[language].get(row.view_a, row.view_a), SHORT[language].get(row.view_b, row.view_b)
        significant = float(row.p_value) < alpha
        if language == "zh":
            verdict = "排序一致" if significant else f"未显示一致（p ≥ {alpha}）"
            parts.append(f"{a}与{b}{verdict}（ρ = {row.spearman:.2f}，Mantel p = {row.p_value:.3f}）")
        else:
            verdict = "rank pairs of cases alike" if significant else f"are not shown to agree (p ≥ {alpha})"
            parts.append(f"{a} and {b} {verdict} (ρ = {row.spearman:.2f}, Mantel p = {row.p_value:.3f})")
    out = []
    if parts:
        lead = "各视角的一致性：" if language == "zh" else "Do the views agree? "
        out.append(
            {
                "text": lead + ("；".join(parts) + "。" if language == "zh" else "; ".join(parts) + "."),
                "source": "compare/agreement.csv",
            }
        )
    columns = {"cluster_tfidf", "cluster_lda"}
    grouped = (
        assignments is not None
        and columns <= set(assignments.columns)
        and all(assignments[c].nunique() > 1 for c in columns)  # one group each would "agree" at ARI 1
    )
    if grouped:
        ari = adjusted_rand_score(assignments["cluster_tfidf"], assignments["cluster_lda"])
        if language == "zh":
            text = f"TF-IDF 与 LDA 的分组一致性：调整兰德指数 {ari:.2f}（1 为分组相同，0 为随机水平）。"
        else:
            text = (
                f"The TF-IDF and LDA groups agree with an adjusted Rand index of {ari:.2f} "
                "(1: the same groups; 0: chance)."
            )
        out.append({"text": text, "source": "clusters/assignments.csv"})
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
        return f"，早 {n} 年发表" if language == "zh" else f", published {n} year{'s' if n > 1 else ''} earlier"
    months = round(years * 12)
    if months >= 1:
        return f"，早 {months} 个月发表" if language == "zh" else f", published {months} month(s) earlier"
    return "，早几天发表" if language == "zh" else ", published days earlier"


def reuse(case_reuse: pd.DataFrame, passages: pd.DataFrame, min_chars: int, language: str = "en") -> list[dict]:
    """Whether any case borrowed from another, in one sentence: the strongest pair with its
    passages, characters and time apart, and how many pairs; boilerplate counted apart."""
    boilerplate = int(passages["boilerplate"].astype(str).str.lower().eq("true").sum()) if len(passages) else 0
    if not len(case_reuse):
        if language == "zh":
            text = f"没有案例借用其他案例的文字：任何两个案例都没有共有 {min_chars} 字以上的段落"
            text += f"（另有 {boilerplate} 处套话，不计）。" if boilerplate else "。"
        else:
            text = (
                f"No case borrowed wording from another: no two cases share a passage of {min_chars} characters or more"
            )
            text += f" ({boilerplate} boilerplate passages aside)." if boilerplate else "."
        return [{"text": text, "source": "reuse/case_reuse.csv"}]
    top = case_reuse.iloc[0]
    dated = top["direction"] == "dated"
    years = _years_between(top["source_date"], top["target_date"]) if dated else None
    others = len(case_reuse) - 1
    if language == "zh":
        text = (
            f"文本复用：{top['target_label']}与{top['source_label']}共有 {top['passages']} 段、{top['characters']} 字"
            + (
                f"（占{top['target_label']}的 {top['share_of_target']:.1%}），{top['source_label']}在先"
                if dated
                else "（日期缺失或相同，不判断方向）"
            )
            + _earlier(years, language)
            + (f"；另有 {others} 对案例共有段落" if others else "")
            + (f"；{boilerplate} 处套话不计" if boilerplate else "")
            + "。"
        )
    else:
        text = (
            f"Text reuse: {top['target_label']} shares {top['passages']} passage(s), {top['characters']} characters "
            + (
                f"({top['share_of_target']:.1%} of its text), with {top['source_label']}"
                if dated
                else f"with {top['source_label']} (dates missing or equal: no direction claimed)"
            )
            + _earlier(years, language)
            + (f"; {others} other pair(s) of cases share passages" if others else "")
            + (f"; {boilerplate} boilerplate passages aside" if boilerplate else "")
            + "."
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
    if language == "zh":
        text = (
            f"次优 K = {facts['k']}（平均 NPMI {facts['npmi']:.3f}，"
            f"所选 K 为 {facts['chosen_npmi']:.3f} ± {facts['se']:.3f}）"
            + ("，在一个标准误之内：数据分不出二者，K 的选择不牢靠" if facts["close"] else "，在一个标准误之外")
        )
        if "median_ari" in facts:
            text += (
                f"；两个 K 之下案例分组（各切为 {facts['groups_from']}–{facts['groups_to']} 组）的调整兰德指数"
                f"中位数为 {facts['median_ari']:.2f}"
            )
        return text
    text = f"the runner-up is K = {facts['k']} (mean NPMI {facts['npmi']:.3f} against "
    text += f"{facts['chosen_npmi']:.3f} ± {facts['se']:.3f}"
    text += (
        "; within one standard error: the data do not tell the two apart, so the choice of K is fragile)"
        if facts["close"]
        else "; beyond one standard error)"
    )
    if "median_ari" in facts:
        text += (
            f", and the cases' groups under the two Ks, each cut into {facts['groups_from']}–{facts['groups_to']} "
            f"groups, agree at a median adjusted Rand index of {facts['median_ari']:.2f}"
        )
    return text


def topics(chosen: dict, spread: dict, language: str = "en", sensitivity: pd.DataFrame | None = None) -> list[dict]:
    """The topic model's K, why, and how far its seeds agree."""
    k, seeds = chosen["k"], len(chosen["seeds"])
    reason = reasons.k_reason(chosen, language, prefixed=False)
    if language == "zh":
        text = f"主题模型：K = {k}（依据：{reason}），结论综合 {seeds} 个随机种子"
        if "median_range" in spread:
            text += (
                f"；案例对相似度在种子间的变动中位数 {spread['median_range']:.3f}，"
                f"种子间相关 ρ ≥ {spread['lowest_rho']:.2f}"
            )
        second = runner_up_sentence(runner_up_facts(chosen, sensitivity), "zh")
        text += (f"；{second}" if second else "") + "。"
    else:
        text = f"Topic model: K = {k} ({reason}); every LDA finding combines {seeds} seeds"
        if "median_range" in spread:
            text += (
                f"; a pair's similarity moves by a median of {spread['median_range']:.3f} between seeds, "
                f"and two seeds' tables correlate at ρ ≥ {spread['lowest_rho']:.2f}"
            )
        second = runner_up_sentence(runner_up_facts(chosen, sensitivity), "en")
        text += (f"; {second}" if second else "") + "."
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
        name = SHORT[language][view] + (f"（K = {chosen['k']}）" if language == "zh" else f" (K = {chosen['k']})")
        name = name if view == "lda" else SHORT[language][view]
        if len(rows) < 2:
            sentences.append(f"{name}：案例太少，未分组" if language == "zh" else f"{name}: too few cases to group")
        elif not clear_groups(width, sure):
            sentences.append(
                f"{name}：没有清晰的分组（轮廓系数 {width:.2f}，平均自助法稳定性 {sure:.2f}），请看下文最相近的案例"
                if language == "zh"
                else f"{name}: no clear groups (silhouette {width:.2f}, mean bootstrap stability {sure:.2f}); "
                "read its nearest cases below"
            )
        else:
            word = (
                ("稳定" if sure >= STABLE else "存疑" if sure >= DISSOLVED else "不稳定")
                if language == "zh"
                else ("stable" if sure >= STABLE else "doubtful" if sure >= DISSOLVED else "dissolving")
            )
            sentences.append(
                f"{name}：{len(rows)} 组，{word}（平均自助法稳定性 {sure:.2f}，轮廓系数 {width:.2f}）"
                if language == "zh"
                else f"{name}: {len(rows)} groups, {word} under resampling (mean bootstrap stability {sure:.2f}; "
                f"silhouette {width:.2f})"
            )
    columns = {"cluster_tfidf", "cluster_lda"}
    if assignments is not None and columns <= set(assignments.columns):
        if all(assignments[c].nunique() > 1 for c in columns):
            ari = adjusted_rand_score(assignments["cluster_tfidf"], assignments["cluster_lda"])
            same = "分组几乎相同" if ari >= 0.9 else "分组大体一致" if ari >= 0.5 else "分组不同"
            if language != "zh":
                same = (
                    "group the cases alike"
                    if ari >= 0.9
                    else "group the cases broadly alike"
                    if ari >= 0.5
                    else "group the cases differently"
                )
            sentences.append(
                f"两个视角{same}（调整兰德指数 {ari:.2f}）"
                if language == "zh"
                else f"the two views {same} (ARI {ari:.2f})"
            )
    if not sentences:
        return []
    text = (
        ("在要点上：" + "；".join(sentences) + "。") if language == "zh" else "In short: " + "; ".join(sentences) + "."
    )
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
