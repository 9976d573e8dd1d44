"""Segment one shard: jieba's words and part-of-speech tags for every paragraph of the shard's
documents (the costly part of tokenising, so it runs one job per shard).

Inputs: the shard's ``paragraphs.csv`` (written by its ``cases_shard`` job), the user
dictionary and ``quoted_terms.csv`` (names the corpus quotes, kept whole with
``tokens.keep_quoted_terms``). Output: ``results/tokens/shards/<shard>/tagged.jsonl`` (paragraph
id and [word, tag] pairs, in corpus order).
"""

from govtopics.reading.io import log_to, read_table, write_jsonl
from govtopics.text.tokens import quoted_names, tag_paragraphs, tokenizer_with

log_to(snakemake.log[0])
p = snakemake.params.tokens
paragraphs = read_table(snakemake.input.paragraphs, dtype=str).to_dict("records")
quoted = quoted_names(snakemake.input.quoted) if p["keep_quoted_terms"] else []
tagged = tag_paragraphs(
    [row["text"] for row in paragraphs], tokenizer_with(p["user_dictionary"] or None, quoted), p["keep_slogans"]
)
write_jsonl(
    ({"paragraph_id": row["paragraph_id"], "tagged": pairs} for row, pairs in zip(paragraphs, tagged, strict=True)),
    snakemake.output[0],
)
