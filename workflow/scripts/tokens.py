"""Tokens: tagged shards to comparison features, streamed, with every kept and dropped token counted
and multi-word terms proposed (``govtopics.text.tokens``)."""

from pathlib import Path

import pandas as pd

from govtopics.reading.io import read_jsonl, read_table, stage, write_jsonl, write_table
from govtopics.text.tokens import (
    CANDIDATE_COLUMNS,
    counted_rows,
    discover_and_tag,
    dropped_table,
    new_tally,
    quoted_names,
    token_filters,
    vocabulary_table,
)

inp, out, params = stage(snakemake)
p = params.tokens
paragraphs = read_table(inp.paragraphs).to_dict("records")
localities = read_table(inp.cases)["locality"]  # the streets, communities, villages the cases are about
filters = token_filters(
    p["stopwords"], p["drop_place_names"], p["min_token_chars"], p["drop_person_names"], list(localities)
)


def tagged_shards():
    for path in inp.tagged:
        for row in read_jsonl(path):
            yield [tuple(pair) for pair in row["tagged"]]


quoted = quoted_names(inp.quoted) if p["keep_quoted_terms"] else []
candidates, tagged = discover_and_tag(paragraphs, tagged_shards, filters["stopwords"], p, quoted)
write_table(pd.DataFrame(candidates, columns=CANDIDATE_COLUMNS), out.candidates)

tally = new_tally()
write_jsonl(counted_rows(paragraphs, tagged, filters, tally), out.tokens)
# where each shard's paragraphs are in paragraph_tokens.jsonl (first line, lines), for the steps
# that work shard by shard on the final tokens (lda_infer)
shard_rows, first = [], 0
for path in inp.tagged:
    with open(path, encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    shard_rows.append({"shard": Path(path).parent.name, "first": first, "rows": lines})
    first += lines
write_table(pd.DataFrame(shard_rows, columns=["shard", "first", "rows"]), out.shard_rows)
write_table(vocabulary_table(tally), out.vocabulary)
write_table(dropped_table(tally), out.dropped)
