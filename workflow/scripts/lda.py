"""LDA: the cases described with the chosen K's models of every seed, and how far the seeds agree
(``govtopics.models.lda_stage.describe``); the runner-up K's first model for ``k_sensitivity.csv``."""

import json
from pathlib import Path

import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from govtopics.models.lda_stage import describe
from govtopics.reading.io import read_jsonl, read_table, stage, write_outputs
from govtopics.text.cases import read_unit_map

inp, out, params = stage(snakemake)
p = params.lda
chosen = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))
k, second = chosen["k"], chosen.get("runner_up", {}).get("k")
models_dir = next(Path(d) for d in inp.models if Path(d).name == "models" and Path(d).parent.name == f"k{k}")
runner_up = None
if second:
    runner_dir = next(Path(d) for d in inp.models if Path(d).parent.name == f"k{second}")
    runner_up = (LdaModel.load(str(runner_dir / f"seed{p['seeds'][0]}")), Dictionary.load_from_text(inp.dictionary))
unit_of, case_label = read_unit_map(inp.case_units)
paragraphs = read_table(inp.paragraphs)
found = describe(
    {seed: LdaModel.load(str(models_dir / f"seed{seed}")) for seed in p["seeds"]},
    list(read_jsonl(inp.tokens)),
    unit_of,
    case_label,
    read_table(inp.cases),
    pd.concat([read_table(path) for path in inp.mixtures], ignore_index=True),
    dict(zip(*paragraphs[["paragraph_id", "text"]].T.values, strict=True)),
    p["top_words"],
    params.nearest,
    runner_up,
)
write_outputs(found, out)
