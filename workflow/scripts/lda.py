"""LDA: describe the cases with the chosen K's models (``lda_select``), loaded as they were scored
(no refit on other paragraphs or another dictionary, so the scores in ``model_selection.csv``
describe these models), and with all of them together: every finding comes from every seed of
``lda.seeds``, with how far the seeds agree.

- Topics (``topics.csv``) are the first seed's, each with its ``stability``: the mean Jaccard of
  its top words with its matched topic in the other seeds (``topic_alignment.csv``).
- Paragraph mixtures are every seed's, its topics matched to the first seed's, averaged; case
  mixtures (``case_topics.csv``, rows sum to 1), typical paragraphs and topic sources come from them.
- Case × case similarity (``similarity.csv``, 1 − Jensen–Shannon distance) is the mean of every
  seed's own (``similarity_by_seed.csv``), which needs no matching of topics; each case's nearest
  cases (``nearest_cases.csv``) are by that mean, with ``seeds_agree``: the share of seeds whose own
  nearest cases include the neighbour.

Inputs: ``chosen_k.json``, ``results/lda/k*/models/``, every shard's paragraph mixtures
(``lda_infer``), ``paragraph_tokens.jsonl``, ``units.csv`` and ``case_units.csv`` (what is
compared: the cases, or groups of them above ``compare.max_square_cases``), ``paragraphs.csv``.
Outputs: the tables above, ``typical_paragraphs.csv``, ``paragraph_topics.csv``,
``topic_sources.csv`` (share of each topic coming from each document, to see whether one article
dominates a topic), and for the explorer's map of topics ``topic_map.csv`` (LDAvis's intertopic
distances and prevalence) and ``topic_terms.csv`` (each topic's candidate terms for relevance).
Topics are named after the model (``topic_names``: ``config/topic_labels.yaml``).
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

alignment = []
for seed, model in models.items():
    matched, jaccards = lda.match_topics(reference, model, p["top_words"])
    for topic, (other, jaccard) in enumerate(zip(matched, jaccards, strict=True), 1):
        alignment.append({"topic": topic, "seed": seed, "matched_topic": other + 1, "jaccard": jaccard})
alignment = pd.DataFrame(alignment)
write_table(alignment, out.alignment)
# each reference topic's stability: the mean Jaccard of its top words with its match in the other seeds
others = alignment[alignment["seed"] != p["seeds"][0]]
stable = others.groupby("topic")["jaccard"].mean() if len(others) else pd.Series(dtype=float)
topics = pd.DataFrame(lda.topic_table(reference, p["top_words"]))
topics["stability"] = topics["topic"].map(stable).astype(float) if len(stable) else float("nan")
write_table(topics, out.topics)

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
# Findings from all seeds together. Mixtures: every seed's, its topics matched to the reference
# seed's, averaged (topic shares, typical paragraphs, sources). Similarity and nearest cases: the
# mean of every seed's own (no matching needed), with how far the seeds agree.
aligned = lda.aligned_mixtures(reference, models, by_seed_mixtures, p["top_words"])
mixtures = np.mean([aligned[seed] for seed in p["seeds"]], axis=0)
unit_ids = [u["case_id"] for _, u in in_cases]
proportions = lda.aggregate_mixtures(mixtures, weights, unit_ids, case_ids)
frame = pd.DataFrame(proportions, columns=topic_columns)
frame.insert(0, "case", case_labels)
frame.insert(0, "case_id", case_ids)
write_table(frame, out.case_topics)
seed_proportions = {
    seed: lda.aggregate_mixtures(by_seed_mixtures[seed], weights, unit_ids, case_ids) for seed in models
}
seed_similarity = {seed: lda.js_similarity(mix) for seed, mix in seed_proportions.items()}
write_matrix(lda.consensus_similarity(list(seed_similarity.values())), case_labels, out.similarity)

paragraph_frame = pd.DataFrame(mixtures, columns=topic_columns)
paragraph_frame.insert(0, "tokens", weights)
paragraph_frame.insert(0, "case_id", unit_ids)
paragraph_frame.insert(0, "paragraph_id", [r["paragraph_id"] for r, _ in in_cases])
write_table(paragraph_frame, out.paragraph_topics)
write_table(pd.DataFrame(lda.topic_sources(mixtures, weights, [r["doc_id"] for r, _ in in_cases])), out.sources)
# the explorer's map of topics and its relevance slider (LDAvis): the reference model, with each
# topic's share of the cases' tokens under the seeds' matched mixtures
prevalence = (mixtures * np.asarray(weights, dtype=float)[:, None]).sum(axis=0)
prevalence = prevalence / max(prevalence.sum(), 1e-300)
write_table(pd.DataFrame(lda.topic_map(reference, prevalence)), out.topic_map)
write_table(pd.DataFrame(lda.relevance_terms(reference, prevalence)), out.topic_terms)

text_of = dict(zip(*read_table(inp.paragraphs)[["paragraph_id", "text"]].T.values, strict=True))
typical = lda.typical_paragraphs(mixtures, [r for r, _ in in_cases], 3)
for row in typical:
    row["case"] = case_label[row["case_id"]]  # the paragraph's own case, grouped or not
    row["text"] = text_of[row["paragraph_id"]]
write_table(pd.DataFrame(typical), out.typical)

# each case's nearest cases by the seeds' mean similarity, a block of cases at a time, and the
# share of seeds whose own nearest cases include each neighbour
all_cases = list(unit_of)
paragraph_cases = [r["case_id"] for r, _ in in_cases]
case_mixtures = {
    seed: lda.aggregate_mixtures(by_seed_mixtures[seed], weights, paragraph_cases, all_cases) for seed in models
}
all_labels = [case_label[c] for c in all_cases]
block = max(1, 20_000_000 // max(1, len(all_cases) * k * len(models)))
neighbours = nearest_rows(
    lambda rows: np.mean([lda.js_similarity_to(m[rows], m) for m in case_mixtures.values()], axis=0),
    all_cases,
    all_labels,
    snakemake.params.nearest,
    block=block,
)
own = [
    {
        (r["case_id"], r["neighbour_id"])
        for r in nearest_rows(
            lambda rows, m=m: lda.js_similarity_to(m[rows], m),
            all_cases,
            all_labels,
            snakemake.params.nearest,
            block=block,
        )
    }
    for m in case_mixtures.values()
]
for row in neighbours:
    row["seeds_agree"] = round(sum((row["case_id"], row["neighbour_id"]) in pairs for pairs in own) / len(own), 6)
write_table(pd.DataFrame(neighbours, columns=[*NEAREST_COLUMNS, "seeds_agree"]), out.nearest_cases)

by_seed = []
first, second = np.triu_indices(len(case_ids), 1)
names = np.array(case_labels, dtype=object)
for seed, sim in seed_similarity.items():
    by_seed.append(
        pd.DataFrame({"seed": seed, "case_a": names[first], "case_b": names[second], "similarity": sim[first, second]})
    )
columns = ["seed", "case_a", "case_b", "similarity"]
write_table(pd.concat(by_seed, ignore_index=True) if by_seed else pd.DataFrame(columns=columns), out.by_seed)
