"""Reuse, one part: candidate pairs aligned into shared passages (``govtopics.comparison.reuse.align_documents``)."""

import pandas as pd

from govtopics.comparison.reuse import PASSAGE_COLUMNS, align_documents
from govtopics.reading.io import read_array, read_jsonl, read_table, stage, write_table

inp, out, params = stage(snakemake)
part = int(snakemake.wildcards.part)
pairs = read_table(inp.pairs, dtype={"doc_a": str, "doc_b": str})
pairs = pairs[pairs["part"] == part]
needed = set(pairs["doc_a"]) | set(pairs["doc_b"])
texts = {doc["doc_id"]: doc["text"] for doc in read_jsonl(inp.documents) if doc["doc_id"] in needed}
rows = align_documents(
    list(zip(pairs["doc_a"], pairs["doc_b"], strict=True)),
    texts,
    read_array(inp.common),
    params.reuse,
)
write_table(pd.DataFrame(rows, columns=PASSAGE_COLUMNS), out[0], exact=True)
