"""TF-IDF, LDA and clustering on small inline data: invariants and reproducibility."""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtopics.models import _gensim_private, clusters, lda, tfidf


def test_tfidf_keeps_one_character_tokens_and_is_a_similarity():
    documents = [["党", "网格", "治理"], ["党", "网格", "社区"], ["村", "农业", "旅游"]]
    matrix, vocabulary = tfidf.fit_tfidf(documents)
    assert "党" in vocabulary and "村" in vocabulary
    sim = tfidf.similarity(matrix)
    assert np.allclose(sim, sim.T) and np.allclose(np.diag(sim), 1)
    assert sim[0, 1] > sim[0, 2]
    top = tfidf.top_terms(matrix, vocabulary, ["a", "b", "c"], n=2)
    assert [r["term"] for r in top if r["case"] == "a"][0] == "治理"


def _paragraphs():
    grid = ["网格", "网格员", "小区", "物业", "业委会", "议事", "居民", "协商"]
    rural = ["村民", "农业", "旅游", "合作社", "产业", "脱贫", "乡村", "种植"]
    rows = []
    rng = np.random.default_rng(0)
    for i in range(40):
        words = grid if i % 2 == 0 else rural
        rows.append({"case_id": f"c{i % 4}", "tokens": list(rng.choice(words, size=12))})
    return rows


def test_lda_reproducible_and_case_topics_sum_to_one():
    rows = _paragraphs()
    texts = lda.training_texts(rows, 5)
    dictionary = lda.make_dictionary(texts, 2, 0.9)
    a = lda.fit(texts, dictionary, 2, seed=7, passes=5)
    b = lda.fit(texts, dictionary, 2, seed=7, passes=5)
    assert np.array_equal(a.get_topics(), b.get_topics())
    proportions = lda.case_topics(a, dictionary, rows, ["c0", "c1", "c2", "c3"])
    assert np.allclose(proportions.sum(axis=1), 1)
    sim = lda.js_similarity(proportions)
    assert np.allclose(sim, sim.T) and np.allclose(np.diag(sim), 1) and sim.min() >= 0
    # c0 and c2 are both grid-management cases: alike; c0 and c1 differ
    assert sim[0, 2] > 0.9 > sim[0, 1]


def test_js_similarity_in_blocks_is_scipys_jensen_shannon_and_symmetric():
    from scipy.spatial.distance import jensenshannon

    rng = np.random.default_rng(3)
    mixtures = rng.dirichlet(np.full(6, 0.3), size=41)
    mixtures[5] = 0  # a case with no topic mass: no distribution, similarity 0 to the others
    sim = lda.js_similarity(mixtures, block_cells=100)  # 100 cells: blocks of one row
    assert np.array_equal(sim, sim.T) and np.array_equal(np.diag(sim), np.ones(41))
    assert np.array_equal(sim, lda.js_similarity(mixtures))  # block size does not matter
    for i, j in ((0, 1), (3, 40), (17, 22)):
        assert sim[i, j] == pytest.approx(1 - jensenshannon(mixtures[i], mixtures[j], base=2), abs=1e-12)
    assert (np.delete(sim[5], 5) == 0).all()


def test_grid_scores_describe_the_models_returned():
    rows = _paragraphs()
    texts = lda.training_texts(rows, 5)
    dictionary = lda.make_dictionary(texts, 2, 0.9)
    scores, models = lda.fit_k(texts, dictionary, 3, [1, 2], passes=3, heldout_texts=texts[:4])
    assert [(r["k"], r["seed"]) for r in scores] == [(3, 1), (3, 2)] and sorted(models) == [1, 2]
    for row in scores:
        model = models[row["seed"]]
        assert row["top_words"] == " | ".join(" ".join(sorted(w)) for w in lda.top_word_lists(model, 10))
        assert row["c_npmi"] == lda.coherence(model, texts, dictionary, 10)["c_npmi"]
        assert -1 <= row["c_npmi"] <= 1 and 0 < row["diversity"] <= 1 and 0 <= row["stability"] <= 1
        assert 1 < row["perplexity"] < len(dictionary)


def test_fixed_k_is_reported_as_fixed_and_must_have_been_fitted():
    import pytest

    from govtopics.reading.io import InputError

    rows = [{"k": k, "seed": 1, "c_npmi": 0.1 * k, "stability": 0.9, "note": ""} for k in (3, 4)]
    from govtopics.presentation.reasons import k_reason

    assert lda.choose_k(rows, 3) == (3, {"codes": ["fixed"]})
    assert k_reason({"k": 3, "reason": {"codes": ["fixed"]}}, "en") == "K = 3: fixed in config (lda.k)"
    assert k_reason({"k": 3, "reason": {"codes": ["fixed"]}}, "zh") == "K = 3：由配置 lda.k 指定"
    assert lda.choose_k(rows, "auto")[0] == 4
    with pytest.raises(InputError, match="'lda.k' in the config is 7, which is not in lda.k_grid: add it there"):
        lda.choose_k(rows, 7)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=40), min_size=1, max_size=25),
    topic_words=st.lists(st.sets(st.sampled_from("abcdefghij"), min_size=2, max_size=6), min_size=1, max_size=4),
)
def test_npmi_counts_are_gensims_exactly(texts, topic_words):
    # the sliding-window counts behind NPMI, in numpy, against gensim's own counting (whose habit
    # of marking a word absent when one copy leaves the window is kept): the same scores, to the bit
    from gensim.corpora import Dictionary
    from gensim.models import CoherenceModel

    dictionary = Dictionary(texts)
    topics = [sorted(t & set(dictionary.token2id)) for t in topic_words]
    topics = [t for t in topics if len(t) >= 2]
    if not topics:
        return
    args = dict(topics=topics, texts=texts, dictionary=dictionary, coherence="c_npmi", topn=6, processes=1)
    expected = CoherenceModel(**args).get_coherence_per_topic()
    model = CoherenceModel(**args)
    segments = model.measure.seg(model.topics)
    _gensim_private.count_windows(model, segments, texts, dictionary)
    assert model._accumulator is not None, "the fast counts were given (the tested gensim)"
    assert model.get_coherence_per_topic(segments) == expected


def test_the_private_gensim_code_runs_only_on_the_gensim_it_was_tested_on():
    """govtopics.models._gensim_private writes a CoherenceModel's private accumulator; on another gensim
    this fails, to be checked and the pin in pyproject.toml moved (the code itself then leaves the
    counting to gensim)."""
    from importlib import metadata

    assert metadata.version("gensim").startswith(_gensim_private.TESTED_GENSIM + "."), metadata.version("gensim")
    assert _gensim_private.SUPPORTED


def test_a_gensim_fit_is_gensims_own_model():
    from gensim.models import LdaModel

    texts = [r["tokens"] for r in _paragraphs()]
    dictionary = lda.make_dictionary(texts, 1, 1.0)
    model = lda.fit(texts, dictionary, 3, seed=2, passes=5, iterations=100, engine="gensim")
    assert type(model) is LdaModel
    corpus = [dictionary.doc2bow(t) for t in texts]
    args = dict(num_topics=3, random_state=2, passes=5, iterations=100, alpha="symmetric", eta="symmetric")
    reference = LdaModel(corpus, id2word=dictionary, eval_every=None, chunksize=20000, **args)
    assert np.array_equal(model.get_topics(), reference.get_topics())


def test_a_tomotopy_fit_is_handed_over_as_its_own_topics():
    """The gensim model made from a tomotopy fit has tomotopy's topic–word distribution, and the
    same fit twice gives the same bytes."""
    import tomotopy

    from govtopics.models import gibbs

    texts = [r["tokens"] for r in _paragraphs()]
    dictionary = lda.make_dictionary(texts, 1, 1.0)
    corpus = [dictionary.doc2bow(t) for t in texts]
    model = lda.fit(texts, dictionary, 4, seed=3, sweeps=50)
    assert type(model).__name__ == "LdaModel" and model.num_topics == 4
    reference = tomotopy.LDAModel(k=4, alpha=[0.25] * 4, eta=0.25, seed=3, min_cf=0, rm_top=0)
    reference.optim_interval = 0
    for bow in corpus:
        words = [dictionary[i] for i, c in bow for _ in range(int(c))]
        if words:
            reference.add_doc(words)
    reference.train(50, workers=1, parallel=tomotopy.ParallelScheme.NONE, show_progress=False)
    phi = np.zeros((4, len(dictionary)))
    for topic in range(4):
        for word, share in zip(reference.vocabs, reference.get_topic_word_dist(topic), strict=True):
            phi[topic, dictionary.token2id[word]] = share
    assert np.allclose(model.get_topics(), phi, atol=1e-6)
    again = lda.fit(texts, dictionary, 4, seed=3, sweeps=50)
    assert again.get_topics().tobytes() == model.get_topics().tobytes()
    assert lda.fit(texts, dictionary, 4, seed=4, sweeps=50).get_topics().tobytes() != model.get_topics().tobytes()
    assert gibbs.ISA == tomotopy.isa


def test_a_tomotopy_fit_is_the_same_under_every_instruction_set():
    """tomotopy picks a SIMD build at import, and its builds differ in their numbers: the trainer
    pins one (gibbs.PINNED_ISA), so a machine whose environment or CPU would pick another gives
    the same bytes. Each run is a fresh process with TOMOTOPY_ISA set as another machine's might be."""
    import os
    import subprocess
    import sys

    from project import ROOT

    script = (
        "import sys, hashlib; sys.path.insert(0, 'workflow/src'); sys.path.insert(0, 'tests');"
        "from test_models import _paragraphs; from govtopics.models import lda, gibbs;"
        "texts = [r['tokens'] for r in _paragraphs()]; d = lda.make_dictionary(texts, 1, 1.0);"
        "m = lda.fit(texts, d, 5, seed=1, sweeps=100);"
        "print(gibbs.ISA, hashlib.sha256(m.get_topics().tobytes()).hexdigest())"
    )
    outputs = set()
    for isa in ("avx512", "avx2", "sse2", "none"):
        env = {**os.environ, "TOMOTOPY_ISA": isa}
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.add(result.stdout.strip().splitlines()[-1])
    assert len(outputs) == 1, outputs
    assert next(iter(outputs)).startswith("sse2 ")


def test_clusters_find_blocks():
    sim = np.array(
        [
            [1, 0.9, 0.8, 0.1, 0.1],
            [0.9, 1, 0.85, 0.1, 0.2],
            [0.8, 0.85, 1, 0.2, 0.1],
            [0.1, 0.1, 0.2, 1, 0.9],
            [0.1, 0.2, 0.1, 0.9, 1],
        ]
    )
    labels, k, per_case, why = clusters.assign(sim, "average", "auto")
    assert k == 2 and list(labels) == [1, 1, 1, 2, 2]
    assert (per_case > 0.5).all() and "silhouette" in why
    assert clusters.assign(sim, "average", 3)[1] == 3


def test_heldout_split_is_fixed_and_of_the_share():
    ids = [f"doc_p{i:03d}" for i in range(1000)]
    mask = lda.heldout_mask(ids, 0.1)
    assert mask == lda.heldout_mask(list(reversed(ids)), 0.1)[::-1]
    assert 70 < sum(mask) < 130


def test_training_sample_is_fixed_by_ids_and_leaves_the_other_roles_alone():
    rows = [
        {"paragraph_id": f"doc{i // 50}_p{i % 50:02d}", "tokens": ["词"] * (3 if i % 7 == 0 else 8)}
        for i in range(1000)
    ]
    full = lda.split_paragraphs(rows, 5, 0.1)
    sampled = lda.split_paragraphs(rows, 5, 0.1, train_sample=200)
    assert sampled.count("train") == 200 and sampled.count("unsampled") == full.count("train") - 200
    # short and held-out paragraphs keep their roles; only training paragraphs are left out
    assert all(s == f for s, f in zip(sampled, full, strict=True) if f != "train")
    # the sample depends on the ids only: the same paragraphs in any order (or any shard) train
    reordered = lda.split_paragraphs(rows[::-1], 5, 0.1, train_sample=200)[::-1]
    assert reordered == sampled
    # it is not simply the first paragraphs of the corpus: every part of it is sampled
    first_docs = {rows[i]["paragraph_id"].split("_")[0] for i, r in enumerate(sampled) if r == "train"}
    assert len(first_docs) == 20
    # a sample at least as large as the training set changes nothing
    assert lda.split_paragraphs(rows, 5, 0.1, train_sample=10_000) == full


def test_stability_frex_perplexity_and_alignment():
    rows = _paragraphs()
    texts = lda.training_texts(rows, 5)
    dictionary = lda.make_dictionary(texts, 2, 0.9)
    models = {seed: lda.fit(texts, dictionary, 2, seed, passes=10) for seed in (1, 2, 3)}
    stable = lda.stability(models, topn=6)
    assert all(v > 0.8 for v in stable.values())  # two clear topics are found whatever the seed
    matched, jaccards = lda.match_topics(models[1], models[2], topn=6)
    assert sorted(matched) == [0, 1] and min(jaccards) > 0.8
    by_frex = lda.frex(models[1], 4)
    assert all(len(words) == 4 for words in by_frex)
    topic_words = [{w for w, _ in words} for words in by_frex]
    assert topic_words[0].isdisjoint(topic_words[1])  # exclusive words differ between topics
    assert 1 < lda.perplexity(models[1], dictionary, texts[:5]) < len(dictionary)


def test_k_rule_takes_coherence_first_and_stability_within_one_standard_error():
    """The rule writes reason codes and numbers; the report's words for them are checked too."""
    from govtopics.presentation.reasons import k_reason

    def said(k, why):
        return k_reason({"k": k, "reason": why}, "en")

    rows = [{"k": 3, "seed": s, "c_npmi": 0.10, "stability": 0.9} for s in (1, 2)]
    rows += [
        {"k": 4, "seed": 1, "c_npmi": 0.14, "stability": 0.6},
        {"k": 4, "seed": 2, "c_npmi": 0.16, "stability": 0.6},
    ]
    rows += [
        {"k": 5, "seed": 1, "c_npmi": 0.12, "stability": 0.3},
        {"k": 5, "seed": 2, "c_npmi": 0.22, "stability": 0.3},
    ]
    k, why = lda.choose_k(rows, "auto", 0.5)
    # K = 5 has the best mean NPMI (0.17 ± 0.05); K = 4 (0.15) is within one standard error and more stable
    assert k == 4 and why["codes"] == ["most_stable_within_se"] and (why["top"], round(why["top_npmi"], 3)) == (5, 0.17)
    assert said(k, why) == (
        "K = 4: the most stable (0.60) of the Ks within one standard error of the highest mean NPMI "
        "(K = 5: 0.170 ± 0.050; K = 4: 0.150)"
    )
    # stability is a tie-break and a warning, never a gate that sends the choice to the smallest K
    rows = [{"k": k, "seed": s, "c_npmi": 0.05 * k, "stability": 0.4 - 0.01 * k} for k in (3, 5, 8) for s in (1, 2)]
    k, why = lda.choose_k(rows, "auto", 0.5)
    assert k == 8 and why["codes"] == ["highest_npmi", "not_stable", "grid_edge"]
    assert "highest mean NPMI" in said(k, why) and "not stable across seeds" in said(k, why)
    # at the grid's edge the reason says the K is not settled and which K to add
    assert (why["side"], why["next_k"]) == ("largest", 11)
    assert "largest K of lda.k_grid" in said(k, why) and "add K = 11 to lda.k_grid" in said(k, why)
    assert "lda.k_grid 中最大的 K" in k_reason({"k": k, "reason": why}, "zh") and "K = 11" in k_reason(
        {"k": k, "reason": why}, "zh"
    )
    rows = [{"k": k, "seed": s, "c_npmi": 0.5 - 0.05 * k, "stability": 0.8} for k in (3, 5, 8) for s in (1, 2)]
    k, why = lda.choose_k(rows, "auto", 0.5)
    assert k == 3 and (why["side"], why["next_k"]) == ("smallest", 2) and "smallest K of lda.k_grid" in said(k, why)
    rows = [{"k": k, "seed": s, "c_npmi": 0.5 - 0.05 * k, "stability": 0.8} for k in (2, 5) for s in (1, 2)]
    assert "grid_edge" not in lda.choose_k(rows, "auto", 0.5)[1]["codes"], "no K below 2 to offer"


def test_findings_of_all_seeds_together():
    """The consensus similarity is the mean of the seeds'; mixtures are averaged topic by topic
    after each seed's topics are matched to the reference seed's, whatever order a seed found them in."""
    texts = [r["tokens"] for r in _paragraphs()]
    dictionary = lda.make_dictionary(texts, 1, 1.0)
    models = {seed: lda.fit(texts, dictionary, 2, seed, sweeps=100) for seed in (1, 2, 3)}
    mixtures = {seed: lda.paragraph_topics(m, dictionary, texts) for seed, m in models.items()}
    aligned = lda.aligned_mixtures(models[1], models, mixtures)
    assert np.array_equal(aligned[1], mixtures[1])
    # two clear topics (grid words, rural words): once matched, every seed puts a paragraph in the same topic
    for seed in (2, 3):
        assert (aligned[seed].argmax(axis=1) == aligned[1].argmax(axis=1)).all()
    swapped = {1: models[1], 2: models[1]}
    flipped = lda.aligned_mixtures(models[1], swapped, {1: mixtures[1], 2: mixtures[1]})
    assert np.array_equal(flipped[2], mixtures[1])
    a, b = np.array([[1, 0.2], [0.2, 1]]), np.array([[1, 0.6], [0.6, 1]])
    assert np.allclose(lda.consensus_similarity([a, b]), [[1, 0.4], [0.4, 1]])


def test_weak_cluster_structure_is_flagged():
    rng = np.random.default_rng(5)
    noise = rng.uniform(0.4, 0.6, (6, 6))
    noise = (noise + noise.T) / 2
    np.fill_diagonal(noise, 1)
    assert "weak_structure" in clusters.assign(noise, "average", "auto")[3]["reason"]
    blocks = np.kron(np.eye(2), np.ones((3, 3))) * 0.9 + 0.05
    np.fill_diagonal(blocks, 1)
    labels, k, _, why = clusters.assign(blocks, "average", "auto")
    assert k == 2 and "weak_structure" not in why["reason"] and len(set(labels[:3])) == len(set(labels[3:])) == 1


def test_silhouette_search_stops_at_max_k_and_says_so():
    blocks = np.kron(np.eye(4), np.ones((5, 5))) * 0.8 + 0.1  # 4 groups of 5 cases
    np.fill_diagonal(blocks, 1)
    assert [r["k"] for r in clusters.silhouettes(blocks, "average", max_k=6)] == [2, 3, 4, 5, 6]
    assert len(clusters.silhouettes(blocks, "average", max_k=100)) == 18  # k = 2…n − 1 when n − 1 is lower
    labels, k, _, why = clusters.assign(blocks, "average", "auto", max_k=6)
    assert k == 4 and why["reason"] == ["highest_silhouette", "max_k_cap"] and (why["max_k"], why["cases"]) == (6, 20)
    from govtopics.presentation.reasons import cluster_reason

    said = cluster_reason({**why, "k": k, "reason": "; ".join(why["reason"])}, [], "en")
    assert "over k = 2…6 (clusters.max_k; 20 cases would allow up to 19)" in said
    assert "max_k_cap" not in clusters.assign(blocks, "average", "auto", max_k=19)[3]["reason"]


def test_topic_sources_flag_a_topic_from_one_article():
    mixtures = np.array([[0.9, 0.1], [0.8, 0.2], [0.5, 0.5], [0.1, 0.9]])
    rows = lda.topic_sources(mixtures, [10, 10, 10, 10], ["a", "a", "b", "b"])
    share = {(r["topic"], r["doc_id"]): (r["share"], r["dominated"]) for r in rows}
    assert abs(share[(1, "a")][0] - 1.7 / 2.3) < 1e-12 and share[(1, "a")][1]
    assert abs(share[(2, "a")][0] + share[(2, "b")][0] - 1) < 1e-12 and share[(2, "b")][1]


def test_ks_too_large_for_the_paragraphs_are_not_fitted_nor_chosen():
    """Issue 10 item 7: K = 40 on 20 paragraphs used to win on NPMI."""
    assert lda.max_topics(20) == 10
    rows = [{"k": 5, "seed": s, "c_npmi": 0.01, "stability": 0.9, "note": ""} for s in (1, 2)]
    rows += lda.unfitted_rows([5, 30, 40], [1, 2], 20)
    assert {r["k"] for r in rows if r.get("note")} == {30, 40}
    k, why = lda.choose_k(rows, "auto", 0.5)
    assert k == 5 and "not_fitted" in why["codes"] and why["skipped"] == [30, 40]
    from govtopics.presentation.reasons import k_reason

    assert "K = 30, 40 not fitted" in k_reason({"k": k, "reason": why}, "en")


def test_a_grid_of_only_too_large_ks_is_an_error():
    import pytest

    from govtopics.reading.io import InputError

    rows = lda.unfitted_rows([30, 40], [1, 2], 20)
    with pytest.raises(InputError, match="every K of 'lda.k_grid' was too large.*half the 20 training paragraphs"):
        lda.choose_k(rows, "auto")
    with pytest.raises(InputError, match="'lda.k' in the config is 30, too large"):
        lda.choose_k([{"k": 5, "seed": 1, "c_npmi": 0.1, "stability": 1, "note": ""}, *rows], 30)


def test_heldout_perplexity_does_not_reward_more_topics_on_text_without_topics():
    """Document completion (Wallach et al. 2009): on paragraphs of words drawn uniformly at random
    there are no topics, so 20 topics must not predict held-out words better than 2, and no
    model can beat the vocabulary size. Scoring the very words the mixture was inferred from
    (the estimator used before) gave 84 for K = 20 against 99 for K = 2, under the 100 words a
    uniform guess needs."""
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(100)]
    texts = [list(rng.choice(vocab, 20)) for _ in range(200)]
    heldout = [list(rng.choice(vocab, 20)) for _ in range(60)]
    dictionary = lda.make_dictionary(texts, 1, 1.0)
    scores = {
        k: lda.perplexity(lda.fit(texts, dictionary, k, 1, passes=5, iterations=50), dictionary, heldout)
        for k in (2, 20)
    }
    assert scores[20] > scores[2] > 100


def test_full_batch_training_fits_planted_topics_better_than_small_online_chunks():
    """Issue 8: with gensim's online updates in chunks much smaller than the corpus, larger models
    stall (on the Government Work Reports, K = 20 in chunks of 2,000 scored a held-out perplexity
    of 1,664 after 40 passes, against 1,146 in full batches; that made K = 5 look best). On 1,000
    documents drawn from 12 known topics, full batches (``lda.chunksize`` ≥ the corpus, the
    default) predict held-out documents better than chunks of 100 with the same passes."""
    rng = np.random.default_rng(0)
    topics, vocabulary = 12, [f"w{i}" for i in range(400)]
    beta = rng.dirichlet(np.full(len(vocabulary), 0.05), topics)

    def document():
        mixture = rng.dirichlet(np.full(topics, 0.2))
        return [vocabulary[rng.choice(len(vocabulary), p=beta[z])] for z in rng.choice(topics, 40, p=mixture)]

    documents = [document() for _ in range(1200)]
    train, heldout = documents[:1000], documents[1000:]
    dictionary = lda.make_dictionary(train, 1, 1.0)
    fits = {
        size: lda.fit(train, dictionary, topics, 1, passes=10, iterations=100, chunksize=size, engine="gensim")
        for size in (100, 1000)
    }
    default = inspect.signature(lda.fit).parameters["chunksize"].default
    assert fits[1000].chunksize == 1000 and default >= 1000  # the default learns this corpus in full batches
    scores = {size: lda.perplexity(model, dictionary, heldout) for size, model in fits.items()}
    assert scores[1000] < 0.9 * scores[100]


def test_a_paragraph_mixture_does_not_depend_on_what_was_inferred_before_it():
    """Issue 7: mixtures are inferred shard by shard, in separate jobs. gensim draws each
    inference's starting point from the model's one random state, so without a seed per paragraph
    the same paragraph got another mixture after other paragraphs (up to 0.02 in a case's share on
    the seeds)."""
    texts = [r["tokens"] for r in _paragraphs()]
    dictionary = lda.make_dictionary(texts, 1, 1.0)
    model = lda.fit(texts, dictionary, 2, seed=3, passes=5)
    ids = [f"p{i}" for i in range(len(texts))]
    alone = lda.paragraph_topics(model, dictionary, texts[5:6], ids[5:6])
    after_others = lda.paragraph_topics(model, dictionary, texts, ids)[5:6]
    reversed_order = lda.paragraph_topics(model, dictionary, texts[::-1], ids[::-1])[::-1][5:6]
    assert np.array_equal(alone, after_others) and np.array_equal(alone, reversed_order)
    assert np.allclose(lda.paragraph_topics(model, dictionary, texts, ids).sum(axis=1), 1)


def test_a_view_is_clustered_with_its_bootstrap_and_seed_stability():
    """Issue 26 item 2: the clusters stage's per-view work (clusters, bootstrap, seed runs, length
    check, silhouette curve) is one library function, tested here without Snakemake."""
    import pandas as pd

    from govtopics.models import clusters

    # two blocks of three cases; every item of a case is the case's own profile, so resampling
    # keeps each case's profile and the blocks hold in every round
    block = np.array([[1.0, 0.9, 0.9, 0.1, 0.1, 0.1]])
    similarity = np.vstack([np.roll(block[0], 0)] * 3 + [np.roll(block[0], 3)] * 3)
    similarity = (similarity + similarity.T) / 2
    np.fill_diagonal(similarity, 1.0)
    labels = ["甲", "乙", "丙", "丁", "戊", "己"]
    groups = [np.array([2 * i, 2 * i + 1]) for i in range(6)]
    refit_calls = []

    def refit(resampled):
        refit_calls.append(resampled.shape)
        return similarity

    settings = {"method": "average", "k": "auto", "max_k": 4, "min_size": 2, "bootstrap_rounds": 5}
    rows = [
        {"seed": s, "case_a": a, "case_b": b, "similarity": similarity[i, j]}
        for s in (1, 2)
        for i, a in enumerate(labels)
        for j, b in enumerate(labels)
        if i < j
    ]
    seeds = clusters.seed_similarities(pd.DataFrame(rows), labels)
    assert len(seeds) == 2 and np.allclose(seeds[0], similarity)
    found = clusters.describe_view(
        "lda",
        similarity,
        labels,
        [100, 120, 90, 3000, 2800, 3100],
        settings,
        refit,
        groups,
        12,
        np.random.default_rng(1),
        seeds,
    )
    assert refit_calls == [(6, 12)] * 5, "five rounds, each a cases × items resample"
    assert list(found["columns"]) == ["cluster_lda", "silhouette_lda", "bootstrap_stability_lda", "seed_stability_lda"]
    assert found["columns"]["cluster_lda"].tolist() == [1, 1, 1, 2, 2, 2]
    assert np.allclose(found["columns"]["bootstrap_stability_lda"], 1) and np.allclose(found["coassignment"][0, :3], 1)
    assert [r["members"] for r in found["clusters"]] == ["甲、乙、丙", "丁、戊、己"]
    assert [r["seed_stability"] for r in found["clusters"]] == [1.0, 1.0]
    chosen = [c for c in found["curves"] if c["chosen"]]
    assert len(chosen) == 1 and chosen[0]["k"] == 2
    choice = found["choice"]
    assert choice["k"] == 2 and choice["reason"].endswith("follows_length"), "a naive baseline"
    assert (choice["length_groups"], choice["length_ari"]) == (2, 1.0)
    assert set(choice) <= set(clusters.CHOICE_COLUMNS)
    # too few cases: one cluster, nothing resampled, seed stability undefined
    few = clusters.describe_view(
        "lda", similarity[:2, :2], labels[:2], [1, 2], settings, refit, groups[:2], 4, np.random.default_rng(1), seeds
    )
    assert len(refit_calls) == 5 and np.isnan(few["columns"]["seed_stability_lda"]).all()
    assert few["curves"][-1]["k"] == 1 and few["curves"][-1]["chosen"]
    assert few["choice"]["reason"] == "too_few_cases" and few["choice"]["cases"] == 2


def test_the_lda_stage_describes_cases_with_every_seed():
    """lda_stage.describe, which the lda rule calls, on two seeds' models: case mixtures sum to 1,
    the similarity is the mean of the seeds' own (similarity_by_seed), the grid cases are each
    other's nearest with every seed agreeing, and each typical paragraph carries its case and text."""
    import pandas as pd

    from govtopics.models import lda_stage

    rows = [{**r, "paragraph_id": f"p{i:02d}", "doc_id": f"d{r['case_id']}"} for i, r in enumerate(_paragraphs())]
    texts = lda.training_texts(rows, 5)
    dictionary = lda.make_dictionary(texts, 2, 0.9)
    models = {seed: lda.fit(texts, dictionary, 2, seed=seed, passes=5) for seed in (3, 1)}
    ids, tokens = [r["paragraph_id"] for r in rows], [r["tokens"] for r in rows]
    inferred = []
    for seed, model in models.items():  # what lda_infer writes, shard by shard
        frame = pd.DataFrame(lda.paragraph_topics(model, dictionary, tokens, ids), columns=["topic_1", "topic_2"])
        frame.insert(0, "tokens", lda.token_weights(dictionary, tokens))
        frame.insert(0, "seed", seed)
        frame.insert(0, "paragraph_id", ids)
        inferred.append(frame)
    cases = pd.DataFrame({"case_id": ["c0", "c1", "c2", "c3"], "label": ["网格甲", "乡村甲", "网格乙", "乡村乙"]})
    unit_of = {c: c for c in cases["case_id"]}
    label = dict(zip(cases["case_id"], cases["label"], strict=True))
    found = lda_stage.describe(
        models, rows, unit_of, label, cases, pd.concat(inferred), {i: f"text {i}" for i in ids}, 5, 1
    )
    assert np.allclose(found["case_topics"].filter(like="topic_").sum(axis=1), 1)
    similarity, labels = found["similarity"]
    assert labels == list(cases["label"])
    mean = found["by_seed"].groupby(["case_a", "case_b"])["similarity"].mean()
    assert np.isclose(mean[("网格甲", "网格乙")], similarity[0, 2])
    nearest = found["nearest_cases"].set_index("case")
    assert nearest.loc["网格甲", "neighbour"] == "网格乙" and nearest.loc["网格甲", "seeds_agree"] == 1.0
    assert set(found["alignment"]["seed"]) == {3, 1} and len(found["topics"]["topic"].unique()) == 2
    typical = found["typical"]
    assert (typical["text"] == "text " + typical["paragraph_id"]).all() and typical["case"].isin(labels).all()
    # …and the clusters stage on what the LDA stage wrote, as the clusters rule runs it
    from govtopics.models import clusters_stage

    units = cases.assign(province="", city="", region="", n_chars=["900", "1000", "950", "1100"])
    matrix, _ = tfidf.fit_tfidf(tfidf.case_documents(rows, list(cases["case_id"])))
    views = {"tfidf": (tfidf.similarity(matrix), labels), "lda": found["similarity"], "codebook": found["similarity"]}
    settings = {"method": "average", "k": "auto", "max_k": 3, "min_size": 2, "bootstrap_rounds": 4, "seed": 1}
    found_clusters = clusters_stage.describe(
        units, views, rows, found["paragraph_topics"], pd.concat(inferred), found["by_seed"], settings, True, 1
    )
    assignments = found_clusters["assignments"].set_index("label")
    for view in ("tfidf", "lda"):
        grid, rural = (
            assignments.loc[["网格甲", "网格乙"], f"cluster_{view}"],
            assignments.loc["乡村甲", f"cluster_{view}"],
        )
        assert grid.nunique() == 1 and grid.iloc[0] != rural, view
        assert found_clusters[f"coassignment_{view}"][0].shape == (4, 4)
    assert set(found_clusters["order"]["view"]) == {"tfidf", "lda", "codebook"}
    assert found_clusters["silhouette"]["chosen"].sum() == 2 and len(found_clusters["cluster_stability"]) == 4


def test_auto_clusters_take_no_k_whose_best_silhouette_leaves_single_cases():
    """Issue 33: TF-IDF split six policies into 15–16 groups, most of them one case, because the
    highest silhouette won. With clusters.min_size 2, 'auto' takes the best k whose every cluster
    has two cases or more, and says which k it passed over."""
    from govtopics.models import clusters

    rng = np.random.default_rng(7)
    centres = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)
    points = np.vstack([centres[g] + rng.normal(0, 0.05, 4) for g in (0, 0, 0, 1, 1, 1, 2, 2, 2, 3)])
    points = np.abs(points)
    unit = points / np.linalg.norm(points, axis=1, keepdims=True)
    similarity = unit @ unit.T
    labels, k, _, why = clusters.assign(similarity, "average", "auto", 8, min_size=1)
    assert k == 4 and np.bincount(labels)[1:].min() == 1  # the lone tenth case is a cluster of its own
    labels, k, _, why = clusters.assign(similarity, "average", "auto", 8, min_size=2)
    assert np.bincount(labels)[1:].min() >= 2 and k < 4
    assert "min_size_passed" in why["reason"] and why["k_any_size"] == 4
    from govtopics.presentation.reasons import cluster_reason

    said = cluster_reason({**why, "k": k, "reason": "; ".join(why["reason"])}, [], "en")
    assert "clusters.min_size" in said and "k = 4 scores" in said


def test_the_runner_up_k_and_how_far_the_groups_move_between_two_ks():
    """Issue 33: K was 8, 5 and 5 for the same texts in three containers; the report now names the
    runner-up K, says whether the data tell it from the chosen one (one standard error over seeds),
    and how far the cases' groups move between the two."""
    from govtopics.models import lda

    rows = [
        {"k": k, "seed": seed, "c_npmi": npmi + 0.01 * (seed - 2), "stability": 0.8 if k == 6 else 0.7}
        for k, npmi in ((4, 0.018), (5, -0.001), (6, 0.022))
        for seed in (1, 2, 3)
    ]
    chosen, _ = lda.choose_k(rows, "auto")
    second = lda.runner_up(rows, chosen, "auto")
    assert chosen == 6 and second["k"] == 4 and second["close"]  # 0.018 is within one SE (0.0058) of 0.022
    assert lda.runner_up(rows, chosen, 5) == {}, "a K fixed in the config has no runner-up"
    far = [dict(r, c_npmi=r["c_npmi"] - 0.2) if r["k"] == 4 else r for r in rows]
    assert not lda.runner_up(far, 6, "auto")["close"]
    rng = np.random.default_rng(2)
    a = np.corrcoef(rng.normal(size=(8, 20)))
    same = lda.groups_moved(a, a)
    assert [r["groups"] for r in same] == list(range(2, 8)) and all(r["ari"] == 1.0 for r in same)
    other = lda.groups_moved(a, np.corrcoef(rng.normal(size=(8, 20))))
    assert min(r["ari"] for r in other) < 0.5
