# Segmenting paragraphs into comparison features: jieba per shard, then term discovery and
# filtering over the whole corpus, streamed shard by shard.


rule tokens_shard:
    input:
        paragraphs=out("corpus/shards/{shard}/paragraphs.csv"),
        quoted=out("corpus/quoted_terms.csv"),
        resources=segmentation_resources,
    output:
        out("tokens/shards/{shard}/tagged.jsonl"),
    log:
        out("logs/tokens_{shard}.log"),
    benchmark:
        out("benchmarks/tokens_{shard}.tsv")
    priority: CRITICAL_PATH
    params:
        tokens={
            key: config["tokens"][key]
            for key in ("user_dictionary", "keep_slogans", "keep_quoted_terms")
        },
    script:
        "../scripts/tokens_shard.py"


rule tokens:
    input:
        paragraphs=out("corpus/paragraphs.csv"),
        cases=out("corpus/cases.csv"),
        quoted=out("corpus/quoted_terms.csv"),
        tagged=shard_files(out("tokens/shards/{shard}/tagged.jsonl")),
        resources=token_resources,
    output:
        tokens=out("tokens/paragraph_tokens.jsonl"),
        vocabulary=out("tokens/vocabulary.csv"),
        dropped=out("tokens/dropped_tokens.csv"),
        candidates=out("tokens/term_candidates.csv"),
        shard_rows=out("tokens/shards/rows.csv"),
    log:
        out("logs/tokens.log"),
    benchmark:
        out("benchmarks/tokens.tsv")
    priority: CRITICAL_PATH
    resources:
        **RESOURCES["tokens"],
    params:
        tokens=config["tokens"],
    script:
        "../scripts/tokens.py"
