"""LDA fit: one K of the grid, every seed, fitted and scored (``govtopics.models.lda_stage.fit``)."""

from pathlib import Path

from gensim.corpora import Dictionary

from govtopics.models import lda_stage
from govtopics.reading.io import read_jsonl, read_table, stage, write_outputs

inp, out, params = stage(snakemake)
roles = dict(zip(*read_table(inp.split)[["paragraph_id", "role"]].T.values, strict=True))
k, dictionary = int(snakemake.wildcards.k), Dictionary.load_from_text(inp.dictionary)
found = lda_stage.fit(k, roles, read_jsonl(inp.tokens), dictionary, inp.corpus, params.lda)
Path(out.models).mkdir(parents=True, exist_ok=True)
for seed, model in found.pop("models").items():
    model.save(str(Path(out.models) / f"seed{seed}"))
write_outputs(found, out)
