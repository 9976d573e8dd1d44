# LDA on paragraphs: the K grid in lda.fit_jobs parallel jobs (each fits its Ks for every seed;
# fewer, longer jobs, because a job that imports gensim spends ~1.5 s starting), then the chosen
# model's tables.


rule lda_fit:
    input:
        "results/tokens/paragraph_tokens.jsonl",
    output:
        "results/lda/grid/batch{batch}.csv",
    log:
        "results/logs/lda_fit_batch{batch}.log",
    benchmark:
        "results/benchmarks/lda_fit_batch{batch}.tsv"
    resources:
        mem_mb=2000,
    params:
        lda=LDA_FIT_PARAMS,
        k_values=lambda wildcards: LDA_BATCHES[int(wildcards.batch)],
    script:
        "../scripts/lda_fit.py"


rule lda:
    input:
        grid=expand("results/lda/grid/batch{batch}.csv", batch=range(len(LDA_BATCHES))),
        tokens="results/tokens/paragraph_tokens.jsonl",
        cases="results/corpus/cases.csv",
        paragraphs="results/corpus/paragraphs.csv",
        labels="config/topic_labels.yaml",
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
    log:
        "results/logs/lda.log",
    benchmark:
        "results/benchmarks/lda.tsv"
    params:
        lda=config["lda"],
    script:
        "../scripts/lda.py"
