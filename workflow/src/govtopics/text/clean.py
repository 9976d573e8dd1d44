"""Cleaning scraped articles: drop what is not the article, repair characters, keep a full audit.

The steps, in order, for one document:

1. character repairs on the whole text: the converter's pinyin annotations (``區(qū)`` → ``區``)
   are removed, Traditional characters converted to Simplified (OpenCC ``t2s``);
2. lines broken mid-sentence where a link stood (``依据《`` / ``著作权法`` / ``》第五条``) are joined;
3. every line is classified: spam titles, navigation menus, boilerplate (disclaimers, footers,
   licences, widgets), metadata and by-lines, references, and blocks that run to the end of the
   page (related-article lists, everything after the editor's line) are dropped;
4. the title line and repeated lines are dropped; lines broken inside a paragraph are joined;
5. punctuation is normalised (half-width ``,:;`` after Chinese text become full-width; full-width
   letters and digits become ASCII).

Every removal is returned as an audit row with the raw line number and the reason, so nothing is
lost: the audit plus the cleaned text account for every character of the input. The character
repairs are in :mod:`govtopics.text.repair`, the tests of what one line is in :mod:`govtopics.text.lines`;
this module holds the rules and the passes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .headings import looks_like_heading  # the cases stage's own test of a heading
from .lines import (
    CLOSE,
    OPEN,
    PAGE_NUMBER,
    PHOTO_CREDIT,
    SITE_SUFFIX,
    TITLE_APPARATUS,
    URL,
    URL_LINE,
    apparatus,
    byline_authors,
    caption,
    is_byline,
    is_metadata,
    is_navigation,
    is_site_name,
    is_spam,
    metadata_fields,
    not_chinese,
    publication,
    title_candidate,
)
from .repair import (
    CJK,
    LOST,
    chinese_chars,
    count_damage,
    damaged_runs,
    damaged_sentences,
    normalise_punctuation,
    remove_pinyin_annotations,
    repair_damage,
    to_simplified,
)

TERMINAL = "。！？!?；;…”’」』）)】]"
OPENING = "《“‘「『（(【[—"
MID = "，、：；,"
CONTINUATION = "。，、；：？！》”’）)」』,.;:"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# Keys of clean: read when the corpus is gathered, not per document
CORPUS_LEVEL_KEYS = ("duplicate_threshold", "drop_duplicates", "min_chinese_chars")


@dataclass
class CleanRules:
    """What the cleaner drops; every field comes from ``clean:`` in the config."""

    spam_terms: list[str] = field(default_factory=list)
    spam_min_hits: int = 2
    max_noise_line_chars: int = 200
    line_patterns: dict[str, list[str]] = field(default_factory=dict)
    block_start_patterns: list[str] = field(default_factory=list)
    end_patterns: list[str] = field(default_factory=list)
    end_search_fraction: float = 0.4
    max_heading_chars: int = 40
    drop_bylines: bool = True
    drop_references: bool = True
    drop_captions: bool = True
    encoding_damage: str = "repair"
    duplicate_threshold: float = 0.8
    drop_duplicates: bool = True
    min_chinese_chars: int = 50  # used when the corpus is gathered: see chinese_chars

    @classmethod
    def from_config(cls, clean: dict) -> CleanRules:
        """The rules of the config's ``clean:`` section (its corpus-level keys, which the gathering
        step reads, left out)."""
        return cls(**{k: v for k, v in clean.items() if k not in CORPUS_LEVEL_KEYS})

    def __post_init__(self):
        self._line = [
            (reason, UserPattern(p, f"clean.line_patterns.{reason}"))
            for reason, ps in self.line_patterns.items()
            for p in ps
        ]
        self._block = [UserPattern(p, "clean.block_start_patterns") for p in self.block_start_patterns]
        self._end = [UserPattern(p, "clean.end_patterns") for p in self.end_patterns]


class UserPattern:
    """A regular expression from the config, searched with a time limit per line (the ``regex``
    package's timeout): a pattern that backtracks without end (``(a|aa)+$``) stops the run with
    a message naming it and its key, instead of cleaning for ever."""

    SECONDS = 2.0

    # A group repeated by *, + or {…} is what can backtrack without end ((a+)+, (a|aa)+): only such
    # patterns pay for the timed engine; the others run in re, about twice as fast on these lines.
    _RISKY = re.compile(r"\)[*+{]")

    def __init__(self, pattern: str, key: str):
        import regex

        self.pattern, self.key = pattern, key
        self._timed = bool(self._RISKY.search(pattern))
        self._compiled = regex.compile(pattern) if self._timed else re.compile(pattern)

    def search(self, text: str):
        if not self._timed:
            return self._compiled.search(text)
        try:
            return self._compiled.search(text, timeout=self.SECONDS)
        except TimeoutError:
            from ..reading.io import InputError

            raise InputError(
                f"'{self.key}' in the config has {self.pattern!r}, which took more than {self.SECONDS:g} s on one line "
                f"({text[:40]!r}…): rewrite it without nested repetition such as (a|aa)+ or (a+)+"
            ) from None


def _norm_key(line: str) -> str:
    return re.sub(rf"[^{CJK}A-Za-z0-9]", "", line)


def join_link_breaks(lines: list[str], is_heading=None, skip=()) -> tuple[list[str], list[tuple[int, int]]]:
    """Join lines broken where a link stood, on punctuation evidence only.

    A line ending in an opening bracket joins the next; a line starting with closing or
    continuing punctuation joins the previous, and so does a short fragment just before it
    when the line before that has no sentence end. A line that ``is_heading`` (a case heading
    ``<place>：…``, whose colon is no mid-sentence break) neither joins nor is joined: in text
    with single line breaks (a table cell, a saved page) it would take the case's first lines
    into the case before. Lines in ``skip`` (a PDF's page number and running header between the
    two halves of a sentence) are stepped over as if absent. Returns the lines (joined lines
    become '') and the (from, into) pairs of raw line numbers joined.
    """
    kept = {i: line for i, line in enumerate(lines) if i in skip}
    lines: list[str | None] = [None if i in skip else line for i, line in enumerate(lines)]  # None: absent
    joins = []
    heading = {i for i, line in enumerate(lines) if line and is_heading and is_heading(line)}

    def prev_nonempty(i):
        j = i - 1
        while j >= 0 and lines[j] is None:
            j -= 1
        return j if j >= 0 and lines[j].strip() else None

    continuing = set()  # lines that were joined and still lack a sentence end
    for i in range(1, len(lines)):
        if lines[i] is None:
            continue
        cur = lines[i].strip()
        p = prev_nonempty(i)
        if not cur or p is None or i in heading or p in heading:
            continue
        prev = lines[p].rstrip()
        adjacent = all(lines[j] is None for j in range(p + 1, i))
        if adjacent and (prev[-1] in MID or (p in continuing and prev[-1] not in TERMINAL)) and not is_byline(cur):
            # (a by-line below a title and its subtitle, 之道—— / 绘出更美新“枫”景 / 本报记者 …, runs on into nothing)
            # 公务演讲， / 不总是 / 具有…文件。: a line ending mid-sentence runs on into the next
            lines[p] = prev + cur
            lines[i] = None
            joins.append((i, p))
            continuing.add(p)
            continue
        if prev[-1] == "—" and cur[0] not in CONTINUATION and len(cur) > 30:
            continue  # 高光时刻”—— / 20多天前的11月6日，…: a dash before a paragraph, not before a link's words
        if cur[0] in CONTINUATION or prev[-1] in OPENING:
            fragment = prev.strip()
            pp = prev_nonempty(p)
            if (
                cur[0] in CONTINUATION
                and pp is not None
                and len(fragment) <= 30
                and not re.search(r"[。，、；：？！,;:]", fragment)
                and lines[pp].rstrip()[-1] not in TERMINAL
            ):
                # 所作的 / 政府工作报告 / 。会议… → one sentence
                lines[pp] = lines[pp].rstrip() + fragment
                lines[p] = None
                joins.append((p, pp))
                p = pp
            lines[p] = lines[p].rstrip() + cur
            lines[i] = None
            joins.append((i, p))
            continuing.add(p)
    lines = [kept.get(i, "") if line is None else line for i, line in enumerate(lines)]
    return lines, joins


def page_furniture(lines: list[str], is_heading) -> dict[int, str]:
    """A PDF's page numbers and running headers or footers left in its text, by line number.

    A running header is a short line without a sentence end just after a page number (the next
    page's head), or just before one at two page breaks or more (before a single one, it may be a
    subheading at a page's foot). Case headings are never furniture.
    """
    found: dict[int, str] = {}
    nonempty = [i for i, line in enumerate(lines) if line]

    def short(j):
        line = lines[j]
        return len(line) <= 30 and line[-1] not in TERMINAL + "，、" and not is_heading(line)

    before: dict[str, list[int]] = {}
    for pos, i in enumerate(nonempty):
        if not PAGE_NUMBER.match(lines[i]) or is_heading(lines[i]):
            continue
        found[i] = "page_number"
        if pos + 1 < len(nonempty) and short(nonempty[pos + 1]) and not PAGE_NUMBER.match(lines[nonempty[pos + 1]]):
            found[nonempty[pos + 1]] = "running_header"
        if pos and short(nonempty[pos - 1]) and not PAGE_NUMBER.match(lines[nonempty[pos - 1]]):
            before.setdefault(_norm_key(lines[nonempty[pos - 1]]), []).append(nonempty[pos - 1])
    for copies in before.values():
        if len(copies) >= 2:
            found.update(dict.fromkeys(copies, "running_header"))
    return found


def _find_title(lines, nonempty, keep, reasons, fields, rules, title, detect_title, is_heading) -> None:
    """The title: the line that is the given ``title`` (from the metadata or the file itself) is
    dropped as such, whatever its form; without one, the first short line without a sentence end
    near the top, before the body begins, is taken (``fields['title_guessed']`` says so). A line of
    a case heading's form is not guessed to be a title unless it is the first line and the page's
    date line or the article's apparatus (affiliations, abstract, keywords) stands between it and
    the body (成都：筑牢“微单元”… over 2024年04月07日 来源：…): a case heading under a title, a
    by-line or a lede stays a heading."""
    kept = [i for i in nonempty if keep[i]]
    # (a title from a Word file's Title style holds the converter's pinyin the lines no longer do)
    title_key = _norm_key(SITE_SUFFIX.sub("", to_simplified(remove_pinyin_annotations(title)[0])[0])) if title else ""
    for n, i in enumerate(kept[:8]):
        if title_key:
            if _norm_key(SITE_SUFFIX.sub("", lines[i])) == title_key:  # known to be the title: no heading
                keep[i] = False  # (and a copy of it near the top: a page's title and its headline)
                reasons[i] = "title"
            continue
        if not detect_title:
            break
        if n == 0 and SITE_SUFFIX.search(lines[i]):
            # a page's own title with its site's name (北京:12345,有呼必有应-新华网): the title,
            # whatever its form, and a copy of it below (the article's headline) goes with it
            fields["title"] = normalise_punctuation(SITE_SUFFIX.sub("", lines[i]))
            fields["title_guessed"] = "yes"
            key = _norm_key(SITE_SUFFIX.sub("", lines[i]))
            for j in kept[:8]:
                if _norm_key(SITE_SUFFIX.sub("", lines[j])) == key:
                    keep[j] = False
                    reasons[j] = "title"
            break
        if not title_candidate(lines[i], rules):
            if len(lines[i]) > rules.max_heading_chars or lines[i][-1] in TERMINAL:
                break  # the body has begun: a short line below it is a subheading or a caption, no title
            continue
        if is_heading(lines[i]):
            # the article's own apparatus (its date line, affiliations, abstract, keywords) between
            # this line and the body's first line: then it is the article's title
            below = []
            for j in nonempty:
                if j > i:
                    if keep[j]:
                        break
                    below.append(reasons.get(j, ""))
            if n == 0 and set(below) & TITLE_APPARATUS:
                fields["title"] = normalise_punctuation(lines[i])
                fields["title_guessed"] = "yes"
                keep[i] = False  # listed in headings.csv as a heading taken for the title
                reasons[i] = "title"
            break  # a case begins here: no title below it
        fields["title"] = normalise_punctuation(lines[i])
        fields["title_guessed"] = "yes"
        keep[i] = False
        reasons[i] = "title"
        break
    if title:
        fields["title"] = title
        fields.pop("title_guessed", None)
    _take_subtitle(lines, nonempty, keep, reasons, fields, rules, is_heading)


def _take_subtitle(lines, nonempty, keep, reasons, fields, rules, is_heading) -> None:
    """A title that ends in a dash (再访枫桥，读懂…之道——) goes on in the short line below it (绘出更美新
    “枫”景), whichever way the page came: a .txt joins the two lines, a Word file's Title style or a
    spreadsheet's title column gives the first alone; that line is the title's too."""
    title = fields.get("title", "").rstrip()
    if not title.endswith("—"):
        return
    dropped = [i for i in nonempty if reasons.get(i) == "title"]
    after = dropped[-1] if dropped else -1
    below = next((i for i in nonempty if i > after and keep[i]), None)
    if below is not None and title_candidate(lines[below], rules) and not is_heading(lines[below]):
        keep[below] = False
        reasons[below] = "title"
        fields["title"] = normalise_punctuation(title + lines[below].strip())


@dataclass
class _Page:
    """A document's lines while it is cleaned: which are kept, why the others were dropped, the
    fields (title, date, authors…) found on the way, and the audit of everything removed."""

    lines: list[str]
    audit: list[dict]
    fields: dict[str, str] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self.keep = [bool(ln) for ln in self.lines]
        self.nonempty = [i for i, ln in enumerate(self.lines) if ln]

    def drop(self, i: int, reason: str) -> None:
        """Drop line ``i`` for ``reason``; a line already dropped keeps its first reason."""
        if self.keep[i]:
            self.keep[i] = False
            self.reasons[i] = reason


def _repair_lines(raw_lines: list[str], rules: CleanRules, audit: list[dict]) -> tuple[list[str], dict]:
    """Step 1, line by line before anything is judged: pinyin annotations removed and, with
    ``encoding_damage: repair``, garbled runs repaired (before conversion to Simplified changes the
    garbled characters). Returns the lines and the counts of the stats."""
    lines = []
    counts = dict.fromkeys(("pinyin_removed", "damage_repaired", "chars_recovered", "chars_lost", "chars_restored"), 0)
    for number, raw in enumerate(raw_lines, 1):
        line, removed = remove_pinyin_annotations(raw)
        if len(re.findall(f"[{CJK}]", line)) >= 4 and (urls := re.findall(URL, line)):
            line = re.sub(URL, "", line)  # an address inside a sentence (详见https://…): no words of the article
            audit.append(
                {"line": number, "action": "remove_span", "reason": "url", "text": " ".join(urls), "count": len(urls)}
            )
        if removed:
            counts["pinyin_removed"] += len(removed)
            audit.append(
                {
                    "line": number,
                    "action": "remove_span",
                    "reason": "pinyin_annotation",
                    "text": "".join(removed),
                    "count": len(removed),
                }
            )
        if rules.encoding_damage == "repair":
            line, repairs = repair_damage(line)
            for run, repaired in repairs:
                audit.append(
                    {
                        "line": number,
                        "action": "repair_span",
                        "reason": "encoding_damage",
                        "text": f"{run} → {repaired}",
                        "count": 1,
                    }
                )
                counts["damage_repaired"] += 1
                counts["chars_recovered"] += sum("\u4e00" <= c <= "\u9fff" for c in repaired)
                counts["chars_lost"] += repaired.count(LOST)
                counts["chars_restored"] += repaired[0] != LOST  # a realigned run starts with its lost character
        lines.append(line)
    return lines, counts


def _join_breaks(lines: list[str], is_heading, audit: list[dict]) -> tuple[list[str], dict[int, str]]:
    """Step 2: sentences broken across lines by a link or a page joined; a PDF's page number and
    running header left in its text are stepped over (and returned, to be dropped)."""
    furniture = page_furniture(lines, is_heading)
    lines, joins = join_link_breaks(lines, is_heading, skip=furniture)
    for source, target in joins:
        audit.append(
            {
                "line": source + 1,
                "action": "join",
                "reason": "link_break",
                "text": f"joined to line {target + 1}",
                "count": 1,
            }
        )
    return lines, furniture


def _drop_page_blocks(page: _Page, rules: CleanRules) -> None:
    """Step 3: blocks that run to the end of the page (related articles; what follows the
    article's end in its last part), and an editor's line higher up, which ends nothing."""
    lines, nonempty = page.lines, page.nonempty
    for pos, i in enumerate(nonempty):
        if any(p.search(lines[i]) for p in rules._block) and len(lines[i]) <= 30:
            for j in nonempty[pos:]:
                page.drop(j, "related_block")
            break
    tail_start = int(len(nonempty) * (1 - rules.end_search_fraction))
    for pos, i in enumerate(nonempty):
        if pos >= tail_start and page.keep[i] and any(p.search(lines[i]) for p in rules._end):
            for j in nonempty[pos:]:
                page.drop(j, "after_article_end")
            break
    for i in nonempty:
        if page.keep[i] and len(lines[i]) <= 30 and any(p.search(lines[i]) for p in rules._end):
            page.drop(i, "editor_line")


def _drop_noise_lines(page: _Page, rules: CleanRules) -> None:
    """Step 4, line by line: lines that are not the article's text (no text, a lone character, spam,
    navigation, the configured noise, a site name, the article's apparatus, metadata, captions,
    by-lines, references). Authors, affiliations and metadata found in them go to ``page.fields``."""
    lines, drop = page.lines, page.drop
    in_references = False
    authors: list[str] = []
    affiliations: list[str] = []
    for i in page.nonempty:
        line = lines[i]
        if not page.keep[i]:
            continue
        if not re.search(f"[{CJK}A-Za-z0-9]", line):
            drop(i, "no_text")
        elif re.fullmatch(f"[{CJK}]", line) and line not in "一二三四五六七八九十":
            drop(i, "fragment")
        elif len(line) <= rules.max_noise_line_chars and is_spam(line, rules):  # a title, not a long paragraph
            drop(i, "spam")
        elif is_navigation(line):
            drop(i, "navigation")
        elif len(line) <= rules.max_noise_line_chars and (
            reason := next((r for r, p in rules._line if p.search(line)), None)
        ):
            drop(i, reason)
        elif is_site_name(line):
            drop(i, "site_name")
        elif len(line) <= rules.max_noise_line_chars and (reason := apparatus(line)):
            if reason == "affiliation":
                affiliations.append(re.sub(rf"^{OPEN}|{CLOSE}$", "", line.strip()))
            elif reason == "byline":
                authors.extend(re.sub(r"^\W+", "", line).split())
            drop(i, reason)
        elif URL_LINE.fullmatch(line):
            drop(i, "url")
        elif is_metadata(line):
            found = metadata_fields(line)
            if "publisher" not in found and publication(line):
                found["publisher"] = publication(line)
            if "author" in found and found["author"] not in ("佚名", ""):
                authors.extend(found.pop("author").split("、"))
            page.fields.update({k: v for k, v in found.items() if k not in page.fields and k != "author"})
            drop(i, "metadata")
        elif rules.drop_captions and (kind := caption(line)) == "caption":
            drop(i, "caption")
        elif (
            rules.drop_captions
            and kind == "credit"
            and (m := PHOTO_CREDIT.search(line))
            and line[: m.start()].rstrip()[-1:] in TERMINAL
        ):
            lines[i] = line[: m.start()].rstrip()
            page.audit.append(
                {"line": i + 1, "action": "remove_span", "reason": "photo_credit", "text": m.group(0), "count": 1}
            )
        elif rules.drop_bylines and is_byline(line):
            authors.extend(byline_authors(line))
            drop(i, "byline")
        elif rules.drop_references and (
            re.fullmatch(r"(注释|注|参考文献|参考资料)[:：]?", line) or in_references and line[0] in _CIRCLED + "[［"
        ):
            in_references = True
            drop(i, "references")
        elif rules.drop_references and line[0] in _CIRCLED and "《" in line and len(line) <= 200:
            drop(i, "references")
    if authors:
        page.fields["authors"] = "、".join(dict.fromkeys(authors))
    if affiliations:
        page.fields["affiliations"] = "；".join(dict.fromkeys(affiliations))


def _drop_repeated_lines(page: _Page) -> None:
    """Step 6: a later copy of the title or of a line already kept (six characters or more) goes;
    the rest of a line wrapped at a PDF's page width is part of its paragraph, not a copy."""
    lines = page.lines
    seen = {_norm_key(page.fields.get("title", ""))} - {""}
    # judged on the lines kept: eight equal by-lines dropped above made two title lines look like
    # a PDF's wrapped text, and the copy stayed until the text was cleaned again
    wrapped = wrapped_at_width([lines[i] for i in page.nonempty if page.keep[i]])
    for i in page.nonempty:
        key = _norm_key(lines[i])
        if wrapped and i and lines[i - 1] and page.keep[i - 1] and lines[i - 1][-1] not in TERMINAL and key not in seen:
            continue
        if page.keep[i] and len(key) >= 6:
            if key in seen:
                page.drop(i, "duplicate_line")
            seen.add(key)


def clean_document(text: str, rules: CleanRules, title: str = "", detect_title: bool = True) -> dict:
    """Clean one document, in named steps: repair the lines (pinyin, encoding damage), convert to
    Simplified, join broken sentences, drop the page's blocks, drop noise lines (finding the
    metadata in them), drop a PDF's page furniture, find the title, drop repeated lines, then join
    the kept lines into paragraphs and handle the damage left.

    Parameters
    ----------
    text : raw text (newlines normalised to ``\\n``)
    rules : what to drop
    title : the title from the user's metadata, if any; else the title line is detected
    detect_title : False when the text is known to hold no title line (it was cleaned already)

    Returns
    -------
    dict with ``text`` (cleaned, paragraphs separated by blank lines), ``audit`` (rows of
    ``line``, ``action``, ``reason``, ``text``, ``count``), ``fields`` (title, date, publisher,
    author found in the page) and ``stats``.
    """
    audit: list[dict] = []
    lines, counts = _repair_lines(text.split("\n"), rules, audit)
    joined_text, n_converted = to_simplified("\n".join(lines))
    # (no-break and ideographic spaces are spaces, and a run of them one, before any line is judged:
    # as the cleaned text holds them, so that cleaning it again judges every line alike)
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip(" \ufeff") for ln in joined_text.split("\n")]

    def is_heading(line):
        return looks_like_heading(line, rules.max_heading_chars)

    lines, furniture = _join_breaks(lines, is_heading, audit)
    page = _Page(lines, audit)
    _drop_page_blocks(page, rules)
    _drop_noise_lines(page, rules)
    for i, reason in furniture.items():
        page.drop(i, reason)
    _find_title(lines, page.nonempty, page.keep, page.reasons, page.fields, rules, title, detect_title, is_heading)
    _drop_repeated_lines(page)
    for i, reason in sorted(page.reasons.items()):
        audit.append({"line": i + 1, "action": "drop_line", "reason": reason, "text": lines[i], "count": 1})

    paragraphs = _join_paragraphs([(i, lines[i]) for i in page.nonempty if page.keep[i]], lines, audit, is_heading)
    paragraphs = _drop_foreign(paragraphs, audit)
    # after repair, the runs left are removed as with drop_run
    action = "drop_run" if rules.encoding_damage == "repair" else rules.encoding_damage
    paragraphs, n_damaged = _handle_damage(paragraphs, action, audit)
    cleaned = "\n\n".join(normalise_punctuation(p) for _, p in paragraphs)
    audit.sort(key=lambda r: (r["line"], r["action"]))
    return {
        "text": cleaned,
        "audit": audit,
        "fields": page.fields,
        "stats": {
            "raw_chars": len(text),
            "clean_chars": len(cleaned),
            "pinyin_removed": counts["pinyin_removed"],
            "chars_converted": n_converted,
            "lines_dropped": len(page.reasons),
            "damaged_runs": n_damaged + counts["damage_repaired"],
            "damage_repaired": counts["damage_repaired"],
            "chars_recovered": counts["chars_recovered"],
            "chars_lost": counts["chars_lost"],
            "chars_restored": counts["chars_restored"],
            "damage_marks": count_damage(cleaned),
            "paragraphs": len(paragraphs),
        },
    }


DOCUMENT_FIELDS = ("title", "date", "publisher", "authors", "affiliations")


def clean_record(doc: dict, rules: CleanRules) -> tuple[dict, dict, list[dict]]:
    """Clean one ingested document (a record of :mod:`govtopics.reading.ingest`): what the cleaning step
    does for each document of its shard.

    The title, date, publisher and authors come, in this order of precedence, from the user's
    metadata (the metadata table or the table's columns), from the file itself (a page's
    ``<title>`` and date, a Word file's Title style, a PDF's title) and from the text (a date line,
    a by-line, a guessed title line); ``title_source`` and ``date_source`` say which. Lines a reader
    left out (a PDF's running headers and page numbers) head the audit with their reason.

    Returns
    -------
    cleaned, row, audit
        the record the next stages read (``doc_id``, ``text``, ``metadata``), its row of
        ``documents.csv`` (fields, provenance, cleaning counts) and its audit rows.
    """
    meta, fields = doc["metadata"], doc.get("fields", {})
    result = clean_document(doc["text"], rules, title=meta.get("title") or fields.get("title", ""))
    found = result["fields"]
    merged = {**found, **{k: v for k, v in fields.items() if v}, **{k: v for k, v in meta.items() if v}}
    guessed = merged.pop("title_guessed", "")

    def source(key, guessed_text=""):
        if meta.get(key):
            return "given"
        if fields.get(key):
            return "file"
        if found.get(key):
            return guessed_text or "text"
        return ""

    lost = unaccounted_lines(doc["text"], result["text"], result["audit"])
    if lost:
        import logging

        logging.getLogger(__name__).warning(
            "%s: %d raw line(s) neither in the cleaned text nor in the audit, first: line %d %r",
            doc["doc_id"],
            len(lost),
            *lost[0],
        )
    row = {
        "doc_id": doc["doc_id"],
        **{key: merged.get(key, "") for key in DOCUMENT_FIELDS},
        "title_source": source("title", "guessed" if guessed else ""),
        "date_source": source("date"),
        "source": doc["source"],
        "encoding": doc["encoding"],
        "sha256": doc["sha256"],
        **result["stats"],
        "lines_unaccounted": len(lost),
    }
    audit = [
        {"line": 0, "action": "drop_line", "reason": r["reason"], "text": f"p.{r['page']}: {r['text']}", "count": 1}
        for r in doc.get("removed", [])
    ] + result["audit"]
    cleaned = {"doc_id": doc["doc_id"], "text": result["text"], "metadata": merged}
    return cleaned, row, [{"doc_id": doc["doc_id"], **r} for r in audit]


def _handle_damage(paragraphs: list[tuple[int, str]], action: str, audit: list[dict]):
    """Record every garbled run in the audit (with its sentence) and remove the run
    (``drop_run``), its whole sentence (``drop_sentence``) or nothing (``keep``)."""
    out, n_damaged = [], 0
    for line, text in paragraphs:
        runs = damaged_runs(text)
        n_damaged += len(runs)
        sentences = damaged_sentences(text)
        for start, end in runs:
            sentence = next((text[a:b] for a, b in sentences if a <= start < b), text[start:end])
            audit.append(
                {
                    "line": line,
                    "action": "flag" if action == "keep" else "remove_span",
                    "reason": "encoding_damage",
                    "text": text[start:end] if action != "drop_sentence" else sentence,
                    "count": 1,
                }
            )
        spans = runs if action == "drop_run" else sentences if action == "drop_sentence" else []
        if spans:
            for start, end in reversed(spans):
                text = text[:start] + text[end:]
            left = text.strip()
            # what is left once the runs are gone is judged as a line is: no text or one character goes
            reason = (
                "no_text"
                if not re.search(f"[{CJK}A-Za-z0-9]", left)
                else "fragment"
                if re.fullmatch(f"[{CJK}]", left) and left not in "一二三四五六七八九十"
                else ""
            )
            if reason:
                if left:
                    audit.append({"line": line, "action": "drop_line", "reason": reason, "text": left, "count": 1})
                continue
        if text.strip():
            out.append((line, text.strip()))
    return out, n_damaged


def wrapped_at_width(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (a PDF turned to text): of eight lines or more, at least 40%
    are, within a character, as long as the most common length of 20 characters or more."""
    lengths = Counter(len(line) for line in set(lines) if line)  # copies of one line tell no page width
    if sum(lengths.values()) < 8:  # too few lines to tell
        return False
    modal = max(lengths, key=lambda n: (sum(lengths[m] for m in (n - 1, n, n + 1)), n))
    return modal >= 20 and sum(lengths[m] for m in (modal - 1, modal, modal + 1)) >= 0.4 * sum(lengths.values())


def _drop_foreign(paragraphs: list[tuple[int, str]], audit: list[dict]) -> list[tuple[int, str]]:
    """The paragraphs of a Chinese document that are in another language (:func:`_not_chinese`: an
    English title or abstract, EN) go, each in the audit. Judged on paragraphs as they are joined,
    so that cleaning a cleaned text again takes nothing more; a document with no Chinese at all is
    left whole, to be set aside with its reason (clean.min_chinese_chars)."""
    if not any(re.search(f"[{CJK}]", text) for _, text in paragraphs):
        return paragraphs
    kept = []
    for i, text in paragraphs:
        if not_chinese(text):
            audit.append({"line": i + 1, "action": "drop_line", "reason": "not_chinese", "text": text, "count": 1})
        else:
            kept.append((i, text))
    return kept


def _join_paragraphs(
    kept: list[tuple[int, str]], lines: list[str], audit: list[dict], is_heading=None
) -> list[tuple[int, str]]:
    """Join kept lines that are consecutive in the raw text and broken mid-sentence.

    Only in documents that separate paragraphs with blank lines (then a single line break inside
    a block is a break, not a paragraph end); a line ending in sentence punctuation never joins,
    nor does a case heading or the line after it.
    """
    nonempty = [i for i, ln in enumerate(lines) if ln]
    followed_by_blank = sum(1 for i in nonempty if i + 1 >= len(lines) or not lines[i + 1])
    blank_separated = followed_by_blank >= 0.5 * max(len(nonempty), 1) or (
        wrapped_at_width(lines) and followed_by_blank >= 0.1 * len(nonempty)
    )
    paragraphs: list[tuple[int, str]] = []
    last = None
    for i, line in kept:
        if (
            blank_separated
            and paragraphs
            and last == i - 1
            and paragraphs[-1][1][-1] not in TERMINAL
            and not (is_heading and (is_heading(line) or is_heading(paragraphs[-1][1])))
        ):
            paragraphs[-1] = (paragraphs[-1][0], paragraphs[-1][1] + line)
            audit.append(
                {
                    "line": i + 1,
                    "action": "join",
                    "reason": "line_break",
                    "text": f"joined to line {last + 1}",
                    "count": 1,
                }
            )
        else:
            paragraphs.append((i + 1, line))
        last = i
    return paragraphs


def unaccounted_lines(raw: str, cleaned: str, audit: list[dict]) -> list[tuple[int, str]]:
    """The conservation check: raw lines that are neither in the audit (dropped, joined, repaired,
    with their reason) nor in the cleaned text. Each should be empty; a line listed here was lost
    without a word, and ``documents.csv`` counts it (``lines_unaccounted``)."""
    mentioned = {int(row["line"]) for row in audit}
    text = _norm_key(cleaned)
    lost = []
    for number, line in enumerate(raw.split("\n"), 1):
        if number in mentioned:
            continue
        key = _norm_key(normalise_punctuation(to_simplified(remove_pinyin_annotations(line)[0])[0]))
        if key and key not in text:
            lost.append((number, line))
    return lost


def kept_lines(audit: list[dict]) -> dict[int, bool]:
    """For the raw line numbers the audit mentions: whether each line's text ended up in the
    cleaned text (a line joined into a dropped line is dropped with it). Lines the audit does not
    mention were kept."""
    dropped = {row["line"] for row in audit if row["action"] == "drop_line"}
    into = {}
    for row in audit:
        if row["action"] == "join" and row["reason"] == "link_break":
            into[row["line"]] = int(row["text"].rsplit(" ", 1)[-1])
    status = {}
    for row in audit:
        line = row["line"]
        target = line
        while target in into and target not in dropped:
            target = into[target]
        status[line] = target not in dropped
    return status


def why_left_out(text: str, min_chinese_chars: int) -> str:
    """Why a cleaned document is left out of the analysis ('' when it is analysed): nothing left, or
    fewer Chinese characters than ``clean.min_chinese_chars``."""
    from ..reading.ingest import is_blank

    if is_blank(text):
        return "nothing left after cleaning: every line was removed (see cleaning_audit.csv)"
    n = chinese_chars(text)
    if n < min_chinese_chars:
        return (
            f"too short: {n} Chinese characters left after cleaning, fewer than clean.min_chinese_chars "
            f"({min_chinese_chars}; see cleaning_audit.csv)"
        )
    return ""


def document_table(table, metadata: dict[str, dict], aside: dict[str, str], left_out: dict[str, str]):
    """The corpus's ``documents.csv`` from the shards' tables gathered (``table``, every cell text):
    the user's other metadata columns (a table's year, region, publisher…; the union of every
    document's, sorted, whatever the shard size) before ``source``, so that anything can be grouped
    or traced by them; ``duplicate_of`` (from ``aside``) and ``excluded`` (why, from ``left_out``
    or the duplicate)."""
    table = table.copy()
    extra = sorted({key for meta in metadata.values() for key in meta} - set(table.columns))
    for key in extra:
        table.insert(table.columns.get_loc("source"), key, [str(metadata[d].get(key, "")) for d in table["doc_id"]])
    table["duplicate_of"] = [aside.get(d, "") for d in table["doc_id"]]
    table["excluded"] = [
        left_out.get(d) or (f"near-duplicate of {aside[d]}" if d in aside else "") for d in table["doc_id"]
    ]
    return table
