"""LDA inference, one shard of paragraphs: the topic mixture of every paragraph of a case under
each seed's model of the chosen K, loaded as it was scored.

Each paragraph's inference starts from a state seeded by its id, so its mixture is the same in
whatever shard or job it is inferred (a test compares one shard with five).

Inputs: ``chosen_k.json``, every K's ``models/``, the dictionary, ``paragraph_tokens.jsonl`` and
``tokens/shards/rows.csv`` (where this shard's paragraphs are in it). Output:
``results/lda/shards/<shard>/mixtures.csv``: paragraph_id, seed, tokens (in-vocabulary tokens,
the paragraph's weight in its case) and one column per topic.
"""

import json
from itertools import islice
from pathlib import Path

import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from govtopics.models import lda
from govtopics.reading.io import log_to, read_table, write_table

log_to(snakemake.log[0])
inp, out, seeds = snakemake.input, snakemake.output, snakemake.params.seeds
k = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))["k"]
models_dir = next(Path(d) for d in inp.models if Path(d).parent.name == f"k{k}")
dictionary = Dictionary.load_from_text(inp.dictionary)
place = read_table(inp.shard_rows, dtype={"shard": str}).set_index("shard").loc[snakemake.wildcards.shard]
with open(inp.tokens, encoding="utf-8") as handle:  # this shard's lines only, none parsed but those
    rows = [json.loads(line) for line in islice(handle, int(place["first"]), int(place["first"]) + int(place["rows"]))]
rows = [r for r in rows if r["case_id"]]
ids = [r["paragraph_id"] for r in rows]
weights = lda.token_weights(dictionary, [r["tokens"] for r in rows])
frames = []
for seed in seeds:
    model = LdaModel.load(str(models_dir / f"seed{seed}"))
    mixtures = lda.paragraph_topics(model, dictionary, [r["tokens"] for r in rows], ids)
    frame = pd.DataFrame(mixtures, columns=[f"topic_{t + 1}" for t in range(k)])
    frame.insert(0, "tokens", weights)
    frame.insert(0, "seed", seed)
    frame.insert(0, "paragraph_id", ids)
    frames.append(frame)
write_table(pd.concat(frames, ignore_index=True), out.mixtures, exact=True)  # the lda step computes from them
