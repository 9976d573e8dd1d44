# Reading, cleaning and splitting the corpus into governance cases.


rule ingest:
    input:
        corpus_files,
    output:
        documents="results/corpus/raw_documents.jsonl",
        log_table="results/corpus/ingest_log.csv",
    params:
        corpus=config["corpus"],
    log:
        "results/logs/ingest.log",
    script:
        "../scripts/ingest.py"


rule clean:
    input:
        "results/corpus/raw_documents.jsonl",
    output:
        documents="results/corpus/cleaned_documents.jsonl",
        table="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        texts=directory("results/corpus/clean"),
    params:
        clean=config["clean"],
    log:
        "results/logs/clean.log",
    script:
        "../scripts/clean.py"


rule cases:
    input:
        "results/corpus/cleaned_documents.jsonl",
    output:
        cases="results/corpus/cases.csv",
        paragraphs="results/corpus/paragraphs.csv",
    params:
        cases=config["cases"],
        label_column=config["corpus"]["label_column"],
    log:
        "results/logs/cases.log",
    script:
        "../scripts/cases.py"
