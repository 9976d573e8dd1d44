# govtopics: raw articles → cleaned text → cases → tokens → TF-IDF / LDA → similarities →
# clusters → figures and report. Run with `snakemake --cores 2`; see README.md.
import sys

from snakemake.utils import min_version

from govtopics.config import ConfigError, check_paths, validate_config

min_version("9.0")


configfile: "config/config.yaml"


try:
    validate_config(config, workflow.source_path("workflow/schemas/config.schema.yaml"))
    check_paths(config)
except ConfigError as error:
    sys.exit(str(error))


include: "workflow/rules/common.smk"
include: "workflow/rules/corpus.smk"
include: "workflow/rules/tokens.smk"
include: "workflow/rules/tfidf.smk"
include: "workflow/rules/lda.smk"
include: "workflow/rules/clusters.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        "results/report.html",
        "results/cleaning.html",
        "results/provenance.json",
