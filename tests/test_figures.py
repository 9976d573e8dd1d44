"""Figures of many cases: bounded in size and memory, case labels left out with a note where
they could not be read; figures of few cases label every case."""

import re

import numpy as np
import pytest
from matplotlib.colors import to_hex
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform

from govtopics.presentation import figures

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


def test_map_labels_do_not_overlap_and_stay_inside_their_panel():
    """Crowded points (issue 9 item 7): every label is drawn, long labels wrapped, and no two
    labels' boxes intersect, nor a label and a point, nor does a label leave the panel."""
    rng = np.random.default_rng(3)
    n = 24
    coords = np.vstack([rng.normal(0, 0.05, (n // 2, 2)), rng.normal(1, 0.05, (n // 2, 2))])
    labels = [f"上海杨浦{i}号五角场街道" if i % 3 == 0 else f"城市{i}" for i in range(n)]
    fig = figures.mds_maps([("TF-IDF", labels, coords, [1 + i % 2 for i in range(n)], 0.2)])
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text()]
    assert sorted(t.get_text() for t in texts) == sorted(figures.wrap_label(label) for label in labels)
    assert all(max(len(line) for line in t.get_text().split("\n")) <= 8 for t in texts)
    boxes = [t.get_window_extent(renderer) for t in texts]
    panel = ax.get_window_extent(renderer)
    overlaps = [(a, b) for a in range(n) for b in range(a + 1, n) if boxes[a].overlaps(boxes[b])]
    assert not overlaps, [(texts[a].get_text(), texts[b].get_text()) for a, b in overlaps]
    assert all(panel.x0 - 1 <= box.x0 and box.x1 <= panel.x1 + 1 for box in boxes)
    assert all(panel.y0 - 1 <= box.y0 and box.y1 <= panel.y1 + 1 for box in boxes)
    points = ax.transData.transform(coords)
    assert not [(t.get_text(), p) for t, box in zip(texts, boxes, strict=True) for p in points if box.contains(*p)]
    # the colours are explained (issue 25): one legend entry per cluster, in the cluster's colour
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["cluster 1 (n = 12)", "cluster 2 (n = 12)"]
    assert [to_hex(h.get_facecolor()) for h in legend.legend_handles] == [
        figures.cluster_colour(1),
        figures.cluster_colour(2),
    ]


def test_long_labels_wrap_between_words_on_balanced_lines():
    """Issue 25: the map broke names mid-word (上海杨浦平/凉路街道)."""
    assert figures.wrap_label("上海") == "上海"
    assert figures.wrap_label("上海杨浦五角场街道") == "上海杨浦\n五角场街道"
    assert figures.wrap_label("上海杨浦平凉路街道") == "上海杨浦\n平凉路街道"
    assert figures.wrap_label("广东省深圳市南山区蛇口街道") == "广东省深圳市\n南山区蛇口街道"
    assert figures.wrap_label("多地：深圳、珠海、汕头、厦门") == "多地：深圳、\n珠海、汕头、厦门"
    # no word boundary to break at: by characters, balanced
    assert figures.wrap_label("一" * 20) == "\n".join(["一" * 7, "一" * 7, "一" * 6])


def test_a_figure_scaled_to_a_journal_column_keeps_its_layout_and_says_when_text_gets_too_small(tmp_path, caplog):
    """Issue 9 item 3: figures.width_mm scales a figure uniformly to a printed width; PNG, SVG
    and PDF are written; text below 5 pt is a warning in the log."""
    from PIL import Image

    similarity, labels, tree, order, rng = _cases(8)
    for width in (175, 85):
        fig = figures.similarity_heatmap(similarity, labels, order, "TF-IDF")
        paths = figures.save(fig, tmp_path / f"heatmap{width}", 300, ("png", "svg", "pdf"), width)
        assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"] and all(p.stat().st_size > 5_000 for p in paths)
        pixels = Image.open(paths[0]).size[0]
        assert abs(pixels / 300 * 25.4 - width) < 0.06 * width  # printed width within 6%
        assert paths[2].read_bytes()[:5] == b"%PDF-"
    fig = figures.topic_term_bars(
        [{"topic": t, "rank": r, "term": f"词{r}", "probability": 0.1} for t in range(1, 13) for r in range(10)], {}
    )
    with caplog.at_level("WARNING"):
        figures.save(fig, tmp_path / "crowded", 100, ("png",), 40)
    assert "below 5 pt" in caplog.text


def test_a_model_of_forty_topics_draws_readable_prevalence_and_case_topic_figures():
    """At K = 40 (the Government Work Reports since training converges) the prevalence legend
    took the whole figure and squeezed the plot to a sliver, and the case × topic heatmap was 39
    inches wide. Now the 8 topics whose share varies most are drawn (the title says so), and the
    heatmap stays within a landscape page."""
    rng = np.random.default_rng(0)
    periods = ["1950–1959", "1960–1969", "1970–1979", "1980–1989"]
    rows = []
    for topic in range(1, 41):
        amplitude = 0.2 if topic in (3, 17) else 0.01  # two topics that move, 38 that hardly do
        for i, period in enumerate(periods):
            share = 0.02 + amplitude * i / 3 + rng.uniform(0, 0.002)
            rows.append({"topic": topic, "level": period, "share": share, "low": share - 0.01, "high": share + 0.01})
    trends = {t: {"slope": 0.0, "low": -0.01, "high": 0.01} for t in range(1, 41)}
    panel = {"column": "year", "kind": "time", "period_years": 10, "rows": rows, "trends": trends}
    assert {3, 17} <= set(figures.most_varying_topics([panel])) and len(figures.most_varying_topics([panel])) == 8
    fig = figures.topic_prevalence([panel], {t: f"主题{t}" for t in range(1, 41)})
    ax = fig.axes[0]
    assert len(ax.get_legend().get_texts()) == figures.MAX_PREVALENCE_TOPICS
    assert "8 of 40 topics" in ax.get_title()
    assert ax.get_position().height * fig.get_figheight() > 1.5  # inches of plot, not a sliver
    heatmap = figures.case_topic_heatmap(
        rng.dirichlet(np.ones(40), 12),
        [f"c{i}" for i in range(12)],
        list(range(12)),
        [f"主题{t}" for t in range(1, 41)],
    )
    assert heatmap.get_figwidth() <= 14


def test_bar_panels_keep_their_axis_numbers_apart_at_every_scale():
    """On the Government Work Reports a topic whose largest word probability was 0.0185 got ticks
    every 0.0025, printed as 0.00000.00250.0050… in its small panel. Each panel of word bars and
    keyness bars now has a few ticks, whatever the scale of its values; and saving any figure whose
    tick labels run into each other says so in the log."""
    rng = np.random.default_rng(1)
    topic_rows, keyness_rows = [], []
    for topic, top in enumerate([0.0185, 0.0012, 0.035, 0.08, 0.31, 0.000147, 0.0175, 0.9], start=1):
        for rank, p in enumerate(sorted(rng.uniform(top / 3, top, 10), reverse=True), start=1):
            term = "生产能力" if rank == 10 else f"词{rank}"  # long words narrow the panel, as on the GWR
            topic_rows.append({"topic": topic, "rank": rank, "term": term, "probability": p})
    for case, top in enumerate([1.85, 12.5, 0.37, 147.0]):
        for rank, ratio in enumerate(sorted(rng.uniform(top / 3, top, 8), reverse=True)):
            keyness_rows.append({"case": f"案例{case}", "term": f"词{rank}", "count": 3, "log_ratio": ratio})
    for fig in (
        figures.topic_term_bars(topic_rows, {}),
        figures.keyness_bars(keyness_rows),
    ):
        fig.canvas.draw()
        crowded = figures.crowded_tick_labels(fig)
        assert not crowded, crowded


def test_saving_a_figure_with_crowded_ticks_warns(tmp_path, caplog):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1.5, 1))
    ax.set_xticks(np.linspace(0, 0.0175, 8), [f"{v:.4f}" for v in np.linspace(0, 0.0175, 8)])
    figures.save(fig, tmp_path / "crowded", formats=("png",))
    assert "crowded: 7 pairs of tick labels run into each other (first: 0.0000 and 0.0025)" in caplog.text


def test_many_cluster_counts_and_slanted_names_stay_apart():
    """The silhouette curve over k = 2…30 (the Government Work Reports) labelled every k, printed
    as 10111213…; slanted category names whose boxes overlap but whose text does not are fine,
    and slanted names set too close are not."""
    import matplotlib.pyplot as plt

    rows = [{"k": k, "silhouette": 0.5 - k / 100} for k in range(2, 31)]
    fig = figures.silhouette_curves([("TF-IDF", rows, 2), ("LDA", rows, 3)])
    fig.canvas.draw()
    assert not figures.crowded_tick_labels(fig)
    names = ["网格化管理", "区域化党建与结对共建", "三驾马车", "产业与乡村发展"]
    for width, crowded in ((8, False), (0.8, True)):
        fig, ax = plt.subplots(figsize=(width, 2))
        ax.set_xticks(range(len(names)), names, rotation=40, ha="right")
        fig.canvas.draw()
        assert bool(figures.crowded_tick_labels(fig)) is crowded


def test_dendrogram_branches_have_their_clusters_colours_as_in_the_map():
    """On the seeds the LDA dendrogram drew the cluster of seven cases green and the map drew it
    orange: scipy colours the branches by its own cycle. Both now take the cluster's number."""
    from govtopics.models import clusters

    similarity, labels, tree, _, _ = _cases(9, seed=3)
    assigned, _, _, _ = clusters.assign(similarity, "average", 3)
    colours = figures.link_colours(tree, assigned)
    for row, (left, right, _, _) in enumerate(tree):
        leaves = [int(i) for i in (left, right)]
        below = {int(c) for c in assigned[[i for i in range(9) if _under(tree, 9 + row, i)]]}
        expected = figures.cluster_colour(below.pop()) if len(below) == 1 else figures.LINK_GREY
        assert colours[9 + row] == expected, leaves
    fig = figures.dendrograms([("TF-IDF", tree, 3)], labels)
    drawn = {to_hex(c) for coll in fig.axes[0].collections for c in coll.get_colors()}
    joined = {c for c in set(assigned.tolist()) if (assigned == c).sum() > 1}  # a lone case has no branch of its own
    assert joined and drawn == {figures.cluster_colour(c) for c in joined} | {figures.LINK_GREY}
    assert {figures.cluster_colour(c) for c in (1, 2, 3)} == {to_hex(f"C{i}") for i in range(3)}


def _under(tree, node: int, leaf: int) -> bool:
    n = len(tree) + 1
    if node < n:
        return node == leaf
    left, right = (int(i) for i in tree[node - n, :2])
    return _under(tree, left, leaf) or _under(tree, right, leaf)


def test_figures_speak_one_language():
    """Issue 25 item 2: report.language sets titles, axes and legends in Chinese or English, never both."""
    rows = [
        {"k": k, "seed": 1, "c_npmi": 0.1, "u_mass": -2, "diversity": 0.8, "perplexity": 900, "stability": 0.5}
        for k in (5, 10)
    ]
    texts = {}
    for language in ("zh", "en"):
        figures.set_language(language)
        fig = figures.k_selection(rows, 5)
        texts[language] = [ax.get_title() for ax in fig.axes if ax.get_title()] + [fig.axes[0].get_xlabel()]
    figures.set_language("en")
    assert texts["zh"][0] == "NPMI 一致性（越高越好）" and texts["zh"][-1] == "主题数 K"
    assert texts["en"][0] == "NPMI coherence (higher is better)" and texts["en"][-1] == "number of topics K"
    has_chinese = [any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in texts["en"]]
    assert not any(has_chinese), texts["en"]
    # a figure of many cases says in Chinese where their names are (it said "见 the similarity table")
    similarity, labels, tree, order, _ = _cases(70)
    figures.set_language("zh")
    try:
        drawn = [
            figures.similarity_heatmap(similarity, labels, order, "t"),
            figures.dendrograms([("t", tree, 2)], labels),
        ]
        said = [t.get_text() for fig in drawn for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    finally:
        figures.set_language("en")
    notes = [t for t in said if "名称从略" in t]
    assert len(notes) >= 2 and not [t for t in notes if re.search(r"[a-z]{3,} [a-z]{3,}", t)], notes
    with pytest.raises(ValueError, match="report.language"):
        figures.set_language("fr")


def test_the_figure_rules_entry_draws_from_the_tables_and_says_when_cases_are_too_few():
    """figure_set.draw, which the figure rules call: a similarity heatmap in the order the clusters
    stage wrote; with two cases no clustering figure is drawn but a placeholder says why, in the
    report's language; with no distinctive term the keyness figure says so."""
    import pandas as pd

    from govtopics.presentation import figure_set

    similarity, labels, _, _, _ = _cases(4)
    tables = {
        "cases": pd.DataFrame({"case_id": list("abcd")}),
        "order": pd.DataFrame({"view": ["tfidf"] * 4, "position": [0, 1, 2, 3], "case_index": [2, 0, 3, 1]}),
        "keyness": pd.DataFrame(columns=["case", "term", "g2"]),
    }
    fig = figure_set.draw("similarity_tfidf", tables, {"tfidf": (similarity, labels)})
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["案例2", "案例0", "案例3", "案例1"], "the clusters stage's order, not recomputed"
    few = {**tables, "cases": pd.DataFrame({"case_id": ["a", "b"]})}

    def texts(fig):
        return [t.get_text() for t in fig.axes[0].texts]

    try:
        for language, title, why in (
            ("en", "2 cases: no clustering", "needs at least 3 cases"),
            ("zh", "2 个案例，无法聚类", "至少需要 3 个案例"),
        ):
            figures.set_language(language)
            for name in ("dendrograms", "cluster_selection", "consensus"):
                said = texts(figure_set.draw(name, few, {}))
                assert said[0] == title and why in said[1], (language, name, said)
        assert texts(figure_set.draw("keyness", tables, {}))[0] == "没有显著的特征词"
    finally:
        figures.set_language("en")
