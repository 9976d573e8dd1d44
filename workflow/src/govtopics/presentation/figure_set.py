"""Which figure is drawn from which tables: the figure rules' one entry, :func:`draw`.

similarity_tfidf / similarity_lda: heatmaps in cluster order; dendrograms and cluster_selection:
the clustering of both views; consensus: how often cases share a cluster; topic_terms,
case_topics, k_selection, topic_prevalence: the topic model; codebook, keyness, mds: the
comparison; reuse: who borrowed from whom over time. Case orders and dendrograms are the ones the
clusters stage wrote (never recomputed here). A figure that means nothing with too few cases is a
placeholder that says why.
"""

from __future__ import annotations

import pandas as pd

from ..config import names_of_topics
from ..models import clusters
from . import figures

MATRICES = {"tfidf", "lda", "codebook", "coassignment_tfidf", "coassignment_lda"}  # read with io.read_matrix
READ = {  # how a table is read where the default is not right
    "covariate_summary": {"dtype": {"column": str}},
    "prevalence": {"dtype": {"column": str, "level": str}},
    "trends": {"dtype": {"column": str}},
    "case_reuse": {"dtype": {"source_label": str, "target_label": str, "source_date": str, "target_date": str}},
}
# Figures that mean nothing below a number of cases: a comparison needs two, a clustering three.
NEEDS_CASES = {
    "similarity_tfidf": 2,
    "similarity_lda": 2,
    "mds": 2,
    "dendrograms": clusters.MIN_CASES,
    "cluster_selection": clusters.MIN_CASES,
    "consensus": clusters.MIN_CASES,
}


def _views() -> dict[str, str]:
    return {
        "tfidf": figures.say("similarity_tfidf_title"),
        "lda": figures.say("similarity_lda_title"),
    }


def _order(tables: dict, view: str) -> list[int]:
    """The case order of ``view`` (its dendrogram's leaves), as the clusters stage wrote it."""
    table = tables["order"]
    return table[table["view"] == view].sort_values("position")["case_index"].astype(int).tolist()


def _chosen_k(silhouette: pd.DataFrame, view: str, default: int) -> int:
    chosen = silhouette[(silhouette["view"] == view) & silhouette["chosen"]]
    return int(chosen["k"].iloc[0]) if len(chosen) else default


def too_few_cases(name: str, n: int):
    """A placeholder saying why, when ``n`` cases are too few for the figure ``name``; else None."""
    needed = NEEDS_CASES.get(name, 1)
    if n >= needed:
        return None
    clustering = needed == clusters.MIN_CASES
    title = figures.say("too_few_to_cluster" if clustering else "too_few_to_compare", n=n)
    return figures.placeholder(title, figures.say("too_few_cases", needed=needed, n=n))


def _similarity(tables, matrices, view):
    matrix, labels = matrices[view]
    return figures.similarity_heatmap(matrix, labels, _order(tables, view), _views()[view])


def _dendrograms(tables, matrices):
    trees = []
    for view, title in _views().items():
        _, labels = matrices[view]
        rows = tables["trees"][tables["trees"]["view"] == view].sort_values("step").to_dict("records")
        k = _chosen_k(tables["silhouette"], view, 1)
        trees.append((f"{title}, k = {k}", clusters.tree_from_rows(rows), k))
    return figures.dendrograms(trees, labels)


def _cluster_selection(tables):
    silhouette = tables["silhouette"]
    curves = []
    for view, name in (("tfidf", "TF-IDF"), ("lda", "LDA")):
        rows = silhouette[silhouette["view"] == view]
        curves.append((name, rows.to_dict("records"), _chosen_k(silhouette, view, 0)))
    return figures.silhouette_curves(curves)


def _case_topics(tables):
    table = tables["case_topics"]
    names = list(names_of_topics(tables["topic_names"]).values())
    return figures.case_topic_heatmap(
        table.filter(like="topic_").to_numpy(), list(table["case"]), _order(tables, "lda"), names
    )


def _topic_prevalence(tables, level):
    prevalence, trends = tables["prevalence"], tables["trends"]
    panels = []
    for row in tables["covariate_summary"].to_dict("records"):
        rows = prevalence[prevalence["column"] == row["column"]].to_dict("records")
        mine = trends[trends["column"] == row["column"]].to_dict("records")
        if rows:
            panels.append({**row, "rows": rows, "trends": {int(t["topic"]): t for t in mine}})
        elif row.get("reason") in ("few_dated", "few_years"):  # a time panel not drawn, and why
            panels.append({**row, "rows": [], "trends": {}})
    if not any(panel["rows"] for panel in panels):
        return figures.placeholder(
            figures.say("no_covariate_title"),
            figures.say("no_covariate"),
        )
    return figures.topic_prevalence(panels, names_of_topics(tables["topic_names"]), level)


def _k_selection(tables, chosen):
    fitted = [r for r in tables["selection"].to_dict("records") if not r["note"]]  # Ks too large are not fitted
    return figures.k_selection(fitted, chosen["k"])


def _keyness(tables):
    rows = tables["keyness"].to_dict("records")
    if rows:
        return figures.keyness_bars(rows)
    return figures.placeholder(
        figures.say("no_keyness_title"),
        figures.say("no_keyness"),
    )


def _consensus(tables, matrices):
    shown = []
    for view, title in _views().items():
        co, labels = matrices[f"coassignment_{view}"]
        shown.append((title, co, _order(tables, view)))
    return figures.consensus_heatmaps(shown, labels)


def _codebook(tables):
    table = tables["rates"]
    categories = [c for c in table.columns if c not in ("case_id", "case", "tokens")]
    return figures.category_heatmap(
        table[categories].to_numpy(), list(table["case"]), categories, _order(tables, "codebook")
    )


def _mds(tables):
    names = {"tfidf": "TF-IDF", "lda": "LDA", "codebook": figures.say("codebook")}
    views = [
        (
            names.get(view, view),
            list(rows["case"]),
            rows[["x", "y"]].to_numpy(),
            list(rows["cluster"]),
            float(rows["stress"].iloc[0]),
        )
        for view, rows in tables["mds"].groupby("view", sort=False)
    ]
    return figures.mds_maps(views)


def draw(name: str, tables: dict, matrices: dict, chosen: dict | None = None, level: float = 0.95, min_chars: int = 30):
    """The figure ``name`` from the tables of its rule (``tables``: DataFrames keyed by the rule's
    input names; ``matrices``: (matrix, labels) of the similarity and co-assignment matrices;
    ``chosen``: ``lda/chosen_k.json``; ``level``: covariates.level; ``min_chars``: reuse.min_chars),
    in the language set by
    :func:`govtopics.presentation.figures.set_language`."""
    placeholder = too_few_cases(name, len(tables["cases"]))
    if placeholder is not None:
        return placeholder
    draw_one = {
        "similarity_tfidf": lambda: _similarity(tables, matrices, "tfidf"),
        "similarity_lda": lambda: _similarity(tables, matrices, "lda"),
        "dendrograms": lambda: _dendrograms(tables, matrices),
        "cluster_selection": lambda: _cluster_selection(tables),
        "topic_terms": lambda: figures.topic_term_bars(
            tables["topics"].to_dict("records"), names_of_topics(tables["topic_names"])
        ),
        "case_topics": lambda: _case_topics(tables),
        "k_selection": lambda: _k_selection(tables, chosen),
        "topic_prevalence": lambda: _topic_prevalence(tables, level),
        "consensus": lambda: _consensus(tables, matrices),
        "codebook": lambda: _codebook(tables),
        "keyness": lambda: _keyness(tables),
        "mds": lambda: _mds(tables),
        "reuse": lambda: figures.reuse_timeline(tables["case_reuse"].fillna("").to_dict("records"), min_chars),
    }
    return draw_one[name]()
