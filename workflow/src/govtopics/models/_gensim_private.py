"""The one place govtopics reaches into gensim's private attributes: NPMI's window counts.

gensim's ``WordOccurrenceAccumulator`` slides a window over every text in Python, one window at a
time (22 of the 90 s of a topic fit at 10 M characters); :class:`WindowCounts` gives exactly its
numbers in numpy, one paragraph at a time, and is handed to a ``CoherenceModel`` through its
private ``_accumulator``. It writes the accumulator's private ``_occurrences``,
``_co_occurrences`` and ``_num_docs`` and reads ``_vocab_size``.

Tested on gensim ``TESTED_GENSIM`` (``tests/test_models.py`` compares the counts with gensim's own,
and fails when another gensim is installed). On another version the fast path is not taken: gensim
counts itself (slower, the same scores), and the log says so once.
"""

from __future__ import annotations

import logging
from importlib import metadata

import numpy as np
from gensim.topic_coherence.probability_estimation import unique_ids_from_segments
from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator

TESTED_GENSIM = "4.4"
GENSIM = metadata.version("gensim")
SUPPORTED = ".".join(GENSIM.split(".")[:2]) == TESTED_GENSIM
_warned = []


def count_windows(coherence_model, segments, texts, dictionary) -> None:
    """Give ``coherence_model`` (c_npmi) the window counts of ``texts`` for ``segments``, counted
    by :class:`WindowCounts`; on an untested gensim, leave the counting to gensim."""
    if not SUPPORTED:
        if not _warned:
            logging.getLogger(__name__).warning(
                "gensim %s is not the tested %s: NPMI's windows are counted by gensim itself (slower)",
                GENSIM,
                TESTED_GENSIM,
            )
            _warned.append(True)
        return
    counts = WindowCounts(unique_ids_from_segments(segments), dictionary)
    coherence_model._accumulator = counts.accumulate(texts, coherence_model.window_size)


class WindowCounts(WordOccurrenceAccumulator):
    """The counts behind NPMI coherence: in how many sliding windows of ``window_size`` tokens each
    top word, and each pair of top words, occurs; exactly the numbers gensim's
    ``WordOccurrenceAccumulator`` gives, in numpy one paragraph at a time instead of Python one
    window at a time (22 of the 90 s of a topic fit at 10 M characters were spent there).

    gensim counts as it slides: a word leaving the window is marked absent even when it occurs
    again inside the window, until it enters again at the window's end. The same rule is kept,
    so the scores are those gensim's own counting gives; ``tests/test_models.py`` checks it.
    """

    def accumulate(self, texts, window_size: int):
        n_words = self._vocab_size
        index = {word: self.id2contiguous[self.token2id[word]] for word in self.relevant_words}
        occurrences = np.zeros(n_words, dtype=np.int64)
        together = np.zeros((n_words, n_words), dtype=np.int64)
        windows = 0
        for text in texts:
            ids = np.fromiter((index.get(word, n_words) for word in text), dtype=np.int64, count=len(text))
            steps = max(len(ids) - window_size + 1, 1)  # a text shorter than the window is one window
            windows += steps
            words = np.unique(ids[ids < n_words])
            if not len(words):
                continue
            if steps == 1:
                present = np.ones((1, len(words)), dtype=bool)
            else:
                local = np.searchsorted(words, ids)  # column of each token's word (junk for other tokens)
                relevant = ids < n_words
                event = np.zeros((steps, len(words)), dtype=np.int8)  # +1 enters, -1 leaves, at a step
                event[0, local[:window_size][relevant[:window_size]]] = 1
                leaving = np.flatnonzero(relevant[: steps - 1])  # the token at q leaves at step q + 1
                event[leaving + 1, local[leaving]] = -1
                entering = np.flatnonzero(relevant[window_size:]) + window_size  # the token at p enters at p − W + 1
                event[entering - window_size + 1, local[entering]] = 1  # after the leaving one, as gensim does
                last = np.where(event != 0, np.arange(steps)[:, None], 0)
                np.maximum.accumulate(last, axis=0, out=last)
                present = np.take_along_axis(event, last, axis=0) == 1
            counts = present.astype(np.int64)
            occurrences[words] += counts.sum(axis=0)
            together[np.ix_(words, words)] += counts.T @ counts
        self._occurrences = occurrences.astype(np.uint32)
        np.fill_diagonal(together, occurrences)
        self._co_occurrences = together.astype(np.uint32)
        self._num_docs = windows
        return self
