# TF-IDF profiles of the cases and their cosine similarity; the top terms listed from the weights.


rule tfidf:
    input:
        tokens=out("tokens/paragraph_tokens.jsonl"),
        cases=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
    output:
        similarity=out("tfidf/similarity.csv"),
        weights=out("tfidf/weights.npz"),
        terms=out("tfidf/weights.npz.terms.txt"),
        nearest_cases=out("tfidf/nearest_cases.csv"),
    log:
        out("logs/tfidf.log"),
    benchmark:
        out("benchmarks/tfidf.tsv")
    resources:
        **RESOURCES["tfidf"],
    params:
        tfidf={key: config["tfidf"][key] for key in ("sublinear_tf", "min_df")},
        nearest=config["compare"]["nearest"],
    script:
        "../scripts/tfidf.py"


rule tfidf_terms:
    input:
        weights=out("tfidf/weights.npz"),
        terms=out("tfidf/weights.npz.terms.txt"),
        cases=out("corpus/units.csv"),
    output:
        top_terms=out("tfidf/top_terms.csv"),
    log:
        out("logs/tfidf_terms.log"),
    benchmark:
        out("benchmarks/tfidf_terms.tsv")
    params:
        top_terms=config["tfidf"]["top_terms"],
    script:
        "../scripts/tfidf_terms.py"
