# Hierarchical clustering of the cases on each similarity matrix, with bootstrap and cross-seed
# stability.


rule clusters:
    input:
        tfidf=out("tfidf/similarity.csv"),
        lda=out("lda/similarity.csv"),
        codebook=out("codebook/similarity.csv"),
        cases=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
        tokens=out("tokens/paragraph_tokens.jsonl"),
        paragraph_topics=out("lda/paragraph_topics.csv"),
        by_seed=out("lda/similarity_by_seed.csv"),
        mixtures=shard_files(out("lda/shards/{shard}/mixtures.csv")),
    output:
        assignments=out("clusters/assignments.csv"),
        silhouette=out("clusters/silhouette.csv"),
        chosen_k=out("clusters/chosen_k.csv"),
        cluster_stability=out("clusters/cluster_stability.csv"),
        coassignment_tfidf=out("clusters/coassignment_tfidf.csv"),
        coassignment_lda=out("clusters/coassignment_lda.csv"),
        trees=out("clusters/trees.csv"),
        order=out("clusters/order.csv"),
    log:
        out("logs/clusters.log"),
    benchmark:
        out("benchmarks/clusters.tsv")
    priority: CRITICAL_PATH
    resources:
        **RESOURCES["clusters"],
    params:
        clusters=config["clusters"],
        sublinear_tf=config["tfidf"]["sublinear_tf"],
        min_df=config["tfidf"]["min_df"],
    script:
        "../scripts/clusters.py"
