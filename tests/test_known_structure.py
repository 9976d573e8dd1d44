"""The statistics of ``benchmarks/known_structure.py``, on similarities whose answer is known."""

import importlib.util
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("known_structure", ROOT / "benchmarks/known_structure.py")
known_structure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(known_structure)


def planted(n: int, signal: float, seed: int) -> tuple[np.ndarray, list[str]]:
    """A symmetric similarity of ``n`` documents in 4 groups: ``signal`` added to same-group pairs."""
    rng = np.random.default_rng(seed)
    groups = [f"g{i % 4}" for i in range(n)]
    noise = rng.random((n, n))
    same = np.equal.outer(groups, groups)
    similarity = (noise + noise.T) / 2 + signal * same
    return similarity, groups


def test_auc_is_sklearns_with_ties():
    rng = np.random.default_rng(0)
    values = rng.integers(0, 10, 3000).astype(float)  # many ties
    same = rng.random(3000) < 0.25
    assert abs(known_structure.auc(same, values) - roc_auc_score(same, values)) < 1e-12


def test_seed_matched_difference_finds_a_real_gain_and_no_gain_where_there_is_none():
    """Views with more signal than the baseline: the mean difference over seed pairs is positive and
    its interval excludes 0; the same view against itself gives 0 with a degenerate interval; two
    equally good views give an interval holding 0."""
    better = [planted(80, 0.3, seed)[0] for seed in (1, 2, 3)]
    worse = [planted(80, 0.1, seed)[0] for seed in (4, 5, 6)]
    groups = planted(80, 0, 0)[1]
    delta, low, high = known_structure.auc_difference(better, worse, groups, rounds=200)
    assert 0 < low < delta < high
    assert known_structure.auc_difference(better, better, groups, rounds=50) == (0, 0, 0)
    equal = [planted(80, 0.1, seed)[0] for seed in (7, 8, 9)]
    delta, low, high = known_structure.auc_difference(equal, worse, groups, rounds=200)
    assert low < 0 < high
