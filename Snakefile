# govtopics: raw articles → cleaned text → cases → tokens → TF-IDF / LDA → similarities →
# clusters → figures and report. Run with `snakemake --cores 2`; see README.md.
import sys
import time

from snakemake.utils import min_version

from govtopics.config import ConfigError, check_paths, read_yaml, validate_config
from govtopics.reading.io import InputError, failed_step_messages, hold_run_lock
from govtopics.presentation.reading import run_summary

min_version("9.0")
STARTED = time.time()

# Snakemake's own message for a YAML syntax error names neither the file nor the line.
try:
    read_yaml("config/config.yaml")
except ConfigError as error:
    sys.exit(f"Config error in {error}")


configfile: "config/config.yaml"


try:
    CONFIG_FILES = ["config/config.yaml", *map(str, workflow.overwrite_configfiles)]
    validate_config(
        config,
        workflow.source_path("workflow/schemas/config.schema.yaml"),
        CONFIG_FILES,
    )
    check_paths(config, CONFIG_FILES)
except ConfigError as error:
    sys.exit(str(error))


# One run at a time writes a results folder (a second one, or its --rerun-incomplete, would delete
# what the first is writing); taken when jobs are about to run, so a dry run (-n) still plans.
onstart:
    try:
        hold_run_lock(RESULTS)
    except InputError as error:
        sys.exit(f"Error: {error}")


# Snakemake reports a failed job in many lines; end with what went wrong, in the words of the step.
onerror:
    print(failed_step_messages(out("logs"), STARTED), file=sys.stderr)


# After the job chatter, what was read (files skipped, titles guessed, headings not used) and
# where the report is.
onsuccess:
    if not workflow.dryrun:
        print(run_summary(RESULTS), file=sys.stderr)


# `snakemake --report report.zip` (Snakemake's own report of the figures, with their captions)
report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/corpus.smk"
include: "workflow/rules/tokens.smk"
include: "workflow/rules/tfidf.smk"
include: "workflow/rules/lda.smk"
include: "workflow/rules/clusters.smk"
include: "workflow/rules/reuse.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        out("report.html"),
        out("cleaning.html"),
        out("provenance.json"),
        out("tables.xlsx"),
