# LDA on paragraphs: the training corpus once, then one job per K of the grid (every seed of that
# K, scored), so that adding a K fits only that K and a cluster can spread the Ks; K is chosen from
# the scores; the chosen K's models, loaded as they were scored, infer every paragraph's mixture
# shard by shard; then they describe the cases.


rule lda_corpus:
    input:
        out("tokens/paragraph_tokens.jsonl"),
    output:
        split=out("lda/corpus/split.csv"),
        dictionary=out("lda/corpus/dictionary.txt"),
        corpus=out("lda/corpus/train.mm"),
        index=out("lda/corpus/train.mm.index"),
    log:
        out("logs/lda_corpus.log"),
    benchmark:
        out("benchmarks/lda_corpus.tsv")
    priority: CRITICAL_PATH
    params:
        lda=LDA_CORPUS_PARAMS,
    script:
        "../scripts/lda_corpus.py"


rule lda_fit:
    input:
        tokens=out("tokens/paragraph_tokens.jsonl"),
        split=out("lda/corpus/split.csv"),
        dictionary=out("lda/corpus/dictionary.txt"),
        corpus=out("lda/corpus/train.mm"),
        index=out("lda/corpus/train.mm.index"),
    output:
        scores=out("lda/k{k}/scores.csv"),
        models=directory(out("lda/k{k}/models")),
    log:
        out("logs/lda_fit_k{k}.log"),
    benchmark:
        out("benchmarks/lda_fit_k{k}.tsv")
    wildcard_constraints:
        k=r"\d+",
    priority: CRITICAL_PATH
    threads: 1
    resources:
        **RESOURCES["lda_fit"],
    params:
        lda=LDA_FIT_PARAMS,
    script:
        "../scripts/lda_fit.py"


rule lda_select:
    input:
        scores=expand(out("lda/k{k}/scores.csv"), k=config["lda"]["k_grid"]),
        split=out("lda/corpus/split.csv"),
        dictionary=out("lda/corpus/dictionary.txt"),
    output:
        selection=out("lda/model_selection.csv"),
        chosen=out("lda/chosen_k.json"),
    log:
        out("logs/lda_select.log"),
    benchmark:
        out("benchmarks/lda_select.tsv")
    priority: CRITICAL_PATH
    params:
        lda=LDA_SELECT_PARAMS,
    script:
        "../scripts/lda_select.py"


rule lda_infer:
    input:
        chosen=out("lda/chosen_k.json"),
        models=expand(out("lda/k{k}/models"), k=config["lda"]["k_grid"]),
        dictionary=out("lda/corpus/dictionary.txt"),
        tokens=out("tokens/paragraph_tokens.jsonl"),
        shard_rows=out("tokens/shards/rows.csv"),
    output:
        mixtures=out("lda/shards/{shard}/mixtures.csv"),
    log:
        out("logs/lda_infer_{shard}.log"),
    benchmark:
        out("benchmarks/lda_infer_{shard}.tsv")
    priority: CRITICAL_PATH
    resources:
        **RESOURCES["lda_infer"],
    params:
        seeds=config["lda"]["seeds"],
    script:
        "../scripts/lda_infer.py"


rule lda:
    input:
        chosen=out("lda/chosen_k.json"),
        models=expand(out("lda/k{k}/models"), k=config["lda"]["k_grid"]),
        mixtures=shard_files(out("lda/shards/{shard}/mixtures.csv")),
        tokens=out("tokens/paragraph_tokens.jsonl"),
        cases=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
        paragraphs=out("corpus/paragraphs.csv"),
        dictionary=out("lda/corpus/dictionary.txt"),
    output:
        topics=out("lda/topics.csv"),
        alignment=out("lda/topic_alignment.csv"),
        typical=out("lda/typical_paragraphs.csv"),
        case_topics=out("lda/case_topics.csv"),
        paragraph_topics=out("lda/paragraph_topics.csv"),
        sources=out("lda/topic_sources.csv"),
        similarity=out("lda/similarity.csv"),
        by_seed=out("lda/similarity_by_seed.csv"),
        nearest_cases=out("lda/nearest_cases.csv"),
        topic_map=out("lda/topic_map.csv"),
        topic_terms=out("lda/topic_terms.csv"),
        k_sensitivity=out("lda/k_sensitivity.csv"),
    log:
        out("logs/lda.log"),
    benchmark:
        out("benchmarks/lda.tsv")
    priority: CRITICAL_PATH
    resources:
        **RESOURCES["lda"],
    params:
        lda=LDA_SELECT_PARAMS,
        nearest=config["compare"]["nearest"],
    script:
        "../scripts/lda.py"


rule topic_names:
    input:
        topics=out("lda/topics.csv"),
        chosen=out("lda/chosen_k.json"),
        labels="config/topic_labels.yaml",
        labels_schema="workflow/schemas/topic_labels.schema.yaml",
    output:
        names=out("lda/topic_names.csv"),
    log:
        out("logs/topic_names.log"),
    benchmark:
        out("benchmarks/topic_names.tsv")
    params:
        language=config["report"]["language"],
    script:
        "../scripts/topic_names.py"
