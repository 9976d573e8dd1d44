"""LDA selection: K chosen from the scored grid (``govtopics.models.lda_stage.select``)."""

import pandas as pd
from gensim.corpora import Dictionary

from govtopics.models import lda_stage
from govtopics.reading.io import read_table, stage, write_outputs

inp, out, params = stage(snakemake)
scores = pd.concat([read_table(path) for path in inp.scores])
vocabulary = len(Dictionary.load_from_text(inp.dictionary))
write_outputs(lda_stage.select(scores, read_table(inp.split)["role"], vocabulary, params.lda), out)
