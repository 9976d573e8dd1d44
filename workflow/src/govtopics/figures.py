"""Figures of the comparisons, drawn with a bundled CJK font so Chinese labels render anywhere.

matplotlib has no Chinese font on a bare machine and would draw boxes; the PyPI package
``mplfonts`` ships Noto Sans CJK SC (SIL Open Font Licence), which is registered here without
touching matplotlib's own files. Every figure is saved as PNG (for Word) and SVG (text as
paths, so it needs no font on the reader's machine either).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from scipy.cluster.hierarchy import dendrogram  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_NAME = "Noto Sans CJK SC"


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


def save(fig, stem: str | Path, dpi: int = 200) -> list[Path]:
    """Save ``fig`` as ``stem``.png and ``stem``.svg; return both paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(paths[1], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return paths


def similarity_heatmap(similarity: np.ndarray, labels: list[str], order: list[int], title: str):
    """Case × case similarity, cases in dendrogram order, each cell annotated."""
    n = len(labels)
    m = similarity[np.ix_(order, order)]
    names = [labels[i] for i in order]
    size = max(5.0, 0.55 * n + 2.5)
    fig, ax = plt.subplots(figsize=(size + 1.2, size))
    image = ax.imshow(m, cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(n), names, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(n), names)
    if n <= 25:
        for i in range(n):
            for j in range(n):
                ax.text(
                    j,
                    i,
                    f"{m[i, j]:.2f}",
                    ha="center",
                    va="center",
                    fontsize=7 if n > 12 else 8,
                    color="black" if m[i, j] > 0.6 else "white",
                )
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="相似度 similarity")
    fig.tight_layout()
    return fig


def dendrograms(trees: list[tuple[str, np.ndarray, int]], labels: list[str]):
    """One dendrogram per similarity view (title, linkage, clusters used), side by side, leaves
    labelled in Chinese, branches coloured by the clusters used and the cut drawn."""
    fig, axes = plt.subplots(1, len(trees), figsize=(6.5 * len(trees), max(4.0, 0.35 * len(labels) + 1.5)))
    axes = np.atleast_1d(axes)
    for ax, (title, z, k) in zip(axes, trees, strict=True):
        heights = sorted(z[:, 2])
        cut = (heights[-k] + heights[-k + 1]) / 2 if 1 < k <= len(heights) else heights[-1] + 1e-9
        dendrogram(
            z,
            labels=labels,
            orientation="left",
            ax=ax,
            color_threshold=cut,
            above_threshold_color="#888888",
            leaf_font_size=10,
        )
        if 1 < k <= len(heights):
            ax.axvline(cut, color="#c0392b", linestyle=":", linewidth=1)
        ax.set_title(title)
        ax.set_xlabel("距离 1 − 相似度 (distance)")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


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
        ax.set_title(terms[0].get("topic_label") or topic_names.get(topic, f"主题 {topic}"), fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel("P(词 | 主题)", fontsize=8)
    fig.tight_layout()
    return fig


def case_topic_heatmap(proportions: np.ndarray, labels: list[str], order: list[int], topic_names: list[str]):
    m = proportions[order]
    n, k = m.shape
    fig, ax = plt.subplots(figsize=(max(5.0, 0.9 * k + 3), max(4.0, 0.42 * n + 1.5)))
    image = ax.imshow(m, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(n), [labels[i] for i in order])
    ax.set_xticks(range(k), topic_names, rotation=30, ha="right", rotation_mode="anchor")
    for i in range(n if n * k <= 400 else 0):
        for j in range(k):
            ax.text(
                j,
                i,
                f"{m[i, j]:.2f}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if m[i, j] > 0.55 else "black",
            )
    ax.set_title("案例 × 主题比例 (case × topic proportions)")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig


def k_selection(rows: list[dict], chosen_k: int):
    """Coherence against K: every seed as a dot, the mean over seeds as a line, chosen K marked."""
    ks = sorted({r["k"] for r in rows})
    measures = [
        ("c_npmi", "NPMI 一致性 (越高越好)"),
        ("u_mass", "u_mass 一致性 (越高越好)"),
        ("diversity", "主题多样性 topic diversity"),
    ]
    fig, axes = plt.subplots(1, len(measures), figsize=(4.2 * len(measures), 3.6))
    for ax, (key, title) in zip(axes, measures, strict=True):
        for r in rows:
            ax.plot(r["k"], r[key], "o", color="#9bb7d4", markersize=4)
        means = [np.mean([r[key] for r in rows if r["k"] == k]) for k in ks]
        ax.plot(ks, means, "-", color="#1f4e79", label="种子均值 mean over seeds")
        ax.axvline(chosen_k, color="#c0392b", linestyle="--", label=f"选用 K = {chosen_k}")
        ax.set_xticks(ks)
        ax.set_xlabel("主题数 K")
        ax.set_title(title, fontsize=10)
    axes[0].legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def silhouette_curves(curves: list[tuple[str, list[dict], int]]):
    """Mean silhouette against the number of clusters, one line per similarity view."""
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    for (name, rows, chosen), colour in zip(curves, ["#1f4e79", "#c0392b", "#27ae60"], strict=False):
        ks = [r["k"] for r in rows]
        ax.plot(ks, [r["silhouette"] for r in rows], "o-", color=colour, label=f"{name} (选用 k = {chosen})")
        ax.plot(
            [chosen],
            [next(r["silhouette"] for r in rows if r["k"] == chosen)],
            "*",
            color=colour,
            markersize=14,
        )
    ax.set_xlabel("聚类数 k")
    ax.set_ylabel("平均轮廓系数 mean silhouette")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
