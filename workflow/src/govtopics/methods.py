"""A methods paragraph generated from the parameters, versions and results actually used, ready
to paste into a paper (and to check against the report)."""

from __future__ import annotations

import math


def methods_paragraph(config: dict, software: dict, facts: dict) -> str:
    """``facts``: documents, cases, paragraphs (unsampled_paragraphs optional), vocabulary, k, k_reason, clusters_tfidf,
    clusters_lda, agreement (list of dicts), duplicates, damaged_runs.

    Works are cited as ``[@key]`` (pandoc's form) with the keys of :mod:`govtopics.references`;
    the report writes those entries to ``results/references.bib`` and lists them below."""
    lda, cl, cmp_ = config["lda"], config["clusters"], config["compare"]
    agreement = "; ".join(_agreement(a) for a in facts["agreement"])
    unsampled = facts.get("unsampled_paragraphs", 0)
    sample = (
        f" (a sample chosen by a hash of paragraph ids; the other {unsampled} paragraphs long enough to train on "
        "were given their topic mixtures by the trained model)"
        if unsampled
        else ""
    )
    if facts["cases"] >= 3:
        how_many = (
            f"chosen by mean silhouette (at most {cl['max_k']}) [@rousseeuw1987; @kaufman1990]"
            if cl["k"] == "auto"
            else "fixed in the configuration"
        )
        clustering = (
            f"Cases were clustered hierarchically ({cl['method']} linkage on 1 − similarity), the number of clusters "
            f"{how_many} "
            f"({facts['clusters_tfidf']} for TF-IDF, {facts['clusters_lda']} for LDA); "
            f"cluster stability was estimated from {cl['bootstrap_rounds']} bootstrap resamples of each case's "
            "paragraphs (Hennig's Jaccard criterion [@hennig2007]) and across LDA seeds, and the clusters were "
            "compared with as many groups of the cases by length alone (adjusted Rand index [@hubert1985]). "
        )
    else:
        clustering = f"With {facts['cases']} case(s), the cases were not clustered (clustering needs at least three). "
    return (
        f"We analysed {facts['documents']} documents describing {facts['cases']} local governance cases with "
        f"govtopics {software.get('govtopics', '')}, a Snakemake {software.get('snakemake', '')} workflow "
        "[@molder2021]. Texts were cleaned by rule (navigation, spam, disclaimers, "
        f"footers, related-article lists and by-lines removed; converter pinyin annotations removed; "
        f"{_damage(config['clean']['encoding_damage'], facts)}; {facts['duplicates']} near-duplicate documents "
        "set aside, found by MinHash [@broder1997] with LSH Ensemble [@zhu2016] and checked pair by pair), "
        f"converted to Simplified Chinese with OpenCC {software.get('opencc', '')} [@opencc], and segmented with "
        f"jieba {software.get('jieba', '')} [@jieba] using a user dictionary of governance terms; stopwords, numbers, "
        f"place names{' and person names' if config['tokens']['drop_person_names'] else ''} were removed. "
        f"Cases were compared in three views: TF-IDF profiles [@salton1988] (scikit-learn "
        f"{software.get('scikit-learn', '')} [@pedregosa2011], "
        f"{'sublinear' if config['tfidf']['sublinear_tf'] else 'raw'} term frequency, cosine similarity); "
        f"topic mixtures from LDA [@blei2003] ({_trainer(lda, facts['paragraphs'], software)}, "
        f"α = {lda['alpha']}) trained on {facts['paragraphs']} paragraphs{sample} with a vocabulary of "
        f"{facts['vocabulary']} words, similarity 1 − Jensen–Shannon distance [@lin1991]; and rates of "
        "governance-mechanism categories from a codebook (hits per 10,000 tokens, cosine similarity). The number "
        f"of topics was chosen from K ∈ {{{', '.join(map(str, lda['k_grid']))}}}, each fitted with seeds "
        f"{lda['seeds']}, by NPMI coherence [@bouma2009; @lau2014; @roder2015] (mean over seeds; among the Ks "
        "within one standard error of the best, the one whose topics were most stable across seeds "
        f"[@greene2014], measured by the mean Jaccard of matched top-{lda['top_words']} words), "
        f"with u_mass coherence [@mimno2011], topic diversity [@dieng2020] and perplexity on "
        f"{lda['heldout_share']:.0%} held-out paragraphs by document completion (mixture inferred from half of "
        f"each paragraph's words, the other half scored) [@wallach2009] reported alongside: {facts['k_reason']}. "
        f"Every LDA finding uses all {len(lda['seeds'])} seeds' models of that K: the case similarity is the mean "
        "of the seeds' similarities, and topic shares are the mean of the seeds' mixtures, their topics "
        "matched one-to-one to the first seed's by the Hungarian algorithm on top-word Jaccard. "
        "Topics are described by their most probable words and by FREX [@bischof2012; @roberts2019]. "
        f"{clustering}"
        f"Agreement between views was measured by the Spearman "
        f"correlation of off-diagonal similarities with a Mantel test [@mantel1967] ({cmp_['permutations']} "
        f"permutations): {agreement}. Distinctive terms were identified by log-likelihood G² "
        f"[@dunning1993; @rayson2000] (listed at G² ≥ {cmp_['keyness_min_g2']}) "
        "with log-ratio effect sizes [@hardie2014], and cases were mapped by metric "
        "multidimensional scaling of 1 − similarity, with Kruskal's stress-1 [@kruskal1964]."
        f"{_covariates(config.get('covariates'), facts.get('covariates'))}"
    )


def _covariates(settings: dict | None, columns: list[str] | None) -> str:
    """The sentence on topic prevalence by covariate, when some column had levels to compare."""
    if not settings or not columns:
        return ""
    return (
        f" Topic prevalence by {' and by '.join(columns)} was estimated in the manner of stm's estimateEffect "
        "[@roberts2019]: the mean topic share of the cases of each level, with expanded percentile intervals "
        f"[@hesterberg2015] ({settings['level']:.0%}) from {settings['rounds']:,} bootstrap resamples of the cases; "
        "along time, each topic's change in share per decade is the least-squares slope over cases with a bootstrap "
        f"interval. Levels with fewer than {settings['min_cases']} cases were given no interval."
    )


def _agreement(row: dict) -> str:
    """One pair of views' agreement as a clause; an undefined one says why instead of a number."""
    rho, p = _number(row.get("spearman")), _number(row.get("p_value"))
    if rho is None or p is None:
        return f"{row['view_a']}–{row['view_b']} not defined ({row.get('note') or 'no value'})"
    return f"{row['view_a']}–{row['view_b']} ρ = {rho:.2f} (p = {p:.3f})"


def _number(value) -> float | None:
    """A finite float, or None for an empty cell, NaN or text."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _damage(action: str, facts: dict) -> str:
    """What was done with the runs of encoding damage, in the words of the setting used."""
    runs, repaired = facts["damaged_runs"], facts.get("damage_repaired", 0)
    if action == "repair":
        return (
            f"of {runs} runs of encoding damage (GBK text decoded out of step), {repaired} were realigned and kept "
            f"where they read as common Chinese ({facts.get('chars_recovered', 0)} characters recovered, "
            f"{facts.get('chars_restored', 0)} of them a character whose first byte was lost, restored because "
            f"exactly one candidate made a place name of the gazetteer; {facts.get('chars_lost', 0)} marked as lost) "
            "and the rest removed"
        )
    return f"{runs} runs of encoding damage {'flagged' if action == 'keep' else 'removed'}"


def _trainer(lda: dict, paragraphs: int, software: dict) -> str:
    """The trainer and how it learned (``lda.engine``)."""
    if lda["engine"] == "tomotopy":
        return (
            f"collapsed Gibbs sampling [@griffiths2004] by tomotopy {software.get('tomotopy', '')} [@tomotopy], "
            f"{lda['sweeps']} sweeps, one worker; paragraph mixtures inferred by the variational E-step "
            f"[@hoffman2010] of gensim "
            f"{software.get('gensim', '')} [@rehurek2010]"
        )
    return (
        f"gensim {software.get('gensim', '')} LdaModel [@rehurek2010], {_training(lda, paragraphs)}, "
        f"{lda['passes']} passes"
    )


def _training(lda: dict, paragraphs: int) -> str:
    """How the topics were learned: in full batches when the training paragraphs fit one chunk
    (``lda.chunksize``), else online in chunks of that size."""
    chunksize = lda["chunksize"]
    if paragraphs <= chunksize:
        return "variational Bayes in full batches [@hoffman2010]"
    return f"online variational Bayes [@hoffman2010] in chunks of {chunksize:,} paragraphs"
