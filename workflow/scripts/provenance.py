"""Provenance: the inputs' checksums, the software's versions and the code's commit
(``govtopics.provenance.record``)."""

from govtopics.provenance import record
from govtopics.reading.io import stage, write_json

inp, out, params = stage(snakemake)
write_json(record(params.config, list(inp), params.code), out[0])
