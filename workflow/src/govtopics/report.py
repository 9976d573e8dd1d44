"""One self-contained HTML report: every figure (embedded), every table, the parameters used
and the input checksums, so it opens offline and can be sent as a single file."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd
import yaml

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.55;color:#222}
h1{border-bottom:2px solid #1f4e79}h2{color:#1f4e79;margin-top:2em}
table{border-collapse:collapse;font-size:13px;margin:.6em 0}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#eef3f8}figure{margin:1.2em 0}img{max-width:100%;border:1px solid #ddd}
figcaption,.caption{font-size:14px;color:#444;margin:.4em 0}
pre{background:#f6f6f6;padding:.8em;font-size:12px;overflow-x:auto}
.summary td:first-child{font-weight:bold}
"""


def image_tag(path: str | Path, alt: str) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def table_html(frame: pd.DataFrame, max_rows: int | None = None, float_digits: int = 3) -> str:
    shown = frame.head(max_rows) if max_rows else frame
    out = shown.to_html(index=False, escape=True, border=0, float_format=lambda x: f"{x:.{float_digits}f}", na_rep="")
    if max_rows and len(frame) > max_rows:
        out += f'<p class="caption">First {max_rows} of {len(frame)} rows; the CSV has all.</p>'
    return out


def build(sections: list[dict], title: str, summary: list[tuple[str, str]], config: dict, provenance: dict) -> str:
    """The report page.

    ``sections`` are dicts with ``heading``, optional ``text``, and ``items``: figures
    ``{"figure": png_path, "caption": str}`` or tables ``{"table": DataFrame, "caption": str,
    "file": csv path, "max_rows": int}``.
    """
    parts = [
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        '<table class="summary">'
        + "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in summary)
        + "</table>",
    ]
    for section in sections:
        parts.append(f"<h2>{html.escape(section['heading'])}</h2>")
        if section.get("text"):
            parts.append(f"<p>{html.escape(section['text'])}</p>")
        for item in section["items"]:
            if "figure" in item:
                parts.append(
                    f"<figure>{image_tag(item['figure'], item['caption'])}"
                    f"<figcaption>{html.escape(item['caption'])} "
                    f"<small>(PNG and SVG: {html.escape(str(Path(item['figure']).with_suffix('')))}.*)</small>"
                    "</figcaption></figure>"
                )
            else:
                parts.append(
                    f'<p class="caption">{html.escape(item["caption"])}'
                    + (f" <small>File: {html.escape(item['file'])}</small>" if item.get("file") else "")
                    + "</p>"
                )
                parts.append(table_html(item["table"], item.get("max_rows")))
    parts.append("<h2>Parameters 参数 (config/config.yaml, with defaults filled in)</h2>")
    parts.append(f"<pre>{html.escape(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))}</pre>")
    parts.append("<h2>Inputs and software 输入与软件</h2>")
    inputs = pd.DataFrame(provenance["inputs"])
    parts.append(table_html(inputs))
    versions = pd.DataFrame(sorted(provenance["software"].items()), columns=["package", "version"])
    parts.append(table_html(versions))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def caption(report_dir: str | Path, name: str) -> str:
    """The caption text of ``workflow/report/<name>.rst`` (its lines joined)."""
    text = (Path(report_dir) / f"{name}.rst").read_text(encoding="utf-8")
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
