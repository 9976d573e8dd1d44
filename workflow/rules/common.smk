# Helpers shared by the rules: the corpus files a run reads, and the figure file names.
from pathlib import Path

from govtopics.text.clean import CORPUS_LEVEL_KEYS
from govtopics.text.gazetteer import DEFAULT_TABLE
from govtopics.provenance import code_commit
from govtopics.presentation.report import caption_values
from govtopics.comparison.reuse import BOILERPLATE_KEYS
from govtopics.presentation.workbook import TABLES as WORKBOOK_TABLES

# Every output of a run goes under results/<run>/ (config key 'run'), so that runs on different
# corpora or settings live side by side.
RESULTS = f"results/{config['run']}"


def out(path):
    """``path`` inside this run's results folder."""
    return f"{RESULTS}/{path}"


# The gazetteer ships inside the package; the steps that read it declare it, so provenance
# checksums it and a new table reruns them.
GAZETTEER = str(DEFAULT_TABLE)
# The commit of the code that runs (and whether its tree has changes), a param of the provenance
# rule: a run of other code records it anew
CODE = code_commit(workflow.basedir)


def corpus_files(wildcards=None):
    """Every file of the corpus folder (or the table itself), so that editing, adding or
    removing an article reruns ingestion."""
    path = Path(config["corpus"]["path"])
    if path.is_dir():
        files = sorted(
            str(p) for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
        )
    else:
        files = [str(path)]
    if config["corpus"]["metadata"]:
        files.append(config["corpus"]["metadata"])
    # Snakemake takes braces in a file name ({doc_id}.txt) for a wildcard, even escaped: such a
    # file is left out here, and ingest skips it with the reason (rename it to include it). A name
    # in other bytes than UTF-8 (GBK names from a Chinese Windows zip) stops Snakemake writing its
    # locks: ingest still reads that file (documents.csv keeps its name), but editing it does not
    # rerun the reading until it is renamed.
    return [
        f
        for f in files
        if "{" not in f and "}" not in f and f.isprintable() and _utf8(f)
    ]


def _utf8(name):
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def shards():
    """The shards the ingest checkpoint wrote (how many depends on the corpus and corpus.shard_size)."""
    folder = Path(checkpoints.ingest.get().output.raw)
    return sorted(path.stem for path in folder.glob("*.jsonl"))


def shard_files(pattern):
    """An input function: ``pattern`` for every shard, in corpus order."""

    def files(wildcards):
        return [pattern.format(shard=shard) for shard in shards()]

    return files


# Cleaning is per document; near-duplicates are found across shards, so their settings are
# left out here and changing them does not clean again.
CLEAN_PARAMS = {
    key: value for key, value in config["clean"].items() if key not in CORPUS_LEVEL_KEYS
}


def segmentation_resources(wildcards=None):
    """What segmenting a shard reads: the user dictionary named in the config and the gazetteer
    (place-name fragments are tagged while segmenting); not the stopwords, so that editing a
    stopword file reruns the filtering, not the segmentation of every shard."""
    files = [GAZETTEER]
    if config["tokens"]["user_dictionary"]:
        files.append(config["tokens"]["user_dictionary"])
    return files


def token_resources(wildcards=None):
    """The user dictionary and stopword files named in the config, and the gazetteer (place names)."""
    return list(config["tokens"]["stopwords"]) + segmentation_resources()


# Each LDA rule gets only the parameters it reads, so changing one reruns only what depends on it.
def _lda_params(*keys):
    return {key: config["lda"][key] for key in keys}


LDA_CORPUS_PARAMS = _lda_params(
    "no_below", "no_above", "min_paragraph_tokens", "heldout_share", "train_sample"
)
LDA_FIT_PARAMS = _lda_params(
    "seeds",
    "engine",
    "sweeps",
    "passes",
    "iterations",
    "alpha",
    "chunksize",
    "top_words",
)
LDA_SELECT_PARAMS = _lda_params("k", "min_stability", "seeds", "top_words")

# Memory (MB) and time (minutes) of the jobs that need more than the default of 2,000 MB and 30 min
# (workflow/profiles/slurm/config.yaml sets only that default), at about twice the peak measured at
# 30 M characters (benchmarks/scale.py; tfidf 1.9 GB, duplicates 1.7 GB, lda 1.4 GB, clusters 1.2 GB).
# The one place for local runs (snakemake --resources mem_mb=…) and SLURM.
RESOURCES = {
    "duplicates": {"mem_mb": 4000, "runtime": 120},
    "tokens": {"mem_mb": 4000, "runtime": 120},
    "tfidf": {"mem_mb": 4000, "runtime": 60},
    "lda_fit": {"mem_mb": 4000, "runtime": 240},
    "lda_infer": {"mem_mb": 2000, "runtime": 60},
    "lda": {"mem_mb": 4000, "runtime": 120},
    "clusters": {"mem_mb": 3000, "runtime": 60},
    "reuse_pairs": {"mem_mb": 3000, "runtime": 60},  # 30 M characters: 1.7 GB at most
    "reuse_align": {"mem_mb": 2000, "runtime": 120},
}


# What the figure captions say about settings (workflow/report/*.rst are Jinja2 templates reading
# snakemake.params.captions), for this report and for Snakemake's own `snakemake --report`.
CAPTIONS = caption_values(config)
# The captions in report.language: workflow/report/ (English) or workflow/report/zh/ (Chinese)
CAPTION_DIR = "report/zh" if config["report"]["language"] == "zh" else "report"


def figure_files(*names, category):
    """Each figure in every format of figures.formats; the PNG flagged for Snakemake's own report,
    with its caption (workflow/report/<name>.rst, or report/zh/ in Chinese) and category. (The PNG is always drawn: the
    reports embed it.)"""
    flag = report  # (a line opening with `report(` would read as Snakemake's report: keyword)
    pngs = [out(f"figures/{name}.png") for name in names]
    flagged = [
        flag(png, caption=f"../{CAPTION_DIR}/{name}.rst", category=category)
        for png, name in zip(pngs, names)
    ]
    others = [fmt for fmt in config["figures"]["formats"] if fmt != "png"]
    return flagged + [out(f"figures/{name}.{fmt}") for name in names for fmt in others]


FIGURES = [
    "similarity_tfidf",
    "similarity_lda",
    "dendrograms",
    "topic_terms",
    "case_topics",
    "k_selection",
    "topic_prevalence",
    "cluster_selection",
    "consensus",
    "codebook",
    "keyness",
    "mds",
    "reuse",
]


# Reuse: the pairing step reads what finds pairs and the boilerplate threshold; the alignment parts
# read what aligns; the number of parts only spreads the work.
REUSE_PAIR_PARAMS = {
    key: config["reuse"][key]
    for key in (
        "index_chars",
        "min_shared_grams",
        "max_document_frequency",
        "max_partners",
        "boilerplate_documents",
        "shards",
    )
}
REUSE_ALIGN_PARAMS = {
    key: config["reuse"][key]
    for key in ("seed_chars", "max_gap", "min_chars", "min_identity")
}
REUSE_BOILERPLATE_PARAMS = {key: config["reuse"][key] for key in BOILERPLATE_KEYS}
REUSE_PARTS = [str(part) for part in range(config["reuse"]["shards"])]


# The jobs on the way from the corpus to the LDA models and the clusters go first when cores are
# scarce; text reuse, the figures and the workbook fill the cores between them (on the Government
# Work Reports a reuse job used to hold back the second segmentation shard).
CRITICAL_PATH = 10
