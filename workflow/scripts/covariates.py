"""Topics by covariate: for every column of ``covariates.columns`` (of ``cases.csv`` or
``documents.csv``; ``year`` may come from the date), the prevalence of each topic by level with a
bootstrap interval over cases, along a numeric column the trend of each topic per decade, and the
mean similarity of cases within and between levels in the TF-IDF and LDA views.

Inputs: the reported model's paragraph mixtures, cases, documents, the similarity matrices and
the comparison units. Outputs in ``results/covariates/``: ``summary.csv`` (per column: levels, cases
with and without a value, what was estimated or why not), ``prevalence.csv``, ``trends.csv``,
``similarity_by_level.csv``.
"""

import logging

import pandas as pd

from govtopics import covariates
from govtopics.cases import case_value
from govtopics.io import InputError, log_to, read_matrix, read_table, write_table

log_to(snakemake.log[0])
inp, out, p = snakemake.input, snakemake.output, snakemake.params.covariates
# mixtures of the cases themselves, even when the views compare groups of them (the units):
# each paragraph's case comes from paragraphs.csv
paragraph_topics = read_table(inp.paragraph_topics)
case_of = dict(read_table(inp.paragraphs, dtype=str)[["paragraph_id", "case_id"]].itertuples(index=False))
paragraph_topics["case_id"] = paragraph_topics["paragraph_id"].astype(str).map(case_of).fillna("")
case_ids, mixtures = covariates.case_mixtures(paragraph_topics)
cases = {c["case_id"]: c for c in read_table(inp.cases, dtype=str).to_dict("records")}
documents = {d["doc_id"]: d for d in read_table(inp.documents, dtype=str).to_dict("records")}
known = set().union(*(c.keys() for c in cases.values()), *(d.keys() for d in documents.values())) | {"year"}
units = read_table(inp.units, dtype=str)
# the case x case views exist only while the cases are compared one by one
by_case = units["case_id"].tolist() == case_ids
views = {view: read_matrix(inp[view])[0] for view in ("tfidf", "lda")} if by_case else {}

summary, prevalence, trends, similarity = [], [], [], []
for column in p["columns"]:
    if column not in known:
        raise InputError(
            f"'covariates.columns' in the config names {column!r}, which is not a column of cases.csv or "
            f"documents.csv: use some of {', '.join(sorted(c for c in known if not c.startswith('n_')))}"
        )
    values = [case_value(cases[c], documents.get(cases[c]["doc_id"], {}), column).strip() for c in case_ids]
    levels = sorted({v for v in values if v})
    numeric = covariates.is_numeric(values)
    row = {
        "column": column,
        "kind": "time" if numeric else "levels",
        "levels": len(levels),
        "period_years": "",
        "cases_with_value": sum(1 for v in values if v),
        "cases_without": sum(1 for v in values if not v),
        "note": "",
    }
    if len(levels) < 2:
        row["note"] = f"{len(levels)} level(s): nothing to compare"
        summary.append(row)
        continue
    settings = {"rounds": p["rounds"], "seed": p["seed"], "level": p["level"], "min_cases": p["min_cases"]}
    width = covariates.bin_width(values, p["min_cases"], p["period_years"]) if numeric else 1
    row["period_years"] = width if numeric else ""
    rows = covariates.prevalence(mixtures, covariates.periods(values, width) if numeric else values, **settings)
    prevalence += [{"column": column, **r} for r in rows]
    small = sorted({r["level"] for r in rows if r["note"]})
    shown, unit = len({r["level"] for r in rows}), "periods" if numeric and width > 1 else "levels"
    notes = [f"{len(small)} of {shown} {unit} have fewer than {p['min_cases']} cases (no interval)"] if small else []
    if numeric:
        trends += [{"column": column, **r} for r in covariates.trend(mixtures, values, **settings)]
    if views:
        for view, matrix in views.items():
            similarity += [
                {"column": column, "view": view, **r} for r in covariates.similarity_by_level(matrix, values)
            ]
    else:
        notes.append("cases are compared in groups (compare.max_square_cases): no similarity by level")
    row["note"] = "; ".join(notes)
    summary.append(row)
    logging.info("%s: %d levels, %d cases with a value", column, len(levels), row["cases_with_value"])

columns = {
    "summary": ["column", "kind", "levels", "period_years", "cases_with_value", "cases_without", "note"],
    "prevalence": ["column", "level", "topic", "n_cases", "share", "low", "high", "note"],
    "trends": ["column", "topic", "n_cases", "first", "last", "slope", "low", "high", "note"],
    "similarity": ["column", "view", "level_a", "level_b", "pairs", "mean_similarity"],
}
for name, rows in (("summary", summary), ("prevalence", prevalence), ("trends", trends), ("similarity", similarity)):
    write_table(pd.DataFrame(rows, columns=columns[name]), out[name])
