"""Cases: the shards' cases, paragraphs, headings and quoted spans gathered, labels made unique
across the corpus (``govtopics.text.cases.unique_labels``)."""

import logging
from collections import Counter

import pandas as pd

from govtopics.reading.io import read_table, stage, write_table
from govtopics.text.cases import (
    CASE_COLUMNS,
    HEADING_COLUMNS,
    PARAGRAPH_COLUMNS,
    check_overrides,
    headings_dropped_in_cleaning,
    unique_labels,
)
from govtopics.text.tokens import classify_quoted

inp, out, params = stage(snakemake)
table = read_table(inp.table, dtype=str)
check_overrides(params.overrides, table.loc[table["excluded"] == "", "doc_id"])


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
dropped = headings_dropped_in_cleaning(audit, params.max_heading_chars, titled)
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
