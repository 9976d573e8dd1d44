# Segmenting paragraphs into comparison features: jieba per shard, then term discovery and
# filtering over the whole corpus, streamed shard by shard.


rule tokens_shard:
    input:
        paragraphs="results/corpus/shards/{shard}/paragraphs.csv",
        quoted="results/corpus/quoted_terms.csv",
        resources=token_resources,
    output:
        "results/tokens/shards/{shard}/tagged.jsonl",
    log:
        "results/logs/tokens_{shard}.log",
    benchmark:
        "results/benchmarks/tokens_{shard}.tsv"
    params:
        tokens={
            key: config["tokens"][key]
            for key in ("user_dictionary", "keep_slogans", "keep_quoted_terms")
        },
    script:
        "../scripts/tokens_shard.py"


rule tokens:
    input:
        paragraphs="results/corpus/paragraphs.csv",
        quoted="results/corpus/quoted_terms.csv",
        tagged=shard_files("results/tokens/shards/{shard}/tagged.jsonl"),
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
    resources:
        mem_mb=4000,
    params:
        tokens=config["tokens"],
    script:
        "../scripts/tokens.py"
