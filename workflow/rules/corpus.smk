# Reading, cleaning and splitting the corpus into governance cases.


rule ingest:
    input:
        corpus_files,
    output:
        documents="results/corpus/raw_documents.jsonl",
        log_table="results/corpus/ingest_log.csv",
    log:
        "results/logs/ingest.log",
    benchmark:
        "results/benchmarks/ingest.tsv"
    params:
        corpus=config["corpus"],
    script:
        "../scripts/ingest.py"


rule clean:
    input:
        "results/corpus/raw_documents.jsonl",
    output:
        documents="results/corpus/cleaned_documents.jsonl",
        table="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        duplicates="results/corpus/duplicates.csv",
        texts=directory("results/corpus/clean"),
    log:
        "results/logs/clean.log",
    benchmark:
        "results/benchmarks/clean.tsv"
    params:
        clean=config["clean"],
    script:
        "../scripts/clean.py"


rule cases:
    input:
        "results/corpus/cleaned_documents.jsonl",
    output:
        cases="results/corpus/cases.csv",
        paragraphs="results/corpus/paragraphs.csv",
    log:
        "results/logs/cases.log",
    benchmark:
        "results/benchmarks/cases.tsv"
    params:
        cases=config["cases"],
        label_column=config["corpus"]["label_column"],
    script:
        "../scripts/cases.py"


rule cleaning_report:
    input:
        raw="results/corpus/raw_documents.jsonl",
        documents="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        duplicates="results/corpus/duplicates.csv",
        texts="results/corpus/clean",
    output:
        "results/cleaning.html",
    log:
        "results/logs/cleaning_report.log",
    benchmark:
        "results/benchmarks/cleaning_report.tsv"
    script:
        "../scripts/cleaning_report.py"
