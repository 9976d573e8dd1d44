"""Reuse, step 2 (``govtopics.comparison.reuse.align_documents``): the passages of one part of the pairs.

Inputs: ``reuse/pairs.csv``, ``reuse/common_grams.npy``, ``corpus/cleaned_documents.jsonl``.
Output: ``reuse/parts/{part}.csv`` (one row a passage, offsets into the cleaned texts).
"""

import pandas as pd

from govtopics.comparison.reuse import PASSAGE_COLUMNS, align_documents
from govtopics.reading.io import log_to, read_array, read_jsonl, read_table, write_table

log_to(snakemake.log[0])
part = int(snakemake.wildcards.part)
pairs = read_table(snakemake.input.pairs, dtype={"doc_a": str, "doc_b": str})
pairs = pairs[pairs["part"] == part]
needed = set(pairs["doc_a"]) | set(pairs["doc_b"])
texts = {doc["doc_id"]: doc["text"] for doc in read_jsonl(snakemake.input.documents) if doc["doc_id"] in needed}
rows = align_documents(
    list(zip(pairs["doc_a"], pairs["doc_b"], strict=True)),
    texts,
    read_array(snakemake.input.common),
    snakemake.params.reuse,
)
write_table(pd.DataFrame(rows, columns=PASSAGE_COLUMNS), snakemake.output[0], exact=True)
