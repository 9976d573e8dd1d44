"""The battery of odd and hostile inputs (issue 35), each run through Snakemake as a user would,
printed as a table: outcome, seconds, peak memory of any job, live formulas, raw files unchanged.

Every input is made here, in a fresh copy of the project with one ordinary article beside it; nothing
big is stored. A case passes when it ends in a recorded skip (the file's row in ingest_log.csv says
why) or a one-line error, with no traceback, within its time limit (60 s; the 100,000-file corpus
has its own), no job above 2 GB, and the raw files unchanged.

    python benchmarks/odd_inputs.py [--many 100000] [--only NAME ...]
"""

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from project import copy_project  # noqa: E402

ARTICLE = (
    "成都市不断巩固完善拓展微网实格治理效能，聚力实施小区网格党组织体系筑基、党建引领自治机制建立等专项行动，"
    "持续完善党组织领导下的村居民议事会、四事四共等基层议事协商制度，有效引导广大群众全过程参与基层治理。"
)
LIMIT_SECONDS = 60
LIMIT_GB = 2.0
READING = "results/odd/corpus/duplicates.csv"  # ingest, cleaning and near-duplicates


def _pdf(data: bytes) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents 4 0 R>> endobj\n"
        b"4 0 obj <</Length " + str(len(data)).encode() + b"/Filter/FlateDecode>>\nstream\n" + data + b"\nendstream\n"
        b"endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )


def _bomb(megabytes: int) -> bytes:
    squeeze = zlib.compressobj(9)
    return b"".join(squeeze.compress(bytes(1 << 20)) for _ in range(megabytes)) + squeeze.flush()


def _office(path: Path, part: str, xml: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, xml)


def _laughs(levels: int = 9) -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(levels - 1)]
    return "\n".join(lines) + "\n"


def _stray_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"], book.active["A2"], book.active["XFD1048576"] = "content", ARTICLE, "x"
    book.save(path)


# name → (what to make in the project folder, snakemake arguments, the file whose skip is expected)
def cases(many: int) -> dict:
    corpus = "corpus"

    def files(**made):
        def make(work: Path):
            for name, content in made.items():
                target = work / corpus / name.replace("__", ".")
                if callable(content):
                    content(target)
                else:
                    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

        return make

    def overlay(text: str, raw: bytes | None = None):
        def make(work: Path):
            (work / "odd.yaml").write_bytes(raw if raw is not None else text.encode("utf-8"))

        return make

    def sparse(size: int):
        return lambda path: open(path, "wb").truncate(size)  # noqa: SIM115

    def many_files(work: Path):
        import random

        rng = random.Random(1)
        chars = ARTICLE
        bases = ["".join(rng.choice(chars) for _ in range(600)) for _ in range(max(1, many // 100))]
        for i in range(many):
            (work / corpus / f"{i:06d}.txt").write_text(bases[i % len(bases)] + str(i), encoding="utf-8")

    deep = "<html><body>" + "<div>" * 100_000 + "<p>" + ARTICLE + "</p>" + "</div>" * 100_000 + "</body></html>"
    font = "<html><body>" + "".join(f"<p><font face='宋体'>第{i}段。{ARTICLE}" for i in range(400)) + "</body></html>"
    return {
        "pdf: root refers to itself": (
            files(loop__pdf=b"%PDF-1.4\n1 0 obj 2 0 R endobj\n2 0 obj 1 0 R endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"),
            [READING],
            "loop",
        ),
        "pdf: 300 MB stream (bomb)": (files(bomb__pdf=_pdf(_bomb(300))), [READING], "bomb"),
        "pdf: 1 GB of zeros": (files(zeros__pdf=sparse(1 << 30)), [READING], "zeros"),
        "docx: XML inflating to 1.5 GB": (
            files(
                big__docx=lambda p: _office(
                    p, "word/document.xml", b"<w:document>" + b" " * 1_500_000_000 + b"</w:document>"
                )
            ),
            [READING],
            "big",
        ),
        "docx: billion laughs": (
            files(
                laughs__docx=lambda p: _office(
                    p, "word/document.xml", b'<!DOCTYPE d [<!ENTITY a "lol">]><w:document>&a;</w:document>'
                )
            ),
            [READING],
            "laughs",
        ),
        "docx: bare &": (
            files(amp__docx=lambda p: _office(p, "word/document.xml", b"<w:document>a & b</w:document>")),
            [READING],
            "amp",
        ),
        "html: 100,000 nested divs": (files(deep__html=deep), [READING], "deep"),
        "html: 400 unclosed <font>": (files(font__html=font), [READING], "font"),
        "names: GBK bytes": (files(**{"\udcc9\udcee\udcdb\udcda__txt": ARTICLE}), [READING], ""),
        "names: 250-byte stem": (files(**{"长" * 83 + "__txt": ARTICLE, "长" * 83 + "__md": ARTICLE}), [READING], ""),
        "jsonl: nested 100,000 deep": (
            files(**{"t__jsonl": '{"content": "' + ARTICLE + '", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"}),
            [READING, "table:corpus/t.jsonl"],
            "",
        ),
        "xlsx: stray cell at XFD1048576": (files(stray__xlsx=_stray_xlsx), [READING, "table:corpus/stray.xlsx"], ""),
        "config: billion-laughs overlay": (overlay(_laughs()), ["-n"], ""),
        "config: 1 MB text aliased 90,000 times": (
            overlay('s: &s "' + "x" * 1_000_000 + '"\nl: [' + ", ".join(["*s"] * 90_000) + "]\n"),
            ["-n"],
            "",
        ),
        "config: lone surrogate": (overlay('report:\n  language: "\\ud800"\n'), ["-n"], ""),
        "config: seeds 2**64": (overlay("lda:\n  seeds: [18446744073709551616]\n"), ["-n"], ""),
        "config: corpus in results/": (overlay("corpus:\n  path: results/x\n"), ["-n"], ""),
        "config: stopwords ['']": (overlay("tokens:\n  stopwords: ['']\n"), ["-n"], ""),
        "config: overlay in GBK": (overlay("", 'report:\n  language: "中文"\n'.encode("gbk")), ["-n"], ""),
        f"{many:,} files that repost each other": (many_files, [READING], ""),
    }


def _hashes(folder: Path) -> dict:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.stat().st_size < 1e8 else p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file()
    }


def run_case(name, make, arguments, skipped, limit):
    with tempfile.TemporaryDirectory() as folder:
        work = copy_project(Path(folder))
        (work / "corpus").mkdir()
        (work / "corpus" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        make(work)
        before = _hashes(work / "corpus")
        wrapper = (
            "import resource, subprocess, sys\n"
            "try:\n"
            f"    r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout={limit})\n"
            "    code, out = r.returncode, r.stdout + r.stderr\n"
            "except subprocess.TimeoutExpired as e:\n"
            "    code, out = 'hang', str(e.stderr or '')\n"
            "print(repr((code, out[-20000:], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))\n"
        )
        table = next((a.split(":", 1)[1] for a in arguments if a.startswith("table:")), "corpus")
        (work / "base.yaml").write_text(f"run: odd\ncorpus:\n  path: {table}\n  metadata: ''\n", encoding="utf-8")
        overlays = ["base.yaml", *(["odd.yaml"] if (work / "odd.yaml").exists() else [])]
        targets = [a for a in arguments if not a.startswith("table:")]
        command = [sys.executable, "-m", "snakemake", "--cores", "2", *targets, "--configfile", *overlays]
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", wrapper, *command],
            cwd=work,
            capture_output=True,
            text=True,
            start_new_session=True,
        )
        seconds = time.perf_counter() - start
        code, output, peak_kb = eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr
        logs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (work / "results").rglob("*.log"))
        lines = [line for line in output.strip().splitlines() if line.strip()]
        if code == "hang":
            outcome = "HANG"
        elif "Traceback" in output + logs:
            outcome = "TRACEBACK: " + (lines[-1] if lines else "")
        elif code != 0:
            said = [line for line in lines if line.startswith(("Error", "Config error", "Error:"))]
            outcome = "error: " + (said[-1] if said else lines[-1] if lines else "(nothing said)")
        else:
            table = work / "results/odd/corpus/ingest_log.csv"
            rows = []
            if table.exists():
                import csv

                rows = list(csv.DictReader(table.open(encoding="utf-8-sig")))
            mine = [r for r in rows if skipped and r["doc_id"] == skipped]
            outcome = f"skipped: {mine[0]['reason']}" if mine and mine[0]["status"] == "skipped" else "read"
        unchanged = _hashes(work / "corpus") == before
        return name, outcome, seconds, peak_kb / 1e6, unchanged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--many", type=int, default=100_000, help="files in the corpus of reposts")
    parser.add_argument("--only", nargs="*", help="run only the cases whose name contains one of these")
    args = parser.parse_args()
    print(f"{'case':42} {'seconds':>7} {'peak GB':>7}  raw same  outcome")
    failures = 0
    for name, (make, arguments, skipped) in cases(args.many).items():
        if args.only and not any(o in name for o in args.only):
            continue
        limit = 1800 if "files that repost" in name else LIMIT_SECONDS
        _, outcome, seconds, peak, unchanged = run_case(name, make, arguments, skipped, limit)
        bad = outcome.startswith(("HANG", "TRACEBACK")) or peak > LIMIT_GB or not unchanged
        failures += bad
        print(f"{name:42} {seconds:7.1f} {peak:7.2f}  {'yes' if unchanged else 'NO':8}  {outcome[:150]}")
    print(json.dumps({"cases failing (hang, traceback, >2 GB or raw changed)": failures}))


if __name__ == "__main__":
    main()
