"""The same texts in three containers: do they tell the same story?

Writes one folder of pages (default: the real pages rebuilt in ``benchmarks/pages_real/``, see
``shared/corpora/pages_real/README.md``; ``--seeds``: the five seed articles) in three shapes a
researcher's corpus arrives in, runs the whole pipeline (Snakemake, the shipped config) on each, and
prints per shape: cleaned characters the same as the .txt run's (share of each document's cleaned
text found in the other's, the mean and the worst), K chosen, clusters per view, and the agreement of
the clusters (adjusted Rand index) with the .txt run's and with the publishers' policies
(``labels.csv``'s ``policy``; real pages only).

The shapes: ``txt`` (the pages as saved, the reference); ``mixed`` (every third page a Word file with its first line
in Word's Title style, every third a saved web page with menus, a breadcrumb, related links and a
footer around its lines, the rest .txt); ``xlsx`` (one workbook, a row per page: 编号, 标题 and 正文
with the other lines as Alt+Enter breaks). The title is the line the cleaner takes for the title of
the .txt (put first, as a researcher copies a page's title first); '' where it finds none.

    python benchmarks/shape_agreement.py [--seeds] [--pages DIR]

Each run takes about a minute on 2 cores; results go to ``results/shapes_<set>_<shape>/``.
"""

import argparse
import csv
import difflib
import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
REAL_PAGES = ROOT / "benchmarks/pages_real"
REAL_LABELS = ROOT.parent / "shared/corpora/pages_real/labels.csv"
SEEDS = ROOT / "resources/corpus/seeds"

_FURNITURE = """<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/sz/">时政</a></li>
<li><a href="/df/">地方</a></li><li><a href="/ll/">理论</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/df/">地方动态</a> &gt; 正文</div>"""
_AFTER = """<div class="related"><h3>相关阅读</h3><ul><li><a href="/a/1.html">基层治理的新探索</a></li>
<li><a href="/a/2.html">社区服务再升级</a></li></ul></div>
<div class="footer"><p>版权所有 © 2024 本网　京ICP备12345678号</p><p>联系我们 | 网站地图 | 关于我们</p></div>"""


def _pages(folder: Path) -> dict[str, tuple[str, list[str]]]:
    """Each page's title (the line the cleaner takes for it from the .txt, as a researcher would copy
    it into a title column or Word's Title style; '' for none) and its other non-blank lines."""
    sys.path.insert(0, str(ROOT / "tests"))
    from shapes import clean_rules

    from govtopics.text.clean import clean_document

    rules, pages = clean_rules(), {}
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        audit = clean_document("\n".join(lines), rules)["audit"]
        first = next((a["line"] - 1 for a in audit if a.get("reason") == "title" and a["action"] == "drop_line"), None)
        title = lines.pop(first) if first is not None else ""
        pages[path.stem] = (title, lines)
    return pages


def write_txt(pages: dict, target: Path, folder: Path) -> Path:
    """The pages as saved (the reference)."""
    target.mkdir(parents=True)
    for stem in pages:
        shutil.copy2(folder / f"{stem}.txt", target / f"{stem}.txt")
    return target


def write_mixed(pages: dict, target: Path, folder: Path) -> Path:
    import docx

    target.mkdir(parents=True)
    for n, (stem, (title, lines)) in enumerate(pages.items()):
        if n % 3 == 0:
            document = docx.Document()
            if title:
                document.add_paragraph(title, style="Title")
            for line in lines:
                document.add_paragraph(line)
            document.save(target / f"{stem}.docx")
        elif n % 3 == 1:
            title = html.escape(title)
            body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
            page = (
                f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_本网</title></head>'
                f"<body>{_FURNITURE}<div class='article'>{f'<h1>{title}</h1>' if title else ''}"
                f"<div class='content'>{body}</div></div>{_AFTER}</body></html>"
            )
            (target / f"{stem}.html").write_text(page, encoding="utf-8")
        else:
            (target / f"{stem}.txt").write_text("\n".join([title] * bool(title) + lines) + "\n", encoding="utf-8")
    return target


def write_xlsx(pages: dict, target: Path, folder: Path) -> Path:
    from openpyxl import Workbook

    target.mkdir(parents=True)
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "标题", "正文"])
    for stem, (title, lines) in pages.items():
        sheet.append([stem, title, "\n".join(lines)])
    path = target / "pages.xlsx"
    book.save(path)
    return path


SHAPES = {"txt": write_txt, "mixed": write_mixed, "xlsx": write_xlsx}


def run(path: Path, name: str, metadata: str = "") -> Path:
    """The whole pipeline on ``path`` as run ``name``; its results folder."""
    overlay = Path(tempfile.mkdtemp()) / "overlay.yaml"
    config = {"run": name, "corpus": {"path": str(path), "metadata": metadata, "id_column": "编号"}}
    overlay.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--quiet", "--configfile", str(overlay)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return ROOT / "results" / name


def same_text(a: str, b: str) -> float:
    """Share of the longer cleaned text that the other holds too (matching blocks)."""
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(a), len(b))


def describe(results: Path) -> dict:
    chosen = json.loads((results / "lda/chosen_k.json").read_text(encoding="utf-8"))
    assignments = pd.read_csv(results / "clusters/assignments.csv", dtype=str).set_index("case_id")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (results / "corpus/clean").glob("*.txt")}
    return {"k": int(chosen["k"]), "assignments": assignments, "texts": texts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", action="store_true", help="the five seed articles instead of the real pages")
    parser.add_argument("--pages", type=Path, default=REAL_PAGES, help="a folder of .txt pages")
    args = parser.parse_args()
    folder, label = (SEEDS, "seeds") if args.seeds else (args.pages, "real")
    pages = _pages(folder)
    policy = {}
    if not args.seeds and REAL_LABELS.exists():
        policy = {Path(r["file"]).stem: r["policy"] for r in csv.DictReader(open(REAL_LABELS, encoding="utf-8"))}
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape, write in SHAPES.items():
            path = write(pages, Path(tmp) / shape, folder)
            found[shape] = describe(run(path, f"shapes_{label}_{shape}"))
    reference = found["txt"]
    views = [c.removeprefix("cluster_") for c in reference["assignments"].columns if c.startswith("cluster_")]
    header = ["shape", "documents", "cleaned text identical to .txt", "cleaned text as .txt (mean / worst)", "K"]
    for view in views:
        header += [f"{view} clusters", f"{view} ARI vs .txt"] + ([f"{view} ARI vs policy"] if policy else [])
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for shape, got in found.items():
        shares = [same_text(reference["texts"].get(d, ""), got["texts"].get(d, "")) for d in reference["texts"]]
        identical = sum(reference["texts"][d] == got["texts"].get(d) for d in reference["texts"])
        row = [shape, str(len(got["texts"])), f"{identical}/{len(reference['texts'])}"]
        row += [f"{sum(shares) / len(shares):.3f} / {min(shares):.3f}", str(got["k"])]
        cases = [c for c in reference["assignments"].index if c in got["assignments"].index]
        for view in views:
            mine = got["assignments"].loc[cases, f"cluster_{view}"]
            theirs = reference["assignments"].loc[cases, f"cluster_{view}"]
            row += [str(mine.nunique()), f"{adjusted_rand_score(theirs, mine):.2f}"]
            if policy:
                docs = [c.rsplit("_c", 1)[0] for c in cases]
                known = [i for i, d in enumerate(docs) if d in policy]
                truth = [policy[docs[i]] for i in known]
                row.append(f"{adjusted_rand_score(truth, mine.iloc[known]):.2f}")
        print("| " + " | ".join(row) + " |")
    worst = sorted(
        (same_text(reference["texts"][d], got["texts"].get(d, "")), shape, d)
        for shape, got in found.items()
        for d in reference["texts"]
    )[:5]
    print("\nLeast alike cleaned texts (share, shape, document):", ", ".join(f"{s:.3f} {sh} {d}" for s, sh, d in worst))


if __name__ == "__main__":
    main()
