# Figures, the HTML report and the provenance record.


# Figures in several jobs, each started as soon as its tables exist, so drawing overlaps fitting
# and clustering.
rule figures_tfidf:
    input:
        tfidf=out("tfidf/similarity.csv"),
        order=out("clusters/order.csv"),
        cases=out("corpus/units.csv"),
    output:
        figure_files("similarity_tfidf", category="1 Similarity"),
    log:
        out("logs/figures_tfidf.log"),
    benchmark:
        out("benchmarks/figures_tfidf.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_topics:
    input:
        topics=out("lda/topics.csv"),
        selection=out("lda/model_selection.csv"),
        chosen=out("lda/chosen_k.json"),
        topic_names=out("lda/topic_names.csv"),
        cases=out("corpus/units.csv"),
        covariate_summary=out("covariates/summary.csv"),
        prevalence=out("covariates/prevalence.csv"),
        trends=out("covariates/trends.csv"),
    output:
        figure_files(
            "topic_terms", "k_selection", "topic_prevalence", category="2 Topics"
        ),
    log:
        out("logs/figures_topics.log"),
    benchmark:
        out("benchmarks/figures_topics.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
        level=config["covariates"]["level"],
    script:
        "../scripts/figures.py"


# The topic figures that follow the clusters' order of the cases
rule figures_lda:
    input:
        lda=out("lda/similarity.csv"),
        case_topics=out("lda/case_topics.csv"),
        topic_names=out("lda/topic_names.csv"),
        order=out("clusters/order.csv"),
        cases=out("corpus/units.csv"),
    output:
        figure_files("similarity_lda", "case_topics", category="2 Topics"),
    log:
        out("logs/figures_lda.log"),
    benchmark:
        out("benchmarks/figures_lda.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_clusters:
    input:
        tfidf=out("tfidf/similarity.csv"),
        lda=out("lda/similarity.csv"),
        silhouette=out("clusters/silhouette.csv"),
        coassignment_tfidf=out("clusters/coassignment_tfidf.csv"),
        coassignment_lda=out("clusters/coassignment_lda.csv"),
        trees=out("clusters/trees.csv"),
        order=out("clusters/order.csv"),
        cases=out("corpus/units.csv"),
    output:
        figure_files(
            "dendrograms", "cluster_selection", "consensus", category="3 Clusters"
        ),
    log:
        out("logs/figures_clusters.log"),
    benchmark:
        out("benchmarks/figures_clusters.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_compare:
    input:
        codebook=out("codebook/similarity.csv"),
        rates=out("codebook/case_categories.csv"),
        keyness=out("compare/keyness_cases.csv"),
        mds=out("compare/mds.csv"),
        order=out("clusters/order.csv"),
        cases=out("corpus/units.csv"),
    output:
        figure_files("codebook", "keyness", "mds", category="4 Comparison"),
    log:
        out("logs/figures_compare.log"),
    benchmark:
        out("benchmarks/figures_compare.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
    script:
        "../scripts/figures.py"


rule figures_reuse:
    input:
        case_reuse=out("reuse/case_reuse.csv"),
        cases=out("corpus/units.csv"),
    output:
        figure_files("reuse", category="5 Reuse"),
    log:
        out("logs/figures_reuse.log"),
    benchmark:
        out("benchmarks/figures_reuse.tsv")
    params:
        figures=config["figures"],
        language=config["report"]["language"],
        captions=CAPTIONS,
        min_chars=config["reuse"]["min_chars"],
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
        out("provenance.json"),
    log:
        out("logs/provenance.log"),
    benchmark:
        out("benchmarks/provenance.tsv")
    params:
        config=config,
        code=CODE,
    script:
        "../scripts/provenance.py"


rule report:
    input:
        figures=expand(out("figures/{name}.png"), name=FIGURES),
        ingest_log=out("corpus/ingest_log.csv"),
        headings=out("corpus/headings.csv"),
        documents=out("corpus/documents.csv"),
        audit=out("corpus/cleaning_audit.csv"),
        cases=out("corpus/cases.csv"),
        case_units=out("corpus/case_units.csv"),
        top_terms=out("tfidf/top_terms.csv"),
        selection=out("lda/model_selection.csv"),
        topics=out("lda/topics.csv"),
        alignment=out("lda/topic_alignment.csv"),
        by_seed=out("lda/similarity_by_seed.csv"),
        typical=out("lda/typical_paragraphs.csv"),
        sources=out("lda/topic_sources.csv"),
        case_topics=out("lda/case_topics.csv"),
        chosen=out("lda/chosen_k.json"),
        k_sensitivity=out("lda/k_sensitivity.csv"),
        assignments=out("clusters/assignments.csv"),
        silhouette=out("clusters/silhouette.csv"),
        cluster_choice=out("clusters/chosen_k.csv"),
        cluster_stability=out("clusters/cluster_stability.csv"),
        kwic=out("codebook/kwic.csv"),
        agreement=out("compare/agreement.csv"),
        reuse_passages=out("reuse/passages.csv"),
        case_reuse=out("reuse/case_reuse.csv"),
        keyness_clusters=out("compare/keyness_clusters.csv"),
        nearest=out("compare/nearest.csv"),
        lda_nearest=out("lda/nearest_cases.csv"),
        topic_map=out("lda/topic_map.csv"),
        topic_terms=out("lda/topic_terms.csv"),
        paragraph_topics=out("lda/paragraph_topics.csv"),
        paragraphs=out("corpus/paragraphs.csv"),
        covariate_summary=out("covariates/summary.csv"),
        prevalence=out("covariates/prevalence.csv"),
        trends=out("covariates/trends.csv"),
        similarity_by_level=out("covariates/similarity_by_level.csv"),
        provenance=out("provenance.json"),
        topic_names=out("lda/topic_names.csv"),
        captions=expand(f"workflow/{CAPTION_DIR}/{{name}}.rst", name=FIGURES),
    output:
        html=out("report.html"),
        references=out("references.bib"),
    log:
        out("logs/report.log"),
    benchmark:
        out("benchmarks/report.tsv")
    params:
        config=config,
    script:
        "../scripts/report.py"


rule workbook:
    input:
        tables=[out(csv) for _, csv, _ in WORKBOOK_TABLES],
        topic_names=out("lda/topic_names.csv"),
    output:
        out("tables.xlsx"),
    log:
        out("logs/workbook.log"),
    benchmark:
        out("benchmarks/workbook.tsv")
    params:
        tables=WORKBOOK_TABLES,
        language=config["report"]["language"],
    script:
        "../scripts/workbook.py"
