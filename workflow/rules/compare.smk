# The codebook view, and comparisons across views and cases.


rule codebook:
    input:
        cases=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
        paragraphs=out("corpus/paragraphs.csv"),
        tokens=out("tokens/paragraph_tokens.jsonl"),
        codebook="config/codebook.yaml",
        schema="workflow/schemas/codebook.schema.yaml",
    output:
        rates=out("codebook/case_categories.csv"),
        kwic=out("codebook/kwic.csv"),
        similarity=out("codebook/similarity.csv"),
    log:
        out("logs/codebook.log"),
    benchmark:
        out("benchmarks/codebook.tsv")
    script:
        "../scripts/codebook.py"


rule compare:
    input:
        tfidf=out("tfidf/similarity.csv"),
        lda=out("lda/similarity.csv"),
        codebook=out("codebook/similarity.csv"),
        reuse=out("reuse/similarity.csv"),
        cases=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
        tokens=out("tokens/paragraph_tokens.jsonl"),
        assignments=out("clusters/assignments.csv"),
    output:
        agreement=out("compare/agreement.csv"),
        keyness_cases=out("compare/keyness_cases.csv"),
        keyness_clusters=out("compare/keyness_clusters.csv"),
        nearest=out("compare/nearest.csv"),
        mds=out("compare/mds.csv"),
    log:
        out("logs/compare.log"),
    benchmark:
        out("benchmarks/compare.tsv")
    priority: CRITICAL_PATH
    params:
        compare=config["compare"],
    script:
        "../scripts/compare.py"


rule covariates:
    input:
        paragraph_topics=out("lda/paragraph_topics.csv"),
        paragraphs=out("corpus/paragraphs.csv"),
        cases=out("corpus/cases.csv"),
        documents=out("corpus/documents.csv"),
        units=out("corpus/units.csv"),
        tfidf=out("tfidf/similarity.csv"),
        lda=out("lda/similarity.csv"),
    output:
        summary=out("covariates/summary.csv"),
        prevalence=out("covariates/prevalence.csv"),
        trends=out("covariates/trends.csv"),
        similarity=out("covariates/similarity_by_level.csv"),
    log:
        out("logs/covariates.log"),
    benchmark:
        out("benchmarks/covariates.tsv")
    params:
        covariates=config["covariates"],
    script:
        "../scripts/covariates.py"
