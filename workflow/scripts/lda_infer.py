"""LDA inference: every seed's topic mixture of one shard's paragraphs (``govtopics.models.lda_stage.infer``)."""

import json
from itertools import islice
from pathlib import Path

from gensim.corpora import Dictionary
from gensim.models import LdaModel

from govtopics.models import lda_stage
from govtopics.reading.io import read_table, stage, write_outputs

inp, out, params = stage(snakemake)
k = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))["k"]
models_dir = next(Path(d) for d in inp.models if Path(d).parent.name == f"k{k}")
place = read_table(inp.shard_rows, dtype={"shard": str}).set_index("shard").loc[snakemake.wildcards.shard]
with open(inp.tokens, encoding="utf-8") as handle:  # this shard's lines only, none parsed but those
    rows = [json.loads(line) for line in islice(handle, int(place["first"]), int(place["first"]) + int(place["rows"]))]
models = {seed: LdaModel.load(str(models_dir / f"seed{seed}")) for seed in params.seeds}
write_outputs(lda_stage.infer(models, Dictionary.load_from_text(inp.dictionary), rows), out, exact=("mixtures",))
