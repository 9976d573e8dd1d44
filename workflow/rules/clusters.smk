# Hierarchical clustering of the cases on each similarity matrix, with bootstrap and cross-seed
# stability.


rule clusters:
    input:
        tfidf="results/tfidf/similarity.csv",
        lda="results/lda/similarity.csv",
        codebook="results/codebook/similarity.csv",
        cases="results/corpus/units.csv",
        case_units="results/corpus/case_units.csv",
        tokens="results/tokens/paragraph_tokens.jsonl",
        paragraph_topics="results/lda/paragraph_topics.csv",
        by_seed="results/lda/similarity_by_seed.csv",
    output:
        assignments="results/clusters/assignments.csv",
        silhouette="results/clusters/silhouette.csv",
        cluster_stability="results/clusters/cluster_stability.csv",
        coassignment_tfidf="results/clusters/coassignment_tfidf.csv",
        coassignment_lda="results/clusters/coassignment_lda.csv",
        trees="results/clusters/trees.csv",
        order="results/clusters/order.csv",
    log:
        "results/logs/clusters.log",
    benchmark:
        "results/benchmarks/clusters.tsv"
    params:
        clusters=config["clusters"],
        sublinear_tf=config["tfidf"]["sublinear_tf"],
        min_df=config["tfidf"]["min_df"],
    script:
        "../scripts/clusters.py"
