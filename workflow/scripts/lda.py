"""LDA: describe the cases with the chosen K's models (``lda_select``), loaded as they were scored
(the first seed's model is the reference; no refit on other paragraphs or another dictionary, so
the scores in ``model_selection.csv`` describe the topics in ``topics.csv``).

Inputs: ``chosen_k.json``, ``results/lda/k*/models/``, every shard's paragraph mixtures
(``lda_infer``), ``paragraph_tokens.jsonl``, ``units.csv`` and ``case_units.csv``
(what is compared: the cases, or groups of them above ``compare.max_square_cases``),
``paragraphs.csv``. Outputs: ``topics.csv`` (top words by probability and by FREX),
``topic_alignment.csv`` (each reference topic's match in every other seed),
``typical_paragraphs.csv``, ``case_topics.csv`` (rows sum to 1), ``paragraph_topics.csv``,
``topic_sources.csv`` (share of each topic coming from each document, to see whether one article
dominates a topic), ``similarity.csv`` (1 − Jensen–Shannon distance) and
``similarity_by_seed.csv`` (the same for every seed, for cluster stability), all of units, and
``nearest_cases.csv`` (each case's nearest cases by its own mixture, a block at a time). Topics
are named at figure and report time (``config/topic_labels.yaml``).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
from gensim.models import LdaModel

from govtopics import lda
from govtopics.cases import read_unit_map, relabel
from govtopics.compare import NEAREST_COLUMNS, nearest_rows
from govtopics.io import log_to, read_jsonl, read_table, write_matrix, write_table

log_to(snakemake.log[0])
p, inp, out = snakemake.params.lda, snakemake.input, snakemake.output
k = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))["k"]
models_dir = next(Path(d) for d in inp.models if Path(d).name == "models" and Path(d).parent.name == f"k{k}")
models = {seed: LdaModel.load(str(models_dir / f"seed{seed}")) for seed in p["seeds"]}
reference = models[p["seeds"][0]]
write_table(pd.DataFrame(lda.topic_table(reference, p["top_words"])), out.topics)

alignment = []
for seed, model in models.items():
    matched, jaccards = lda.match_topics(reference, model, p["top_words"])
    for topic, (other, jaccard) in enumerate(zip(matched, jaccards, strict=True), 1):
        alignment.append({"topic": topic, "seed": seed, "matched_topic": other + 1, "jaccard": jaccard})
write_table(pd.DataFrame(alignment), out.alignment)

paragraph_tokens = list(read_jsonl(inp.tokens))
unit_of, case_label = read_unit_map(inp.case_units)
unit_rows = list(relabel(paragraph_tokens, unit_of))
cases = read_table(inp.cases)
case_ids, case_labels = list(cases["case_id"]), list(cases["label"])
label_of = dict(zip(case_ids, case_labels, strict=True))
# every paragraph of a case got its mixture under each seed's model, shard by shard (lda_infer);
# units and cases are token-weighted means of them
in_cases = [(r, u) for r, u in zip(paragraph_tokens, unit_rows, strict=True) if u["case_id"] in label_of]
inferred = pd.concat([read_table(path) for path in inp.mixtures], ignore_index=True)
topic_columns = [f"topic_{t + 1}" for t in range(k)]
by_seed_mixtures, weights = {}, []
for seed in p["seeds"]:
    frame = inferred[inferred["seed"] == seed].set_index("paragraph_id")
    frame = frame.reindex([r["paragraph_id"] for r, _ in in_cases])  # every paragraph of a case, in order
    by_seed_mixtures[seed] = frame[topic_columns].to_numpy(dtype=float).reshape(-1, k)
    weights = frame["tokens"].astype(int).tolist()
mixtures = by_seed_mixtures[p["seeds"][0]]
proportions = lda.aggregate_mixtures(mixtures, weights, [u["case_id"] for _, u in in_cases], case_ids)
frame = pd.DataFrame(proportions, columns=topic_columns)
frame.insert(0, "case", case_labels)
frame.insert(0, "case_id", case_ids)
write_table(frame, out.case_topics)
write_matrix(lda.js_similarity(proportions), case_labels, out.similarity)

paragraph_frame = pd.DataFrame(mixtures, columns=topic_columns)
paragraph_frame.insert(0, "tokens", weights)
paragraph_frame.insert(0, "case_id", [u["case_id"] for _, u in in_cases])
paragraph_frame.insert(0, "paragraph_id", [r["paragraph_id"] for r, _ in in_cases])
write_table(paragraph_frame, out.paragraph_topics)
write_table(pd.DataFrame(lda.topic_sources(mixtures, weights, [r["doc_id"] for r, _ in in_cases])), out.sources)

text_of = dict(zip(*read_table(inp.paragraphs)[["paragraph_id", "text"]].T.values, strict=True))
typical = lda.typical_paragraphs(mixtures, [r for r, _ in in_cases], 3)
for row in typical:
    row["case"] = case_label[row["case_id"]]  # the paragraph's own case, grouped or not
    row["text"] = text_of[row["paragraph_id"]]
write_table(pd.DataFrame(typical), out.typical)

# each case's nearest cases by its own mixture, a block of cases at a time
all_cases = list(unit_of)
case_mixtures = lda.aggregate_mixtures(mixtures, weights, [r["case_id"] for r, _ in in_cases], all_cases)
neighbours = nearest_rows(
    lambda rows: lda.js_similarity_to(case_mixtures[rows], case_mixtures),
    all_cases,
    [case_label[c] for c in all_cases],
    snakemake.params.nearest,
    block=max(1, 20_000_000 // max(1, len(all_cases) * k)),
)
write_table(pd.DataFrame(neighbours, columns=NEAREST_COLUMNS), out.nearest_cases)

by_seed = []
first, second = np.triu_indices(len(case_ids), 1)
names = np.array(case_labels, dtype=object)
unit_ids = [u["case_id"] for _, u in in_cases]
for seed, model in models.items():
    mix = (
        proportions
        if model is reference
        else lda.aggregate_mixtures(by_seed_mixtures[seed], weights, unit_ids, case_ids)
    )
    sim = lda.js_similarity(mix)
    by_seed.append(
        pd.DataFrame({"seed": seed, "case_a": names[first], "case_b": names[second], "similarity": sim[first, second]})
    )
columns = ["seed", "case_a", "case_b", "similarity"]
write_table(pd.concat(by_seed, ignore_index=True) if by_seed else pd.DataFrame(columns=columns), out.by_seed)
