# Segmenting paragraphs into comparison features.


rule tokens:
    input:
        paragraphs="results/corpus/paragraphs.csv",
        resources=token_resources,
    output:
        tokens="results/tokens/paragraph_tokens.jsonl",
        vocabulary="results/tokens/vocabulary.csv",
        dropped="results/tokens/dropped_tokens.csv",
        candidates="results/tokens/term_candidates.csv",
    log:
        "results/logs/tokens.log",
    benchmark:
        "results/benchmarks/tokens.tsv"
    params:
        tokens=config["tokens"],
    script:
        "../scripts/tokens.py"
