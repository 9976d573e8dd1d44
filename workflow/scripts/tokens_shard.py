"""Segment one shard: jieba's words and part-of-speech tags for every paragraph of the shard's
documents (the costly part of tokenising, so it runs one job per shard).

Inputs: ``paragraphs.csv``, the shard's ``documents.csv`` (which documents it holds), the user
dictionary. Output: ``results/tokens/shards/<shard>/tagged.jsonl`` (paragraph id and
[word, tag] pairs, in corpus order).
"""

from govtopics.io import log_to, read_table, write_jsonl
from govtopics.tokens import make_tokenizer, tag_paragraphs

log_to(snakemake.log[0])
p = snakemake.params.tokens
documents = set(read_table(snakemake.input.shard)["doc_id"])
paragraphs = [row for row in read_table(snakemake.input.paragraphs).to_dict("records") if row["doc_id"] in documents]
tagged = tag_paragraphs(
    [row["text"] for row in paragraphs], make_tokenizer(p["user_dictionary"] or None), p["keep_slogans"]
)
write_jsonl(
    ({"paragraph_id": row["paragraph_id"], "tagged": pairs} for row, pairs in zip(paragraphs, tagged, strict=True)),
    snakemake.output[0],
)
