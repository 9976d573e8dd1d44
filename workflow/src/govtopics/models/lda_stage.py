"""The LDA stage: the cases described with the chosen K's models of every seed, and how far the
seeds agree (the ``lda`` rule's one entry, :func:`describe`).

- Topics (``topics``) are the first seed's, each with its ``stability``: the mean Jaccard of its
  top words with its matched topic in the other seeds (``alignment``).
- Paragraph mixtures are every seed's, its topics matched to the first seed's, averaged; case
  mixtures (``case_topics``, rows sum to 1), typical paragraphs and topic sources come from them.
- Case × case similarity (1 − Jensen–Shannon distance) is the mean of every seed's own
  (``by_seed``), which needs no matching of topics; each case's nearest cases (``nearest_cases``)
  are by that mean, with ``seeds_agree``: the share of seeds whose own nearest cases include the
  neighbour.
- For the explorer's map of topics and its relevance slider (LDAvis): the reference model, with
  each topic's share of the cases' tokens under the seeds' matched mixtures (``topic_map``,
  ``topic_terms``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comparison.compare import NEAREST_COLUMNS, nearest_rows
from ..text.cases import relabel
from . import lda


def _alignment(models: dict, top_words: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every seed's topics matched to the reference (first) seed's, and the reference's topics
    with their stability across the other seeds."""
    seeds = list(models)
    reference = models[seeds[0]]
    rows = []
    for seed, model in models.items():
        matched, jaccards = lda.match_topics(reference, model, top_words)
        for topic, (other, jaccard) in enumerate(zip(matched, jaccards, strict=True), 1):
            rows.append({"topic": topic, "seed": seed, "matched_topic": other + 1, "jaccard": jaccard})
    alignment = pd.DataFrame(rows)
    others = alignment[alignment["seed"] != seeds[0]]
    stable = others.groupby("topic")["jaccard"].mean() if len(others) else pd.Series(dtype=float)
    topics = pd.DataFrame(lda.topic_table(reference, top_words))
    topics["stability"] = topics["topic"].map(stable).astype(float) if len(stable) else float("nan")
    return alignment, topics


def _nearest(case_mixtures: dict, all_cases: list[str], all_labels: list[str], k: int, nearest: int) -> pd.DataFrame:
    """Each case's nearest cases by the seeds' mean similarity, a block of cases at a time, and the
    share of seeds whose own nearest cases include each neighbour."""
    block = max(1, 20_000_000 // max(1, len(all_cases) * k * len(case_mixtures)))
    neighbours = nearest_rows(
        lambda rows: np.mean([lda.js_similarity_to(m[rows], m) for m in case_mixtures.values()], axis=0),
        all_cases,
        all_labels,
        nearest,
        block=block,
    )
    own = [
        {
            (r["case_id"], r["neighbour_id"])
            for r in nearest_rows(
                lambda rows, m=m: lda.js_similarity_to(m[rows], m), all_cases, all_labels, nearest, block=block
            )
        }
        for m in case_mixtures.values()
    ]
    for row in neighbours:
        row["seeds_agree"] = round(sum((row["case_id"], row["neighbour_id"]) in pairs for pairs in own) / len(own), 6)
    return pd.DataFrame(neighbours, columns=[*NEAREST_COLUMNS, "seeds_agree"])


def _by_seed(seed_similarity: dict, case_labels: list[str]) -> pd.DataFrame:
    frames = []
    first, second = np.triu_indices(len(case_labels), 1)
    names = np.array(case_labels, dtype=object)
    for seed, sim in seed_similarity.items():
        frames.append(
            pd.DataFrame(
                {"seed": seed, "case_a": names[first], "case_b": names[second], "similarity": sim[first, second]}
            )
        )
    columns = ["seed", "case_a", "case_b", "similarity"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def describe(
    models: dict,
    paragraph_tokens: list[dict],
    unit_of: dict[str, str],
    case_label: dict[str, str],
    cases: pd.DataFrame,
    inferred: pd.DataFrame,
    text_of: dict[str, str],
    top_words: int,
    nearest: int,
    runner_up: tuple | None = None,
) -> dict:
    """Every table of the LDA stage.

    ``models``: seed → model of the chosen K, in ``lda.seeds`` order (the first is the reference);
    ``paragraph_tokens``: the rows of ``paragraph_tokens.jsonl``; ``unit_of`` and ``case_label``:
    ``case_units.csv`` read by :func:`govtopics.text.cases.read_unit_map` (the unit each case is compared
    in, and each case's label); ``cases``: the compared units (``units.csv``); ``inferred``: every
    shard's ``mixtures.csv`` of ``lda_infer``, one after the other; ``text_of``: paragraph id →
    text. ``runner_up``: (the runner-up K's model of the first seed, the dictionary) or None: then
    ``k_sensitivity`` says how far the cases' groups move between the two Ks (the first seed's
    similarity under each, average-linkage trees cut alike; not clusters.method, so that changing it
    refits nothing here). Returns DataFrames keyed by the rule's output names, and ``similarity`` as
    (matrix, labels).
    """
    reference = next(iter(models.values()))
    k = reference.num_topics
    alignment, topics = _alignment(models, top_words)
    unit_rows = list(relabel(paragraph_tokens, unit_of))
    case_ids, case_labels = list(cases["case_id"]), list(cases["label"])
    label_of = dict(zip(case_ids, case_labels, strict=True))
    # every paragraph of a case got its mixture under each seed's model, shard by shard (lda_infer);
    # units and cases are token-weighted means of them
    in_cases = [(r, u) for r, u in zip(paragraph_tokens, unit_rows, strict=True) if u["case_id"] in label_of]
    topic_columns = [f"topic_{t + 1}" for t in range(k)]
    by_seed_mixtures, weights = {}, []
    for seed in models:
        frame = inferred[inferred["seed"] == seed].set_index("paragraph_id")
        frame = frame.reindex([r["paragraph_id"] for r, _ in in_cases])  # every paragraph of a case, in order
        by_seed_mixtures[seed] = frame[topic_columns].to_numpy(dtype=float).reshape(-1, k)
        weights = frame["tokens"].astype(int).tolist()
    # Mixtures: every seed's, its topics matched to the reference seed's, averaged (topic shares,
    # typical paragraphs, sources). Similarity and nearest cases: the mean of every seed's own.
    aligned = lda.aligned_mixtures(reference, models, by_seed_mixtures, top_words)
    mixtures = np.mean([aligned[seed] for seed in models], axis=0)
    unit_ids = [u["case_id"] for _, u in in_cases]
    case_topics = pd.DataFrame(lda.aggregate_mixtures(mixtures, weights, unit_ids, case_ids), columns=topic_columns)
    case_topics.insert(0, "case", case_labels)
    case_topics.insert(0, "case_id", case_ids)
    seed_similarity = {
        seed: lda.js_similarity(lda.aggregate_mixtures(by_seed_mixtures[seed], weights, unit_ids, case_ids))
        for seed in models
    }
    paragraph_topics = pd.DataFrame(mixtures, columns=topic_columns)
    paragraph_topics.insert(0, "tokens", weights)
    paragraph_topics.insert(0, "case_id", unit_ids)
    paragraph_topics.insert(0, "paragraph_id", [r["paragraph_id"] for r, _ in in_cases])
    prevalence = (mixtures * np.asarray(weights, dtype=float)[:, None]).sum(axis=0)
    prevalence = prevalence / max(prevalence.sum(), 1e-300)
    typical = lda.typical_paragraphs(mixtures, [r for r, _ in in_cases], 3)
    for row in typical:
        row["case"] = case_label[row["case_id"]]  # the paragraph's own case, grouped or not
        row["text"] = text_of[row["paragraph_id"]]
    all_cases = list(unit_of)
    paragraph_cases = [r["case_id"] for r, _ in in_cases]
    case_mixtures = {
        seed: lda.aggregate_mixtures(by_seed_mixtures[seed], weights, paragraph_cases, all_cases) for seed in models
    }
    moved = pd.DataFrame(columns=["k", "runner_up", "groups", "ari"])
    if runner_up is not None and len(case_ids) >= 4:
        model, dictionary = runner_up
        tokens = [r["tokens"] for r, _ in in_cases]
        theirs = lda.paragraph_topics(model, dictionary, tokens, [r["paragraph_id"] for r, _ in in_cases])
        theirs = lda.js_similarity(lda.aggregate_mixtures(theirs, weights, unit_ids, case_ids))
        ours = seed_similarity[next(iter(models))]
        moved = pd.DataFrame(
            [{"k": k, "runner_up": model.num_topics, **row} for row in lda.groups_moved(ours, theirs)],
            columns=["k", "runner_up", "groups", "ari"],
        )
    return {
        "k_sensitivity": moved,
        "alignment": alignment,
        "topics": topics,
        "case_topics": case_topics,
        "similarity": (lda.consensus_similarity(list(seed_similarity.values())), case_labels),
        "paragraph_topics": paragraph_topics,
        "sources": pd.DataFrame(lda.topic_sources(mixtures, weights, [r["doc_id"] for r, _ in in_cases])),
        "topic_map": pd.DataFrame(lda.topic_map(reference, prevalence)),
        "topic_terms": pd.DataFrame(lda.relevance_terms(reference, prevalence)),
        "typical": pd.DataFrame(typical),
        "nearest_cases": _nearest(case_mixtures, all_cases, [case_label[c] for c in all_cases], k, nearest),
        "by_seed": _by_seed(seed_similarity, case_labels),
    }


SCORE_COLUMNS = ["k", "seed", "c_npmi", "u_mass", "diversity", "perplexity", "stability", "top_words", "note"]


def fit(k: int, roles: dict[str, str], paragraph_tokens, dictionary, corpus_path: str, settings: dict) -> dict:
    """One K of the grid, every seed (the ``lda_fit`` rule): fitted on the training paragraphs
    (``roles``: paragraph id → train, heldout, short or unsampled, from ``split.csv``) streamed from
    the Matrix Market corpus at ``corpus_path``, scored on NPMI, u_mass, diversity, held-out
    perplexity and stability across seeds (``settings``: the ``lda`` section). A K above half the
    training paragraphs is not fitted; its rows say why. Returns ``scores`` (this K's rows of
    ``model_selection.csv``, with the paragraphs and vocabulary behind them) and ``models`` (seed →
    model, none for a K not fitted)."""
    texts, heldout_texts = [], []
    for row in paragraph_tokens:
        {"train": texts, "heldout": heldout_texts}.get(roles[row["paragraph_id"]], []).append(row["tokens"])
    models = {}
    if k <= lda.max_topics(len(texts)):
        rows, models = lda.fit_k(
            texts,
            dictionary,
            k,
            settings["seeds"],
            settings["top_words"],
            heldout_texts=heldout_texts,
            corpus=lda.read_training_corpus(corpus_path),
            passes=settings["passes"],
            iterations=settings["iterations"],
            alpha=settings["alpha"],
            chunksize=settings["chunksize"],
            engine=settings["engine"],
            sweeps=settings["sweeps"],
        )
    else:
        rows = lda.unfitted_rows([k], settings["seeds"], len(texts))
    table = pd.DataFrame(rows).reindex(columns=SCORE_COLUMNS)
    for column in ("note", "top_words"):  # text columns: empty, not NaN (cast first: pandas 4 refuses "" in floats)
        table[column] = table[column].astype(object).where(table[column].notna(), "")
    return {"scores": table.assign(paragraphs=len(texts), vocabulary=len(dictionary)), "models": models}


def select(scores: pd.DataFrame, roles: pd.Series, vocabulary: int, settings: dict) -> dict:
    """K chosen from the scored grid (the ``lda_select`` rule; ``lda.k``: 'auto' or a K of the
    grid, by :func:`govtopics.models.lda.choose_k`). Returns ``selection`` (every K × seed with its
    scores, the chosen K marked) and ``chosen`` (``chosen_k.json``: the K, why as codes and numbers,
    the runner-up K and whether the data tell the two apart, the training, held-out and unsampled
    paragraphs and the vocabulary behind it)."""
    selection = scores.sort_values(["k", "seed"])
    k, why = lda.choose_k(selection.to_dict("records"), settings["k"], settings["min_stability"])
    selection["chosen"] = selection["k"] == k
    return {
        "selection": selection,
        "chosen": {
            "k": k,
            "seed": settings["seeds"][0],
            "seeds": settings["seeds"],
            "reason": why,
            "runner_up": lda.runner_up(selection.to_dict("records"), k, settings["k"]),
            "paragraphs": int((roles == "train").sum()),
            "heldout_paragraphs": int((roles == "heldout").sum()),
            "unsampled_paragraphs": int((roles == "unsampled").sum()),
            "vocabulary": vocabulary,
        },
    }


def infer(models: dict, dictionary, rows: list[dict]) -> dict:
    """Every seed's topic mixture of one shard's paragraphs (the ``lda_infer`` rule; ``models``:
    seed → model of the chosen K; ``rows``: the shard's lines of ``paragraph_tokens.jsonl``;
    paragraphs of no case are left out). Returns ``mixtures``: paragraph, seed, token weight and
    one column per topic, written exactly (the ``lda`` stage computes from them)."""
    rows = [r for r in rows if r["case_id"]]
    ids = [r["paragraph_id"] for r in rows]
    weights = lda.token_weights(dictionary, [r["tokens"] for r in rows])
    frames = []
    for seed, model in models.items():
        mixtures = lda.paragraph_topics(model, dictionary, [r["tokens"] for r in rows], ids)
        frame = pd.DataFrame(mixtures, columns=[f"topic_{t + 1}" for t in range(model.num_topics)])
        frame.insert(0, "tokens", weights)
        frame.insert(0, "seed", seed)
        frame.insert(0, "paragraph_id", ids)
        frames.append(frame)
    return {"mixtures": pd.concat(frames, ignore_index=True)}
