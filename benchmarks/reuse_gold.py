"""Text reuse on a composed gold set, scored with PAN's measures beside a naive matcher.

Hosts are real texts: the seeds' and the real pages' cleaned texts (results/seeds and
results/shapes_real_txt, made by the pipeline and by benchmarks/shape_agreement.py) and the
Government Work Reports of every third year. The paragraphs a host shares with an earlier host (the
same story reposted, the reports' formulas) are removed first, so that reuse already there neither
helps nor hurts, and the hosts are kept in results/benchmarks/reuse_hosts.json, so the gold set
does not move when the matcher does. Into the hosts go, with offsets recorded:

- copies: a passage of 80-400 characters of one host, inserted at a paragraph break of a host
  dated later, exact, lightly edited (about 3 characters in 100 changed), heavily edited (clauses
  dropped, swapped, phrases inserted, two-character words replaced: about a third of the
  characters), or in Traditional characters with light edits; some passages go to two hosts;
- boilerplate: 14 formulaic sentences (指导思想 formulas, a funding note, a copyright line), each
  planted in 3-12 hosts; none should be reported as borrowing.

Two sets are composed with different seeds: tune (the settings may be adjusted to it) and
heldout (never looked at while adjusting); both are reported. Measures (Potthast et al. 2010,
PAN): character precision and recall over both documents of a case, granularity (detections per
detected case), per kind of edit; direction right for dated cases found; planted boilerplate
instances reported as borrowing. The naive matcher reports every common block of at least 12
characters of the normalised texts.

    python benchmarks/reuse_gold.py [--write DIR] [--rebuild-hosts]
"""

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
import opencc
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow/src"))

from govtopics.comparison import reuse  # noqa: E402
from govtopics.config import load_config  # noqa: E402
from govtopics.text.duplicates import gram_hashes  # noqa: E402

HOST_FOLDERS = [ROOT / "results/seeds/corpus/clean", ROOT / "results/shapes_real_txt/corpus/clean"]
HOSTS = ROOT / "results/benchmarks/reuse_hosts.json"  # the hosts once built (--rebuild-hosts to build again)
BOILERPLATE = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神",
    "深入学习贯彻习近平总书记关于基层治理的重要论述和重要指示批示精神，推动各项工作落地见效",
    "坚持和加强党的全面领导，坚持以人民为中心的发展思想，坚持稳中求进工作总基调",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”，始终在思想上政治上行动上同党中央保持高度一致",
    "本文系国家社会科学基金重大项目“新时代基层治理现代化研究”的阶段性成果",
    "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，以中国式现代化全面推进强国建设",
    "完整、准确、全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展取得新成效",
    "以党建引领为主线，以群众满意为目标，不断提升基层治理体系和治理能力现代化水平",
    "建设人人有责、人人尽责、人人享有的社会治理共同体，推进市域社会治理现代化",
    "坚持自治、法治、德治相结合，健全党组织领导的城乡基层治理体系",
    "不忘初心、牢记使命，为全面建设社会主义现代化国家、全面推进中华民族伟大复兴而团结奋斗",
    "版权声明：凡本网注明来源的所有作品，版权均属本网所有，转载请注明出处，违者必究",
    "把党的政治优势和组织优势转化为基层治理效能，打通联系服务群众的最后一公里",
    "牢固树立和践行绿水青山就是金山银山的理念，站在人与自然和谐共生的高度谋划发展",
]
INSERTED = ["进一步", "切实", "积极", "不断", "全面", "扎实", "有效", "持续", "深入", "认真"]
FILLER = (  # common characters, to replace with
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
)


def host_texts(params: dict, rebuild: bool = False) -> dict[str, str]:
    if HOSTS.exists() and not rebuild:
        return json.loads(HOSTS.read_text(encoding="utf-8"))
    hosts = {}
    for folder in HOST_FOLDERS:
        if not folder.exists():
            sys.exit(f"{folder} is missing: run the pipeline on the seeds and the reports, then shape_agreement.py")
        for path in sorted(folder.glob("*.txt")):
            hosts[f"{folder.parts[-3]}_{path.stem}"] = path.read_text(encoding="utf-8")
    reports = pd.read_csv(ROOT / "results/gwr/corpus/documents.csv", dtype=str).fillna("")
    for doc_id, title, year in zip(reports["doc_id"], reports["title"], reports["year"], strict=True):
        if year and "政府工作报告" in title and int(year) % 3 == 1:
            hosts[f"gwr_{year}"] = (ROOT / f"results/gwr/corpus/clean/{doc_id}.txt").read_text(encoding="utf-8")
    hosts = without_reposts(hosts, params)
    HOSTS.parent.mkdir(parents=True, exist_ok=True)
    HOSTS.write_text(json.dumps(hosts, ensure_ascii=False), encoding="utf-8")
    return hosts


def exact_blocks(norm_a: str, norm_b: str, length: int) -> list[tuple[int, int, int, int]]:
    """Maximal common blocks of at least ``length`` characters: ``(a0, a1, b0, b1)``."""
    ha, hb = gram_hashes(norm_a, length), gram_hashes(norm_b, length)
    if not len(ha) or not len(hb):
        return []
    common = np.intersect1d(ha, hb)
    where_b: dict[int, list[int]] = {}
    for j in np.flatnonzero(np.isin(hb, common)).tolist():
        where_b.setdefault(int(hb[j]), []).append(j)
    cells = sorted((j - i, i) for i in np.flatnonzero(np.isin(ha, common)).tolist() for j in where_b[int(ha[i])][:20])
    blocks, last = [], None
    for diagonal, i in cells:
        if last and last[0] == diagonal and i == last[2] + 1:
            last[2] = i
        else:
            last = [diagonal, i, i]
            blocks.append(last)
    return [(i0, i1 + length, i0 + d, i1 + length + d) for d, i0, i1 in blocks]


LOOSE = {"min_chars": 20, "min_identity": 0.5}  # the matcher as a sieve for reuse already in the hosts


def without_reposts(hosts: dict[str, str], params: dict) -> dict[str, str]:
    """Hosts without the paragraphs they share with an earlier host: an exact block of 12
    characters (normalised), or a passage the matcher finds at looser settings (``LOOSE``): the
    same story reposted, a formula of the reports. Hosts under 600 characters are left out. The
    result is kept (``HOSTS``) so that the gold set does not move when the matcher does."""
    kept: dict[str, str] = {}
    norms: list[str] = []
    for name, text in hosts.items():
        paragraphs = [p for p in text.split("\n") if not any(exact_blocks(k, reuse.normalise(p)[0], 12) for k in norms)]
        text = "\n".join(paragraphs)
        if len(reuse.normalise(text)[0]) >= 600:
            kept[name] = text
            norms.append(reuse.normalise(text)[0])
    for _ in range(5):  # what the sieve finds, until it finds nothing
        found = reuse.find_reuse(list(kept), list(kept.values()), {}, {**params, **LOOSE})
        if not found:
            break
        for p in found:
            text = kept[p["doc_b"]]
            start, end = text.rfind("\n", 0, p["start_b"]) + 1, text.find("\n", p["end_b"])
            kept[p["doc_b"]] = text[:start] + (text[end:] if end >= 0 else "")
    return kept


def _sentence_span(text: str, rng: random.Random, low: int, high: int) -> tuple[int, int] | None:
    ends = [i + 1 for i, c in enumerate(text) if c in "。！？"]
    for _ in range(50):
        if len(ends) < 3:
            return None
        k = rng.randrange(len(ends) - 1)
        start = ends[k]
        while start < len(text) and text[start] in "\n ”":
            start += 1
        stops = [e for e in ends[k + 1 :] if low <= e - start <= high]
        if stops and "\n\n" not in text[start : stops[0]]:
            return start, rng.choice(stops[:4])
    return None


def edit(passage: str, kind: str, rng: random.Random, to_traditional) -> str:
    if kind == "exact":
        return passage
    if kind in ("light", "traditional"):
        chars = list(passage)
        for _ in range(max(1, len(chars) * 3 // 100)):
            i = rng.randrange(len(chars))
            if rng.random() < 0.5:
                chars[i] = rng.choice(FILLER)
            else:
                del chars[i]
        text = "".join(chars)
        return to_traditional(text) if kind == "traditional" else text
    clauses = [c for c in _clauses(passage)]
    out = []
    for clause in clauses:
        roll = rng.random()
        if roll < 0.12 and len(clauses) > 3:
            continue  # dropped
        chars = list(clause)
        for i in range(0, len(chars) - 2, 9):  # a two-character word replaced every ~9 characters
            if rng.random() < 0.6:
                chars[i : i + 2] = [rng.choice(FILLER), rng.choice(FILLER)]
        if roll > 0.85:
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(INSERTED))
        out.append("".join(chars))
    for i in range(len(out) - 1):
        if rng.random() < 0.12:
            out[i], out[i + 1] = out[i + 1], out[i]  # clauses swapped
    return "".join(out)


def _clauses(text: str) -> list[str]:
    pieces, current = [], ""
    for char in text:
        current += char
        if char in "，。；：！？":
            pieces.append(current)
            current = ""
    return pieces + ([current] if current else [])


def compose(seed: int, hosts: dict[str, str], copies: int = 48) -> dict:
    """Documents (id, date, text), copy cases and boilerplate instances, offsets in the texts."""
    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t").convert
    names = sorted(hosts)
    dates = {}
    for name in names:
        roll = rng.random()
        dates[name] = (
            "" if roll < 0.08 else f"20{rng.randrange(10, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        )
    inserts: dict[str, list] = {n: [] for n in names}  # (position in host, text, tag)
    taken: dict[str, list] = {n: [] for n in names}  # source spans, insertion points stay out of them
    kinds = ["exact", "light", "heavy", "traditional"]
    cases = []
    for k in range(copies):
        kind = kinds[k % 4]
        for _ in range(100):
            source = rng.choice(names)
            later = [
                n for n in names if n != source and (not dates[source] or not dates[n] or dates[n] > dates[source])
            ]
            if not later:
                continue
            span = _sentence_span(hosts[source], rng, 80, 400)
            if span:
                break
        targets = rng.sample(later, 2 if k % 6 == 5 and len(later) > 1 else 1)
        taken[source].append(span)
        for target in targets:
            text = edit(hosts[source][span[0] : span[1]], kind, rng, to_traditional)
            tag = ("copy", len(cases))
            inserts[target].append([None, "\n\n" + text + "\n\n", tag])
            cases.append({"case": len(cases), "kind": kind, "source": source, "span": span, "target": target})
    planted = []
    for b, sentence in enumerate(BOILERPLATE):
        for host in rng.sample(names, rng.randrange(3, 13)):
            inserts[host].append([None, "\n\n" + sentence + "。\n\n", ("boilerplate", b)])
    documents, located = {}, {}
    for name in names:
        text = hosts[name]
        breaks = [
            i for i in range(len(text)) if text.startswith("\n", i) and not any(s < i < e for s, e in taken[name])
        ]
        breaks = breaks or [len(text)]
        for item in inserts[name]:
            item[0] = rng.choice(breaks)
        pieces, shift, at = [], 0, 0
        moved = {}
        for pos, extra, tag in sorted(inserts[name], key=lambda x: (x[0], str(x[2]))):
            pieces.append(text[at:pos])
            located[(name, tag)] = (pos + shift + 2, pos + shift + len(extra) - 2)
            pieces.append(extra)
            shift += len(extra)
            at = pos
            moved[pos] = shift
        pieces.append(text[at:])
        documents[name] = "".join(pieces)

        def mapped(p, name=name):
            return p + sum(len(x[1]) for x in inserts[name] if x[0] <= p)

        for span in taken[name]:
            located[(name, ("source", span))] = (mapped(span[0]), mapped(span[0]) + span[1] - span[0])
    for case in cases:
        case["source_span"] = located[(case["source"], ("source", case["span"]))]
        case["target_span"] = located[(case["target"], ("copy", case["case"]))]
    for name in names:
        for _pos, _extra, tag in inserts[name]:
            if tag[0] == "boilerplate":
                planted.append({"doc": name, "span": located[(name, tag)], "sentence": tag[1]})
    for case in cases:  # the composed texts hold what the offsets say
        s0, s1 = case["source_span"]
        assert documents[case["source"]][s0:s1] == hosts[case["source"]][case["span"][0] : case["span"][1]]
    return {"documents": documents, "dates": dates, "cases": cases, "planted": planted}


def naive(doc_ids: list[str], texts: list[str], dates: dict) -> list[dict]:
    norms = [reuse.normalise(t) for t in texts]
    found = []
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            for a0, a1, b0, b1 in exact_blocks(norms[a][0], norms[b][0], 12):
                at_a, at_b = norms[a][1], norms[b][1]
                found.append(
                    {
                        "doc_a": doc_ids[a],
                        "doc_b": doc_ids[b],
                        "start_a": int(at_a[a0]),
                        "end_a": int(at_a[a1 - 1]) + 1,
                        "start_b": int(at_b[b0]),
                        "end_b": int(at_b[b1 - 1]) + 1,
                        "boilerplate": False,
                        "source": "",
                    }
                )
    return found


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> tuple[int, int] | None:
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    return (lo, hi) if hi > lo else None


def score(gold: dict, detections: list[dict]) -> dict:
    """PAN character precision, recall, granularity; recall per kind; direction; boilerplate."""
    reported = [d for d in detections if not d["boilerplate"]]
    oriented = []  # (doc_x, span_x, doc_y, span_y, detection)
    for d in reported:
        oriented.append((d["doc_a"], (d["start_a"], d["end_a"]), d["doc_b"], (d["start_b"], d["end_b"]), d))
        oriented.append((d["doc_b"], (d["start_b"], d["end_b"]), d["doc_a"], (d["start_a"], d["end_a"]), d))
    covered_by_detection = {id(d): (set(), set()) for d in reported}
    recall, per_kind, granularity, direction = [], {}, [], []
    for case in gold["cases"]:
        src, tgt = set(), set()
        hits = set()
        for doc_x, span_x, doc_y, span_y, d in oriented:
            if doc_x != case["source"] or doc_y != case["target"]:
                continue
            ox, oy = _overlap(span_x, case["source_span"]), _overlap(span_y, case["target_span"])
            if ox and oy:
                src.update(range(*ox))
                tgt.update(range(*oy))
                hits.add(id(d))
                first = d["doc_a"] == case["source"]
                covered_by_detection[id(d)][0 if first else 1].update(range(*ox))
                covered_by_detection[id(d)][1 if first else 0].update(range(*oy))
                if gold["dates"][case["source"]] and gold["dates"][case["target"]]:
                    direction.append(d["source"] == case["source"])
        size = (case["source_span"][1] - case["source_span"][0]) + (case["target_span"][1] - case["target_span"][0])
        r = (len(src) + len(tgt)) / size
        recall.append(r)
        per_kind.setdefault(case["kind"], []).append(r)
        if hits:
            granularity.append(len(hits))
    for case in gold["cases"]:  # two copies of one passage share it too (not a case to find, not an error)
        for other in gold["cases"]:
            if (
                other is case
                or other["source"] != case["source"]
                or not _overlap(other["source_span"], case["source_span"])
            ):
                continue
            for doc_x, span_x, doc_y, span_y, d in oriented:
                if doc_x == case["target"] and doc_y == other["target"]:
                    ox, oy = _overlap(span_x, case["target_span"]), _overlap(span_y, other["target_span"])
                    if ox and oy:
                        first = d["doc_a"] == doc_x
                        covered_by_detection[id(d)][0 if first else 1].update(range(*ox))
                        covered_by_detection[id(d)][1 if first else 0].update(range(*oy))
    precision = [
        (len(covered_by_detection[id(d)][0]) + len(covered_by_detection[id(d)][1]))
        / ((d["end_a"] - d["start_a"]) + (d["end_b"] - d["start_b"]))
        for d in reported
    ]
    as_borrowing = 0
    for plant in gold["planted"]:
        size = plant["span"][1] - plant["span"][0]
        for doc_x, span_x, *_ in oriented:
            o = _overlap(span_x, plant["span"]) if doc_x == plant["doc"] else None
            if o and o[1] - o[0] >= 0.5 * size and (span_x[1] - span_x[0]) <= 2 * size:
                as_borrowing += 1
                break
    return {
        "precision": float(np.mean(precision)) if precision else 0.0,
        "recall": float(np.mean(recall)),
        "granularity": float(np.mean(granularity)) if granularity else 0.0,
        **{f"recall_{k}": float(np.mean(v)) for k, v in sorted(per_kind.items())},
        "direction": float(np.mean(direction)) if direction else float("nan"),
        "boilerplate_as_borrowing": as_borrowing,
        "detections": len(reported),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write each set as a corpus table and its gold")
    parser.add_argument("--rebuild-hosts", action="store_true", help=f"build {HOSTS.name} again")
    args = parser.parse_args()
    params = load_config(ROOT / "config/config.yaml", ROOT / "workflow/schemas/config.schema.yaml")["reuse"]
    hosts = host_texts(params, args.rebuild_hosts)
    print(f"{len(hosts)} hosts; settings: {params}")
    baseline = reuse.find_reuse(list(hosts), list(hosts.values()), {}, params)
    print(f"reuse already among the hosts, unplanted: {len(baseline)} passages")
    rows = []
    for half, seed in (("tune", 1), ("heldout", 2)):
        gold = compose(seed, hosts)
        ids = list(gold["documents"])
        texts = [gold["documents"][i] for i in ids]
        for method, found in (
            ("govtopics", reuse.find_reuse(ids, texts, gold["dates"], params)),
            ("naive ≥12", naive(ids, texts, gold["dates"])),
        ):
            rows.append({"set": half, "method": method, **score(gold, found)})
        if args.write:
            write_set(args.write / half, gold)
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.3f}"))


def write_set(folder: Path, gold: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    docs = gold["documents"]
    pd.DataFrame(
        {"doc_id": list(docs), "date": [gold["dates"][d] for d in docs], "content": list(docs.values())}
    ).to_csv(folder / "corpus.csv", index=False)
    (folder / "gold.json").write_text(
        json.dumps({k: gold[k] for k in ("cases", "planted", "dates")}, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
