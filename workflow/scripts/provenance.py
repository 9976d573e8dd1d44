"""Provenance: the config used (defaults filled in), the SHA-256 of every input file, the versions
of Python and every library, and the commit of the code that ran (and whether its tree had
changes). Output: ``results/provenance.json``."""

from govtopics.provenance import record
from govtopics.reading.io import log_to, write_json

log_to(snakemake.log[0])
write_json(record(snakemake.params.config, list(snakemake.input), snakemake.params.code), snakemake.output[0])
