# TF-IDF profiles of the cases and their cosine similarity.


rule tfidf:
    input:
        tokens="results/tokens/paragraph_tokens.jsonl",
        cases="results/corpus/cases.csv",
    output:
        similarity="results/tfidf/similarity.csv",
        top_terms="results/tfidf/top_terms.csv",
    log:
        "results/logs/tfidf.log",
    benchmark:
        "results/benchmarks/tfidf.tsv"
    params:
        tfidf=config["tfidf"],
    script:
        "../scripts/tfidf.py"
