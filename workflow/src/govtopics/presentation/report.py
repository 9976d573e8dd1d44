"""One self-contained HTML report: every figure (embedded), every table, the parameters used
and the input checksums, so it opens offline and can be sent as a single file."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import jinja2
import pandas as pd
import yaml

from .words import say

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.55;color:#222}
h1{border-bottom:2px solid #1f4e79}h2{color:#1f4e79;margin-top:2em}
table{border-collapse:collapse;font-size:13px;margin:.6em 0}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top;min-width:4.5em}
.wide{overflow-x:auto;max-width:100%}
th{background:#eef3f8}figure{margin:1.2em 0}img{max-width:100%;border:1px solid #ddd}
figcaption,.caption{font-size:14px;color:#444;margin:.4em 0}
pre{background:#f6f6f6;padding:.8em;font-size:12px;overflow-x:auto}
.summary td:first-child{font-weight:bold}
nav.toc{background:#f6f8fb;border:1px solid #dde4ee;padding:.4em 1.2em;margin:1em 0}
nav.toc ul{margin:.3em 0;padding-left:1.4em}.findings li{margin:.35em 0}
.findings .source{color:#777;font-size:12px}
ul.references{list-style:none;padding-left:0}ul.references li{padding-left:2em;text-indent:-2em;margin:.3em 0}
details.more>summary{cursor:pointer;color:#1f4e79;font-size:13px;margin:.2em 0}
"""


# Per-document cleaning counts of documents.csv, as shown in the report and the cleaning page.
CLEANING_COUNTS = [
    "clean_chars",
    "pinyin_removed",
    "chars_converted",
    "lines_dropped",
    "damaged_runs",
    "damage_repaired",
    "chars_recovered",
    "chars_lost",
    "chars_restored",
    "duplicate_of",
]


def removals_by_reason(audit: pd.DataFrame) -> pd.DataFrame:
    """Lines (and spans) removed, one row per document, one column per reason."""
    return (
        audit[audit["action"] != "join"]
        .pivot_table(index="doc_id", columns="reason", values="count", aggfunc="sum", fill_value=0)
        .reset_index()
        .rename_axis(columns=None)
    )


def image_tag(path: str | Path, alt: str) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


MAX_TABLE_ROWS = 500  # a table of thousands of cases stays in its CSV; the report shows its start
PREVIEW_ROWS = 10  # a longer table shows its first rows, the rest one click away


def _html_table(frame: pd.DataFrame, float_digits: int) -> str:
    out = frame.to_html(index=False, escape=True, border=0, float_format=lambda x: f"{x:.{float_digits}f}", na_rep="")
    return f'<div class="wide">{out}</div>'


def table_html(
    frame: pd.DataFrame, max_rows: int | None = None, float_digits: int = 3, preview: int = 0, language: str = "en"
) -> str:
    """A table as HTML: at most ``max_rows`` rows (the CSV has all). With ``preview``, a table longer than
    ``preview`` + 5 rows shows its first ``preview`` rows and the whole of it under a click."""
    max_rows = max_rows or MAX_TABLE_ROWS
    shown = frame.head(max_rows)
    if preview and len(shown) > preview + 5:
        out = _html_table(shown.head(preview), float_digits)
        out += (
            f'<details class="more"><summary>{say("page.show_all_rows", language, rows=len(shown))}'
            f"</summary>{_html_table(shown, float_digits)}</details>"
        )
    else:
        out = _html_table(shown, float_digits)
    if len(frame) > max_rows:
        out += '<p class="caption">' + say("page.first_rows", language, shown=max_rows, total=len(frame)) + "</p>"
    return out


def findings_html(findings: list[dict]) -> str:
    """The summary's findings as a numbered list, each with the table it cites."""
    items = "".join(
        f'<li>{html.escape(f["text"])} <span class="source">({html.escape(f["source"])})</span></li>' for f in findings
    )
    return f'<ol class="findings">{items}</ol>'


def anchor(number: int) -> str:
    return f"section-{number}"


def build(
    sections: list[dict],
    title: str,
    summary: list[tuple[str, str]],
    config: dict,
    provenance: dict,
    opening: str = "",
    findings: list[dict] | None = None,
) -> str:
    """The report page, finding first: the title, a table of contents, the findings (sentences
    from :mod:`govtopics.presentation.summary`, each citing its table), the summary table, ``opening`` (HTML built
    and escaped by its module: what was read), the sections in their order (results, then methods
    and references), then the parameters and the inputs and software. The page's own words are in
    ``report.language`` of ``config`` (en | zh).

    ``sections`` are dicts with ``heading``, optional ``text`` (a paragraph or a list of them), and ``items``: figures
    ``{"figure": png_path, "caption": str}`` or tables ``{"table": DataFrame, "caption": str,
    "file": csv path, "max_rows": int}``.
    """
    language = config["report"]["language"]

    def words(key):
        return say(f"page.{key}", language)

    parts = [
        f'<!DOCTYPE html><html lang="{words("html_lang")}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
    ]
    closing = [words("parameters"), words("inputs")]
    headings = ([words("summary")] if findings else []) + [s["heading"] for s in sections] + closing
    parts.append(
        f'<nav class="toc"><strong>{words("contents")}</strong><ul>'
        + "".join(f'<li><a href="#{anchor(i)}">{html.escape(h)}</a></li>' for i, h in enumerate(headings, 1))
        + "</ul></nav>"
    )
    number = 0
    if findings:
        number += 1
        parts.append(f'<h2 id="{anchor(number)}">{words("summary")}</h2>{findings_html(findings)}')
    parts += [
        '<table class="summary">'
        + "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in summary)
        + "</table>",
        opening,
    ]
    formats = config["figures"]["formats"]
    for section in sections:
        number += 1
        parts.append(f'<h2 id="{anchor(number)}">{html.escape(section["heading"])}</h2>')
        text = section.get("text") or []
        for paragraph in [text] if isinstance(text, str) else text:
            parts.append(f"<p>{html.escape(paragraph)}</p>")
        if section.get("html"):  # built and escaped by its module (the methods with rendered citations)
            parts.append(section["html"])
        for item in section["items"]:
            if "html" in item:  # a block built and escaped by its own module (the explorer)
                parts.append(item["html"])
            elif "figure" in item:
                files = say("page.figure_files", language, files=figure_files(item["figure"], formats))
                parts.append(
                    f"<figure>{image_tag(item['figure'], item['caption'])}"
                    f"<figcaption>{html.escape(item['caption'])} <small>{html.escape(files)}</small>"
                    "</figcaption></figure>"
                )
            else:
                parts.append(
                    f'<p class="caption">{html.escape(item["caption"])}'
                    + (f" <small>{words('file')}{html.escape(item['file'])}</small>" if item.get("file") else "")
                    + "</p>"
                )
                parts.append(
                    table_html(
                        item["table"],
                        item.get("max_rows"),
                        preview=item.get("preview", PREVIEW_ROWS),
                        language=language,
                    )
                )
    parts.append(f'<h2 id="{anchor(number + 1)}">{closing[0]}{words("parameters_note")}</h2>')
    parts.append(f"<pre>{html.escape(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))}</pre>")
    parts.append(f'<h2 id="{anchor(number + 2)}">{closing[1]}</h2>')
    inputs = pd.DataFrame(provenance["inputs"])
    parts.append(table_html(inputs))
    versions = pd.DataFrame(sorted(provenance["software"].items()), columns=["package", "version"])
    parts.append(table_html(versions))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def figure_files(png: str | Path, formats: list[str]) -> str:
    """Where a figure's files are, in the formats the run wrote: the PNG always (the report embeds it), then the
    others of figures.formats, e.g. ``results/figures/mds.*: PNG, SVG``."""
    written = ["png", *(fmt for fmt in formats if fmt != "png")]
    return f"{Path(png).with_suffix('')}.*: " + ", ".join(fmt.upper() for fmt in written)


def caption_values(config: dict) -> dict[str, str]:
    """What captions say about settings, from the config the run used (never fixed numbers)."""
    tokens, language = config["tokens"], config["report"]["language"]

    def say_(key, **numbers):
        return say(f"captions.{key}", language, **numbers)

    kinds = (("place_names", tokens["drop_place_names"]), ("person_names", tokens["drop_person_names"]))
    names = [say_(kind) for kind, on in kinds if on]
    removed = say_("names_and").join(names)
    tf = say_("tf_sublinear" if config["tfidf"]["sublinear_tf"] else "tf_raw")
    names_removed = say_("names_removed", names=removed) if names else ""
    names_excluded = say_("names_excluded", Names=removed[:1].upper() + removed[1:]) if names else ""
    return {
        "bootstrap_rounds": f"{config['clusters']['bootstrap_rounds']:,}",
        "linkage": config["clusters"]["method"],
        "tf": tf,
        "names_removed": names_removed,
        "names_excluded": names_excluded,
        "top_words": str(config["lda"]["top_words"]),
        "min_stability": str(config["lda"]["min_stability"]),
        "covariate_level": f"{config['covariates']['level']:.0%}",
        "covariate_rounds": f"{config['covariates']['rounds']:,}",
        "covariate_min_cases": str(config["covariates"]["min_cases"]),
    }


def caption(report_dir: str | Path, name: str, config: dict | None = None) -> str:
    """The caption text of ``workflow/report/<name>.rst`` (its lines joined), rendered as the
    Jinja2 template it is: ``{{ snakemake.params.captions.<setting> }}`` is filled from ``config``
    (see :func:`caption_values`). Snakemake renders the same file the same way for
    ``snakemake --report``, from the figure rules' ``captions`` parameter, so both reports say
    the same."""
    text = (Path(report_dir) / f"{name}.rst").read_text(encoding="utf-8")
    text = " ".join(line.strip() for line in text.splitlines() if line.strip())
    if config is None:
        return text
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(text)
    return template.render(snakemake={"params": {"captions": caption_values(config)}})


CLEANING_STYLE = """
.doc{margin:1em 0;border:1px solid #ccc;border-radius:4px;padding:.3em .8em}
.doc summary{cursor:pointer;font-weight:bold;padding:.3em 0}
.side{display:flex;gap:1em;align-items:flex-start}.side>div{flex:1;min-width:0}
.raw div,.clean p{font-size:13px;margin:0;padding:1px 4px;white-space:pre-wrap;word-break:break-all}
.raw .n{color:#999;display:inline-block;width:3.2em;text-align:right;margin-right:.5em}
.raw .drop{background:#fde2e2;text-decoration:line-through;color:#8a1f11}
.raw .span{background:#fff4cc}.raw .why{color:#8a1f11;font-size:11px;margin-left:.6em;text-decoration:none}
.clean p{margin:0 0 .6em 0}.legend span{padding:0 .4em;margin-right:.6em}
"""


def build_cleaning_page(
    documents: pd.DataFrame,
    raw_texts: dict[str, str],
    audit: pd.DataFrame,
    cleaned: dict[str, str],
    duplicates: pd.DataFrame,
) -> str:
    """An HTML page: a summary per document, then raw (removed lines struck through, with the
    reason) beside the cleaned text for every document."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>govtopics: cleaning</title>',
        f"<style>{STYLE}{CLEANING_STYLE}</style></head><body>",
        "<h1>Cleaning 清洗: what was kept and what was removed</h1>",
        "<p>Every removed line or span is in <code>results/&lt;run&gt;/corpus/cleaning_audit.csv</code> with its "
        "raw line number and reason. Open a document to read its raw text (left; removed lines struck through with the "
        "reason, lines with removed spans such as pinyin annotations shaded) beside the cleaned text (right).</p>",
        '<p class="legend"><span class="drop" style="background:#fde2e2">removed line</span>'
        '<span style="background:#fff4cc">line with removed spans</span></p>',
    ]
    summary = (
        documents.set_index("doc_id")[["raw_chars", *CLEANING_COUNTS]]
        .join(removals_by_reason(audit).set_index("doc_id"))
        .reset_index()
    )
    parts.append(table_html(summary))
    if len(duplicates):
        parts.append("<h2>Near-duplicate documents</h2>" + table_html(duplicates))
    parts.append("<h2>Documents</h2>")
    for doc_id in documents["doc_id"]:
        rows = audit[audit["doc_id"] == doc_id]
        dropped = {int(r.line): r.reason for r in rows.itertuples() if r.action == "drop_line"}
        spans: dict[int, list[str]] = {}
        for r in rows.itertuples():
            if r.action in ("remove_span", "flag"):
                spans.setdefault(int(r.line), []).append(f"{r.reason}: {r.text[:30]}")
        # lines the file's reader left out (a PDF's running headers and page numbers: line 0)
        raw_lines = [
            f'<div><span class="n">–</span><span class="drop">{html.escape(str(r.text))}</span>'
            f'<span class="why">{html.escape(r.reason)}</span></div>'
            for r in rows.itertuples()
            if r.action == "drop_line" and int(r.line) == 0
        ]
        for number, line in enumerate(raw_texts.get(doc_id, "").split("\n"), 1):
            if not line.strip():
                continue
            text = html.escape(line)
            if number in dropped:
                raw_lines.append(
                    f'<div><span class="n">{number}</span><span class="drop">{text}</span>'
                    f'<span class="why">{html.escape(dropped[number])}</span></div>'
                )
            elif number in spans:
                why = html.escape("; ".join(spans[number]))
                raw_lines.append(
                    f'<div class="span" title="{why}"><span class="n">{number}</span>{text}'
                    f'<span class="why">{html.escape(spans[number][0].split(":")[0])}</span></div>'
                )
            else:
                raw_lines.append(f'<div><span class="n">{number}</span>{text}</div>')
        clean_paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in cleaned.get(doc_id, "").split("\n\n") if p)
        parts.append(
            f'<details class="doc"><summary>{html.escape(doc_id)}: {int((rows["action"] == "drop_line").sum())} '
            "lines removed</summary>"
            f'<div class="side"><div class="raw"><h3>Raw 原文</h3>{"".join(raw_lines)}</div>'
            f'<div class="clean"><h3>Cleaned 清洗后</h3>{clean_paragraphs}</div></div></details>'
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)
