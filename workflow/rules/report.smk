# Figures, the HTML report and the provenance record.


# Figures in three jobs, each started as soon as its tables exist, so drawing overlaps fitting.
rule figures_tfidf:
    input:
        tfidf="results/tfidf/similarity.csv",
        order="results/clusters/order.csv",
        cases="results/corpus/units.csv",
    output:
        figure_files("similarity_tfidf", category="1 Similarity"),
    log:
        "results/logs/figures_tfidf.log",
    benchmark:
        "results/benchmarks/figures_tfidf.tsv"
    params:
        figures=config["figures"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_lda:
    input:
        lda="results/lda/similarity.csv",
        topics="results/lda/topics.csv",
        case_topics="results/lda/case_topics.csv",
        selection="results/lda/model_selection.csv",
        chosen="results/lda/chosen_k.json",
        labels="config/topic_labels.yaml",
        labels_schema="workflow/schemas/topic_labels.schema.yaml",
        order="results/clusters/order.csv",
        cases="results/corpus/units.csv",
        covariate_summary="results/covariates/summary.csv",
        prevalence="results/covariates/prevalence.csv",
        trends="results/covariates/trends.csv",
    output:
        figure_files(
            "similarity_lda",
            "topic_terms",
            "case_topics",
            "k_selection",
            "topic_prevalence",
            category="2 Topics",
        ),
    log:
        "results/logs/figures_lda.log",
    benchmark:
        "results/benchmarks/figures_lda.tsv"
    params:
        figures=config["figures"],
        captions=CAPTIONS,
        covariates=config["covariates"],
    script:
        "../scripts/figures.py"


rule figures_clusters:
    input:
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
        silhouette="results/clusters/silhouette.csv",
        coassignment_tfidf="results/clusters/coassignment_tfidf.csv",
        coassignment_lda="results/clusters/coassignment_lda.csv",
        trees="results/clusters/trees.csv",
        order="results/clusters/order.csv",
        cases="results/corpus/units.csv",
    output:
        figure_files(
            "dendrograms", "cluster_selection", "consensus", category="3 Clusters"
        ),
    log:
        "results/logs/figures_clusters.log",
    benchmark:
        "results/benchmarks/figures_clusters.tsv"
    params:
        figures=config["figures"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_compare:
    input:
        codebook="results/codebook/similarity.csv",
        rates="results/codebook/case_categories.csv",
        keyness="results/compare/keyness_cases.csv",
        mds="results/compare/mds.csv",
        order="results/clusters/order.csv",
        cases="results/corpus/units.csv",
    output:
        figure_files("codebook", "keyness", "mds", category="4 Comparison"),
    log:
        "results/logs/figures_compare.log",
    benchmark:
        "results/benchmarks/figures_compare.tsv"
    params:
        figures=config["figures"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule provenance:
    input:
        corpus=corpus_files,
        resources=token_resources,
        codebook="config/codebook.yaml",
        labels="config/topic_labels.yaml",
        labels_schema="workflow/schemas/topic_labels.schema.yaml",
    output:
        "results/provenance.json",
    log:
        "results/logs/provenance.log",
    benchmark:
        "results/benchmarks/provenance.tsv"
    params:
        config=config,
    script:
        "../scripts/provenance.py"


rule report:
    input:
        figures=expand("results/figures/{name}.png", name=FIGURES),
        documents="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        cases="results/corpus/cases.csv",
        case_units="results/corpus/case_units.csv",
        top_terms="results/tfidf/top_terms.csv",
        selection="results/lda/model_selection.csv",
        topics="results/lda/topics.csv",
        alignment="results/lda/topic_alignment.csv",
        typical="results/lda/typical_paragraphs.csv",
        sources="results/lda/topic_sources.csv",
        case_topics="results/lda/case_topics.csv",
        chosen="results/lda/chosen_k.json",
        assignments="results/clusters/assignments.csv",
        silhouette="results/clusters/silhouette.csv",
        cluster_stability="results/clusters/cluster_stability.csv",
        kwic="results/codebook/kwic.csv",
        agreement="results/compare/agreement.csv",
        keyness_clusters="results/compare/keyness_clusters.csv",
        nearest="results/compare/nearest.csv",
        covariate_summary="results/covariates/summary.csv",
        prevalence="results/covariates/prevalence.csv",
        trends="results/covariates/trends.csv",
        similarity_by_level="results/covariates/similarity_by_level.csv",
        provenance="results/provenance.json",
        labels="config/topic_labels.yaml",
        labels_schema="workflow/schemas/topic_labels.schema.yaml",
        captions=expand("workflow/report/{name}.rst", name=FIGURES),
    output:
        html="results/report.html",
        references="results/references.bib",
    log:
        "results/logs/report.log",
    benchmark:
        "results/benchmarks/report.tsv"
    params:
        config=config,
    script:
        "../scripts/report.py"


rule workbook:
    input:
        [f"results/{csv}" for _, csv, _ in WORKBOOK_TABLES],
    output:
        "results/tables.xlsx",
    log:
        "results/logs/workbook.log",
    benchmark:
        "results/benchmarks/workbook.tsv"
    params:
        tables=WORKBOOK_TABLES,
    script:
        "../scripts/workbook.py"
