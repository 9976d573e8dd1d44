# Figures, the HTML report and the provenance record.


rule figures:
    input:
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
        topics="results/lda/topics.csv",
        case_topics="results/lda/case_topics.csv",
        selection="results/lda/model_selection.csv",
        chosen="results/lda/chosen_k.json",
        silhouette="results/clusters/silhouette.csv",
        assignments="results/clusters/assignments.csv",
    output:
        expand("results/figures/{name}.{ext}", name=FIGURES, ext=["png", "svg"]),
    params:
        figures=config["figures"],
        method=config["clusters"]["method"],
    log:
        "results/logs/figures.log",
    script:
        "../scripts/figures.py"


rule provenance:
    input:
        corpus=corpus_files,
        resources=token_resources,
    output:
        "results/provenance.json",
    params:
        config=config,
    log:
        "results/logs/provenance.log",
    script:
        "../scripts/provenance.py"


rule report:
    input:
        figures=expand("results/figures/{name}.png", name=FIGURES),
        documents="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        cases="results/corpus/cases.csv",
        top_terms="results/tfidf/top_terms.csv",
        selection="results/lda/model_selection.csv",
        topics="results/lda/topics.csv",
        case_topics="results/lda/case_topics.csv",
        chosen="results/lda/chosen_k.json",
        assignments="results/clusters/assignments.csv",
        silhouette="results/clusters/silhouette.csv",
        provenance="results/provenance.json",
        captions=expand("workflow/report/{name}.rst", name=FIGURES),
    output:
        "results/report.html",
    params:
        config=config,
    log:
        "results/logs/report.log",
    script:
        "../scripts/report.py"
