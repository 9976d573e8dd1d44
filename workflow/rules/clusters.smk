# Hierarchical clustering of the cases on each similarity matrix.


rule clusters:
    input:
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
        cases="results/corpus/cases.csv",
    output:
        assignments="results/clusters/assignments.csv",
        silhouette="results/clusters/silhouette.csv",
    log:
        "results/logs/clusters.log",
    benchmark:
        "results/benchmarks/clusters.tsv"
    params:
        clusters=config["clusters"],
    script:
        "../scripts/clusters.py"
