"""LDA trained by tomotopy's collapsed Gibbs sampler (Griffiths & Steyvers 2004), handed over as a
gensim ``LdaModel`` so that everything downstream (inference of paragraph mixtures, held-out
perplexity, coherence, saving and loading) is the same for either trainer.

The one module that imports tomotopy. Two things make its fits reproducible:
- one worker and no parallel scheme (tomotopy warns that more workers are not reproducible);
- the instruction set pinned: tomotopy picks a SIMD build at import (``tomotopy.isa``), and its
  SSE2 build gives other numbers than its AVX2 and AVX-512 builds (same numbers as each other).
  SSE2 is the one every x86-64 machine has, and was as fast here (``docs/evaluation.md``), so
  ``TOMOTOPY_ISA`` is set to it before the import, whatever the environment says; a machine
  without it (ARM) uses its own build, and the provenance records ``tomotopy.isa``.

The hand-over: tomotopy's final sample gives the topic–word counts n_kw; the gensim model's
topic–word Dirichlet is λ = η + n_kw, whose mean is tomotopy's own topic–word distribution
(n_kw + η) / (n_k + Vη). Paragraph mixtures are then inferred by gensim's variational E-step
under those topics, as for a gensim-trained model.
"""

from __future__ import annotations

import os

import numpy as np
from gensim.corpora import Dictionary
from gensim.models import LdaModel

PINNED_ISA = "sse2"
os.environ["TOMOTOPY_ISA"] = PINNED_ISA  # before the import: see the module's docstring
import tomotopy  # noqa: E402

ISA = tomotopy.isa


def alpha_vector(alpha: str, k: int) -> list[float]:
    """The document–topic prior of ``lda.alpha`` as gensim defines it: symmetric 1/K, or
    asymmetric 1 / (i + √K) normalised. ('auto' starts symmetric and is learnt.)"""
    if alpha == "asymmetric":
        raw = 1.0 / (np.arange(k) + np.sqrt(k))
        return list(raw / raw.sum())
    return [1.0 / k] * k


def fit(corpus, dictionary: Dictionary, k: int, seed: int, sweeps: int = 200, alpha: str = "symmetric") -> LdaModel:
    """One LDA model of ``corpus`` (bags of words over ``dictionary``), ``sweeps`` Gibbs sweeps
    with seed ``seed``, priors as gensim's defaults (α of ``alpha``, η = 1/K); 'auto' learns α
    every 10 sweeps (Minka's fixed point, tomotopy's ``optim_interval``)."""
    eta = 1.0 / k
    model = tomotopy.LDAModel(k=k, alpha=alpha_vector(alpha, k), eta=eta, seed=seed, min_cf=0, rm_top=0)
    model.optim_interval = 10 if alpha == "auto" else 0
    added = 0
    for bow in corpus:
        words = [dictionary[word_id] for word_id, count in bow for _ in range(int(count))]
        if words:
            model.add_doc(words)
            added += 1
    if not added:
        raise ValueError("no training paragraph has a word of the dictionary")
    model.train(sweeps, workers=1, parallel=tomotopy.ParallelScheme.NONE, show_progress=False)
    counts = np.zeros((k, len(dictionary)), dtype=np.float64)
    vocabulary = np.array([dictionary.token2id[word] for word in model.vocabs], dtype=np.int64)
    for document in model.docs:
        np.add.at(counts, (np.asarray(document.topics, dtype=np.int64), vocabulary[np.asarray(document.words)]), 1.0)
    learnt_alpha = np.asarray(model.alpha, dtype=np.float64).reshape(-1)
    if learnt_alpha.size == 1:
        learnt_alpha = np.full(k, float(learnt_alpha[0]))
    gensim_model = LdaModel(id2word=dictionary, num_topics=k, alpha=learnt_alpha, eta=eta, random_state=seed)
    gensim_model.state.sstats = counts.astype(gensim_model.state.sstats.dtype)
    gensim_model.sync_state()
    return gensim_model
