"""LDA corpus: which paragraphs train the topic models and which are held out, the dictionary,
and the training corpus serialised once for every fit to stream from disk.

Input: ``paragraph_tokens.jsonl``. Outputs in ``results/lda/corpus/``: ``split.csv`` (every
paragraph's role: train, heldout, short or unsampled), ``dictionary.txt`` (gensim's text format: id, word,
document frequency) and ``train.mm`` with its ``.index`` (Matrix Market bag-of-words).
"""

import logging

import pandas as pd

from govtopics.models import lda
from govtopics.reading.io import log_to, read_jsonl, write_table

log_to(snakemake.log[0])
p, out = snakemake.params.lda, snakemake.output
rows = list(read_jsonl(snakemake.input[0]))
roles = lda.split_paragraphs(rows, p["min_paragraph_tokens"], p["heldout_share"], p["train_sample"])
texts = lda.training_texts([r for r, role in zip(rows, roles, strict=True) if role == "train"], 1)
dictionary = lda.make_dictionary(texts, p["no_below"], p["no_above"])
dictionary.save_as_text(out.dictionary)
lda.write_training_corpus(texts, dictionary, out.corpus)
split = pd.DataFrame({"paragraph_id": [r["paragraph_id"] for r in rows], "role": roles})
write_table(split, out.split)
logging.info(
    "%d training paragraphs (%d more left out of the training sample), %d held out, vocabulary %d",
    len(texts),
    roles.count("unsampled"),
    roles.count("heldout"),
    len(dictionary),
)
