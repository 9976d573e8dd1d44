"""The one place govtopics reaches into jieba's private code: a part-of-speech tagger that
remembers its HMM's answers.

jieba's ``POSTokenizer`` resolves its calls to the name-mangled private method
``_POSTokenizer__cut_detail`` (the HMM over a run of characters the dictionary does not know);
:class:`Tagger` overrides it with a cache. Tested on jieba ``TESTED_JIEBA`` (pinned in
pyproject.toml; ``tests/test_tokens.py`` checks that the tags are jieba's own and fails on another
version). On another version :func:`tagger` returns jieba's own tagger: the same tags, slower.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import metadata

import jieba
import jieba.posseg

TESTED_JIEBA = "0.42.1"
JIEBA = metadata.version("jieba")
SUPPORTED = JIEBA == TESTED_JIEBA


def tagger(tokenizer: jieba.Tokenizer) -> jieba.posseg.POSTokenizer:
    """A part-of-speech tagger over ``tokenizer``: the caching one on the tested jieba."""
    if SUPPORTED:
        return Tagger(tokenizer)
    logging.getLogger(__name__).warning(
        "jieba %s is not the tested %s: tagging without the cache (slower, the same tags)", JIEBA, TESTED_JIEBA
    )
    return jieba.posseg.POSTokenizer(tokenizer)


class Tagger(jieba.posseg.POSTokenizer):
    """jieba's part-of-speech tagger, remembering what its HMM made of each run of characters
    that the dictionary does not know.

    That HMM (a Viterbi search over every position × tag) is two thirds of the tagger's time,
    and the same runs recur: on the Government Work Reports half of the characters it is given
    were given before. It is a pure function of the run, so the words and tags are the same.
    """

    def __init__(self, tokenizer: jieba.Tokenizer):
        super().__init__(tokenizer)
        hmm = super()._POSTokenizer__cut_detail
        self._detail = lru_cache(maxsize=1 << 17)(lambda run: tuple(hmm(run)))

    def _POSTokenizer__cut_detail(self, sentence: str):  # the name jieba's own calls resolve to
        return self._detail(sentence)
