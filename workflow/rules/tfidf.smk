# TF-IDF profiles of the cases and their cosine similarity; the top terms listed from the weights.


rule tfidf:
    input:
        tokens="results/tokens/paragraph_tokens.jsonl",
        cases="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
    output:
        similarity="results/tfidf/similarity.csv",
        weights="results/tfidf/weights.npz",
        terms="results/tfidf/weights.npz.terms.txt",
        nearest_cases="results/tfidf/nearest_cases.csv",
    log:
        "results/logs/tfidf.log",
    benchmark:
        "results/benchmarks/tfidf.tsv"
    params:
        tfidf={key: config["tfidf"][key] for key in ("sublinear_tf", "min_df")},
        nearest=config["compare"]["nearest"],
    script:
        "../scripts/tfidf.py"


rule tfidf_terms:
    input:
        weights="results/tfidf/weights.npz",
        terms="results/tfidf/weights.npz.terms.txt",
        cases="results/corpus/units.csv",
    output:
        top_terms="results/tfidf/top_terms.csv",
    log:
        "results/logs/tfidf_terms.log",
    benchmark:
        "results/benchmarks/tfidf_terms.tsv"
    params:
        top_terms=config["tfidf"]["top_terms"],
    script:
        "../scripts/tfidf_terms.py"
