"""LDA corpus: training and held-out paragraphs, the dictionary and the training corpus serialised once
(``govtopics.models.lda``)."""

import logging

import pandas as pd

from govtopics.models import lda
from govtopics.reading.io import read_jsonl, stage, write_table

inp, out, params = stage(snakemake)
p = params.lda
rows = list(read_jsonl(inp[0]))
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
