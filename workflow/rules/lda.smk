# LDA on paragraphs: one job per K (all seeds), then the chosen model's tables.


rule lda_fit:
    input:
        "results/tokens/paragraph_tokens.jsonl",
    output:
        "results/lda/grid/k{k}.csv",
    params:
        lda=LDA_FIT_PARAMS,
    log:
        "results/logs/lda_fit_k{k}.log",
    benchmark:
        "results/benchmarks/lda_fit_k{k}.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/lda_fit.py"


rule lda:
    input:
        grid=expand("results/lda/grid/k{k}.csv", k=config["lda"]["k_grid"]),
        tokens="results/tokens/paragraph_tokens.jsonl",
        cases="results/corpus/cases.csv",
    output:
        selection="results/lda/model_selection.csv",
        topics="results/lda/topics.csv",
        case_topics="results/lda/case_topics.csv",
        similarity="results/lda/similarity.csv",
        chosen="results/lda/chosen_k.json",
    params:
        lda=config["lda"],
    log:
        "results/logs/lda.log",
    benchmark:
        "results/benchmarks/lda.tsv"
    script:
        "../scripts/lda.py"
