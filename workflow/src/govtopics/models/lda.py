"""LDA topic models on paragraphs, a grid of K × seeds scored by coherence, case topic mixtures.

Cases are too few to train a topic model on, so topics are learnt from the paragraphs (preambles
included); a case's topic mixture is the token-weighted mean of its paragraphs' mixtures. K is
chosen by NPMI coherence (Bouma 2009; Röder et al. 2015) averaged over seeds, unless fixed in the
config. gensim's ``LdaModel`` with a fixed ``random_state`` is bit-reproducible; ``LdaMulticore``
is not (gensim #3218), so fits run one per process.
"""

from __future__ import annotations

import hashlib
import logging
import time
from itertools import combinations
from pathlib import Path

import numpy as np
from gensim.corpora import Dictionary, MmCorpus
from gensim.models import CoherenceModel, LdaModel
from scipy.optimize import linear_sum_assignment

from ..reading.io import InputError, progress
from . import _gensim_private
from .clusters import labels_for

logging.getLogger("gensim").setLevel(logging.WARNING)


def training_texts(paragraph_tokens: list[dict], min_tokens: int = 5) -> list[list[str]]:
    """Token lists of the paragraphs long enough to train on, in the corpus order."""
    texts = [row["tokens"] for row in paragraph_tokens if len(row["tokens"]) >= min_tokens]
    if len(texts) < 2:
        raise InputError(
            f"only {len(texts)} paragraph(s) have at least {min_tokens} tokens, too few to train a "
            "topic model: add texts or lower 'lda.min_paragraph_tokens' in config/config.yaml"
        )
    return texts


MIN_PARAGRAPHS_PER_TOPIC = 2


def max_topics(n_paragraphs: int) -> int:
    """The largest K worth fitting on ``n_paragraphs`` training paragraphs: at least
    :data:`MIN_PARAGRAPHS_PER_TOPIC` paragraphs per topic. With more topics than that, topics
    are single paragraphs and their coherence rises for no reason (K = 40 on 20 paragraphs would
    win on NPMI)."""
    return max(n_paragraphs // MIN_PARAGRAPHS_PER_TOPIC, 1)


def unfitted_rows(k_values: list[int], seeds: list[int], n_paragraphs: int) -> list[dict]:
    """Rows of the selection table for the Ks too large for the corpus, saying why they were not fitted."""
    limit = max_topics(n_paragraphs)
    note = f"not fitted: K above {limit}, half the {n_paragraphs} training paragraphs"
    return [{"k": k, "seed": seed, "note": note} for k in k_values if k > limit for seed in seeds]


def _hash_fraction(pid: str, salt: str = "") -> float:
    """A number in [0, 1) fixed by the paragraph id: the same on every machine, in any order."""
    return int(hashlib.sha256((salt + pid).encode("utf-8")).hexdigest()[:12], 16) / 16**12


def heldout_mask(paragraph_ids: list[str], share: float = 0.1) -> list[bool]:
    """Which paragraphs are held out for perplexity: a fixed share chosen by a hash of the
    paragraph id, so the split does not depend on order, seed or machine."""
    return [_hash_fraction(pid) < share for pid in paragraph_ids]


def split_paragraphs(
    paragraph_tokens, min_tokens: int = 5, heldout_share: float = 0.1, train_sample: int = 0
) -> list[str]:
    """The role of every paragraph in the topic model, in corpus order: ``train``, ``heldout``
    (for perplexity; chosen by a hash of the paragraph id), ``short`` (fewer than ``min_tokens``
    tokens: not used to train or score) or, when ``train_sample`` > 0 and more paragraphs could
    train, ``unsampled`` (left out of training so that a large corpus trains on a sample of
    ``train_sample`` paragraphs; the sample is the paragraphs whose id hashes lowest, with a salt
    independent of the held-out hash, so it does not depend on order, shards or machine). Every
    paragraph, whatever its role, later gets its topic mixture from the reported model."""
    long_enough = [len(r["tokens"]) >= min_tokens for r in paragraph_tokens]
    ids = [r["paragraph_id"] for r in paragraph_tokens]
    heldout = heldout_mask(ids, heldout_share)
    roles = [
        "short" if not ok else ("heldout" if out else "train") for ok, out in zip(long_enough, heldout, strict=True)
    ]
    candidates = [i for i, role in enumerate(roles) if role == "train"]
    if 0 < train_sample < len(candidates):
        ranked = sorted(candidates, key=lambda i: (_hash_fraction(ids[i], "sample:"), ids[i]))
        for i in ranked[train_sample:]:
            roles[i] = "unsampled"
    return roles


def write_training_corpus(texts, dictionary: Dictionary, path: str | Path) -> None:
    """Serialise the bag-of-words of ``texts`` in Matrix Market format (``path`` and
    ``path.index``), so that every fit streams it from disk instead of holding it in memory."""
    MmCorpus.serialize(str(path), (dictionary.doc2bow(t) for t in texts))


def read_training_corpus(path: str | Path) -> MmCorpus:
    """The serialised training corpus, streamed from disk."""
    return MmCorpus(str(path))


def make_dictionary(texts: list[list[str]], no_below: int = 2, no_above: float = 0.5) -> Dictionary:
    """A gensim Dictionary over ``texts`` (ids depend only on token order, which is fixed)."""
    dictionary = Dictionary(texts)
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=None)
    dictionary.compactify()
    if len(dictionary) == 0:
        raise InputError(
            f"no word occurs in at least {no_below} paragraphs and at most {no_above:.0%} of them: "
            "lower 'lda.no_below' or raise 'lda.no_above' in config/config.yaml"
        )
    return dictionary


ENGINES = ("tomotopy", "gensim")


def fit(
    texts,
    dictionary: Dictionary,
    k: int,
    seed: int,
    passes: int = 20,
    iterations: int = 400,
    alpha: str = "symmetric",
    corpus=None,
    chunksize: int = 20000,
    engine: str = "tomotopy",
    sweeps: int = 200,
) -> LdaModel:
    """One LDA model, as a gensim ``LdaModel`` whichever ``engine`` trained it. ``corpus``: the
    bag-of-words of ``texts`` when already made (a serialised corpus streamed from disk);
    otherwise it is made from ``texts``.

    ``engine``: ``tomotopy`` (collapsed Gibbs sampling, ``sweeps`` sweeps: :mod:`govtopics.models.gibbs`)
    or ``gensim`` (online variational Bayes, ``passes``, ``iterations`` and ``chunksize``).
    ``benchmarks/engines.py`` compares them; docs/evaluation.md has its table.

    ``chunksize`` (gensim): paragraphs per update of the topics. A training set no larger is
    learned in full batches. Smaller chunks (gensim's default of 2,000) make the updates online,
    and on a corpus of a few thousand paragraphs they stall for larger K
    (``benchmarks/lda_convergence.py``).
    """
    if corpus is None:
        corpus = [dictionary.doc2bow(t) for t in texts]
    if engine == "tomotopy":
        from . import gibbs  # pins tomotopy's instruction set before importing it

        return gibbs.fit(corpus, dictionary, k, seed, sweeps, alpha)
    return LdaModel(
        corpus=corpus,
        id2word=dictionary,
        num_topics=k,
        random_state=seed,
        passes=passes,
        iterations=iterations,
        alpha=alpha,
        eta="symmetric",
        eval_every=None,
        chunksize=chunksize,
    )


def coherence(model: LdaModel, texts, dictionary: Dictionary, top_words: int = 10) -> dict:
    """NPMI (c_npmi, sliding window over the paragraphs) and u_mass coherence of a model."""
    return coherences([model], texts, dictionary, top_words)[0]


def coherences(models: list[LdaModel], texts, dictionary: Dictionary, top_words: int = 10) -> list[dict]:
    """:func:`coherence` of several models at once: the word (co-)occurrences are counted in one
    pass over ``texts`` for the top words of every model (the slow part), and each model's score
    is the mean over its own topics, as gensim computes it for one model. The counts of a word
    pair and the number of windows do not depend on which other words are counted, so each
    model's scores are those it would get alone."""
    topic_lists = [top_word_lists(model, top_words) for model in models]
    every_topic = [topic for topics in topic_lists for topic in topics]
    per_topic = {}
    for measure in ("c_npmi", "u_mass"):
        cm = CoherenceModel(
            topics=every_topic, texts=texts, dictionary=dictionary, coherence=measure, topn=top_words, processes=1
        )
        segments = cm.measure.seg(cm.topics)
        if measure == "c_npmi":  # gensim's counts, counted faster (govtopics.models._gensim_private)
            _gensim_private.count_windows(cm, segments, texts, dictionary)
        per_topic[measure] = cm.get_coherence_per_topic(segments)
    scores, start = [], 0
    for topics in topic_lists:
        end = start + len(topics)
        # gensim's aggregation: the arithmetic mean of the per-topic values
        row = {m: float(np.nan_to_num(np.mean(values[start:end]))) for m, values in per_topic.items()}
        row["diversity"] = len({w for topic in topics for w in topic}) / (len(topics) * top_words)
        scores.append(row)
        start = end
    return scores


def top_word_lists(model: LdaModel, topn: int = 10) -> list[list[str]]:
    """Each topic's ``topn`` most probable words, in order of probability."""
    return [[w for w, _ in model.show_topic(t, topn=topn)] for t in range(model.num_topics)]


def top_word_sets(model: LdaModel, topn: int = 10) -> list[set[str]]:
    return [set(words) for words in top_word_lists(model, topn)]


def match_topics(reference: LdaModel, other: LdaModel, topn: int = 10) -> tuple[list[int], list[float]]:
    """Match ``other``'s topics one-to-one to ``reference``'s (Hungarian algorithm on the Jaccard
    similarity of their top words). Returns, for each reference topic, the matched topic of
    ``other`` and the Jaccard similarity of the pair."""
    a, b = top_word_sets(reference, topn), top_word_sets(other, topn)
    jaccard = np.array([[len(x & y) / len(x | y) for y in b] for x in a])
    rows, cols = linear_sum_assignment(-jaccard)
    order = np.argsort(rows)
    return [int(c) for c in cols[order]], [float(jaccard[r, c]) for r, c in zip(rows[order], cols[order], strict=True)]


def stability(models: dict[int, LdaModel], topn: int = 10) -> dict[int, float]:
    """Per seed: the mean Jaccard of its topics' top words with their matched topics in every
    other seed's model (1 = the same topics whatever the seed)."""
    scores: dict[int, list[float]] = {seed: [] for seed in models}
    for s1, s2 in combinations(sorted(models), 2):
        _, jaccards = match_topics(models[s1], models[s2], topn)
        scores[s1].append(float(np.mean(jaccards)))
        scores[s2].append(float(np.mean(jaccards)))
    return {seed: float(np.mean(v)) if v else float("nan") for seed, v in scores.items()}


def perplexity(model: LdaModel, dictionary: Dictionary, texts) -> float:
    """Held-out perplexity per word by document completion (Wallach et al. 2009; lower is
    better): each held-out paragraph's words (those in the dictionary) are dealt alternately
    into two halves; the topic mixture θ is inferred from the first half only, and the second
    half is scored, exp of minus the mean of log Σ_k θ_k β_kw over its words. Paragraphs with
    fewer than two known words are skipped.

    Scoring the same words θ was inferred from would reward a model for fitting each held-out
    paragraph after the fact, more so the more topics it has (on the Government Work Reports that
    estimator ranked K = 25 best; by completion K = 5 and 10 are best). gensim's
    ``log_perplexity`` has both problems (it scores the words it inferred from, and adds the
    global topic–word term of its bound unscaled to the held-out size) and is not used.
    """
    beta = model.get_topics()
    loglik, words = 0.0, 0
    for tokens in texts:
        known = [t for t in tokens if t in dictionary.token2id]
        observed, scored = known[0::2], known[1::2]
        if not scored:
            continue
        theta = np.zeros(model.num_topics)
        for topic, share in model.get_document_topics(dictionary.doc2bow(observed), minimum_probability=0.0):
            theta[topic] = share
        for word_id, count in dictionary.doc2bow(scored):
            loglik += count * float(np.log(theta @ beta[:, word_id]))
            words += count
    return float(np.exp(-loglik / words)) if words else float("nan")


def fit_k(
    texts,
    dictionary: Dictionary,
    k: int,
    seeds: list[int],
    top_words: int = 10,
    heldout_texts=None,
    corpus=None,
    **fit_args,
) -> tuple[list[dict], dict[int, LdaModel]]:
    """Fit one K with every seed on ``texts``: one score row per seed (NPMI and u_mass coherence,
    diversity, held-out perplexity on ``heldout_texts``, stability across the seeds, and the top
    words the scores were computed on) and the models by seed."""
    log = logging.getLogger(__name__)
    rows, models = [], {}
    for seed in progress(seeds, len(seeds), f"lda K = {k}: seeds fitted", seconds=0):
        start = time.perf_counter()
        model = fit(texts, dictionary, k, seed, corpus=corpus, **fit_args)
        fitted = time.perf_counter()
        models[seed] = model
        row = {"k": k, "seed": seed}
        row["perplexity"] = perplexity(model, dictionary, heldout_texts) if heldout_texts else float("nan")
        row["top_words"] = " | ".join(" ".join(sorted(words)) for words in top_word_lists(model, top_words))
        rows.append(row)
        log.info(
            "K = %d, seed %d: fitted in %.1f s, held-out perplexity in %.1f s",
            k,
            seed,
            fitted - start,
            time.perf_counter() - fitted,
        )
    start = time.perf_counter()
    scored = coherences(list(models.values()), texts, dictionary, top_words)
    log.info("K = %d: coherence of %d models in %.1f s", k, len(models), time.perf_counter() - start)
    for row, scores in zip(rows, scored, strict=True):
        row.update(scores)
        log.info("K = %d, seed %d: NPMI %.3f", k, row["seed"], row["c_npmi"])
    stable = stability(models, top_words)
    for row in rows:
        row["stability"] = stable[row["seed"]]
    return rows, models


def choose_k(rows: list[dict], k_setting, min_stability: float = 0.5) -> tuple[int, dict]:
    """The K to report and why: ``{"codes": [...], …numbers}`` (``chosen_k.json``'s ``reason``;
    the report says the codes in words).

    Rule (unless ``lda.k`` fixes K): NPMI coherence is the criterion (Röder et al. 2015: of the
    coherence measures, the closest to human judgements), averaged over the seeds. The Ks whose
    mean NPMI is within one standard error (over seeds) of the best are as good as the best (the
    one-standard-error rule of Breiman et al. 1984); among them the most stable across seeds is
    chosen (mean top-word Jaccard of matched topics; ties go to the smaller K). Stability is a
    tie-break and a warning, not a gate: it falls as K grows whatever the data, so a threshold on
    it picks the smallest K of the grid. A chosen K whose stability is below ``min_stability`` is
    flagged in the reason.

    Codes: ``fixed`` (lda.k), ``highest_npmi`` (with ``within_se_less_stable`` when other Ks are
    as good but less stable) or ``most_stable_within_se``; then ``not_stable`` (below
    ``min_stability``), ``not_fitted`` (Ks too large for the corpus) and ``grid_edge`` (the chosen K
    is the grid's ``side`` end: the best K may lie beyond; ``next_k`` is the one to add).
    """
    fitted = [row for row in rows if not row.get("note")]
    if not fitted:
        raise InputError(
            f"every K of 'lda.k_grid' was too large for this corpus ({rows[0]['note'] if rows else 'no rows'}): "
            "add smaller Ks to lda.k_grid in the config, or add texts"
        )
    by_k: dict[int, list[dict]] = {}
    for row in fitted:
        by_k.setdefault(row["k"], []).append(row)
    npmi = {k: float(np.mean([r["c_npmi"] for r in v])) for k, v in by_k.items()}
    stable = {k: float(np.nanmean([r.get("stability", 1.0) for r in v])) for k, v in by_k.items()}
    if k_setting != "auto":
        if int(k_setting) not in by_k:
            notes = [r["note"] for r in rows if r["k"] == int(k_setting)]
            if not notes:
                raise InputError(f"'lda.k' in the config is {k_setting}, which is not in lda.k_grid: add it there")
            raise InputError(
                f"'lda.k' in the config is {k_setting}, too large for this corpus ({notes[0]}): choose a smaller K"
            )
        return int(k_setting), {"codes": ["fixed"]}
    top = max(sorted(by_k), key=lambda k: (round(npmi[k], 10), -k))
    values = [r["c_npmi"] for r in by_k[top]]
    se = float(np.std(values, ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0
    tied = [k for k in sorted(by_k) if round(npmi[k], 10) >= round(npmi[top] - se, 10)]
    best = max(tied, key=lambda k: (round(stable[k], 10), -k))
    why: dict = {
        "codes": [],
        "npmi": npmi[best],
        "se": se,
        "stability": None if np.isnan(stable[best]) else stable[best],
    }
    if best == top:
        why["codes"].append("highest_npmi")
        others = [k for k in tied if k != best]
        if others:
            why["codes"].append("within_se_less_stable")
            why["others"] = [int(k) for k in others]
    else:
        why["codes"].append("most_stable_within_se")
        why.update(top=int(top), top_npmi=npmi[top])
    if not np.isnan(stable[best]) and stable[best] < min_stability:
        why["codes"].append("not_stable")
        why["min_stability"] = min_stability
    skipped = sorted({r["k"] for r in rows if r.get("note")})
    if skipped:
        why["codes"].append("not_fitted")
        why["skipped"] = [int(k) for k in skipped]
    if len(by_k) > 1 and best in (min(by_k), max(by_k)):
        grid = sorted(by_k)
        if best == grid[-1]:
            side, next_k = "largest", best + (grid[-1] - grid[-2])
        else:
            side, next_k = "smallest", max(2, best - (grid[1] - grid[0]))
        if next_k != best:
            why["codes"].append("grid_edge")
            why.update(side=side, next_k=int(next_k))
    return best, why


def runner_up(rows: list[dict], chosen: int, k_setting) -> dict:
    """The K the same rule (:func:`choose_k`) takes when the chosen K is left out, and whether the
    choice between them is close: ``{"k": …, "close": bool, "npmi": …, "chosen_npmi": …, "se": …}``
    (``{}`` when K is fixed in the config or no other K was fitted). Close means the runner-up's
    mean NPMI is within one standard error (over seeds) of the chosen K's: the data do not tell the
    two apart, and the report says how far the cases' groups move between them."""
    fitted = [r for r in rows if not r.get("note")]
    others = [r for r in fitted if r["k"] != chosen]
    if k_setting != "auto" or not others:
        return {}
    second, _ = choose_k(others, "auto")
    npmi = {k: [r["c_npmi"] for r in fitted if r["k"] == k] for k in (chosen, second)}
    values = npmi[chosen]
    se = float(np.std(values, ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0
    best, runner = float(np.mean(npmi[chosen])), float(np.mean(npmi[second]))
    return {"k": int(second), "close": bool(abs(best - runner) <= se), "npmi": runner, "chosen_npmi": best, "se": se}


def groups_moved(a: np.ndarray, b: np.ndarray, method: str = "average", most: int = 8) -> list[dict]:
    """How alike the cases' groups are under two case × case similarities (two Ks): each cut into
    the same number of groups g = 2…min(``most``, n − 1), the adjusted Rand index of the two."""
    from sklearn.metrics import adjusted_rand_score  # here, as clusters.silhouettes does: a slow import

    n = len(a)
    return [
        {"groups": g, "ari": float(adjusted_rand_score(labels_for(a, method, g), labels_for(b, method, g)))}
        for g in range(2, min(most, n - 1) + 1)
    ]


def paragraph_topics(model: LdaModel, dictionary: Dictionary, token_lists, ids: list[str] | None = None) -> np.ndarray:
    """Topic distribution per token list (rows sum to 1; an empty list gets a uniform row).

    gensim starts each inference from random values drawn from the model's one random state, so
    a paragraph's mixture would depend on which paragraphs were inferred before it, in which job.
    With ``ids`` (the paragraph ids) each paragraph starts from a state seeded by its own id, and
    its mixture is the same whatever the order, the shards or the jobs that infer it.
    """
    k = model.num_topics
    out = np.full((len(token_lists), k), 1.0 / k)
    state = model.random_state
    if ids is not None:
        model.random_state = np.random.RandomState(0)  # reseeded per paragraph (3 µs; a new one costs 60×)
    try:
        for i, tokens in enumerate(token_lists):
            bow = dictionary.doc2bow(tokens)
            if bow:
                if ids is not None:
                    model.random_state.seed(int(_hash_fraction(ids[i], "inference") * 2**32))
                for topic, p in model.get_document_topics(bow, minimum_probability=0.0):
                    out[i, topic] = p
                out[i] /= out[i].sum()
    finally:
        model.random_state = state
    return out


def token_weights(dictionary: Dictionary, token_lists) -> list[int]:
    """Each paragraph's weight in its case: its in-vocabulary tokens."""
    return [sum(c for _, c in dictionary.doc2bow(tokens)) for tokens in token_lists]


def case_topics(
    model: LdaModel, dictionary: Dictionary, paragraph_tokens: list[dict], case_ids: list[str]
) -> np.ndarray:
    """Case × topic proportions in one call, by the pipeline's own steps: every paragraph's mixture
    as ``lda_infer`` infers it (:func:`paragraph_topics`, seeded by its ``paragraph_id``; a row
    without one, as in the benchmarks' planted texts, by its position), then weighted by
    :func:`token_weights` and combined per case as the ``lda`` stage does (:func:`aggregate_mixtures`)."""
    index = set(case_ids)
    rows = [r for r in paragraph_tokens if r["case_id"] in index]
    if not rows:
        return np.full((len(case_ids), model.num_topics), 1.0 / model.num_topics)
    tokens = [r["tokens"] for r in rows]
    ids = [str(r.get("paragraph_id", f"row{i}")) for i, r in enumerate(rows)]
    mixtures = paragraph_topics(model, dictionary, tokens, ids)
    return aggregate_mixtures(mixtures, token_weights(dictionary, tokens), [r["case_id"] for r in rows], case_ids)


def aggregate_mixtures(mixtures: np.ndarray, weights: list[int], groups: list[str], ids: list[str]) -> np.ndarray:
    """Rows of ``ids`` (cases or groups of them): the mixtures of their paragraphs (``groups``
    gives each paragraph's id) weighted by ``weights`` (in-vocabulary tokens); an id with no
    weight gets a uniform row."""
    k = mixtures.shape[1] if len(mixtures) else 1
    totals = np.zeros((len(ids), k))
    index = {c: i for i, c in enumerate(ids)}
    for group, mixture, weight in zip(groups, mixtures, weights, strict=True):
        if group in index:
            totals[index[group]] += weight * mixture
    sums = totals.sum(axis=1, keepdims=True)
    return np.where(sums > 0, totals / np.where(sums > 0, sums, 1), 1.0 / k)


def consensus_similarity(similarities: list[np.ndarray]) -> np.ndarray:
    """The case × case similarity of all seeds' models together: the mean of each seed's. It needs
    no matching of topics across seeds (a similarity of mixtures does not depend on the topics'
    order), so a seed whose topics are cut differently still counts in full."""
    return np.mean(np.stack([np.asarray(s, dtype=float) for s in similarities]), axis=0)


def seed_spread(by_seed) -> dict:
    """How much the case × case similarity moves with the seed (``similarity_by_seed.csv``): per
    pair of cases, the range of its similarity over the seeds; the median and 90th percentile of
    those ranges, and the lowest Spearman correlation between two seeds' similarities."""
    from scipy.stats import spearmanr

    wide = by_seed.pivot_table(index=["case_a", "case_b"], columns="seed", values="similarity")
    if wide.shape[1] < 2 or len(wide) < 2:
        return {"seeds": int(wide.shape[1]), "pairs": len(wide)}
    ranges = (wide.max(axis=1) - wide.min(axis=1)).to_numpy()
    lowest = min(float(spearmanr(wide[a], wide[b]).statistic) for a, b in combinations(list(wide.columns), 2))
    return {
        "seeds": int(wide.shape[1]),
        "pairs": len(wide),
        "median_range": float(np.median(ranges)),
        "p90_range": float(np.percentile(ranges, 90)),
        "lowest_rho": lowest,
    }


def aligned_mixtures(reference: LdaModel, models: dict, mixtures: dict, topn: int = 10) -> dict:
    """Each seed's paragraph mixtures with its topics put in the order of ``reference``'s
    (:func:`match_topics`), so that they can be averaged topic by topic."""
    out = {}
    for seed, model in models.items():
        order, _ = (
            match_topics(reference, model, topn) if model is not reference else (list(range(model.num_topics)), None)
        )
        out[seed] = np.asarray(mixtures[seed])[:, order]
    return out


def js_similarity(proportions: np.ndarray, block_cells: int = 5_000_000) -> np.ndarray:
    """1 − Jensen–Shannon distance (base 2, so in [0, 1]) between rows, computed in blocks of
    rows (about ``block_cells`` rows × rows × topics values at a time), so that thousands of
    cases take seconds and bounded memory. A row of zeros has similarity 0 to the others."""
    proportions = np.asarray(proportions, dtype=float)
    n = len(proportions)
    sim = np.ones((n, n))
    block = max(1, block_cells // max(1, n * proportions.shape[1]))
    for start in range(0, n, block):
        rows = slice(start, min(start + block, n))
        sim[rows] = js_similarity_to(proportions[rows], proportions)
    sim = np.clip(np.nan_to_num(sim, nan=0.0), 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def js_similarity_to(rows: np.ndarray, proportions: np.ndarray) -> np.ndarray:
    """1 − Jensen–Shannon distance (base 2) of each of ``rows`` to every row of ``proportions``
    (len(rows) × N; the same measure as :func:`js_similarity`, vectorised for blocks of rows).

    JS(p, q) = H(m) − (H(p) + H(q)) / 2 with m = (p + q) / 2: one logarithm per pair and topic,
    the entropies of the rows computed once (eight times faster than two relative entropies, which
    made each case's nearest cases the slowest step at ten thousand cases)."""
    from scipy.special import xlogy

    with np.errstate(invalid="ignore", divide="ignore"):  # a row of zeros gives NaN: no distribution
        p = rows / rows.sum(axis=1, keepdims=True)
        q = proportions / proportions.sum(axis=1, keepdims=True)
    neg_hp, neg_hq = xlogy(p, p).sum(axis=1), xlogy(q, q).sum(axis=1)
    m = p[:, None, :] + q[None, :, :]
    m *= 0.5
    neg_hm = xlogy(m, m, out=m).sum(axis=2)
    js = (neg_hp[:, None] + neg_hq[None, :]) / 2 - neg_hm
    return np.clip(1.0 - np.sqrt(np.maximum(js, 0.0) / np.log(2)), 0.0, 1.0)


def frex(model: LdaModel, topn: int = 10, weight: float = 0.5) -> list[list[tuple[str, float]]]:
    """Top words of each topic by FREX (Bischof & Airoldi 2012, as in the stm package): the
    weighted harmonic mean of a word's rank by frequency in the topic and by exclusivity to it
    (its probability in the topic over its summed probability in all topics)."""
    beta = model.get_topics()  # K × V, rows sum to 1
    exclusivity = beta / beta.sum(axis=0, keepdims=True)

    def ecdf(values: np.ndarray) -> np.ndarray:
        ranks = values.argsort(axis=1).argsort(axis=1) + 1
        return ranks / values.shape[1]

    score = 1.0 / (weight / ecdf(exclusivity) + (1 - weight) / ecdf(beta))
    out = []
    for k in range(beta.shape[0]):
        best = np.argsort(-score[k], kind="stable")[:topn]
        out.append([(model.id2word[int(j)], float(score[k, j])) for j in best])
    return out


def topic_table(model: LdaModel, top_words: int = 10) -> list[dict]:
    """Per topic and rank: the word by probability and the word by FREX (topics are named at
    figure and report time, so renaming them reruns no model)."""
    by_frex = frex(model, top_words)
    rows = []
    for t in range(model.num_topics):
        for rank, ((word, p), (fword, fscore)) in enumerate(
            zip(model.show_topic(t, topn=top_words), by_frex[t], strict=True), 1
        ):
            rows.append(
                {
                    "topic": t + 1,
                    "rank": rank,
                    "term": word,
                    "probability": float(p),
                    "frex_term": fword,
                    "frex": fscore,
                }
            )
    return rows


def typical_paragraphs(mixtures: np.ndarray, rows: list[dict], n: int = 3) -> list[dict]:
    """The ``n`` paragraphs with the highest share of each topic (ties by paragraph id)."""
    out = []
    ids = np.array([r["paragraph_id"] for r in rows], dtype=object)
    id_rank = np.argsort(np.argsort(ids, kind="stable"), kind="stable")
    for t in range(mixtures.shape[1]):
        order = np.lexsort((id_rank, -np.round(mixtures[:, t], 12)))[:n] if len(rows) else []
        for rank, i in enumerate(order, 1):
            out.append(
                {
                    "topic": t + 1,
                    "rank": rank,
                    "paragraph_id": rows[i]["paragraph_id"],
                    "case_id": rows[i]["case_id"],
                    "share": float(mixtures[i, t]),
                }
            )
    return out


DOMINATED = 0.5  # a topic more than half of whose tokens come from one document is that document's


def topic_sources(mixtures: np.ndarray, weights: list[int], documents: list[str]) -> list[dict]:
    """Per topic and document: the share of the topic's token mass that comes from the document.

    A topic drawn mostly from one document may describe that article (its style, its site)
    rather than a theme shared by cases; ``dominated`` marks shares above one half.
    """
    mass = np.asarray(mixtures) * np.asarray(weights, dtype=float)[:, None]
    totals = mass.sum(axis=0)
    rows = []
    positions: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):  # one pass, not one scan of every paragraph per document
        positions.setdefault(doc, []).append(i)
    for doc in sorted(positions):
        share = mass[positions[doc]].sum(axis=0) / np.where(totals > 0, totals, 1)
        rows.extend(
            {"topic": t + 1, "doc_id": doc, "share": float(share[t]), "dominated": bool(share[t] > DOMINATED)}
            for t in range(mass.shape[1])
        )
    return rows


def topic_map(model: LdaModel, prevalence: np.ndarray) -> list[dict]:
    """Where each topic sits on the intertopic distance map of LDAvis (Sievert & Shirley 2014):
    Jensen–Shannon divergence between the topics' word distributions, laid out in two dimensions by
    classical multidimensional scaling (principal coordinates, LDAvis's default), with each topic's
    ``prevalence`` (its share of the corpus's tokens). Signs are fixed (each axis's largest
    coordinate positive), so the same model gives the same map."""
    beta = model.get_topics().astype(np.float64)
    k = beta.shape[0]
    similarity = js_similarity(beta)  # 1 − √(JS / ln 2)
    distance = 1.0 - similarity  # √JS in [0, 1]
    if k < 2:
        coords = np.zeros((k, 2))
    else:
        squared = distance**2
        centring = np.eye(k) - np.ones((k, k)) / k
        inner = -0.5 * centring @ squared @ centring
        values, vectors = np.linalg.eigh(inner)
        order = np.argsort(values)[::-1][:2]
        coords = vectors[:, order] * np.sqrt(np.maximum(values[order], 0.0))
        if coords.shape[1] < 2:
            coords = np.hstack([coords, np.zeros((k, 2 - coords.shape[1]))])
        for axis in range(2):
            if coords[np.argmax(np.abs(coords[:, axis])), axis] < 0:
                coords[:, axis] *= -1
    return [
        {"topic": t + 1, "x": float(coords[t, 0]), "y": float(coords[t, 1]), "prevalence": float(prevalence[t])}
        for t in range(k)
    ]


def relevance_terms(model: LdaModel, prevalence: np.ndarray, n: int = 30) -> list[dict]:
    """Each topic's candidate terms for LDAvis's relevance (Sievert & Shirley 2014):
    relevance(w | t, λ) = λ log φ_tw + (1 − λ) log(φ_tw / p_w), where p_w = Σ_t P(t) φ_tw is the
    word's probability in the corpus under the model. The terms are the union of the ``n`` best
    at λ = 1, 0.6 (their recommendation), 0.2 and 0, so that a reader's slider finds its top words
    among them; each row has φ_tw and p_w, from which the page computes relevance at any λ."""
    beta = model.get_topics().astype(np.float64)
    weights = np.asarray(prevalence, dtype=np.float64)
    marginal = weights @ beta / max(weights.sum(), 1e-300)
    log_beta = np.log(beta)
    lift = log_beta - np.log(np.maximum(marginal, 1e-300))
    rows = []
    for t in range(beta.shape[0]):
        chosen: list[int] = []
        for weight in (1.0, 0.6, 0.2, 0.0):
            score = weight * log_beta[t] + (1 - weight) * lift[t]
            for j in np.argsort(-score, kind="stable")[:n]:
                if int(j) not in chosen:
                    chosen.append(int(j))
        rows.extend(
            {
                "topic": t + 1,
                "term": model.id2word[j],
                "probability": float(beta[t, j]),
                "corpus_probability": float(marginal[j]),
            }
            for j in chosen
        )
    return rows
