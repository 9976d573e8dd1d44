"""Which aligner the reuse stage uses, by measurement: the same region pairs (a real passage and
its lightly or heavily edited copy, with 0-60 characters of unrelated text around) aligned by
rapidfuzz's Levenshtein opcodes (compiled, the choice), edlib (compiled; global alignment with a
path) and difflib's SequenceMatcher (the standard library, pure Python). Prints the median time per
alignment, how many pairs each could align, and the characters found shared (a longer alignment is
not better by itself: difflib's blocks are not an edit alignment).

    python benchmarks/reuse_aligners.py [--pairs 200]   (edlib: pip install edlib)
"""

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rapidfuzz.distance import Levenshtein  # noqa: E402
from reuse_gold import edit  # noqa: E402

from govtopics.comparison import reuse  # noqa: E402


def regions(n: int, seed: int = 1) -> list[tuple[str, str]]:
    import opencc

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources/corpus/seeds").glob("*.txt"))]
    norms = [reuse.normalise(t)[0] for t in texts]
    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t").convert
    out = []
    for i in range(n):
        norm = norms[i % len(norms)]
        start = rng.randrange(len(norm) - 500)
        passage = norm[start : start + rng.randrange(80, 400)]
        copy = reuse.normalise(edit(passage, ["light", "heavy"][i % 2], rng, to_traditional))[0]
        pad = norms[(i + 1) % len(norms)][:60]
        out.append((passage, pad[: rng.randrange(60)] + copy + pad[: rng.randrange(60)]))
    return out


def shared_rapidfuzz(a, b):
    return sum(i1 - i0 for tag, i0, i1, _, _ in Levenshtein.opcodes(a, b) if tag == "equal")


def shared_difflib(a, b):
    return sum(
        i1 - i0
        for tag, i0, i1, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag == "equal"
    )


def shared_edlib(a, b):
    import edlib

    result = edlib.align(a, b, mode="NW", task="path")
    return sum(int(n) for n, op in _cigar(result["cigar"]) if op in "=")


def _cigar(cigar: str):
    number = ""
    for char in cigar:
        if char.isdigit():
            number += char
        else:
            yield number, char
            number = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    pairs = regions(args.pairs)
    aligners = {"rapidfuzz (chosen)": shared_rapidfuzz, "difflib": shared_difflib}
    try:
        import edlib  # noqa: F401

        aligners["edlib"] = shared_edlib
    except ImportError:
        print("edlib not installed: pip install edlib to compare it")
    for name, aligner in aligners.items():
        times, shared, failed = [], [], 0
        for a, b in pairs:
            start = time.perf_counter()
            try:
                shared.append(aligner(a, b))
            except Exception as error:  # edlib: more than 256 distinct symbols
                failed += 1
                last = str(error)
                continue
            times.append(time.perf_counter() - start)
        note = f"; failed on {failed} ({last[:60]})" if failed else ""
        median = statistics.median(times) * 1e6 if times else float("nan")
        print(
            f"{name:20s} median {median:8.1f} µs per alignment, aligned {len(times)}/{len(pairs)}, "
            f"shared characters {sum(shared)}{note}"
        )


if __name__ == "__main__":
    main()
