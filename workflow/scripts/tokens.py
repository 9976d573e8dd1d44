"""Tokens: segment every paragraph with jieba into comparison features.

Inputs: ``paragraphs.csv``, the user dictionary and stopword lists. Outputs:
``paragraph_tokens.jsonl``, ``vocabulary.csv`` (every kept token with its counts),
``dropped_tokens.csv`` (every dropped token with its reason and count) and
``term_candidates.csv`` (multi-word terms found in the corpus, scored, for review).
"""

from collections import Counter

import pandas as pd

from govtopics.io import log_to, read_table, write_jsonl, write_table
from govtopics.tokens import tokenize_paragraphs

log_to(snakemake.log[0])
p = snakemake.params.tokens
paragraphs = read_table(snakemake.input.paragraphs, dtype=str).to_dict("records")
rows, dropped, candidates = tokenize_paragraphs(
    paragraphs,
    p["user_dictionary"] or None,
    p["stopwords"],
    p["drop_place_names"],
    p["min_token_chars"],
    p["keep_slogans"],
    p["drop_person_names"],
    p["add_discovered_terms"],
    p["discovery_min_count"],
)
CANDIDATES = ["term", "parts", "count", "pmi", "left_entropy", "right_entropy", "score", "in_dictionary", "added"]
write_table(pd.DataFrame(candidates, columns=CANDIDATES), snakemake.output.candidates)
write_jsonl(rows, snakemake.output.tokens)
count, n_paragraphs, n_cases = Counter(), Counter(), {}
for row in rows:
    count.update(row["tokens"])
    n_paragraphs.update(set(row["tokens"]))
    for token in set(row["tokens"]):
        if row["case_id"]:
            n_cases.setdefault(token, set()).add(row["case_id"])
vocabulary = pd.DataFrame(
    [
        {"token": t, "count": c, "paragraphs": n_paragraphs[t], "cases": len(n_cases.get(t, ()))}
        for t, c in count.items()
    ]
).sort_values(["count", "token"], ascending=[False, True])
write_table(vocabulary, snakemake.output.vocabulary)
write_table(
    pd.DataFrame(
        [{"token": t, "reason": r, "count": c} for (t, r), c in dropped.items()],
        columns=["token", "reason", "count"],
    ).sort_values(["reason", "count", "token"], ascending=[True, False, True]),
    snakemake.output.dropped,
)
