"""Codebook: hits of every governance-mechanism category of ``config/codebook.yaml`` in every
case, per 10,000 tokens, each hit traceable in a keyword-in-context table; and the case × case
cosine similarity of the category profiles.

Inputs: ``cases.csv``, ``paragraphs.csv``, ``paragraph_tokens.jsonl``, ``config/codebook.yaml``.
Outputs: ``results/codebook/case_categories.csv``, ``kwic.csv``, ``similarity.csv``.
"""

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity

from govtopics import codebook
from govtopics.cases import read_unit_map, relabel
from govtopics.config import load_resource
from govtopics.io import log_to, read_jsonl, read_table, write_matrix, write_table

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
categories = load_resource(inp.codebook, inp.schema)["categories"]
cases = read_table(inp.cases, dtype=str)
unit_of, _ = read_unit_map(inp.case_units)
paragraphs = read_table(inp.paragraphs, dtype=str)
texts = {c: [] for c in cases["case_id"]}
for row in relabel(paragraphs.to_dict("records"), unit_of):
    if row["case_id"] in texts and row["role"] == "body":
        texts[row["case_id"]].append((row["paragraph_id"], row["text"]))
tokens = {c: 0 for c in texts}
for row in relabel(read_jsonl(inp.tokens), unit_of):
    if row["case_id"] in tokens:
        tokens[row["case_id"]] += len(row["tokens"])
counts, kwic = codebook.count_hits(texts, codebook.compile_categories(categories))
rates = codebook.rates(counts, tokens)
frame = pd.DataFrame(rates, columns=list(categories))
frame.insert(0, "tokens", [tokens[c] for c in texts])
frame.insert(0, "case", list(cases["label"]))
frame.insert(0, "case_id", list(texts))
write_table(frame, out.rates)
label_of = dict(zip(cases["case_id"], cases["label"], strict=True))
KWIC = ["case", "case_id", "category", "term", "paragraph_id", "left", "match", "right"]
write_table(pd.DataFrame([{"case": label_of[r["case_id"]], **r} for r in kwic], columns=KWIC), out.kwic)
similarity = cosine_similarity(rates) if rates.any() else np.eye(len(rates))
similarity = np.clip((similarity + similarity.T) / 2, 0, 1)
np.fill_diagonal(similarity, 1.0)
write_matrix(similarity, list(cases["label"]), out.similarity)
