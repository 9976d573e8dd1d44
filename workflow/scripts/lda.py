"""LDA: describe the cases with the chosen K's models (``lda_select``) of every seed, loaded as
they were scored (no refit on other paragraphs or another dictionary, so the scores in
``model_selection.csv`` describe these models): ``govtopics.models.lda_stage.describe`` says how.

Inputs: ``chosen_k.json``, ``results/lda/k*/models/``, every shard's paragraph mixtures
(``lda_infer``), ``paragraph_tokens.jsonl``, ``units.csv`` and ``case_units.csv`` (what is
compared: the cases, or groups of them above ``compare.max_square_cases``), ``paragraphs.csv``.
Outputs: ``topics.csv``, ``topic_alignment.csv``, ``case_topics.csv``, ``similarity.csv``,
``similarity_by_seed.csv``, ``nearest_cases.csv``, ``typical_paragraphs.csv``,
``paragraph_topics.csv``, ``topic_sources.csv`` (share of each topic coming from each document, to
see whether one article dominates a topic), and for the explorer's map of topics ``topic_map.csv``
(LDAvis's intertopic distances and prevalence), ``topic_terms.csv`` (each topic's candidate
terms for relevance) and ``k_sensitivity.csv`` (how far the cases' groups move between the chosen
and the runner-up K). Topics are named after the model (``topic_names``: ``config/topic_labels.yaml``).
"""

import json
from pathlib import Path

import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from govtopics.models.lda_stage import describe
from govtopics.reading.io import log_to, read_jsonl, read_table, write_matrix, write_table
from govtopics.text.cases import read_unit_map

log_to(snakemake.log[0])
p, inp, out = snakemake.params.lda, snakemake.input, snakemake.output
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
    snakemake.params.nearest,
    runner_up,
)
write_matrix(*found.pop("similarity"), out.similarity)
for name, table in found.items():
    write_table(table, out[name])
