"""Do governance terms come out of segmentation whole? Tuned and held-out terms, reported apart.

- ``tests/data/gold_terms.csv`` (105 terms): the user dictionary was built while looking at these,
  so their score is a tuned figure.
- ``tests/data/gold_terms_heldout.csv`` (78 terms): named practices, numbered slogans and compound
  policy phrases of the same seeds that the dictionary was never built on, listed by reading the
  cleaned seeds before any of them was segmented; ``kind`` says whether the seeds put the term in
  quotation marks on its own (``quoted``) or not (``unquoted``).

A term counts as whole when it is one token of its sentence, segmented as the pipeline segments
(the user dictionary plus, with ``tokens.keep_quoted_terms``, the names the corpus quotes, read
from ``results/seeds/corpus/quoted_terms.csv`` of a run on the seeds). jieba alone (its own dictionary)
and the user dictionary alone are shown for comparison.

Over-merging: the names the quote rule keeps whole are listed in ``quoted_terms.csv``; every one
of them that occurs in the seeds outside its quotation marks is printed with its context, to be
read (see the README for the count judged).

    python benchmarks/term_accuracy.py [--results results]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import jieba
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
from govtopics.reading.io import read_table  # noqa: E402
from govtopics.text.tokens import make_tokenizer, quoted_names, segment, tokenizer_with  # noqa: E402

TUNED = ROOT / "tests/data/gold_terms.csv"
HELDOUT = ROOT / "tests/data/gold_terms_heldout.csv"
USER_DICTIONARY = ROOT / "config/user_dict.txt"


def whole(rows: pd.DataFrame, tokenizer: jieba.Tokenizer) -> list[bool]:
    """Whether each row's term is one token of its sentence."""
    return [term in segment(sentence, tokenizer) for term, sentence in zip(rows["term"], rows["sentence"], strict=True)]


def score(results: Path) -> dict:
    """Share of terms whole per list (and per kind of held-out term) under three tokenizers."""
    plain = jieba.Tokenizer()
    plain.initialize()
    tokenizers = {
        "jieba alone": plain,
        "user dictionary": make_tokenizer(USER_DICTIONARY),
        "pipeline (dictionary + quoted names)": tokenizer_with(
            USER_DICTIONARY, quoted_names(results / "corpus/quoted_terms.csv")
        ),
    }
    tuned = pd.read_csv(TUNED, encoding="utf-8-sig")
    heldout = pd.read_csv(HELDOUT, encoding="utf-8-sig")
    sets = {"tuned": tuned, "held out": heldout}
    sets.update({f"held out, {kind}": heldout[heldout["kind"] == kind] for kind in ("quoted", "unquoted")})
    table, split = [], {}
    for name, tokenizer in tokenizers.items():
        for label, rows in sets.items():
            ok = whole(rows, tokenizer)
            table.append({"tokenizer": name, "terms": label, "n": len(ok), "whole": sum(ok)})
            if name.startswith("pipeline") and label == "held out":
                split = {t: s for t, s, good in zip(rows["term"], rows["sentence"], ok, strict=True) if not good}
    return {"table": pd.DataFrame(table), "split": split, "pipeline": tokenizers[next(reversed(tokenizers))]}


def added_names(results: Path) -> list[str]:
    """The quoted names the pipeline adds: those the user dictionary alone would split."""
    tokenizer = make_tokenizer(USER_DICTIONARY)
    names = quoted_names(results / "corpus/quoted_terms.csv")
    return [name for name in names if len(tokenizer.lcut(name, HMM=False)) > 1]


def unquoted_uses(results: Path, context: int = 6) -> list[tuple[str, str]]:
    """Every occurrence of an added quoted name that is not the quoted name itself, with its
    context: where the rule could merge what is not meant."""
    text = "\n".join(read_table(results / "corpus/paragraphs.csv", dtype=str)["text"])
    uses = []
    for name in added_names(results):
        for match in re.finditer(re.escape(name), text):
            before, after = text[max(0, match.start() - 1) : match.start()], text[match.end() : match.end() + 1]
            if before and after and before in "“「『" and after in "”」』":
                continue
            uses.append((name, text[max(0, match.start() - context) : match.end() + context].replace("\n", " ")))
    return uses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "results/seeds", help="results/seeds of a seed run")
    args = parser.parse_args()
    result = score(args.results)
    table = result["table"]
    table["share"] = (table["whole"] / table["n"]).map("{:.0%}".format)
    print(table.to_string(index=False))
    print("\nheld-out terms the pipeline still splits:")
    for term, sentence in result["split"].items():
        pieces = [t for t in segment(sentence, result["pipeline"]) if set(t) & set(term)]
        print(f"  {term}: {' / '.join(pieces[:6])}")
    names = added_names(args.results)
    print(f"\nquoted names added to the dictionary ({len(names)}; read each: is it a name?):\n  " + " ".join(names))
    uses = unquoted_uses(args.results)
    print(f"\nquoted names used outside quotation marks ({len(uses)}; read each: is the name meant?):")
    for name, context in uses:
        print(f"  {name}: …{context}…")


if __name__ == "__main__":
    main()
