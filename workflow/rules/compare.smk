# The codebook view, and comparisons across views and cases.


rule codebook:
    input:
        cases="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
        paragraphs="results/corpus/paragraphs.csv",
        tokens="results/tokens/paragraph_tokens.jsonl",
        codebook="config/codebook.yaml",
        schema="workflow/schemas/codebook.schema.yaml",
    output:
        rates="results/codebook/case_categories.csv",
        kwic="results/codebook/kwic.csv",
        similarity="results/codebook/similarity.csv",
    log:
        "results/logs/codebook.log",
    benchmark:
        "results/benchmarks/codebook.tsv"
    script:
        "../scripts/codebook.py"


rule compare:
    input:
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
        codebook="results/codebook/similarity.csv",
        cases="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
        tokens="results/tokens/paragraph_tokens.jsonl",
        assignments="results/clusters/assignments.csv",
    output:
        agreement="results/compare/agreement.csv",
        keyness_cases="results/compare/keyness_cases.csv",
        keyness_clusters="results/compare/keyness_clusters.csv",
        nearest="results/compare/nearest.csv",
        mds="results/compare/mds.csv",
    log:
        "results/logs/compare.log",
    benchmark:
        "results/benchmarks/compare.tsv"
    params:
        compare=config["compare"],
    script:
        "../scripts/compare.py"


rule covariates:
    input:
        paragraph_topics="results/lda/paragraph_topics.csv",
        cases="results/corpus/cases.csv",
        documents="results/corpus/documents.csv",
        units="results/corpus/units.csv",
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
    output:
        summary="results/covariates/summary.csv",
        prevalence="results/covariates/prevalence.csv",
        trends="results/covariates/trends.csv",
        similarity="results/covariates/similarity_by_level.csv",
    log:
        "results/logs/covariates.log",
    benchmark:
        "results/benchmarks/covariates.tsv"
    params:
        covariates=config["covariates"],
    script:
        "../scripts/covariates.py"
