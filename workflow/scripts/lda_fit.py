"""LDA fit: some Ks of the grid, every seed, on the training paragraphs (a fixed share is held
out); per fit NPMI and u_mass coherence, topic diversity, held-out perplexity and stability
across seeds.

Input: ``paragraph_tokens.jsonl``. Output: ``grid/batch{batch}.csv`` (one row per K and seed).
"""

import pandas as pd

from govtopics import lda
from govtopics.io import log_to, read_jsonl, write_table

log_to(snakemake.log[0])
p = snakemake.params.lda
rows = [r for r in read_jsonl(snakemake.input[0]) if len(r["tokens"]) >= p["min_paragraph_tokens"]]
heldout = lda.heldout_mask([r["paragraph_id"] for r in rows], p["heldout_share"])
texts = lda.training_texts([r for r, h in zip(rows, heldout, strict=True) if not h], p["min_paragraph_tokens"])
heldout_texts = [r["tokens"] for r, h in zip(rows, heldout, strict=True) if h]
dictionary = lda.make_dictionary(texts, p["no_below"], p["no_above"])
k_values = [k for k in snakemake.params.k_values if k <= lda.max_topics(len(texts))]
rows, _ = lda.grid(
    texts,
    dictionary,
    k_values,
    p["seeds"],
    p["top_words"],
    heldout_texts=heldout_texts,
    passes=p["passes"],
    iterations=p["iterations"],
    alpha=p["alpha"],
)
rows += lda.unfitted_rows(snakemake.params.k_values, p["seeds"], len(texts))
columns = ["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "note"]
table = pd.DataFrame(rows).reindex(columns=columns).fillna({"note": ""})
write_table(table.assign(paragraphs=len(texts), vocabulary=len(dictionary)), snakemake.output[0])
