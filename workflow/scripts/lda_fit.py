"""LDA fit: some Ks of the grid, every seed; coherence and diversity per fit.

Input: ``paragraph_tokens.jsonl``. Output: ``grid/batch{batch}.csv`` (one row per K and seed).
"""

import pandas as pd

from govtopics import lda
from govtopics.io import log_to, read_jsonl, write_table

log_to(snakemake.log[0])
p = snakemake.params.lda
texts = lda.training_texts(list(read_jsonl(snakemake.input[0])), p["min_paragraph_tokens"])
dictionary = lda.make_dictionary(texts, p["no_below"], p["no_above"])
rows, _ = lda.grid(
    texts,
    dictionary,
    snakemake.params.k_values,
    p["seeds"],
    p["top_words"],
    passes=p["passes"],
    iterations=p["iterations"],
    alpha=p["alpha"],
)
write_table(pd.DataFrame(rows).assign(paragraphs=len(texts), vocabulary=len(dictionary)), snakemake.output[0])
