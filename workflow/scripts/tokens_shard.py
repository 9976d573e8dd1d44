"""Tokens of one shard: paragraphs segmented and tagged by jieba (``govtopics.text.tokens.tag_paragraphs``)."""

from govtopics.reading.io import read_table, stage, write_jsonl
from govtopics.text.tokens import quoted_names, tag_paragraphs, tokenizer_with

inp, out, params = stage(snakemake)
p = params.tokens
paragraphs = read_table(inp.paragraphs, dtype=str).to_dict("records")
quoted = quoted_names(inp.quoted) if p["keep_quoted_terms"] else []
tagged = tag_paragraphs(
    [row["text"] for row in paragraphs], tokenizer_with(p["user_dictionary"] or None, quoted), p["keep_slogans"]
)
write_jsonl(
    ({"paragraph_id": row["paragraph_id"], "tagged": pairs} for row, pairs in zip(paragraphs, tagged, strict=True)),
    out[0],
)
