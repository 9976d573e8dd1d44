"""A methods paragraph generated from the parameters, versions and results actually used, ready
to paste into a paper (and to check against the report), in any language of the words catalogues
(``[methods]`` of ``words/<language>.toml``): the same facts, numbers and citations in each."""

from __future__ import annotations

import math

from .reasons import agreement_note, k_reason
from .summary import runner_up_sentence
from .words import say


def methods_paragraph(config: dict, software: dict, facts: dict, language: str = "en") -> str:
    """``facts``: documents, cases, paragraphs (unsampled_paragraphs optional), vocabulary, k, k_reason, clusters_tfidf,
    clusters_lda, agreement (list of dicts), duplicates, damaged_runs.

    Works are cited as ``[@key]`` (pandoc's form) with the keys of :mod:`govtopics.presentation.references`;
    the report writes those entries to ``results/references.bib`` and lists them below."""

    def said(key, **numbers):
        return say(f"methods.{key}", language, **numbers)

    lda, cl, cmp_ = config["lda"], config["clusters"], config["compare"]
    unsampled = facts.get("unsampled_paragraphs", 0)
    if facts["cases"] >= 3:
        how_many = said("how_many_auto", max_k=cl["max_k"]) if cl["k"] == "auto" else said("how_many_fixed")
        clustering = said(
            "clustering",
            method=cl["method"],
            how_many=how_many,
            tfidf=facts["clusters_tfidf"],
            lda=facts["clusters_lda"],
            rounds=cl["bootstrap_rounds"],
        )
    else:
        clustering = said("not_clustered", cases=facts["cases"])
    second = runner_up_sentence(facts.get("runner_up") or {}, language)
    return said(
        "paragraph",
        documents=facts["documents"],
        cases=facts["cases"],
        govtopics=software.get("govtopics", ""),
        snakemake=software.get("snakemake", ""),
        damage=_damage(config["clean"]["encoding_damage"], facts, language),
        duplicates=facts["duplicates"],
        threshold=config["clean"]["duplicate_threshold"],
        opencc=software.get("opencc", ""),
        jieba=software.get("jieba", ""),
        names=said("names_place_person" if config["tokens"]["drop_person_names"] else "names_place"),
        sklearn=software.get("scikit-learn", ""),
        tf=say("captions.tf_sublinear" if config["tfidf"]["sublinear_tf"] else "captions.tf_raw", language),
        trainer=_trainer(lda, facts["paragraphs"], software, language),
        alpha=lda["alpha"],
        paragraphs=facts["paragraphs"],
        sample=said("sample", unsampled=unsampled) if unsampled else "",
        vocabulary=facts["vocabulary"],
        k_grid=", ".join(map(str, lda["k_grid"])),
        seeds=lda["seeds"],
        top_words=lda["top_words"],
        heldout=lda["heldout_share"],
        k_reason=k_reason({"k": facts["k"], "reason": facts["k_reason"]}, language),
        runner_up=said("separator") + second if second else "",
        n_seeds=len(lda["seeds"]),
        clustering=clustering,
        permutations=cmp_["permutations"],
        agreement=said("separator").join(_agreement(a, language) for a in facts["agreement"]),
        g2=cmp_["keyness_min_g2"],
        reuse=_reuse(config.get("reuse"), language),
        covariates=_covariates(config.get("covariates"), facts.get("covariates"), language),
    )


def _reuse(settings: dict | None, language: str) -> str:
    """The sentence on text reuse, when the view ran."""
    return say("methods.reuse", language, **settings) if settings else ""


def _covariates(settings: dict | None, columns: list[str] | None, language: str) -> str:
    """The sentence on topic prevalence by covariate, when some column had levels to compare."""
    if not settings or not columns:
        return ""
    joined = say("methods.covariates_join", language).join(columns)
    return say("methods.covariates", language, **{**settings, "columns": joined})


def _agreement(row: dict, language: str) -> str:
    """One pair of views' agreement as a clause; an undefined one says why instead of a number."""
    rho, p = _number(row.get("spearman")), _number(row.get("p_value"))
    pair = {"a": row["view_a"], "b": row["view_b"]}
    if rho is None or p is None:
        note = agreement_note(row, language) or say("methods.no_value", language)
        return say("methods.agreement_undefined", language, **pair, note=note)
    return say("methods.agreement", language, **pair, rho=rho, p=p)


def _number(value) -> float | None:
    """A finite float, or None for an empty cell, NaN or text."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _damage(action: str, facts: dict, language: str) -> str:
    """What was done with the runs of encoding damage, in the words of the setting used."""
    numbers = {
        "runs": facts["damaged_runs"],
        "repaired": facts.get("damage_repaired", 0),
        "recovered": facts.get("chars_recovered", 0),
        "restored": facts.get("chars_restored", 0),
        "lost": facts.get("chars_lost", 0),
    }
    key = {"repair": "damage_repair", "keep": "damage_keep"}.get(action, "damage_remove")
    return say(f"methods.{key}", language, **numbers)


def _trainer(lda: dict, paragraphs: int, software: dict, language: str) -> str:
    """The trainer and how it learned (``lda.engine``): gensim in full batches when the training
    paragraphs fit one chunk (``lda.chunksize``), else online in chunks of that size."""
    versions = {"tomotopy": software.get("tomotopy", ""), "gensim": software.get("gensim", "")}
    if lda["engine"] == "tomotopy":
        return say("methods.trainer_tomotopy", language, **versions, sweeps=lda["sweeps"])
    chunksize = lda["chunksize"]
    training = (
        say("methods.training_batch", language)
        if paragraphs <= chunksize
        else say("methods.training_online", language, chunksize=chunksize)
    )
    return say("methods.trainer_gensim", language, **versions, training=training, passes=lda["passes"])
