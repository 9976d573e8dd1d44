"""Figures: similarity heatmaps in cluster order, dendrograms, topic words, case × topic
proportions, coherence against K and silhouette against k; each as PNG and SVG.

Inputs: the similarity matrices, LDA tables and cluster tables. Outputs: ``results/figures/``.
"""

import json
from pathlib import Path

from govtopics import clusters, figures
from govtopics.io import log_to, read_matrix, read_table

log_to(snakemake.log[0])
figures.setup_fonts()
dpi = snakemake.params.figures["dpi"]
method = snakemake.params.method
out = Path(snakemake.output[0]).parent

views = {"tfidf": ("TF-IDF 余弦相似度 (cosine)", snakemake.input.tfidf),
         "lda": ("LDA 主题相似度 (1 − Jensen–Shannon)", snakemake.input.lda)}
trees = []
for view, (title, path) in views.items():
    similarity, labels = read_matrix(path)
    order = clusters.order(similarity, method)
    figures.save(figures.similarity_heatmap(similarity, labels, order, title), out / f"similarity_{view}", dpi)
    trees.append((title, clusters.tree(similarity, method)))
figures.save(figures.dendrograms(trees, labels), out / "dendrograms", dpi)

topics = read_table(snakemake.input.topics).to_dict("records")
figures.save(figures.topic_term_bars(topics, {}), out / "topic_terms", dpi)
case_topics = read_table(snakemake.input.case_topics)
proportions = case_topics.filter(like="topic_").to_numpy()
lda_similarity, _ = read_matrix(snakemake.input.lda)
topic_names = [c.replace("topic_", "主题 ") for c in case_topics.filter(like="topic_").columns]
figures.save(figures.case_topic_heatmap(proportions, list(case_topics["case"]), clusters.order(lda_similarity, method),
                                        topic_names), out / "case_topics", dpi)

chosen = json.loads(Path(snakemake.input.chosen).read_text(encoding="utf-8"))
figures.save(figures.k_selection(read_table(snakemake.input.selection).to_dict("records"), chosen["k"]),
             out / "k_selection", dpi)
silhouette = read_table(snakemake.input.silhouette)
curves = []
for view, name in (("tfidf", "TF-IDF"), ("lda", "LDA")):
    rows = silhouette[silhouette["view"] == view]
    chosen_rows = rows[rows["chosen"].astype(str) == "True"]
    curves.append((name, rows.to_dict("records"), int(chosen_rows["k"].iloc[0]) if len(chosen_rows) else 0))
figures.save(figures.silhouette_curves(curves), out / "cluster_selection", dpi)
