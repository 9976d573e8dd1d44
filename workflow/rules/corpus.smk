# Reading the corpus into shards, cleaning each shard, near-duplicates across shards, the corpus
# gathered again, and its split into governance cases (per shard, then gathered).


checkpoint ingest:
    input:
        corpus_files,
    output:
        raw=directory(out("corpus/raw")),
        log_table=out("corpus/ingest_log.csv"),
    log:
        out("logs/ingest.log"),
    benchmark:
        out("benchmarks/ingest.tsv")
    params:
        # all of the corpus section but label_column, which only the cases read: changing how
        # cases are labelled re-reads and re-cleans nothing
        corpus={k: v for k, v in config["corpus"].items() if k != "label_column"},
    script:
        "../scripts/ingest.py"


rule clean_shard:
    input:
        out("corpus/raw/{shard}.jsonl"),
    output:
        documents=out("corpus/shards/{shard}/cleaned.jsonl"),
        table=out("corpus/shards/{shard}/documents.csv"),
        audit=out("corpus/shards/{shard}/audit.csv"),
        texts=directory(out("corpus/shards/{shard}/clean")),
    log:
        out("logs/clean_{shard}.log"),
    benchmark:
        out("benchmarks/clean_{shard}.tsv")
    priority: CRITICAL_PATH
    params:
        clean=CLEAN_PARAMS,
    script:
        "../scripts/clean.py"


rule duplicates:
    input:
        shard_files(out("corpus/shards/{shard}/cleaned.jsonl")),
    output:
        out("corpus/duplicates.csv"),
    log:
        out("logs/duplicates.log"),
    benchmark:
        out("benchmarks/duplicates.tsv")
    priority: CRITICAL_PATH
    resources:
        **RESOURCES["duplicates"],
    params:
        threshold=config["clean"]["duplicate_threshold"],
    script:
        "../scripts/duplicates.py"


rule corpus:
    input:
        shards=shard_files(out("corpus/shards/{shard}/cleaned.jsonl")),
        tables=shard_files(out("corpus/shards/{shard}/documents.csv")),
        audits=shard_files(out("corpus/shards/{shard}/audit.csv")),
        texts=shard_files(out("corpus/shards/{shard}/clean")),
        duplicates=out("corpus/duplicates.csv"),
    output:
        documents=out("corpus/cleaned_documents.jsonl"),
        table=out("corpus/documents.csv"),
        audit=out("corpus/cleaning_audit.csv"),
        texts=directory(out("corpus/clean")),
    log:
        out("logs/corpus.log"),
    benchmark:
        out("benchmarks/corpus.tsv")
    priority: CRITICAL_PATH
    params:
        drop_duplicates=config["clean"]["drop_duplicates"],
        min_chinese_chars=config["clean"]["min_chinese_chars"],
    script:
        "../scripts/corpus.py"


rule cases_shard:
    input:
        documents=out("corpus/shards/{shard}/cleaned.jsonl"),
        table=out("corpus/documents.csv"),
        gazetteer=GAZETTEER,
    output:
        cases=out("corpus/shards/{shard}/cases.csv"),
        paragraphs=out("corpus/shards/{shard}/paragraphs.csv"),
        headings=out("corpus/shards/{shard}/headings.csv"),
        quoted=out("corpus/shards/{shard}/quoted.csv"),
    log:
        out("logs/cases_{shard}.log"),
    benchmark:
        out("benchmarks/cases_{shard}.tsv")
    priority: CRITICAL_PATH
    params:
        cases=config["cases"],
        label_column=config["corpus"]["label_column"],
    script:
        "../scripts/cases_shard.py"


rule cases:
    input:
        cases=shard_files(out("corpus/shards/{shard}/cases.csv")),
        paragraphs=shard_files(out("corpus/shards/{shard}/paragraphs.csv")),
        headings=shard_files(out("corpus/shards/{shard}/headings.csv")),
        quoted=shard_files(out("corpus/shards/{shard}/quoted.csv")),
        table=out("corpus/documents.csv"),
        audit=out("corpus/cleaning_audit.csv"),
    output:
        cases=out("corpus/cases.csv"),
        paragraphs=out("corpus/paragraphs.csv"),
        headings=out("corpus/headings.csv"),
        quoted=out("corpus/quoted_terms.csv"),
    log:
        out("logs/cases.log"),
    benchmark:
        out("benchmarks/cases.tsv")
    priority: CRITICAL_PATH
    params:
        overrides=config["cases"]["overrides"],
        max_heading_chars=config["cases"]["max_heading_chars"],
    script:
        "../scripts/cases.py"


rule units:
    input:
        cases=out("corpus/cases.csv"),
        documents=out("corpus/documents.csv"),
    output:
        units=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
    log:
        out("logs/units.log"),
    benchmark:
        out("benchmarks/units.tsv")
    priority: CRITICAL_PATH
    params:
        max_cases=config["compare"]["max_square_cases"],
        by=config["compare"]["aggregate_by"],
    script:
        "../scripts/units.py"


rule cleaning_report:
    input:
        raw=shard_files(out("corpus/raw/{shard}.jsonl")),
        documents=out("corpus/documents.csv"),
        audit=out("corpus/cleaning_audit.csv"),
        duplicates=out("corpus/duplicates.csv"),
        texts=out("corpus/clean"),
    output:
        out("cleaning.html"),
    log:
        out("logs/cleaning_report.log"),
    benchmark:
        out("benchmarks/cleaning_report.tsv")
    script:
        "../scripts/cleaning_report.py"
