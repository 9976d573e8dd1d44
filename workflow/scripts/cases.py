"""Cases: gather the shards' cases, paragraphs and quoted spans into the corpus's tables.

Inputs: every shard's ``cases.csv``, ``paragraphs.csv``, ``headings.csv`` and ``quoted.csv`` (see
``cases_shard.py``), ``documents.csv`` and ``cleaning_audit.csv``. Outputs: ``cases.csv`` (id,
label, place, province, city, region, locality, source document, heading, size, and the label's
rule, confidence and evidence; labels shared by several cases are told apart by a heading's words or
the documents' dates, counted over the whole corpus), ``paragraphs.csv`` (every
paragraph with its case, or none for an article's preamble), ``quoted_terms.csv`` (every span the
texts put in quotation marks, with its count, whether it is taken as a name to keep whole, and why
not) and ``headings.csv`` (every line of a case heading's form, the ones the cleaning removed
included: the case it starts, or why none).
"""

import logging
from collections import Counter

import pandas as pd

from govtopics.reading.io import log_to, read_table, write_table
from govtopics.text.cases import (
    CASE_COLUMNS,
    HEADING_COLUMNS,
    PARAGRAPH_COLUMNS,
    check_overrides,
    headings_dropped_in_cleaning,
    unique_labels,
)
from govtopics.text.tokens import classify_quoted

log_to(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
table = read_table(inp.table, dtype=str)
check_overrides(snakemake.params.overrides, table.loc[table["excluded"] == "", "doc_id"])


def gathered(paths, columns):
    """The shards' tables one after the other, every cell as the text it was written as."""
    frames = [read_table(path, dtype=str) for path in paths]
    return pd.concat([f for f in frames if len(f)] or [pd.DataFrame(columns=columns)], ignore_index=True)[columns]


documents = {row["doc_id"]: row for row in table.to_dict("records")}
cases = unique_labels(gathered(inp.cases, CASE_COLUMNS).to_dict("records"), documents)
write_table(pd.DataFrame(cases, columns=CASE_COLUMNS), out.cases)
write_table(gathered(inp.paragraphs, PARAGRAPH_COLUMNS), out.paragraphs)
audit = read_table(inp.audit, dtype=str).to_dict("records")
known = table[table["title_source"].isin(["given", "file"])]
titled = dict(zip(known["doc_id"], known["title"], strict=True))
dropped = headings_dropped_in_cleaning(audit, snakemake.params.max_heading_chars, titled)
headings = pd.concat([gathered(inp.headings, HEADING_COLUMNS), pd.DataFrame(dropped, columns=HEADING_COLUMNS)])
write_table(headings, out.headings)
for row in headings[headings["status"] != "case"].itertuples():
    logging.warning("heading not used as a case in %s: %s (%s)", row.doc_id, row.text, row.why)
quoted = Counter()
for path in inp.quoted:
    for term, count in read_table(path, dtype={"term": str}).itertuples(index=False):
        quoted[term] += int(count)
write_table(
    pd.DataFrame(classify_quoted(quoted), columns=["term", "quoted", "name", "why_not"]),
    out.quoted,
)
logging.info("%d cases: %s", len(cases), ", ".join(c["label"] for c in cases))
