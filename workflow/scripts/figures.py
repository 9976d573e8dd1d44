"""Figures: draws every figure its rule lists as output, as PNG and the formats of figures.formats.

similarity_tfidf / similarity_lda: heatmaps in cluster order; dendrograms and cluster_selection:
the clustering of both views; topic_terms, case_topics, k_selection: the topic model. Inputs:
the tables each figure needs (see ``workflow/rules/report.smk``), with the case order and the
dendrograms written by the clusters stage (never recomputed here). Outputs: ``results/figures/``.
"""

import json
from pathlib import Path

from govtopics import clusters, figures
from govtopics.io import log_to, read_matrix, read_table

log_to(snakemake.log[0])
figures.setup_fonts()
figures.set_language(snakemake.params.language)
inp = snakemake.input
zh = snakemake.params.language == "zh"
VIEWS = {
    "tfidf": "TF-IDF 余弦相似度" if zh else "TF-IDF cosine similarity",
    "lda": "LDA 主题相似度（1 − Jensen–Shannon）" if zh else "LDA topic similarity (1 − Jensen–Shannon)",
}


def order(view):
    """The case order of ``view`` (its dendrogram's leaves), as the clusters stage wrote it."""
    table = read_table(inp.order)
    return table[table["view"] == view].sort_values("position")["case_index"].astype(int).tolist()


def tree(view):
    table = read_table(inp.trees)
    return clusters.tree_from_rows(table[table["view"] == view].sort_values("step").to_dict("records"))


def similarity(view):
    matrix, labels = read_matrix(inp[view])
    return figures.similarity_heatmap(matrix, labels, order(view), VIEWS[view])


# Figures that mean nothing below a number of cases: a comparison needs two, a clustering three.
NEEDS_CASES = {
    "similarity_tfidf": 2,
    "similarity_lda": 2,
    "mds": 2,
    "dendrograms": clusters.MIN_CASES,
    "cluster_selection": clusters.MIN_CASES,
    "consensus": clusters.MIN_CASES,
}


def too_few_cases(name):
    """A placeholder saying why, when the cases are too few for the figure ``name``; else None."""
    n = len(read_table(inp.cases))
    needed = NEEDS_CASES.get(name, 1)
    if n >= needed:
        return None
    if zh:
        title = f"{n} 个案例，" + ("无法聚类" if needed == clusters.MIN_CASES else "无可比较")
    else:
        title = f"{n} cases: " + ("no clustering" if needed == clusters.MIN_CASES else "nothing to compare")
    return figures.placeholder(
        title,
        f"This figure needs at least {needed} cases and the corpus has {n}; add documents to compare cases.",
    )


def dendrograms():
    silhouette = read_table(inp.silhouette)
    trees = []
    for view, title in VIEWS.items():
        matrix, labels = read_matrix(inp[view])
        chosen = silhouette[(silhouette["view"] == view) & silhouette["chosen"]]
        k = int(chosen["k"].iloc[0]) if len(chosen) else 1
        trees.append((f"{title}, k = {k}", tree(view), k))
    return figures.dendrograms(trees, labels)


def cluster_selection():
    silhouette = read_table(inp.silhouette)
    curves = []
    for view, name in (("tfidf", "TF-IDF"), ("lda", "LDA")):
        rows = silhouette[silhouette["view"] == view]
        chosen = rows[rows["chosen"]]
        curves.append((name, rows.to_dict("records"), int(chosen["k"].iloc[0]) if len(chosen) else 0))
    return figures.silhouette_curves(curves)


def case_topics():
    table = read_table(inp.case_topics)
    proportions = table.filter(like="topic_")
    names = list(names_of_topics().values())
    return figures.case_topic_heatmap(proportions.to_numpy(), list(table["case"]), order("lda"), names)


def names_of_topics():
    """The topics' names of ``lda/topic_names.csv`` (config/topic_labels.yaml, or 主题n and top words)."""
    table = read_table(inp.topic_names)
    return dict(zip(table["topic"].astype(int), table["name"].astype(str), strict=True))


def topic_prevalence():
    summary = read_table(inp.covariate_summary, dtype={"column": str})
    prevalence = read_table(inp.prevalence, dtype={"column": str, "level": str})
    trends = read_table(inp.trends, dtype={"column": str})
    panels = []
    for row in summary.to_dict("records"):
        rows = prevalence[prevalence["column"] == row["column"]].to_dict("records")
        mine = trends[trends["column"] == row["column"]].to_dict("records")
        if rows:
            panels.append({**row, "rows": rows, "trends": {int(t["topic"]): t for t in mine}})
    if not panels:
        return figures.placeholder(
            "没有可比较的协变量" if zh else "No covariate to compare",
            "No column of covariates.columns has two levels with cases; see results/covariates/summary.csv.",
        )
    return figures.topic_prevalence(panels, names_of_topics(), snakemake.params.covariates["level"])


def k_selection():
    chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))
    fitted = [r for r in read_table(inp.selection).to_dict("records") if not r["note"]]  # Ks too large are not fitted
    return figures.k_selection(fitted, chosen["k"])


def keyness():
    rows = read_table(inp.keyness).to_dict("records")
    if rows:
        return figures.keyness_bars(rows)
    return figures.placeholder(
        "没有显著的特征词" if zh else "No distinctive terms",
        "Keyness compares each case with the others; with one case, or no term used at least 3 times, there is none.",
    )


def consensus():
    matrices = []
    for view, title in VIEWS.items():
        co, labels = read_matrix(inp[f"coassignment_{view}"])
        matrices.append((title, co, order(view)))
    return figures.consensus_heatmaps(matrices, labels)


def codebook_heatmap():
    table = read_table(inp.rates)
    categories = [c for c in table.columns if c not in ("case_id", "case", "tokens")]
    return figures.category_heatmap(table[categories].to_numpy(), list(table["case"]), categories, order("codebook"))


def mds_map():
    table = read_table(inp.mds)
    names = {"tfidf": "TF-IDF", "lda": "LDA", "codebook": "机制编码" if zh else "codebook"}
    views = []
    for view, rows in table.groupby("view", sort=False):
        views.append(
            (
                names.get(view, view),
                list(rows["case"]),
                rows[["x", "y"]].to_numpy(),
                list(rows["cluster"]),
                float(rows["stress"].iloc[0]),
            )
        )
    return figures.mds_maps(views)


DRAW = {
    "similarity_tfidf": lambda: similarity("tfidf"),
    "similarity_lda": lambda: similarity("lda"),
    "dendrograms": dendrograms,
    "cluster_selection": cluster_selection,
    "topic_terms": lambda: figures.topic_term_bars(read_table(inp.topics).to_dict("records"), names_of_topics()),
    "case_topics": case_topics,
    "k_selection": k_selection,
    "topic_prevalence": topic_prevalence,
    "consensus": consensus,
    "codebook": codebook_heatmap,
    "keyness": keyness,
    "mds": mds_map,
}

for png in (Path(p) for p in snakemake.output if p.endswith(".png")):
    figure = too_few_cases(png.stem) or DRAW[png.stem]()
    settings = snakemake.params.figures
    formats = ["png", *(f for f in settings["formats"] if f != "png")]  # the reports embed the PNG
    figures.save(figure, png.with_suffix(""), settings["dpi"], formats, settings["width_mm"])
