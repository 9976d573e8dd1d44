"""LDA topic models on paragraphs, a grid of K × seeds scored by coherence, case topic mixtures.

Cases are too few to train a topic model on, so topics are learnt from the paragraphs (preambles
included); a case's topic mixture is the token-weighted mean of its paragraphs' mixtures. K is
chosen by NPMI coherence (Bouma 2009; Röder et al. 2015) averaged over seeds, unless fixed in the
config. gensim's ``LdaModel`` with a fixed ``random_state`` is bit-reproducible; ``LdaMulticore``
is not (gensim #3218), so fits run one per process.
"""

from __future__ import annotations

import logging

import numpy as np
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel
from scipy.spatial.distance import jensenshannon

from .io import InputError

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


def fit(
    texts,
    dictionary: Dictionary,
    k: int,
    seed: int,
    passes: int = 20,
    iterations: int = 400,
    alpha: str = "symmetric",
) -> LdaModel:
    corpus = [dictionary.doc2bow(t) for t in texts]
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
        chunksize=2000,
    )


def coherence(model: LdaModel, texts, dictionary: Dictionary, top_words: int = 10) -> dict:
    """NPMI (c_npmi, sliding window over the paragraphs) and u_mass coherence of a model."""
    topics = [[w for w, _ in model.show_topic(t, topn=top_words)] for t in range(model.num_topics)]
    scores = {}
    for measure in ("c_npmi", "u_mass"):
        cm = CoherenceModel(
            topics=topics, texts=texts, dictionary=dictionary, coherence=measure, topn=top_words, processes=1
        )
        scores[measure] = float(np.nan_to_num(cm.get_coherence()))
    unique = {w for topic in topics for w in topic}
    scores["diversity"] = len(unique) / (len(topics) * top_words)
    return scores


def grid(
    texts, dictionary: Dictionary, k_grid: list[int], seeds: list[int], top_words: int = 10, **fit_args
) -> tuple[list[dict], dict[tuple[int, int], LdaModel]]:
    """Fit every K × seed; return one score row per fit and the models."""
    rows, models = [], {}
    for k in k_grid:
        for seed in seeds:
            model = fit(texts, dictionary, k, seed, **fit_args)
            models[(k, seed)] = model
            rows.append({"k": k, "seed": seed, **coherence(model, texts, dictionary, top_words)})
    return rows, models


def choose_k(rows: list[dict], k_setting) -> tuple[int, str]:
    """The K to report and why: fixed in config, or the highest mean NPMI over seeds."""
    means = {}
    for row in rows:
        means.setdefault(row["k"], []).append(row["c_npmi"])
    means = {k: float(np.mean(v)) for k, v in means.items()}
    if k_setting != "auto":
        return int(k_setting), f"K = {k_setting} fixed in config (lda.k)"
    best = max(sorted(means), key=lambda k: (round(means[k], 10), -k))
    why = f"K = {best}: highest mean NPMI coherence over seeds ({means[best]:.3f})"
    if len(means) > 1 and best in (min(means), max(means)):
        why += "; it is at the edge of lda.k_grid, so a K outside the grid may score higher: widen the grid"
    return best, why


def topic_terms(model: LdaModel, top_words: int = 10) -> list[dict]:
    rows = []
    for t in range(model.num_topics):
        for rank, (word, weight) in enumerate(model.show_topic(t, topn=top_words), 1):
            rows.append({"topic": t + 1, "rank": rank, "term": word, "weight": float(weight)})
    return rows


def paragraph_topics(model: LdaModel, dictionary: Dictionary, token_lists) -> np.ndarray:
    """Topic distribution per token list (rows sum to 1; an empty list gets a uniform row)."""
    k = model.num_topics
    out = np.full((len(token_lists), k), 1.0 / k)
    for i, tokens in enumerate(token_lists):
        bow = dictionary.doc2bow(tokens)
        if bow:
            for topic, p in model.get_document_topics(bow, minimum_probability=0.0):
                out[i, topic] = p
            out[i] /= out[i].sum()
    return out


def case_topics(
    model: LdaModel, dictionary: Dictionary, paragraph_tokens: list[dict], case_ids: list[str]
) -> np.ndarray:
    """Case × topic proportions: paragraph mixtures weighted by their in-vocabulary token counts."""
    k = model.num_topics
    totals = np.zeros((len(case_ids), k))
    index = {c: i for i, c in enumerate(case_ids)}
    rows = [r for r in paragraph_tokens if r["case_id"] in index]
    mixtures = paragraph_topics(model, dictionary, [r["tokens"] for r in rows])
    for row, mixture in zip(rows, mixtures, strict=True):
        weight = sum(c for _, c in dictionary.doc2bow(row["tokens"]))
        totals[index[row["case_id"]]] += weight * mixture
    sums = totals.sum(axis=1, keepdims=True)
    return np.where(sums > 0, totals / np.where(sums > 0, sums, 1), 1.0 / k)


def js_similarity(proportions: np.ndarray) -> np.ndarray:
    """1 − Jensen–Shannon distance (base 2, so in [0, 1]) between rows."""
    n = len(proportions)
    sim = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = 1.0 - float(jensenshannon(proportions[i], proportions[j], base=2))
    return np.clip(np.nan_to_num(sim, nan=0.0), 0.0, 1.0)
