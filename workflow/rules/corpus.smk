# Reading the corpus into shards, cleaning each shard, near-duplicates across shards, the corpus
# gathered again, and its split into governance cases (per shard, then gathered).


checkpoint ingest:
    input:
        corpus_files,
    output:
        raw=directory("results/corpus/raw"),
        log_table="results/corpus/ingest_log.csv",
    log:
        "results/logs/ingest.log",
    benchmark:
        "results/benchmarks/ingest.tsv"
    params:
        corpus=config["corpus"],
    script:
        "../scripts/ingest.py"


rule clean_shard:
    input:
        "results/corpus/raw/{shard}.jsonl",
    output:
        documents="results/corpus/shards/{shard}/cleaned.jsonl",
        table="results/corpus/shards/{shard}/documents.csv",
        audit="results/corpus/shards/{shard}/audit.csv",
        texts=directory("results/corpus/shards/{shard}/clean"),
    log:
        "results/logs/clean_{shard}.log",
    benchmark:
        "results/benchmarks/clean_{shard}.tsv"
    params:
        clean=CLEAN_PARAMS,
    script:
        "../scripts/clean.py"


rule duplicates:
    input:
        shard_files("results/corpus/shards/{shard}/cleaned.jsonl"),
    output:
        "results/corpus/duplicates.csv",
    log:
        "results/logs/duplicates.log",
    benchmark:
        "results/benchmarks/duplicates.tsv"
    resources:
        mem_mb=4000,
    params:
        threshold=config["clean"]["duplicate_threshold"],
    script:
        "../scripts/duplicates.py"


rule corpus:
    input:
        shards=shard_files("results/corpus/shards/{shard}/cleaned.jsonl"),
        tables=shard_files("results/corpus/shards/{shard}/documents.csv"),
        audits=shard_files("results/corpus/shards/{shard}/audit.csv"),
        texts=shard_files("results/corpus/shards/{shard}/clean"),
        duplicates="results/corpus/duplicates.csv",
    output:
        documents="results/corpus/cleaned_documents.jsonl",
        table="results/corpus/documents.csv",
        audit="results/corpus/cleaning_audit.csv",
        texts=directory("results/corpus/clean"),
    log:
        "results/logs/corpus.log",
    benchmark:
        "results/benchmarks/corpus.tsv"
    params:
        drop_duplicates=config["clean"]["drop_duplicates"],
        min_chinese_chars=config["clean"]["min_chinese_chars"],
    script:
        "../scripts/corpus.py"


rule cases_shard:
    input:
        documents="results/corpus/shards/{shard}/cleaned.jsonl",
        table="results/corpus/documents.csv",
        gazetteer=GAZETTEER,
    output:
        cases="results/corpus/shards/{shard}/cases.csv",
        paragraphs="results/corpus/shards/{shard}/paragraphs.csv",
        quoted="results/corpus/shards/{shard}/quoted.csv",
    log:
        "results/logs/cases_{shard}.log",
    benchmark:
        "results/benchmarks/cases_{shard}.tsv"
    params:
        cases=config["cases"],
        label_column=config["corpus"]["label_column"],
    script:
        "../scripts/cases_shard.py"


rule cases:
    input:
        cases=shard_files("results/corpus/shards/{shard}/cases.csv"),
        paragraphs=shard_files("results/corpus/shards/{shard}/paragraphs.csv"),
        quoted=shard_files("results/corpus/shards/{shard}/quoted.csv"),
        table="results/corpus/documents.csv",
    output:
        cases="results/corpus/cases.csv",
        paragraphs="results/corpus/paragraphs.csv",
        quoted="results/corpus/quoted_terms.csv",
    log:
        "results/logs/cases.log",
    benchmark:
        "results/benchmarks/cases.tsv"
    params:
        overrides=config["cases"]["overrides"],
    script:
        "../scripts/cases.py"


rule units:
    input:
        cases="results/corpus/cases.csv",
        documents="results/corpus/documents.csv",
    output:
        units="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
    log:
        "results/logs/units.log",
    benchmark:
        "results/benchmarks/units.tsv"
    params:
        max_cases=config["compare"]["max_square_cases"],
        by=config["compare"]["aggregate_by"],
    script:
        "../scripts/units.py"


rule cleaning_report:
    input:
        raw=shard_files("results/corpus/raw/{shard}.jsonl"),
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
