"""Figures of the comparisons, drawn with a bundled CJK font so Chinese labels render anywhere.

matplotlib has no Chinese font on a bare machine and would draw boxes; the PyPI package
``mplfonts`` ships Noto Sans CJK SC (SIL Open Font Licence), which is registered here without
touching matplotlib's own files. Every figure is saved as PNG (for Word), SVG (text as paths, so
it needs no font on the reader's machine either) and PDF (the font embedded), at the size it is
drawn or scaled to a journal's column width (``figures.width_mm``).
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.collections import Collection, PathCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from scipy.cluster.hierarchy import dendrogram  # noqa: E402

from govtopics.models.clusters import cut as cut_tree  # noqa: E402
from govtopics.presentation import words  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_NAME = "Noto Sans CJK SC"
# Above this many cases a figure cannot show one readable label per case: it keeps a fixed size
# (a figure that grew with the cases would need gigabytes at a few hundred) and says where the
# labels are (the CSV the figure draws).
MAX_LABELLED = 60
MAX_KEYNESS_PANELS = 24


LANGUAGE = {"current": "en"}  # report.language: titles, axes and legends in one language


def set_language(language: str) -> None:
    """Write every figure's titles, axis labels and legends in ``language`` (``zh`` or ``en``,
    ``report.language``), never in both."""
    if language not in words.languages():
        raise ValueError(f"report.language is {language!r}; allowed: {', '.join(map(repr, words.languages()))}")
    LANGUAGE["current"] = language


def say(key: str, **numbers) -> str:
    """A figure's words (``figure.<key>`` of the words catalogues) in the language set by
    :func:`set_language`."""
    return words.say(f"figure.{key}", LANGUAGE["current"], **numbers)


def labelled(n: int) -> bool:
    """Whether a figure of ``n`` cases labels every case."""
    return n <= MAX_LABELLED


def _unlabelled(n: int, where: str) -> str:
    return say("unlabelled", n=n, max=MAX_LABELLED, where=where)


def _label_square(ax, names: list[str], where: str, note_size: int) -> None:
    """Case labels on both axes of a case × case heatmap, or, above :data:`MAX_LABELLED`, none and
    a note saying where they are."""
    n = len(names)
    if labelled(n):
        ax.set_xticks(range(n), names, rotation=60, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(n), names)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel(_unlabelled(n, where), fontsize=note_size)


def _case_side(n: int, per_case: float, extra: float, least: float, fixed: float) -> float:
    """Inches along an axis of ``n`` cases: growing with them while each is labelled, else fixed."""
    return max(least, per_case * n + extra) if labelled(n) else fixed


def setup_fonts() -> str:
    """Register the bundled CJK font and make it the default; return its path."""
    path = str(resources.files("mplfonts") / "fonts" / FONT_FILE)
    if not Path(path).is_file():
        raise FileNotFoundError(f"the CJK font {path} is missing: reinstall with pip install mplfonts")
    font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.fonttype": "path",
            "svg.hashsalt": "govtopics",  # stable ids: same figure, same SVG bytes
            "pdf.fonttype": 42,
            "font.size": 10,
        }
    )
    return path


MIN_FONT_PT = 5.0  # below this, text in a printed figure is too small to read


def _scale(fig, factor: float) -> None:
    """Scale ``fig`` uniformly by ``factor``: size, text, lines, markers, ticks."""
    texts = [(text, text.get_fontsize()) for text in fig.findobj(Text)]
    for ax in fig.axes:
        for axis, which in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            labels = axis.get_ticklabels()
            major = axis.get_major_ticks()
            ax.tick_params(
                axis=which,
                labelsize=(labels[0].get_fontsize() if labels else matplotlib.rcParams["font.size"]) * factor,
                length=(major[0].tick1line.get_markersize() if major else 3.5) * factor,
                width=(major[0].tick1line.get_markeredgewidth() if major else 0.8) * factor,
                pad=(major[0].get_pad() if major else 3.5) * factor,
            )
    for text, size in texts:
        text.set_fontsize(size * factor)
    for line in fig.findobj(Line2D):
        line.set_linewidth(line.get_linewidth() * factor)
        line.set_markersize(line.get_markersize() * factor)
        line.set_markeredgewidth(line.get_markeredgewidth() * factor)
    for collection in fig.findobj(Collection):
        collection.set_linewidths(np.asarray(collection.get_linewidths()) * factor)
        if isinstance(collection, PathCollection):
            collection.set_sizes(np.asarray(collection.get_sizes()) * factor**2)
    for patch in fig.findobj(Patch):
        patch.set_linewidth(patch.get_linewidth() * factor)
    width, height = fig.get_size_inches()
    fig.set_size_inches(width * factor, height * factor)


def crowded_tick_labels(fig) -> list[tuple[str, str]]:
    """Pairs of neighbouring tick labels on one axis of ``fig`` that run into each other, in any
    panel: numbers or names a reader cannot tell apart. Level (or upright) labels crowd when their
    boxes come within a quarter of their font size; slanted labels, whose boxes overlap even when
    the text does not, when their lines lie less than a font size apart across the slant."""
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        for labels, along in ((ax.get_xticklabels(), 0), (ax.get_yticklabels(), 1)):
            shown = [t for t in labels if t.get_text() and t.get_visible()]
            for a, b in zip(shown, shown[1:], strict=False):
                size = a.get_fontsize() * fig.dpi / 72
                angle = np.deg2rad(a.get_rotation())
                if abs(np.sin(2 * angle)) < 1e-6:  # level or upright: their boxes are their text
                    box_a, box_b = a.get_window_extent(renderer), b.get_window_extent(renderer)
                    crowded = box_a.padded(size / 8).overlaps(box_b.padded(size / 8))
                else:  # parallel slanted lines: their distance across the slant
                    step = abs(
                        a.get_transform().transform(a.get_position())[along]
                        - b.get_transform().transform(b.get_position())[along]
                    )
                    crowded = step * abs(np.sin(angle) if along == 0 else np.cos(angle)) < size
                if crowded:
                    pairs.append((a.get_text(), b.get_text()))
    return pairs


SAVE_PAD_INCHES = 0.1  # matplotlib's pad around a figure cropped to its content


def scale_to_width(fig, width_mm: float) -> float:
    """Scale ``fig`` uniformly (its size, text, lines, markers and ticks) so that, cropped to its
    content as it is saved, it is ``width_mm`` wide: a journal's column (about 85 mm) or page
    (about 175 mm) at the printed size, with the layout unchanged. Two passes, since paddings that
    do not scale make the first a little off. Returns the smallest font size after scaling, in points."""
    target = width_mm / 25.4 - 2 * SAVE_PAD_INCHES
    for _ in range(2):
        _scale(fig, target / fig.get_tightbbox(fig.canvas.get_renderer()).width)
    return min((text.get_fontsize() for text in fig.findobj(Text) if text.get_text()), default=MIN_FONT_PT)


def save(fig, stem: str | Path, dpi: int = 200, formats=("png", "svg"), width_mm: float = 0) -> list[Path]:
    """Save ``fig`` as ``stem``.png (for Word), .svg (text as paths) and .pdf (fonts embedded),
    whichever ``formats`` name, cropped to its content; with ``width_mm`` > 0 scaled first to that
    printed width (:func:`scale_to_width`), with a warning in the log when its text would be
    smaller than :data:`MIN_FONT_PT` or neighbouring tick labels run into each other
    (:func:`crowded_tick_labels`). Returns the paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    if width_mm:
        smallest = scale_to_width(fig, width_mm)
        if smallest < MIN_FONT_PT:
            logging.getLogger(__name__).warning(
                "%s at %g mm wide: its smallest text is %.1f pt, below %g pt; draw it at a larger "
                "figures.width_mm (175 mm is a two-column page)",
                stem.name,
                width_mm,
                smallest,
                MIN_FONT_PT,
            )
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }
    paths = []
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata=metadata[fmt])
        paths.append(path)
    crowded = crowded_tick_labels(fig)  # as last drawn, by the saving above
    if crowded:
        logging.getLogger(__name__).warning(
            "%s: %d pairs of tick labels run into each other (first: %s and %s); the figure needs "
            "fewer ticks there (figures.py)",
            stem.name,
            len(crowded),
            *crowded[0],
        )
    plt.close(fig)
    return paths


def _annotate(
    ax, m: np.ndarray, fmt: str, high_is_dark: bool, threshold: float, fontsize: int = 8, max_cells: int = 625
) -> None:
    """Write each cell's value in it, in black or white to stand out from the cell's colour."""
    if m.size > max_cells:
        return
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            dark = (m[i, j] > threshold) == high_is_dark
            ax.text(
                j,
                i,
                format(m[i, j], fmt),
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if dark else "black",
            )


def placeholder(title: str, message: str):
    """A small figure that says why there is nothing to draw, so that a report never shows an
    empty or misleading panel and every figure a run promises exists."""
    fig, ax = plt.subplots(figsize=(6.0, 1.8))
    ax.axis("off")
    ax.text(0.5, 0.62, title, ha="center", va="center", fontsize=11, weight="bold")
    ax.text(0.5, 0.28, message, ha="center", va="center", fontsize=9, wrap=True)
    return fig


def similarity_heatmap(similarity: np.ndarray, labels: list[str], order: list[int], title: str):
    """Case × case similarity, cases in dendrogram order, each cell annotated (up to 25 cases) and
    each case labelled (up to :data:`MAX_LABELLED`)."""
    n = len(labels)
    m = similarity[np.ix_(order, order)]
    names = [labels[i] for i in order]
    size = _case_side(n, 0.55, 2.5, 5.0, 10.0)
    fig, ax = plt.subplots(figsize=(size + 1.2, size))
    image = ax.imshow(m, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
    _label_square(ax, names, say("similarity_where"), 10)
    _annotate(ax, m, ".2f", high_is_dark=False, threshold=0.6, fontsize=7 if n > 12 else 8)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label=say("similarity"))
    fig.tight_layout()
    return fig


def cluster_colour(cluster: int) -> str:
    """The colour of a cluster (1, 2, …) in every figure; 0 (no clusters) is grey."""
    return to_hex(plt.get_cmap("tab10")((cluster - 1) % 10)) if cluster else "#555555"


LINK_GREY = "#888888"  # dendrogram links above the cut, joining clusters


def link_colours(z: np.ndarray, labels) -> dict[int, str]:
    """Each link of the tree ``z`` (scipy's numbering: n + row) in the colour of the cluster of
    the cases below it, or grey where it joins cases of different clusters."""
    n = len(labels)
    below: dict[int, set] = {i: {int(c)} for i, c in enumerate(labels)}
    colours = {}
    for row, (left, right, _, _) in enumerate(z):
        below[n + row] = below[int(left)] | below[int(right)]
        only = below[n + row]
        colours[n + row] = cluster_colour(next(iter(only))) if len(only) == 1 else LINK_GREY
    return colours


def dendrograms(trees: list[tuple[str, np.ndarray, int]], labels: list[str]):
    """One dendrogram per similarity view (title, linkage, clusters used), side by side, leaves
    labelled in Chinese, branches coloured by the clusters used (as in the MDS map) and the cut drawn."""
    n = len(labels)
    fig, axes = plt.subplots(1, len(trees), figsize=(6.5 * len(trees), _case_side(n, 0.35, 1.5, 4.0, 9.0)))
    axes = np.atleast_1d(axes)
    for ax, (title, z, k) in zip(axes, trees, strict=True):
        heights = sorted(z[:, 2])
        cut = (heights[-k] + heights[-k + 1]) / 2 if 1 < k <= len(heights) else heights[-1] + 1e-9
        colours = link_colours(z, cut_tree(z, k) if 1 < k <= len(heights) else np.zeros(n, dtype=int))
        dendrogram(
            z,
            labels=labels if labelled(n) else None,
            no_labels=not labelled(n),
            orientation="left",
            ax=ax,
            link_color_func=colours.__getitem__,
            leaf_font_size=10,
        )
        if 1 < k <= len(heights):
            ax.axvline(cut, color="#c0392b", linestyle=":", linewidth=1)
        ax.set_title(title)
        ax.set_xlabel(say("distance"))
        if not labelled(n):
            ax.set_ylabel(_unlabelled(n, say("trees_where")), fontsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def _few_value_ticks(ax) -> None:
    """A small panel's value axis (x) with at most four ticks, and a power of ten beside the axis
    for values below 0.001 or above 1,000, so its numbers never run into each other."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3, min_n_ticks=2))
    ax.ticklabel_format(axis="x", style="sci", scilimits=(-3, 3), useMathText=True)


def topic_term_bars(topic_rows: list[dict], topic_names: dict[int, str]):
    """Top words of every topic as horizontal bars, one small panel per topic."""
    topics = sorted({r["topic"] for r in topic_rows})
    cols = min(4, len(topics))
    rows = int(np.ceil(len(topics) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.3 * cols, 3.0 * rows), squeeze=False)
    for ax in axes.flat[len(topics) :]:
        ax.axis("off")
    for ax, topic in zip(axes.flat, topics, strict=False):
        terms = sorted((r for r in topic_rows if r["topic"] == topic), key=lambda r: r["rank"])
        ax.barh(range(len(terms)), [r["probability"] for r in terms], color="#3b6ea8")
        ax.set_yticks(range(len(terms)), [r["term"] for r in terms])
        ax.invert_yaxis()
        ax.set_title(topic_names.get(topic, f"主题{topic}"), fontsize=10)
        _few_value_ticks(ax)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel(say("word_given_topic"), fontsize=8)
    fig.tight_layout()
    return fig


def _period_middle(level: str) -> float:
    """The middle of a period '1950–1959' (or a year '1954')."""
    ends = [int(v) for v in level.split("–")]
    return (ends[0] + ends[-1]) / 2


MAX_PREVALENCE_TOPICS = 8  # lines a reader can tell apart; the CSVs hold every topic


def most_varying_topics(panels: list[dict], limit: int = MAX_PREVALENCE_TOPICS) -> list[int]:
    """The ``limit`` topics whose share varies most across the levels (or periods) of any panel
    (largest max − min of the share), in topic order; every topic when there are no more."""
    spread: dict[int, float] = {}
    for panel in panels:
        shares: dict[int, list[float]] = {}
        for r in panel["rows"]:
            if np.isfinite(float(r["share"])):
                shares.setdefault(int(r["topic"]), []).append(float(r["share"]))
        for topic, values in shares.items():
            spread[topic] = max(spread.get(topic, 0.0), max(values) - min(values))
    every = sorted({int(r["topic"]) for panel in panels for r in panel["rows"]})
    if len(every) <= limit:
        return every
    return sorted(sorted(every, key=lambda t: (-spread.get(t, 0.0), t))[:limit])


def _trend_note(panel: dict) -> str:
    """What a time panel's title says of the trends: in the legend, or why there are none."""
    trends = list(panel.get("trends", {}).values())
    if any(np.isfinite(t["slope"]) for t in trends):
        return say("trend_in_legend")
    spans = {(t.get("first"), t.get("last")) for t in trends}
    if len(spans) == 1 and None not in (span := next(iter(spans))) and np.isfinite(span).all():
        first, last = (int(v) for v in span)
        return say("trend_short_span", years=last - first, first=first, last=last)
    return say("trend_none")


def _missing_time_panel(ax, panel: dict) -> None:
    """A time panel left out, saying why (covariates.min_dated_share, covariates.min_years)."""
    dated, total = int(panel["cases_with_value"]), int(panel["cases_with_value"]) + int(panel["cases_without"])
    if panel["reason"] == "few_dated":
        why = say("few_dated", dated=dated, total=total, column=panel["column"])
    else:
        why = say("few_years", levels=int(panel["levels"]), column=panel["column"])
    ax.set_axis_off()
    ax.set_title(say("share_title", column=panel["column"]), fontsize=9)
    ax.text(0.5, 0.5, why, ha="center", va="center", fontsize=9, wrap=True, transform=ax.transAxes)


def topic_prevalence(panels: list[dict], topic_names: dict[int, str], level: float = 0.95):
    """Topic shares by covariate, one panel per column: along a numeric column (a year) a line per
    topic with its interval as a band; by level, a point per topic and level with its interval as
    an error bar (hollow where the level has too few cases for an interval). ``panels``: dicts with
    ``column``, ``kind`` ('time' or 'levels'), ``rows`` (rows of prevalence.csv) and, along time,
    ``trends`` ({topic: row of trends.csv}, shown in the legend as the change per decade)."""
    every = sorted({int(r["topic"]) for panel in panels for r in panel["rows"]})
    topics = most_varying_topics(panels, MAX_PREVALENCE_TOPICS)
    palette = plt.get_cmap("tab10" if len(topics) <= 10 else "tab20")
    fig, axes = plt.subplots(len(panels), 1, figsize=(9.0, 3.4 * len(panels)), squeeze=False)
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        rows = panel["rows"]
        if not rows:
            _missing_time_panel(ax, panel)
            continue
        levels = list(dict.fromkeys(str(r["level"]) for r in rows))
        for i, topic in enumerate(topics):
            mine = [r for r in rows if int(r["topic"]) == topic]
            share = np.array([r["share"] for r in mine], dtype=float)
            low = np.array([r["low"] for r in mine], dtype=float)
            high = np.array([r["high"] for r in mine], dtype=float)
            colour = palette(i % palette.N)
            name = topic_names.get(topic, f"主题{topic}")
            if panel["kind"] == "time":
                x = np.array([_period_middle(str(r["level"])) for r in mine])
                trend = panel.get("trends", {}).get(topic)
                if trend and np.isfinite(trend["slope"]):
                    name += f" ({trend['slope']:+.2f}/{say('per_decade')} [{trend['low']:+.2f}, {trend['high']:+.2f}])"
                ax.plot(x, share, color=colour, lw=1.3, label=name)
                ax.fill_between(x, low, high, color=colour, alpha=0.15, lw=0)
                if len(x) <= 30:  # few years: show each, hollow where too few cases for an interval
                    ok = np.isfinite(low)
                    yerr = [share[ok] - low[ok], high[ok] - share[ok]]
                    ax.errorbar(x[ok], share[ok], yerr=yerr, fmt="o", color=colour, ms=3, capsize=2, lw=0.8)
                    ax.plot(x[~ok], share[~ok], "o", mfc="white", color=colour, ms=3)
            else:
                x = np.arange(len(levels)) + (i - (len(topics) - 1) / 2) * min(0.8 / len(topics), 0.15)
                ok = np.isfinite(low)
                ax.errorbar(
                    x[ok],
                    share[ok],
                    yerr=[share[ok] - low[ok], high[ok] - share[ok]],
                    fmt="o",
                    color=colour,
                    ms=4,
                    capsize=2,
                    lw=1,
                    label=name,
                )
                ax.plot(x[~ok], share[~ok], "o", mfc="white", color=colour, ms=4)
        if panel["kind"] != "time":
            counts = {str(r["level"]): int(r["n_cases"]) for r in rows}
            ax.set_xticks(range(len(levels)), [f"{wrap_label(v)}\n(n={counts[v]})" for v in levels], fontsize=8)
        ax.set_ylabel(say("topic_share"), fontsize=9)
        ax.set_ylim(bottom=0)
        by_period = panel["kind"] == "time" and int(panel.get("period_years") or 1) != 1
        ax.set_title(
            say("prevalence_title", column=panel["column"], level=level)
            + (say("by_period", years=int(panel["period_years"])) if by_period else "")
            + (_trend_note(panel) if panel["kind"] == "time" else "")
            + say("hollow")
            + (say("prevalence_some", shown=len(topics), total=len(every)) if len(topics) < len(every) else ""),
            fontsize=9,
        )
        columns = 3 if panel["kind"] == "time" else 5  # time labels carry the trend: fewer per row
        below = -0.22 if panel["kind"] != "time" else -0.12
        ncol = min(len(topics), columns)
        ax.legend(fontsize=7, ncol=ncol, loc="upper left", bbox_to_anchor=(0, below), frameon=False)
    fig.tight_layout()
    return fig


def case_topic_heatmap(proportions: np.ndarray, labels: list[str], order: list[int], topic_names: list[str]):
    m = proportions[order]
    n, k = m.shape
    # 0.9 inch a topic up to 12 topics; more share 14 inches (a page in landscape), with smaller labels.
    fig, ax = plt.subplots(figsize=(max(5.0, min(0.9 * k + 3, 14.0)), _case_side(n, 0.42, 1.5, 4.0, 9.0)))
    image = ax.imshow(m, cmap="Blues", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    if labelled(n):
        ax.set_yticks(range(n), [labels[i] for i in order])
    else:
        ax.set_yticks([])
        ax.set_ylabel(_unlabelled(n, "case_topics.csv"), fontsize=8)
    if k <= 12:
        ax.set_xticks(range(k), topic_names, rotation=30, ha="right", rotation_mode="anchor")
    else:
        ax.set_xticks(range(k), topic_names, rotation=90, fontsize=7)
    _annotate(ax, m, ".2f", high_is_dark=True, threshold=0.55, max_cells=400)
    ax.set_title(say("case_topics_title"))
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig


def k_selection(rows: list[dict], chosen_k: int):
    """Coherence against K: every seed as a dot, the mean over seeds as a line, chosen K marked."""
    ks = sorted({r["k"] for r in rows})
    measures = [
        ("c_npmi", say("metric_npmi")),
        ("u_mass", say("metric_u_mass")),
        ("diversity", say("metric_diversity")),
        ("perplexity", say("metric_perplexity")),
        ("stability", say("metric_stability")),
    ]
    measures = [m for m in measures if m[0] in rows[0]]
    cols = 3
    nrows = int(np.ceil(len(measures) / cols))
    fig, axes = plt.subplots(nrows, cols, figsize=(4.4 * cols, 3.5 * nrows), squeeze=False)
    for ax in axes.flat[len(measures) :]:
        ax.axis("off")
    axes = axes.flat
    for ax, (key, title) in zip(axes, measures, strict=False):
        for r in rows:
            ax.plot(r["k"], r[key], "o", color="#9bb7d4", markersize=4)
        means = [np.mean([r[key] for r in rows if r["k"] == k]) for k in ks]
        ax.plot(ks, means, "-", color="#1f4e79", label=say("mean_over_seeds"))
        ax.axvline(chosen_k, color="#c0392b", linestyle="--", label=say("chosen_topics", k=chosen_k))
        ax.set_xticks(ks)
        ax.set_xlabel(say("number_of_topics"))
        ax.set_title(title, fontsize=10)
    axes[0].legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def silhouette_curves(curves: list[tuple[str, list[dict], int]]):
    """Mean silhouette against the number of clusters, one line per similarity view."""
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    for (name, rows, chosen), colour in zip(curves, ["#1f4e79", "#c0392b", "#27ae60"], strict=False):
        ks = [r["k"] for r in rows]
        ax.plot(
            ks,
            [r["silhouette"] for r in rows],
            "o-",
            color=colour,
            label=f"{name} (" + say("chosen_clusters", k=chosen) + ")",
        )
        star = [r["silhouette"] for r in rows if r["k"] == chosen]
        if star:  # a k fixed in the config can lie outside 2…n − 1, where no silhouette exists
            ax.plot([chosen], star, "*", color=colour, markersize=14)
    ks = sorted({r["k"] for _, rows, _ in curves for r in rows})
    if len(ks) <= 15:
        ax.set_xticks(ks)
    else:  # every k would run together; the stars mark the chosen ones
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(say("number_of_clusters"))
    ax.set_ylabel(say("mean_silhouette"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def consensus_heatmaps(matrices: list[tuple[str, np.ndarray, list[int]]], labels: list[str]):
    """Bootstrap co-assignment (share of rounds two cases share a cluster), one panel per view,
    cases in the view's dendrogram order."""
    n = len(labels)
    size = _case_side(n, 0.45, 2.0, 4.5, 7.0)
    fig, axes = plt.subplots(1, len(matrices), figsize=(size * len(matrices) + 2, size), layout="constrained")
    axes = np.atleast_1d(axes)
    for ax, (title, m, order) in zip(axes, matrices, strict=True):
        image = ax.imshow(m[np.ix_(order, order)], cmap="magma", vmin=0, vmax=1, interpolation="nearest")
        names = [labels[i] for i in order]
        _label_square(ax, names, say("coassignment_where"), 8)
        _annotate(ax, m[np.ix_(order, order)], ".2f", high_is_dark=False, threshold=0.6, fontsize=7, max_cells=400)
        ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=list(axes), fraction=0.025, pad=0.02, label=say("coassignment"))
    return fig


def category_heatmap(rates: np.ndarray, labels: list[str], categories: list[str], order: list[int]):
    """Case × codebook category, hits per 10,000 tokens."""
    m = rates[order]
    n, k = m.shape
    fig, ax = plt.subplots(figsize=(max(6.0, 0.85 * k + 3), _case_side(n, 0.42, 1.8, 4.0, 9.0)))
    image = ax.imshow(m, cmap="YlGn", aspect="auto", interpolation="nearest")
    if labelled(n):
        ax.set_yticks(range(n), [labels[i] for i in order])
    else:
        ax.set_yticks([])
        ax.set_ylabel(_unlabelled(n, "category_rates.csv"), fontsize=8)
    ax.set_xticks(range(k), categories, rotation=40, ha="right", rotation_mode="anchor")
    top = m.max() if m.size else 1
    _annotate(ax, m, ".0f", high_is_dark=True, threshold=0.6 * top, max_cells=400)
    ax.set_title(say("codebook_title"))
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig


def keyness_bars(rows: list[dict], per_case: int = 8):
    """Each case's most distinctive terms (G² against the other cases), log ratio as bar length;
    the first :data:`MAX_KEYNESS_PANELS` cases only, saying so, when there are more."""
    every_case = list(dict.fromkeys(r["case"] for r in rows))
    cases = every_case[:MAX_KEYNESS_PANELS]
    cols = min(4, max(len(cases), 1))
    nrows = int(np.ceil(len(cases) / cols))
    fig, axes = plt.subplots(nrows, cols, figsize=(3.3 * cols, 2.7 * nrows), squeeze=False)
    for ax in axes.flat[len(cases) :]:
        ax.axis("off")
    for ax, case in zip(axes.flat, cases, strict=False):
        terms = [r for r in rows if r["case"] == case][:per_case]
        ax.barh(range(len(terms)), [r["log_ratio"] for r in terms], color="#8e44ad")
        ax.set_yticks(range(len(terms)), [f"{r['term']} ({r['count']})" for r in terms], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(case, fontsize=10)
        _few_value_ticks(ax)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel(say("log2_ratio"), fontsize=8)
    if len(every_case) > len(cases):
        fig.suptitle(
            say("keyness_first", shown=len(cases), total=len(every_case)),
            fontsize=10,
        )
        fig.tight_layout(rect=(0, 0, 1, 0.985))
    else:
        fig.tight_layout()
    return fig


_LEVEL_WORDS = ("街道", "社区", "新区", "村", "镇", "乡")
_BREAK_AFTER = set("：:、，,/ ）)")


def label_breaks(label: str) -> list[int]:
    """Where a case label may break: between the place names the gazetteer finds in it, before a
    level word (街道, 社区, 村…) and after punctuation (多地：深圳、珠海), never inside a word."""
    from itertools import pairwise

    from ..text.gazetteer import place_mentions

    cuts = set()
    for _, start, end in place_mentions(label):
        cuts.update((start, end))
    for word in _LEVEL_WORDS:
        at = label.find(word, 1)
        while at > 0:
            cuts.add(at)
            at = label.find(word, at + len(word))
    cuts.update(i + 1 for i, char in enumerate(label) if char in _BREAK_AFTER)
    cuts = sorted(c for c in cuts if 0 < c < len(label))
    # a piece of one character is no word of its own: merge it into its neighbour
    return [c for c, nxt in pairwise([*cuts, len(label)]) if nxt - c > 1 and c > 1] if cuts else []


def wrap_label(label: str, width: int = 8) -> str:
    """A case label longer than ``width`` characters on lines of balanced length, none longer than
    ``width``, broken between words (上海杨浦五角场街道 → 上海杨浦\n五角场街道; :func:`label_breaks`), so
    that a map stays readable; by characters only when no break between words fits."""
    from itertools import combinations, pairwise

    if len(label) <= width:
        return label
    breaks = label_breaks(label)
    for lines in range(-(-len(label) // width), len(label) + 1):
        best = None
        for chosen in combinations(breaks, lines - 1):
            edges = [0, *chosen, len(label)]
            lengths = [b - a for a, b in pairwise(edges)]
            if max(lengths) <= width and (best is None or max(lengths) < best[0]):
                best = (max(lengths), edges)
        if best:
            edges = best[1]
            return "\n".join(label[a:b] for a, b in pairwise(edges))
        if lines - 1 >= len(breaks):
            break
    lines = -(-len(label) // width)
    step = -(-len(label) // lines)
    return "\n".join(label[i : i + step] for i in range(0, len(label), step))


def place_labels(ax, coords: np.ndarray, labels: list[str], fontsize: int = 8, marker_px: float = 6.0) -> list:
    """Label every point so that no label overlaps another label or any point, and none leaves
    the panel: each label takes the first free spot of rings of candidate spots around its point
    (right, left, above, below, the diagonals, then farther out; greedy placement in the manner
    of cartographic label placement), with a thin line to its point when it had to move away.
    Deterministic. (adjustText 1.4, tried first, left 2–13 overlapping pairs on crowded maps
    whatever its settings.) Call once the axes have their final size and limits."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    panel = ax.get_window_extent(renderer)
    points = ax.transData.transform(coords)
    scale = fig.dpi / 72
    pad, marker = 2 * scale, marker_px * scale
    # every point is an obstacle: a square of the marker's size
    taken = [np.column_stack([points - marker / 2, points + marker / 2])]
    angles = np.deg2rad([0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5])
    texts = []
    ax.set_xlim(ax.get_xlim())  # fixed: a leader line must not rescale the panel under placed labels
    ax.set_ylim(ax.get_ylim())
    for point, (px, py), label in zip(coords, points, labels, strict=True):
        text = ax.text(0, 0, wrap_label(label), fontsize=fontsize, linespacing=1.2, ha="left", va="bottom")
        box = text.get_window_extent(renderer)
        w, h = box.width + 2 * pad, box.height + 2 * pad
        placed = None
        for ring in range(1, 60):
            r = marker / 2 + ring * 1.5 * scale if ring < 4 else marker / 2 + (ring - 2) ** 1.5 * 3 * scale
            for angle in angles:
                cx, cy = px + r * np.cos(angle), py + r * np.sin(angle)
                x0, y0 = cx - w * (1 - np.cos(angle)) / 2, cy - h * (1 - np.sin(angle)) / 2
                if x0 < panel.x0 or y0 < panel.y0 or x0 + w > panel.x1 or y0 + h > panel.y1:
                    continue
                boxes = np.vstack(taken)
                free = (boxes[:, 2] <= x0) | (boxes[:, 0] >= x0 + w) | (boxes[:, 3] <= y0) | (boxes[:, 1] >= y0 + h)
                if free.all():
                    placed = (x0, y0, ring)
                    break
            if placed:
                break
        if placed is None:  # nowhere free: beside the point, as a plain annotation would be
            placed = (px + marker, py - h / 2, 0)
        x0, y0, ring = placed
        taken.append(np.array([[x0, y0, x0 + w, y0 + h]]))
        text.set_position(ax.transData.inverted().transform((x0 + pad, y0 + pad)))
        if ring > 3:
            end = ax.transData.inverted().transform((min(max(px, x0), x0 + w), min(max(py, y0), y0 + h)))
            ax.plot([point[0], end[0]], [point[1], end[1]], color="#888888", lw=0.5, zorder=2)
        texts.append(text)
    return texts


def mds_maps(views: list[tuple[str, list[str], np.ndarray, list[int], float]]):
    """Cases placed by metric MDS of 1 − similarity, one panel per view, coloured by cluster;
    labels moved apart so that none overlap (up to :data:`MAX_LABELLED` cases)."""
    fig, axes = plt.subplots(1, len(views), figsize=(5.2 * len(views), 4.8))
    axes = np.atleast_1d(axes)
    for ax, (title, labels, coords, clusters, stress) in zip(axes, views, strict=True):
        colours = [cluster_colour(c) for c in clusters]
        coords = np.asarray(coords, dtype=float).reshape(-1, 2)
        ax.scatter(coords[:, 0], coords[:, 1], s=40 if labelled(len(labels)) else 8, color=colours, zorder=3)
        ax.set_title(f"{title}\nstress-1 = {stress:.2f}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.margins(0.18)
        if not labelled(len(labels)):
            ax.set_xlabel(_unlabelled(len(labels), "mds.csv"), fontsize=8)
        sizes = {c: list(clusters).count(c) for c in sorted(set(clusters)) if c > 0}
        if len(sizes) > 1:  # what the colours mean (clusters.csv's numbering, as in the dendrograms)
            handles = [
                Patch(color=cluster_colour(c), label=say("cluster_legend", cluster=c, n=n)) for c, n in sizes.items()
            ]
            ax.legend(
                handles=handles[:12],
                loc="upper center",
                bbox_to_anchor=(0.5, -0.02),
                ncol=min(3, len(handles)),
                fontsize=7,
                frameon=False,
                title=None if len(handles) <= 12 else f"first 12 of {len(handles)} clusters",
            )
    fig.tight_layout()
    # labels are placed once the panels have their final size, so that they are moved apart as drawn
    for ax, (_, labels, coords, _, _) in zip(axes, views, strict=True):
        if labelled(len(labels)):
            place_labels(ax, np.asarray(coords, dtype=float).reshape(-1, 2), labels)
    return fig


MAX_REUSE_PAIRS = 30  # the strongest pairs drawn; every pair is in reuse/case_reuse.csv


def _year(date: str) -> float | None:
    """A date (2019-05-01, 2019-05, 2019) as a fractional year, or None."""
    parts = str(date or "").split("-")
    if not parts[0].isdigit():
        return None
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 7
    return int(parts[0]) + (month - 1) / 12


def reuse_timeline(rows: list[dict], min_chars: int):
    """Who borrowed from whom over time: each case involved in reuse at its date (x) on a row of
    its own; an arrow from the source case to the borrowing case, as wide as the characters
    borrowed; pairs without a direction (undated, same date) as dashed lines at the right."""
    if not rows:
        return placeholder(
            say("no_reuse_title"),
            say("no_reuse", min_chars=min_chars),
        )
    rows = sorted(rows, key=lambda r: -r["characters"])[:MAX_REUSE_PAIRS]
    when: dict[str, float | None] = {}
    names: dict[str, str] = {}
    for r in rows:
        for side in ("source", "target"):
            when.setdefault(r[f"{side}_case"], _year(r[f"{side}_date"]))
            names[r[f"{side}_case"]] = r[f"{side}_label"]
    dated = [y for y in when.values() if y is not None]
    low, high = (min(dated), max(dated)) if dated else (0.0, 1.0)
    span = max(high - low, 1.0)
    undated_x = high + 0.25 * span
    cases = sorted(when, key=lambda c: (when[c] is None, when[c] or 0, names[c]))
    y = {case: i for i, case in enumerate(cases)}
    x = {case: (when[case] if when[case] is not None else undated_x) for case in cases}
    fig, ax = plt.subplots(figsize=(8.5, max(2.5, 0.42 * len(cases) + 1.4)))
    widest = max(r["characters"] for r in rows)
    for r in rows:
        a, b = r["source_case"], r["target_case"]
        width = 0.8 + 4.0 * r["characters"] / widest
        if r["direction"] == "dated":
            ax.annotate(
                "",
                xy=(x[b], y[b]),
                xytext=(x[a], y[a]),
                arrowprops={
                    "arrowstyle": "-|>",
                    "lw": width,
                    "color": "#b2182b",
                    "alpha": 0.75,
                    "shrinkA": 4,
                    "shrinkB": 4,
                },
            )
        else:
            ax.plot([x[a], x[b]], [y[a], y[b]], ls="--", lw=width, color="#777777", alpha=0.7)
        ax.text(
            (x[a] + x[b]) / 2,
            (y[a] + y[b]) / 2,
            f"{r['characters']}",
            fontsize=7,
            ha="center",
            va="bottom",
            color="#333333",
        )
    ax.scatter([x[c] for c in cases], [y[c] for c in cases], s=24, color="black", zorder=3)
    ax.set_yticks(range(len(cases)), [wrap_label(names[c], 14).replace("\n", " ") for c in cases])
    ax.set_ylim(-0.7, len(cases) - 0.3)
    ax.set_xlim(low - 0.08 * span, (undated_x if None in when.values() else high) + 0.08 * span)
    if None in when.values():
        ax.axvline(high + 0.125 * span, color="#cccccc", lw=0.8)
        ax.text(undated_x, len(cases) - 0.45, say("undated"), ha="center", va="bottom", fontsize=8)
    ax.set_xlabel(say("publication_date"))
    ax.set_title(
        say("reuse_title"),
        fontsize=10,
    )
    ax.grid(axis="x", color="#eeeeee")
    fig.tight_layout()
    return fig
