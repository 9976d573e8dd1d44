"""Figures of many cases: bounded in size and memory, case labels left out with a note where
they could not be read; figures of few cases label every case."""

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform

from govtopics import figures

figures.setup_fonts()  # the bundled CJK font, as the figure rules use


def _cases(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    points = rng.random((n, 3))
    similarity = 1 - np.linalg.norm(points[:, None] - points[None], axis=2) / np.sqrt(3)
    labels = [f"案例{i}" for i in range(n)]
    tree = linkage(squareform(1 - similarity, checks=False), "average")
    return similarity, labels, tree, list(range(n)), rng


def _pixels(fig) -> tuple[float, float]:
    width, height = fig.get_size_inches()
    return width * 200, height * 200  # the default figures.dpi


def _labels_shown(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels() if t.get_text()]


def test_many_cases_fixed_size_no_labels_and_a_note():
    n = 400  # grew to ~220 inches (a 44,000-pixel square PNG, killed for memory) before the cap
    similarity, labels, tree, order, rng = _cases(n)
    drawn = {
        "similarity": figures.similarity_heatmap(similarity, labels, order, "TF-IDF"),
        "dendrograms": figures.dendrograms([("TF-IDF", tree, 3)], labels),
        "case_topics": figures.case_topic_heatmap(rng.dirichlet(np.ones(5), n), labels, order, list("ABCDE")),
        "consensus": figures.consensus_heatmaps([("TF-IDF", similarity, order)], labels),
        "codebook": figures.category_heatmap(rng.random((n, 4)) * 50, labels, list("abcd"), order),
        "mds": figures.mds_maps([("TF-IDF", labels, rng.random((n, 2)), [1 + i % 3 for i in range(n)], 0.2)]),
    }
    for name, fig in drawn.items():
        width, height = _pixels(fig)
        assert width * height < 6000 * 4000, f"{name} is {width:.0f} × {height:.0f} pixels"
        notes = [ax.get_xlabel() + ax.get_ylabel() for ax in fig.axes]
        assert any(f"{n} cases, more than {figures.MAX_LABELLED}" in note for note in notes), name
        assert not any("案例" in label for ax in fig.axes for label in _labels_shown(ax)), name
        assert not any(t.get_text() == "案例7" for ax in fig.axes for t in ax.texts), name
    rows = [{"case": f"案例{i}", "term": "网格", "count": 5, "log_ratio": 1.0} for i in range(n)]
    keyness = figures.keyness_bars(rows)
    assert len([ax for ax in keyness.axes if ax.get_title()]) == figures.MAX_KEYNESS_PANELS
    assert f"of {n} cases" in keyness._suptitle.get_text()


def test_few_cases_label_every_case():
    n = 12
    similarity, labels, tree, order, rng = _cases(n)
    heatmap = figures.similarity_heatmap(similarity, labels, order, "TF-IDF")
    assert sorted(_labels_shown(heatmap.axes[0])) == sorted(labels)
    mds = figures.mds_maps([("TF-IDF", labels, rng.random((n, 2)), [1] * n, 0.1)])
    assert {t.get_text() for t in mds.axes[0].texts} == set(labels)
    keyness = figures.keyness_bars([{"case": c, "term": "网格", "count": 5, "log_ratio": 1.0} for c in labels])
    assert keyness._suptitle is None
