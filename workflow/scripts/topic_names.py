"""Topic names: config/topic_labels.yaml's, or each topic's top words (``govtopics.config.topic_name_table``)."""

import json
from pathlib import Path

from govtopics.config import topic_name_table
from govtopics.presentation.words import say
from govtopics.reading.io import read_table, stage, write_outputs

inp, out, params = stage(snakemake)
k = json.loads(Path(inp.chosen).read_text(encoding="utf-8"))["k"]
prefix = say("page.topic_prefix", params.language)
write_outputs(topic_name_table(inp.labels, k, inp.labels_schema, read_table(inp.topics), prefix), out)
