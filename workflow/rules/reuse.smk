# Text reuse between documents: candidate pairs, their alignment in parts (spread over cores or
# nodes), and the passages gathered into clusters, directions and cases.


rule reuse_pairs:
    input:
        out("corpus/cleaned_documents.jsonl"),
    output:
        pairs=out("reuse/pairs.csv"),
        common=out("reuse/common_grams.npy"),
    log:
        out("logs/reuse_pairs.log"),
    benchmark:
        out("benchmarks/reuse_pairs.tsv")
    resources:
        **RESOURCES["reuse_pairs"],
    params:
        reuse=REUSE_PAIR_PARAMS,
    script:
        "../scripts/reuse_pairs.py"


rule reuse_align:
    input:
        pairs=out("reuse/pairs.csv"),
        common=out("reuse/common_grams.npy"),
        documents=out("corpus/cleaned_documents.jsonl"),
    output:
        out("reuse/parts/{part}.csv"),
    log:
        out("logs/reuse_align_{part}.log"),
    benchmark:
        out("benchmarks/reuse_align_{part}.tsv")
    wildcard_constraints:
        part=r"\d+",
    resources:
        **RESOURCES["reuse_align"],
    params:
        reuse=REUSE_ALIGN_PARAMS,
    script:
        "../scripts/reuse_align.py"


rule reuse:
    input:
        parts=expand(out("reuse/parts/{part}.csv"), part=REUSE_PARTS),
        documents=out("corpus/documents.csv"),
        texts=out("corpus/cleaned_documents.jsonl"),
        paragraphs=out("corpus/paragraphs.csv"),
        cases=out("corpus/cases.csv"),
        units=out("corpus/units.csv"),
        case_units=out("corpus/case_units.csv"),
    output:
        passages=out("reuse/passages.csv"),
        case_reuse=out("reuse/case_reuse.csv"),
        similarity=out("reuse/similarity.csv"),
    log:
        out("logs/reuse.log"),
    benchmark:
        out("benchmarks/reuse.tsv")
    params:
        boilerplate=REUSE_BOILERPLATE_PARAMS,
    script:
        "../scripts/reuse.py"
