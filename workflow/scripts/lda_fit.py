"""LDA fit: one K of the grid with every seed, on the training paragraphs; per fit NPMI and
u_mass coherence, topic diversity, held-out perplexity, stability across seeds and the top
words those scores describe. The models are saved, so the one reported is the one scored.

Inputs: ``paragraph_tokens.jsonl`` and ``results/lda/corpus/`` (split, dictionary, serialised
training corpus). Outputs: ``results/lda/k{k}/scores.csv`` (one row per seed) and
``results/lda/k{k}/models/seed<seed>`` (gensim's format). A K above half the training paragraphs
is not fitted; its rows say why.
"""

from pathlib import Path

import pandas as pd
from gensim.corpora import Dictionary

from govtopics.models import lda
from govtopics.reading.io import log_to, read_jsonl, read_table, write_table

log_to(snakemake.log[0])
p, inp, out = snakemake.params.lda, snakemake.input, snakemake.output
k = int(snakemake.wildcards.k)
role = dict(zip(*read_table(inp.split)[["paragraph_id", "role"]].T.values, strict=True))
texts, heldout_texts = [], []
for row in read_jsonl(inp.tokens):
    {"train": texts, "heldout": heldout_texts}.get(role[row["paragraph_id"]], []).append(row["tokens"])
dictionary = Dictionary.load_from_text(inp.dictionary)
Path(out.models).mkdir(parents=True, exist_ok=True)
if k <= lda.max_topics(len(texts)):
    rows, models = lda.fit_k(
        texts,
        dictionary,
        k,
        p["seeds"],
        p["top_words"],
        heldout_texts=heldout_texts,
        corpus=lda.read_training_corpus(inp.corpus),
        passes=p["passes"],
        iterations=p["iterations"],
        alpha=p["alpha"],
        chunksize=p["chunksize"],
        engine=p["engine"],
        sweeps=p["sweeps"],
    )
    for seed, model in models.items():
        model.save(str(Path(out.models) / f"seed{seed}"))
else:
    rows = lda.unfitted_rows([k], p["seeds"], len(texts))
columns = ["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "top_words", "note"]
table = pd.DataFrame(rows).reindex(columns=columns)
for column in ("note", "top_words"):  # text columns: empty, not NaN (cast first: pandas 4 refuses "" in floats)
    table[column] = table[column].astype(object).where(table[column].notna(), "")
write_table(table.assign(paragraphs=len(texts), vocabulary=len(dictionary)), out.scores)
