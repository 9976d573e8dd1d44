# LDA on paragraphs: the training corpus once, then one job per K of the grid (every seed of that
# K, scored), so that adding a K fits only that K and a cluster can spread the Ks; then the chosen
# K's models, loaded as they were scored, describe the cases.


rule lda_corpus:
    input:
        "results/tokens/paragraph_tokens.jsonl",
    output:
        split="results/lda/corpus/split.csv",
        dictionary="results/lda/corpus/dictionary.txt",
        corpus="results/lda/corpus/train.mm",
        index="results/lda/corpus/train.mm.index",
    log:
        "results/logs/lda_corpus.log",
    benchmark:
        "results/benchmarks/lda_corpus.tsv"
    params:
        lda=LDA_CORPUS_PARAMS,
    script:
        "../scripts/lda_corpus.py"


rule lda_fit:
    input:
        tokens="results/tokens/paragraph_tokens.jsonl",
        split="results/lda/corpus/split.csv",
        dictionary="results/lda/corpus/dictionary.txt",
        corpus="results/lda/corpus/train.mm",
        index="results/lda/corpus/train.mm.index",
    output:
        scores="results/lda/k{k}/scores.csv",
        models=directory("results/lda/k{k}/models"),
    log:
        "results/logs/lda_fit_k{k}.log",
    benchmark:
        "results/benchmarks/lda_fit_k{k}.tsv"
    wildcard_constraints:
        k=r"\d+",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        lda=LDA_FIT_PARAMS,
    script:
        "../scripts/lda_fit.py"


rule lda:
    input:
        scores=expand("results/lda/k{k}/scores.csv", k=config["lda"]["k_grid"]),
        models=expand("results/lda/k{k}/models", k=config["lda"]["k_grid"]),
        tokens="results/tokens/paragraph_tokens.jsonl",
        split="results/lda/corpus/split.csv",
        dictionary="results/lda/corpus/dictionary.txt",
        cases="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
        paragraphs="results/corpus/paragraphs.csv",
    output:
        selection="results/lda/model_selection.csv",
        chosen="results/lda/chosen_k.json",
        topics="results/lda/topics.csv",
        alignment="results/lda/topic_alignment.csv",
        typical="results/lda/typical_paragraphs.csv",
        case_topics="results/lda/case_topics.csv",
        paragraph_topics="results/lda/paragraph_topics.csv",
        sources="results/lda/topic_sources.csv",
        similarity="results/lda/similarity.csv",
        by_seed="results/lda/similarity_by_seed.csv",
        nearest_cases="results/lda/nearest_cases.csv",
    log:
        "results/logs/lda.log",
    benchmark:
        "results/benchmarks/lda.tsv"
    resources:
        mem_mb=2000,
    params:
        lda=LDA_SELECT_PARAMS,
        nearest=config["compare"]["nearest"],
    script:
        "../scripts/lda.py"
