"""Splitting cleaned articles into governance cases.

A case is one local model of governance described by a text. A heading ``<place>:<headline>``
(or ``<place>:`` on a line of its own with the headline on the next) starts a case when its place
is a Chinese administrative division; text before the first heading is the article's preamble
(used to train topics, never a case). An article without such headings is one case, labelled by a
metadata column or by the place it names most. Researchers can set boundaries and labels by hand.
"""

from __future__ import annotations

import re
from collections import Counter

from ..reading.io import InputError, read_table
from . import gazetteer, placing
from .headings import _HEADING, looks_like_heading, parse_heading  # noqa: F401  (the cases' own test of a heading)
from .repair import to_simplified


def short_label(place_text: str) -> str:
    """上海杨浦区五角场街道 → 上海杨浦五角场; 内蒙古赤峰 → 内蒙古赤峰; 深圳市 → 深圳."""
    label = place_text
    for place in sorted(gazetteer.find_places(place_text), key=lambda p: len(p.name), reverse=True):
        if place.name in label and place.short != place.name:
            label = label.replace(place.name, place.short, 1)
    stripped = re.sub(r"街道$", "", label)
    return stripped if len(stripped) >= 2 else label


_LOCALITY = re.compile(
    r"(?:(?<=[区县市旗])|(?<=[，。、；：“”‘’（）()《》\s①②③④⑤⑥⑦⑧⑨⑩在和与及到对为是])|^)"
    r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<level>路街道|街道|社区|村|镇|乡)",
    re.MULTILINE,
)
_NOT_A_NAME = re.compile(r"^[各全每该本其这那此某原新老大小多我]|[的了是在和与对把将]")
# Common words that end like a locality: 加强农村 is no village named 加强农.
_GENERIC = {"农村", "乡村", "城乡", "山村", "渔村", "全村", "本村", "该村", "下乡", "家乡", "城镇", "乡镇", "村镇"}
_NOT_NAME_TAGS = ("v", "p", "c", "d", "r", "m", "q", "u", "f")  # jieba: verbs, prepositions, adverbs…


def _is_locality_name(name: str, level: str) -> bool:
    from .tokens import _jieba_words  # jieba's dictionary with its part-of-speech tags

    return not (
        _NOT_A_NAME.search(name)
        or name[-1] + level[0] in _GENERIC
        or _jieba_words().get(name, "x").startswith(_NOT_NAME_TAGS)
    )


def dominant_locality(text: str, min_mentions: int = 3) -> str:
    """The street, town, community or village a case is about (平凉路街道, 五角场街道, 官任社区,
    施茶村): the one named most, at least ``min_mentions`` times and at least twice as often as
    any other; '' when no one locality dominates (a city-wide case names many, each once or twice).

    A name is two to four characters before 街道, 社区, 村, 镇 or 乡, after a district, county or
    city name or a boundary (punctuation, 在, 为…); a longer match that ends in a shorter one
    (增进官任社区) counts for the shorter one. Generic phrases (各街道, 全村, 加强农村) and verbs
    (结合街道, 依托社区) are no names.
    """
    found = Counter(m["name"] + m["level"] for m in _LOCALITY.finditer(text) if _is_locality_name(*m.group(1, 2)))
    for name in sorted(found, key=len):
        for longer in [other for other in found if other != name and other.endswith(name)]:
            found[name] += found.pop(longer)
    if not found:
        return ""
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    name, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return name if count >= min_mentions and count >= 2 * runner_up else ""


def with_locality(label: str, locality: str) -> str:
    """上海杨浦 + 平凉路街道 → 上海杨浦平凉路街道; 上海杨浦五角场 + 五角场街道 → 上海杨浦五角场街道."""
    if not locality or label.endswith(locality):
        return label
    stem = re.sub(r"(路街道|街道|社区|村|镇|乡)$", "", locality)
    if label.endswith(stem):
        return label[: -len(stem)] + locality
    return label + locality


def split_document(
    doc_id: str,
    paragraphs: list[str],
    max_heading_chars: int = 40,
    label: str = "",
    manual_headings: list[tuple[str, str]] | None = None,
    title: str = "",
    label_rule: str = "override",
):
    """Cases and paragraph rows of one document.

    Parameters
    ----------
    paragraphs : the cleaned document's paragraphs
    label : the label for a document without headings ('' = where its text says it is, see
        :func:`govtopics.text.placing.place_text`)
    label_rule : where ``label`` came from (override | label_column | title_fallback | metadata_label)
    manual_headings : (heading paragraph, label) pairs that replace heading detection

    Returns
    -------
    cases : list of dicts (case_id, label, place, heading, paragraph indices)
    roles : per paragraph, ``(case index or None, role)`` with role preamble | heading | body
    """
    headings = {}  # paragraph index → (place, headline, lines used, label)
    if manual_headings:
        wanted = {h.strip(): lab for h, lab in manual_headings}
        for i, paragraph in enumerate(paragraphs):
            if paragraph.strip() in wanted:
                headings[i] = ("", paragraph.strip(), 1, wanted[paragraph.strip()])
        missing = sorted(set(wanted) - {paragraphs[i].strip() for i in headings})
        if missing:
            raise InputError(
                f"'cases.overrides' in the config gives heading {missing[0]!r} for doc_id {doc_id}, but no line of "
                f"its cleaned text (results/<run>/corpus/clean/{doc_id}.txt) is exactly that: copy the line from there"
            )
    else:
        i = 0
        while i < len(paragraphs):
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            parsed = parse_heading(paragraphs[i], nxt, max_heading_chars)
            if parsed:
                place, headline, used = parsed
                headings[i] = (place, headline, used, short_label(place))
                i += used
            else:
                i += 1
    cases, roles = [], [(None, "preamble")] * len(paragraphs)
    if not headings:
        if label:
            where = placing.place_text(paragraphs, title)
            confidence = "low" if label_rule == "title_fallback" else "high"
            found = {
                "label": label,
                "place": where["place"],
                "rule": label_rule,
                "evidence": "",
                "confidence": confidence,
            }
        else:
            found = placing.place_text(paragraphs, title)
        cases.append({**found, "heading": "", "paragraphs": list(range(len(paragraphs)))})
        roles = [(0, "body")] * len(paragraphs)
    else:
        starts = sorted(headings)
        for n, start in enumerate(starts):
            place, headline, used, case_label = headings[start]
            end = starts[n + 1] if n + 1 < len(starts) else len(paragraphs)
            given = manual_headings is not None
            if not place:
                place = placing.place_text(paragraphs[start:end])["place"]
            cases.append(
                {
                    "label": case_label,
                    "place": place,
                    "rule": "override" if given else "heading",
                    "evidence": paragraphs[start][:60],
                    "confidence": "high",
                    "heading": headline,
                    "paragraphs": list(range(start, end)),
                }
            )
            for j in range(start, end):
                roles[j] = (n, "heading" if j < start + used else "body")
    for n, case in enumerate(cases, 1):
        case["case_id"] = f"{doc_id}_c{n:02d}"
        case["doc_id"] = doc_id
    return cases, roles


def _short_title(title: str, length: int = 14) -> str:
    """A title short enough to label a matrix row."""
    title = str(title).strip()
    return title if len(title) <= length else title[: length - 1] + "…"


CASE_COLUMNS = [
    "case_id",
    "label",
    "place",
    "province",
    "city",
    "region",
    "locality",
    "doc_id",
    "heading",
    "n_paragraphs",
    "n_chars",
    "label_rule",
    "label_confidence",
    "label_evidence",
]
PARAGRAPH_COLUMNS = ["paragraph_id", "doc_id", "case_id", "role", "text"]


def check_overrides(overrides: list[dict], doc_ids) -> None:
    """A one-line error when ``cases.overrides`` names a document the corpus does not analyse."""
    unknown = sorted({row["doc_id"] for row in overrides} - set(doc_ids))
    if unknown:
        raise InputError(
            f"'cases.overrides' in the config names doc_id {', '.join(unknown)}, which is not in the corpus"
        )


def _heading_word(row: dict, documents: dict, length: int = 6) -> str:
    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", str(row.get("heading") or ""))[:length]


def _date_part(size: int):
    def part(row: dict, documents: dict) -> str:
        date = str(documents.get(row.get("doc_id"), {}).get("date") or "")
        return date[:size] if len(date) >= size else ""

    return part


def _field(name: str, length: int = 6):
    def part(row: dict, documents: dict) -> str:
        value = re.split(r"[、，,;；]", str(documents.get(row.get("doc_id"), {}).get(name) or ""))[0]  # the first
        return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", value)[:length]

    return part


# What may tell apart the cases that share a label, in the order tried: within one article, its
# headings' words; across articles, their dates (year, then month, then day), publishers, authors,
# and last the document's id (the file a researcher can open).
_WITHIN = [("·", _heading_word), ("（", _date_part(4)), ("（", _date_part(7)), ("（", _date_part(10))]
_ACROSS = [
    ("（", _date_part(4)),
    ("（", _date_part(7)),
    ("（", _date_part(10)),
    ("·", _field("publisher")),
    ("·", _field("authors")),
    ("·", _heading_word),
]


def unique_labels(case_rows: list[dict], documents: dict[str, dict] | None = None) -> list[dict]:
    """The case rows (in place, in corpus order) with every label that several cases share told
    apart by what distinguishes them: a heading's words within one article (北京·有呼必有应), the
    articles' dates across articles (北京（2019）, 北京（2025）), then their publishers or authors, and
    last the document a case comes from (浙江（x11）). Each case takes the first of these that sets
    it apart; one case left without any keeps the bare label; a numeric suffix (甲-1, 甲-2) only for
    the cases nothing else tells apart (no document id given).
    ``documents`` maps a doc_id to its row of ``documents.csv`` (date, publisher, authors)."""
    documents = documents or {}
    counts = Counter(r["label"] for r in case_rows)
    taken = {label for label, n in counts.items() if n == 1}  # a label given as 甲-1 keeps it
    groups: dict[str, list[dict]] = {}
    for row in case_rows:
        if counts[row["label"]] > 1:
            groups.setdefault(row["label"], []).append(row)
    for label, rows in groups.items():
        kinds = _WITHIN if len({r.get("doc_id") for r in rows}) == 1 else _ACROSS
        left = list(rows)
        for opening, part in kinds:
            close = "）" if opening == "（" else ""
            candidates = {id(r): f"{label}{opening}{p}{close}" if (p := part(r, documents)) else "" for r in left}
            shared = Counter(candidates.values())
            for row in list(left):
                candidate = candidates[id(row)]
                if candidate and shared[candidate] == 1 and candidate not in taken:
                    row["label"] = candidate
                    taken.add(candidate)
                    left.remove(row)
        if len(left) == 1 and label not in taken:
            taken.add(label)
            continue
        ids = [str(r.get("doc_id") or "")[:12] for r in left]
        if kinds is _ACROSS and all(ids) and len(set(ids)) == len(left):  # the file each comes from
            for row, doc_id in zip(left, ids, strict=True):
                row["label"] = f"{label}（{doc_id}）"
                taken.add(row["label"])
            continue
        seen = 0
        for row in left:
            while True:  # 甲, 甲, 甲-1 → 甲-2, 甲-3, 甲-1: never a label twice
                seen += 1
                candidate = f"{label}-{seen}"
                if candidate not in taken:
                    break
            taken.add(candidate)
            row["label"] = candidate
    return case_rows


# A column of the metadata table (or the corpus table) under one of these names gives the label of
# a document's case where it is filled (the way to fix a label "What was read" lists as weak); the
# documents it leaves empty are labelled by their text.
LABEL_COLUMNS = ("label", "案例", "案例标签")


def split_cases(
    documents: list[dict],
    max_heading_chars: int = 40,
    label_column: str = "",
    overrides: list[dict] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Cases (labels not yet made unique) and paragraphs of some documents, one document at a
    time: what one shard's job does. ``overrides`` of documents not given are ignored here."""
    overrides = overrides or []
    if label_column and documents and not any(label_column in doc["metadata"] for doc in documents):
        columns = sorted({key for doc in documents for key in doc["metadata"]})
        raise InputError(
            f"'corpus.label_column' in the config is '{label_column}', which is not a column of the corpus "
            f"(columns: {', '.join(columns) or 'none'}): name one of them, or set it to '' to label cases by place"
        )
    by_doc: dict[str, list[dict]] = {}
    for row in overrides:
        by_doc.setdefault(row["doc_id"], []).append(row)
    case_rows, paragraph_rows = [], []
    for doc in documents:
        paragraphs = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
        rows = by_doc.get(doc["doc_id"], [])
        manual = [(r["heading"], r["label"]) for r in rows if r.get("heading")]
        label = next((r["label"] for r in rows if not r.get("heading")), "")
        rule = "override"
        if not label and label_column:
            label, rule = str(doc["metadata"].get(label_column, "")).strip(), "label_column"
            if not label:  # (a row the label column leaves empty: the Government Work Reports' resolutions)
                label, rule = _short_title(doc["metadata"].get("title", "")), "title_fallback"
        elif not label:  # the metadata's own label column, filled for the documents a researcher labels
            given = [str(doc["metadata"].get(column, "")).strip() for column in LABEL_COLUMNS]
            label, rule = next((g for g in given if g), ""), "metadata_label"
        cases, roles = split_document(
            doc["doc_id"], paragraphs, max_heading_chars, label, manual or None, doc["metadata"].get("title", ""), rule
        )
        for case in cases:
            text = "\n".join(paragraphs[i] for i in case["paragraphs"] if roles[i][1] == "body")
            where = gazetteer.describe(case["place"]) if case["place"] else {"province": "", "city": "", "region": ""}
            locality = dominant_locality(case["heading"] + "\n" + text)
            by_place = not label and not manual and case["place"]  # labels the user gave stay as given
            case_rows.append(
                {
                    "case_id": case["case_id"],
                    "label": with_locality(case["label"], locality) if by_place else case["label"],
                    "place": case["place"],
                    **where,
                    "locality": locality,
                    "doc_id": doc["doc_id"],
                    "heading": case["heading"],
                    "n_paragraphs": len(case["paragraphs"]),
                    "n_chars": len(text),
                    "label_rule": case["rule"],
                    "label_confidence": case["confidence"],
                    "label_evidence": case["evidence"],
                }
            )
        for i, paragraph in enumerate(paragraphs):
            case_index, role = roles[i]
            text = cases[case_index]["heading"] if role == "heading" else paragraph
            if role == "heading" and i > 0 and roles[i - 1] == (case_index, "heading"):
                continue  # the headline line of a two-line heading is already in its heading's row
            paragraph_rows.append(
                {
                    "paragraph_id": f"{doc['doc_id']}_p{i + 1:03d}",
                    "doc_id": doc["doc_id"],
                    "case_id": cases[case_index]["case_id"] if case_index is not None else "",
                    "role": role,
                    "text": text,
                }
            )
    kept = {r["case_id"] for r in case_rows if r["n_chars"] > 0}
    for row in paragraph_rows:  # a heading with no text under it is not a case: its lines become preamble
        if row["case_id"] and row["case_id"] not in kept:
            row.update(case_id="", role="preamble")
    return [r for r in case_rows if r["case_id"] in kept], paragraph_rows


HEADING_COLUMNS = ["doc_id", "paragraph_id", "text", "case_id", "status", "why"]


def heading_table(
    documents: list[dict], paragraph_rows: list[dict], max_heading_chars: int = 40, overrides: list[dict] | None = None
) -> list[dict]:
    """Every paragraph of the cleaned texts that has a case heading's form (:func:`looks_like_heading`),
    with the case it starts (``status`` case) or why it starts none (``status`` not_a_case): so a
    heading that did not become a case is never silent. ``paragraph_rows`` are those
    :func:`split_cases` gave for ``documents``."""
    overridden = {r["doc_id"] for r in overrides or [] if r.get("heading")}
    rows = {r["paragraph_id"]: r for r in paragraph_rows}
    table = []
    for doc in documents:
        paragraphs = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
        for i, text in enumerate(paragraphs):
            row = rows.get(f"{doc['doc_id']}_p{i + 1:03d}")
            if row is None or not looks_like_heading(text, max_heading_chars):
                continue  # (no row: the headline line of a two-line heading, in its heading's row)
            entry = {"doc_id": doc["doc_id"], "paragraph_id": row["paragraph_id"], "text": text}
            if row["role"] == "heading":
                table.append({**entry, "case_id": row["case_id"], "status": "case", "why": ""})
                continue
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if doc["doc_id"] in overridden:
                why = "cases.overrides in the config gives this document's headings, and not this one"
            elif parse_heading(text, nxt, max_heading_chars) is None:
                why = (
                    "a place and a colon alone on a line, and the next paragraph is no headline (a sentence, or longer "
                    f"than cases.max_heading_chars = {max_heading_chars}): its text stays in "
                    + ("the case above" if row["case_id"] else "the preamble")
                )
            else:
                why = "no text under it before the next heading, so no case; its line is in the preamble"
            table.append({**entry, "case_id": row["case_id"], "status": "not_a_case", "why": why})
    return table


def headings_dropped_in_cleaning(audit_rows, max_heading_chars: int = 40, titled: dict | None = None) -> list[dict]:
    """The lines the cleaning removed that have a case heading's form, as rows of
    :data:`HEADING_COLUMNS` saying why (the audit's reason), so a lost case is listed. ``titled``
    maps each document whose title was given or came from the file itself to that title: its title
    line (and a copy of it) is known to be the title and no heading (成都：筑牢“微单元”…), and is
    not listed; a guessed title is."""
    known = {d: re.sub(r"\W", "", to_simplified(t)[0]) for d, t in (titled or {}).items()}
    found, seen = [], set()
    for row in audit_rows:
        if row["action"] != "drop_line" or not looks_like_heading(str(row["text"]), max_heading_chars):
            continue
        key = (row["doc_id"], re.sub(r"\W", "", to_simplified(str(row["text"]))[0]))  # one row per repeated line
        if key in seen or (row["reason"] in ("title", "duplicate_line") and known.get(row["doc_id"]) == key[1]):
            continue
        seen.add(key)
        found.append(
            {
                "doc_id": row["doc_id"],
                "paragraph_id": "",
                "text": row["text"],
                "case_id": "",
                "status": "dropped_in_cleaning",
                "why": f"removed by the cleaning as '{row['reason']}' (cleaning_audit.csv, raw line {row['line']})",
            }
        )
    return found


UNIT_COLUMNS = [*CASE_COLUMNS, "n_cases"]


def case_value(case: dict, document: dict, by: str) -> str:
    """The value of column ``by`` for a case: its own column, else its document's; ``year`` may come
    from the document's date."""
    if by in case:
        return str(case[by])
    if by in document:
        return str(document[by])
    return str(document.get("date", ""))[:4]  # 'year' from the date


def comparison_units(
    cases: list[dict], documents: dict[str, dict], max_cases: int, by: str
) -> tuple[list[dict], dict[str, str], str]:
    """What the views compare: the cases themselves, or, above ``max_cases`` cases (where square
    case × case matrices, heatmaps and maps stop being readable or affordable), groups of cases
    sharing the value of column ``by`` (of ``cases.csv`` or ``documents.csv``; ``year`` may come
    from the documents' date). Returns the units (rows of :data:`UNIT_COLUMNS`; a group's id is
    ``<by>=<value>``, its place columns are kept where all its cases agree), each case's unit, and
    why the cases were grouped ('' when they were not)."""
    columns = set().union(*(c.keys() for c in cases), *(d.keys() for d in documents.values())) | {"year"}
    if by not in columns:
        raise InputError(
            f"'compare.aggregate_by' in the config is {by!r}, which is not a column of cases.csv or documents.csv: "
            f"use one of {', '.join(sorted(c for c in columns if not c.startswith('n_')))}"
        )
    if len(cases) <= max_cases:
        units = [{**{k: case.get(k, "") for k in UNIT_COLUMNS}, "n_cases": 1} for case in cases]
        return units, {c["case_id"]: c["case_id"] for c in cases}, ""
    groups: dict[str, list[dict]] = {}
    for case in cases:
        value = case_value(case, documents.get(case["doc_id"], {}), by).strip() or "(none)"
        groups.setdefault(value, []).append(case)
    if len(groups) < 2:
        value = next(iter(groups))
        filled = sorted(c for c in columns if not c.startswith("n_") and c not in ("case_id", "doc_id", "label"))
        raise InputError(
            f"{len(cases)} cases are more than compare.max_square_cases ({max_cases}), so they are compared in groups "
            f"by compare.aggregate_by ({by!r}); but every case has the same {by!r} ({value!r}), which leaves "
            f"nothing to compare: choose a column with several values ({', '.join(filled)}), or raise "
            "compare.max_square_cases in the config"
        )
    units, unit_of = [], {}
    for value in sorted(groups):
        members = groups[value]
        unit_id = f"{by}={value}"
        same = {k: members[0].get(k, "") if len({m.get(k, "") for m in members}) == 1 else "" for k in UNIT_COLUMNS}
        units.append(
            {
                **{k: "" for k in UNIT_COLUMNS},
                **{k: same[k] for k in ("province", "city", "region")},
                "case_id": unit_id,
                "label": value,
                "place": same["place"],
                "n_paragraphs": sum(int(m.get("n_paragraphs", 0) or 0) for m in members),
                "n_chars": sum(int(m.get("n_chars", 0) or 0) for m in members),
                "n_cases": len(members),
            }
        )
        unit_of.update({m["case_id"]: unit_id for m in members})
    groups_text = f"{len(units)} group{'s' if len(units) != 1 else ''}"
    why = (
        f"{len(cases)} cases, more than compare.max_square_cases ({max_cases}): the views, clusters, maps and "
        f"heatmaps compare the {groups_text} of cases by '{by}' (compare.aggregate_by); each case's nearest "
        f"cases are in results/<run>/tfidf/nearest_cases.csv and results/<run>/lda/nearest_cases.csv"
    )
    return units, unit_of, why


def unit_tables(cases: list[dict], documents: dict[str, dict], max_cases: int, by: str) -> dict:
    """The ``units`` rule's tables (:func:`comparison_units`): ``units`` (what the views compare)
    and ``case_units`` (each case, the unit it is compared in, and why there are groups), and
    ``why`` (the sentence for the log; not a table)."""
    import pandas as pd

    units, unit_of, why = comparison_units(cases, documents, max_cases, by)
    rows = [{"case_id": c["case_id"], "label": c["label"], "unit_id": unit_of[c["case_id"]], "why": why} for c in cases]
    return {
        "units": pd.DataFrame(units, columns=UNIT_COLUMNS),
        "case_units": pd.DataFrame(rows, columns=["case_id", "label", "unit_id", "why"]),
        "why": why,
    }


def read_unit_map(path) -> tuple[dict[str, str], dict[str, str]]:
    """Each case's unit, and each case's label, from ``case_units.csv`` (in case order)."""
    table = read_table(path, dtype=str)
    if not len(table):
        return {}, {}
    return dict(zip(table["case_id"], table["unit_id"], strict=True)), dict(
        zip(table["case_id"], table["label"], strict=True)
    )


def relabel(rows, unit_of: dict[str, str]):
    """Paragraph rows (dicts with ``case_id``) with each case replaced by its unit; rows of no case
    (preambles) or of a case left out stay out of every unit (``case_id`` '')."""
    for row in rows:
        yield {**row, "case_id": unit_of.get(row["case_id"], "")}
