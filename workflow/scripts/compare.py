"""Compare: how far the three views agree, what makes cases and clusters differ, each case's
nearest cases, and a map.

Inputs: the three similarity matrices, ``cases.csv``, ``paragraph_tokens.jsonl``,
``assignments.csv``. Outputs in ``results/compare/``: ``agreement.csv`` (Spearman of
off-diagonal entries, Mantel permutation p-value), ``keyness_cases.csv`` and
``keyness_clusters.csv`` (G² and log ratio against the rest), ``nearest.csv`` (``compare.nearest`` nearest cases
per view with the distinctive terms they share), ``mds.csv`` (2-D coordinates and stress).
"""

from collections import Counter
from itertools import combinations

import pandas as pd

from govtopics import compare
from govtopics.cases import read_unit_map, relabel
from govtopics.io import log_to, read_jsonl, read_matrix, read_table, write_table

log_to(snakemake.log[0])
inp, out, p = snakemake.input, snakemake.output, snakemake.params.compare
views = {"tfidf": read_matrix(inp.tfidf), "lda": read_matrix(inp.lda), "codebook": read_matrix(inp.codebook)}
labels = views["tfidf"][1]
cases = read_table(inp.cases, dtype=str)
label_of = dict(zip(cases["case_id"], cases["label"], strict=True))

rows = []
for a, b in combinations(views, 2):
    rows.append({"view_a": a, "view_b": b, **compare.agreement(views[a][0], views[b][0], p["permutations"], p["seed"])})
write_table(pd.DataFrame(rows), out.agreement)  # NaN (undefined) is written as an empty cell, with a note

unit_of, _ = read_unit_map(inp.case_units)
counts = {label: Counter() for label in labels}
for row in relabel(read_jsonl(inp.tokens), unit_of):
    if row["case_id"] in label_of:
        counts[label_of[row["case_id"]]].update(row["tokens"])
total = Counter()
for counted in counts.values():
    total.update(counted)
keyness = []
for label in labels:
    rest, size = compare.rest_of(counts[label], total)
    for rank, row in enumerate(
        compare.keyness(counts[label], rest, p["keyness_top"], reference_size=size, min_g2=p["keyness_min_g2"]), 1
    ):
        keyness.append({"case": label, "rank": rank, **row})
KEYNESS = ["term", "count", "count_rest", "g2", "log_ratio"]
write_table(pd.DataFrame(keyness, columns=["case", "rank", *KEYNESS]), out.keyness_cases)

assignments = read_table(inp.assignments)
cluster_keyness = []
for view in ("tfidf", "lda"):
    members = assignments.groupby(f"cluster_{view}")["label"].apply(list).to_dict()
    if len(members) < 2:
        continue
    for cluster, names in members.items():
        inside = Counter()
        for name in names:
            inside.update(counts[name])
        rest, size = compare.rest_of(inside, total)
        for rank, row in enumerate(
            compare.keyness(inside, rest, p["keyness_top"], reference_size=size, min_g2=p["keyness_min_g2"]), 1
        ):
            cluster_keyness.append({"view": view, "cluster": cluster, "members": "、".join(names), "rank": rank, **row})
write_table(
    pd.DataFrame(cluster_keyness, columns=["view", "cluster", "members", "rank", *KEYNESS]), out.keyness_clusters
)

distinctive = {label: set() for label in labels}
for row in keyness:
    distinctive[row["case"]].add(row["term"])
near = []
for view, (matrix, _) in views.items():
    for row in compare.nearest(matrix, labels, p["nearest"]):
        shared = sorted(distinctive[row["case"]] & distinctive[row["neighbour"]])
        near.append({"view": view, **row, "shared_distinctive_terms": "、".join(shared)})
write_table(
    pd.DataFrame(near, columns=["view", "case", "rank", "neighbour", "similarity", "shared_distinctive_terms"]),
    out.nearest,
)

maps = []
for view, (matrix, _) in views.items():
    coords, stress = compare.mds(matrix, p["seed"])
    clusters = assignments.set_index("label")[f"cluster_{view}"] if f"cluster_{view}" in assignments else None
    for label, (x, y) in zip(labels, coords, strict=True):
        maps.append(
            {
                "view": view,
                "case": label,
                "x": x,
                "y": y,
                "stress": stress,
                "cluster": int(clusters[label]) if clusters is not None else 0,
            }
        )
write_table(pd.DataFrame(maps), out.mds)
