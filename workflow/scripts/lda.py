"""LDA: choose K from the grid, refit it with the first seed, write topics and case mixtures.

Inputs: ``grid/k*.csv``, ``paragraph_tokens.jsonl``, ``cases.csv``. Outputs:
``model_selection.csv`` (every K × seed with its scores), ``chosen_k.json``, ``topics.csv``,
``case_topics.csv`` (rows sum to 1) and ``similarity.csv`` (1 − Jensen–Shannon distance).
"""

import pandas as pd

from govtopics import lda
from govtopics.io import log_to, read_jsonl, read_table, write_json, write_matrix, write_table

log_to(snakemake.log[0])
p = snakemake.params.lda
selection = pd.concat([read_table(path) for path in snakemake.input.grid]).sort_values(["k", "seed"])
k, why = lda.choose_k(selection.to_dict("records"), p["k"])
selection["chosen"] = selection["k"] == k
write_table(selection, snakemake.output.selection)

paragraph_tokens = list(read_jsonl(snakemake.input.tokens))
texts = lda.training_texts(paragraph_tokens, p["min_paragraph_tokens"])
dictionary = lda.make_dictionary(texts, p["no_below"], p["no_above"])
seed = p["seeds"][0]
model = lda.fit(texts, dictionary, k, seed, passes=p["passes"], iterations=p["iterations"], alpha=p["alpha"])
write_table(pd.DataFrame(lda.topic_terms(model, p["top_words"])), snakemake.output.topics)

cases = read_table(snakemake.input.cases, dtype=str)
proportions = lda.case_topics(model, dictionary, paragraph_tokens, list(cases["case_id"]))
frame = pd.DataFrame(proportions, columns=[f"topic_{t + 1}" for t in range(k)])
frame.insert(0, "case", list(cases["label"]))
frame.insert(0, "case_id", list(cases["case_id"]))
write_table(frame, snakemake.output.case_topics)
write_matrix(lda.js_similarity(proportions), list(cases["label"]), snakemake.output.similarity)
write_json(
    {"k": k, "seed": seed, "reason": why, "paragraphs": len(texts), "vocabulary": len(dictionary)},
    snakemake.output.chosen,
)
