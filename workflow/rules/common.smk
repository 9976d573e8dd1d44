# Helpers shared by the rules: the corpus files a run reads, and the figure file names.
from pathlib import Path


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
    return files


def token_resources(wildcards=None):
    """The user dictionary and stopword files named in the config."""
    files = list(config["tokens"]["stopwords"])
    if config["tokens"]["user_dictionary"]:
        files.append(config["tokens"]["user_dictionary"])
    return files


LDA_FIT_PARAMS = {
    key: config["lda"][key]
    for key in (
        "seeds",
        "passes",
        "iterations",
        "alpha",
        "no_below",
        "no_above",
        "min_paragraph_tokens",
        "top_words",
        "heldout_share",
    )
}

# Ks spread over the fit jobs, largest first and round-robin, so the jobs take about as long.
_ks = sorted(config["lda"]["k_grid"], reverse=True)
LDA_BATCHES = [
    sorted(_ks[i :: config["lda"]["fit_jobs"]])
    for i in range(min(config["lda"]["fit_jobs"], len(_ks)))
]

FIGURES = [
    "similarity_tfidf",
    "similarity_lda",
    "dendrograms",
    "topic_terms",
    "case_topics",
    "k_selection",
    "cluster_selection",
    "consensus",
    "codebook",
    "keyness",
    "mds",
]
