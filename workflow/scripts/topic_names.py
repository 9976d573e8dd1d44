"""Topic names: one name per topic of the reported model, from ``config/topic_labels.yaml`` where it
names them, otherwise its number (Topic <n>, 主题<n> in report.language) and its top words
(``govtopics.config.topic_names``). The one place figures, report, explorer and workbook take
names from; renaming reruns no model.

Inputs: ``lda/topics.csv``, ``lda/chosen_k.json``, ``config/topic_labels.yaml``. Output:
``lda/topic_names.csv`` (topic, name, named_by, top_words).
"""

import json
from pathlib import Path

import pandas as pd

from govtopics.config import given_topic_names, topic_names
from govtopics.reading.io import log_to, read_table, write_table

log_to(snakemake.log[0])
inp = snakemake.input
k = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))["k"]
topics = read_table(inp.topics)
named = topic_names(inp.labels, k, inp.labels_schema, topics, language=snakemake.params.language)
given = given_topic_names(inp.labels, k, inp.labels_schema)
rows = [
    {
        "topic": topic,
        "name": name,
        "named_by": "config/topic_labels.yaml" if topic in given else "top words",
        "top_words": "、".join(topics[topics["topic"] == topic].sort_values("rank")["term"].astype(str)),
    }
    for topic, name in named.items()
]
write_table(pd.DataFrame(rows), snakemake.output[0])
