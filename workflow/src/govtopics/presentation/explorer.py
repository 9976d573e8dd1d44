"""An interactive explorer inside the report, offline: inline JavaScript and the data it shows,
no network, no library.

What a user of pyLDAvis or BERTopic looks for first:
- a map of the topics (LDAvis's intertopic distance map: Jensen–Shannon distances laid out by
  principal coordinates, circles sized by prevalence; Sievert & Shirley 2014): click a topic to see
  its words ranked by relevance, with the λ slider (λ = 1: by probability in the topic; λ = 0: by
  lift; 0.6 their recommendation), its FREX words, typical paragraphs and the cases that use it most;
- a search for any word: the paragraphs that contain it in their context (keyword in context), the
  cases that use it most, and the topics it ranks in;
- a case (from the list, a topic or a search): its nearest cases in every view with the distinctive
  terms they share, and its text with each paragraph marked by its main topic.

The data are the tables the report already shows; text reaches the page through ``textContent``
only, so nothing in a corpus can become markup. The text searched and shown is capped
(``MAX_CORPUS_CHARS``) so that the page stays a file one can send; the page says when it is.
"""

from __future__ import annotations

import html
import json

import pandas as pd

from ..comparison.reuse import counted
from .words import catalogue

MAX_CASES = 5000  # cases offered in the case list (the CSVs have all)
MAX_TEXT = 300  # characters of a typical paragraph shown
MAX_BORROWED = 10  # borrowed passages shown per case (reuse/passages.csv has all)
MAX_CORPUS_CHARS = 1_000_000  # characters of paragraphs searchable and shown as case text

SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var L = data.labels;
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) { return values[key]; });
  }
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf"];
  function colour(t) { return COLOURS[t % COLOURS.length]; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  var topicSelect = document.getElementById("explorer-topic");
  var caseSelect = document.getElementById("explorer-case");
  var topicView = document.getElementById("explorer-topic-view");
  var caseView = document.getElementById("explorer-case-view");
  var mapBox = document.getElementById("explorer-map");
  var slider = document.getElementById("explorer-lambda");
  var lambdaText = document.getElementById("explorer-lambda-value");
  var search = document.getElementById("explorer-search");
  var searchView = document.getElementById("explorer-search-view");
  var current = 0;
  data.topics.forEach(function (t, i) { topicSelect.appendChild(el("option", t.name)).value = i; });
  data.cases.forEach(function (c, i) { caseSelect.appendChild(el("option", c.label)).value = i; });
  function caseLink(label, index) {
    var link = el("a", label, "explorer-link");
    link.href = "#explorer";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (index >= 0) { caseSelect.value = index; showCase(index); }
    });
    return link;
  }
  function caseIndex(id) { return data.cases.findIndex(function (x) { return x.id === id; }); }
  function drawMap() {
    mapBox.replaceChildren();
    var points = data.topics.filter(function (t) { return t.x !== undefined; });
    if (!points.length) return;
    var width = 340, height = 260, pad = 34;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", L.map);
    var xs = points.map(function (t) { return t.x; }), ys = points.map(function (t) { return t.y; });
    var span = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs),
                        Math.max.apply(null, ys) - Math.min.apply(null, ys), 1e-9);
    var cx = (Math.max.apply(null, xs) + Math.min.apply(null, xs)) / 2;
    var cy = (Math.max.apply(null, ys) + Math.min.apply(null, ys)) / 2;
    var scale = (Math.min(width, height) - 2 * pad) / span;
    var axes = [[pad / 2, height / 2, width - pad / 2, height / 2], [width / 2, pad / 2, width / 2, height - pad / 2]];
    axes.forEach(function (a) {
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]);
      line.setAttribute("x2", a[2]); line.setAttribute("y2", a[3]);
      line.setAttribute("stroke", "#ddd");
      svg.appendChild(line);
    });
    data.topics.forEach(function (t, i) {
      var circle = document.createElementNS(SVG, "circle");
      circle.setAttribute("cx", width / 2 + (t.x - cx) * scale);
      circle.setAttribute("cy", height / 2 - (t.y - cy) * scale);
      circle.setAttribute("r", 4 + 40 * Math.sqrt(t.prevalence));
      circle.setAttribute("fill", i === current ? "#d62728" : "#3b6ea8");
      circle.setAttribute("fill-opacity", i === current ? "0.55" : "0.3");
      circle.setAttribute("stroke", "#1f4e79");
      circle.setAttribute("class", "explorer-topic-circle");
      circle.setAttribute("data-topic", i);
      var title = document.createElementNS(SVG, "title");
      title.textContent = t.name + " — " + (100 * t.prevalence).toFixed(1) + "%";
      circle.appendChild(title);
      circle.addEventListener("click", function () { topicSelect.value = i; showTopic(i); });
      svg.appendChild(circle);
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("x", width / 2 + (t.x - cx) * scale);
      label.setAttribute("y", height / 2 - (t.y - cy) * scale + 4);
      label.setAttribute("text-anchor", "middle");
      label.setAttribute("font-size", "11");
      label.setAttribute("pointer-events", "none");
      label.textContent = String(t.number);
      svg.appendChild(label);
    });
    mapBox.appendChild(svg);
  }
  function relevant(t, lambda) {
    return t.terms.map(function (w) {
      return {term: w[0], phi: w[1], pw: w[2],
              score: lambda * Math.log(w[1]) + (1 - lambda) * Math.log(w[1] / w[2])};
    }).sort(function (a, b) { return b.score - a.score || (a.term < b.term ? -1 : 1); }).slice(0, 10);
  }
  function showTerms(t) {
    var lambda = parseFloat(slider.value);
    lambdaText.textContent = lambda.toFixed(1);
    var box = document.getElementById("explorer-terms");
    box.replaceChildren();
    var rows = relevant(t, lambda);
    var most = Math.max.apply(null, rows.map(function (r) { return r.pw; }).concat([1e-12]));
    rows.forEach(function (r) {
      var row = el("div", undefined, "explorer-term");
      row.appendChild(el("span", r.term, "explorer-term-word"));
      var bars = el("span", undefined, "explorer-bars");
      var overall = el("span", undefined, "explorer-bar-all");
      overall.style.width = (100 * r.pw / most).toFixed(1) + "%";
      var within = el("span", undefined, "explorer-bar-topic");
      within.style.width = (100 * Math.min(r.phi * t.prevalence, r.pw) / most).toFixed(1) + "%";
      bars.appendChild(overall);
      bars.appendChild(within);
      row.appendChild(bars);
      row.title = "P(word | topic) " + r.phi.toFixed(4) + "; P(word) " + r.pw.toFixed(4);
      box.appendChild(row);
    });
  }
  function showTopic(i) {
    current = Number(i);
    var t = data.topics[current];
    drawMap();
    topicView.replaceChildren();
    if (t.terms && t.terms.length) {
      topicView.appendChild(el("p", L.relevant, "explorer-view"));
      var box = el("div");
      box.id = "explorer-terms";
      topicView.appendChild(box);
      showTerms(t);
    } else {
      topicView.appendChild(el("p", L.words + t.words.join("、")));
    }
    topicView.appendChild(el("p", "FREX: " + t.frex.join("、")));
    topicView.appendChild(el("h4", L.topic_cases));
    var list = el("ol");
    t.cases.forEach(function (c) {
      var item = el("li");
      item.appendChild(caseLink(c.label, caseIndex(c.id)));
      item.appendChild(document.createTextNode(" " + (100 * c.share).toFixed(1) + "%"));
      list.appendChild(item);
    });
    topicView.appendChild(list);
    topicView.appendChild(el("h4", L.typical));
    t.paragraphs.forEach(function (p) {
      topicView.appendChild(el("blockquote", p.case + " (" + (100 * p.share).toFixed(0) + "%): " + p.text));
    });
  }
  function showCase(i) {
    var c = data.cases[i];
    caseView.replaceChildren();
    caseView.appendChild(el("h4", c.label));
    Object.keys(c.nearest).forEach(function (view) {
      caseView.appendChild(el("p", L.views[view] || view, "explorer-view"));
      var list = el("ol");
      c.nearest[view].forEach(function (n) {
        var text = n.label + " — " + n.similarity.toFixed(3);
        if (n.shared) text += L.shared + n.shared;
        list.appendChild(el("li", text));
      });
      caseView.appendChild(list);
    });
    if (c.borrowed && c.borrowed.length) {
      caseView.appendChild(el("p", L.borrowed, "explorer-view"));
      c.borrowed.forEach(function (b) {
        var row = el("div", undefined, "explorer-reuse");
        row.appendChild(el("div", b.from + (b.dated ? "" : " (" + L.undated + ")") + ": " + b.source));
        row.appendChild(el("div", c.label + " (" + b.chars + " " + L.characters + "): " + b.text));
        caseView.appendChild(row);
      });
    }
    var mine = data.paragraphs.filter(function (p) { return p[0] === Number(i); });
    if (!mine.length) return;
    caseView.appendChild(el("p", L.text, "explorer-view"));
    var text = el("div", undefined, "explorer-text");
    text.id = "explorer-case-text";
    mine.forEach(function (p) {
      var para = el("p");
      para.style.borderLeftColor = colour(p[1]);
      var tag = el("span", data.topics[p[1]].name + " " + (100 * p[2]).toFixed(0) + "%", "explorer-tag");
      tag.style.color = colour(p[1]);
      para.appendChild(tag);
      para.appendChild(document.createTextNode(p[3]));
      text.appendChild(para);
    });
    caseView.appendChild(text);
  }
  function runSearch() {
    var word = search.value.trim();
    searchView.replaceChildren();
    if (!word) return;
    var hits = [], counts = {};
    data.paragraphs.forEach(function (p) {
      var at = p[3].indexOf(word);
      var n = 0;
      while (at >= 0) {
        n += 1;
        if (hits.length < 40) hits.push([p[0], p[3], at]);
        at = p[3].indexOf(word, at + word.length);
      }
      if (n) counts[p[0]] = (counts[p[0]] || 0) + n;
    });
    var total = Object.keys(counts).reduce(function (s, k) { return s + counts[k]; }, 0);
    var cases = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    searchView.appendChild(el("p", "“" + word + "”: " + fill(L.occurrences, {n: total, m: cases.length}),
                              "explorer-view"));
    if (!total) return;
    var list = el("ol");
    cases.slice(0, 10).forEach(function (c) {
      var item = el("li");
      item.appendChild(caseLink(data.cases[c].label, c));
      item.appendChild(document.createTextNode(" " + counts[c]));
      list.appendChild(item);
    });
    searchView.appendChild(el("h4", L.word_cases));
    searchView.appendChild(list);
    var topics = [];
    data.topics.forEach(function (t, i) {
      (t.terms || []).forEach(function (w) { if (w[0] === word) topics.push([i, w[1]]); });
    });
    topics.sort(function (a, b) { return b[1] - a[1]; });
    if (topics.length) {
      searchView.appendChild(el("h4", L.word_topics));
      var tl = el("ol");
      topics.slice(0, 5).forEach(function (t) {
        var item = el("li");
        var link = el("a", data.topics[t[0]].name, "explorer-link");
        link.href = "#explorer";
        link.addEventListener("click", function (event) {
          event.preventDefault(); topicSelect.value = t[0]; showTopic(t[0]);
        });
        item.appendChild(link);
        item.appendChild(document.createTextNode(" P(word | topic) " + t[1].toFixed(4)));
        tl.appendChild(item);
      });
      searchView.appendChild(tl);
    }
    searchView.appendChild(el("h4", fill(L.context, {n: hits.length})));
    var kwic = el("div", undefined, "explorer-kwic");
    kwic.id = "explorer-kwic";
    hits.forEach(function (h) {
      var line = el("div");
      line.appendChild(el("span", data.cases[h[0]].label + ": ", "explorer-tag"));
      line.appendChild(document.createTextNode((h[2] > 30 ? "…" : "") + h[1].slice(Math.max(0, h[2] - 30), h[2])));
      line.appendChild(el("mark", word));
      var end = h[2] + word.length;
      line.appendChild(document.createTextNode(h[1].slice(end, end + 30) + (end + 30 < h[1].length ? "…" : "")));
      kwic.appendChild(line);
    });
    searchView.appendChild(kwic);
  }
  topicSelect.addEventListener("change", function () { showTopic(topicSelect.value); });
  caseSelect.addEventListener("change", function () { showCase(caseSelect.value); });
  slider.addEventListener("input", function () { showTerms(data.topics[current]); });
  search.addEventListener("input", runSearch);
  if (data.topics.length) showTopic(0);
  if (data.cases.length) showCase(0);
})();
"""

STYLE = """
#explorer .panes{display:flex;gap:2em;flex-wrap:wrap}#explorer .panes>div{flex:1;min-width:20em}
#explorer select{font-size:14px;margin:.3em 0 .6em 0;max-width:100%}
#explorer blockquote{margin:.4em 0;padding:.3em .6em;border-left:3px solid #3b6ea8;background:#f6f8fb;font-size:13px}
#explorer .explorer-view{font-weight:bold;margin:.6em 0 .2em 0}
#explorer .explorer-term{display:flex;align-items:center;gap:.5em;font-size:13px;margin:1px 0}
#explorer .explorer-term-word{width:7em;text-align:right;flex:none}
#explorer .explorer-bars{position:relative;flex:1;height:12px}
#explorer .explorer-bar-all{position:absolute;left:0;top:0;height:12px;background:#c6d6e8}
#explorer .explorer-bar-topic{position:absolute;left:0;top:0;height:12px;background:#d62728;opacity:.75}
#explorer .explorer-text p{border-left:4px solid #999;padding:.1em .6em;margin:.4em 0;font-size:13px}
#explorer .explorer-tag{font-size:11px;font-weight:bold;margin-right:.5em}
#explorer .explorer-kwic div{font-size:13px;margin:2px 0}#explorer mark{background:#ffe08a}
#explorer input[type=search]{font-size:14px;width:16em;margin:.3em 0}
#explorer-map svg{border:1px solid #ddd;background:#fff}
#explorer .explorer-reuse{display:flex;gap:.6em;font-size:13px;margin:.3em 0}
#explorer .explorer-reuse>div{flex:1;border-left:3px solid #b2182b;padding:.1em .5em;background:#fbf6f6}
"""


def labels(language: str) -> dict:
    """The explorer's words in ``language``: ``[explorer]`` of words/<language>.toml, nested as its
    script reads them (``labels.views.lda``); ``{n}`` and ``{m}`` are filled in by the script."""
    out: dict = {}
    for key, text in catalogue(language).items():
        if key.startswith("explorer."):
            *parents, name = key.removeprefix("explorer.").split(".")
            node = out
            for parent in parents:
                node = node.setdefault(parent, {})
            node[name] = text
    return out


def _neighbour(row: dict) -> dict:
    return {
        "label": str(row["neighbour"]),
        "similarity": float(row["similarity"]),
        "shared": str(row["shared_distinctive_terms"]),
    }


def _topic_name(topic: int, names: dict[int, str]) -> str:
    """A topic's name in the list: its number, and its label when one was given."""
    name = names.get(topic, "")
    return name if str(topic) in name else f"{topic} {name}".strip()


def explorer_data(
    topics: pd.DataFrame,
    typical: pd.DataFrame,
    case_topics: pd.DataFrame,
    nearest: pd.DataFrame,
    topic_names: dict[int, str],
    top_cases: int = 5,
    topic_map: pd.DataFrame | None = None,
    topic_terms: pd.DataFrame | None = None,
    paragraph_topics: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    reuse_passages: pd.DataFrame | None = None,
) -> dict:
    """The explorer's data from the report's tables: ``topics.csv``, ``typical_paragraphs.csv``,
    ``case_topics.csv`` (of the compared units) and ``compare/nearest.csv``; for the map of topics
    ``topic_map.csv`` and ``topic_terms.csv``; for search and case text ``paragraph_topics.csv``
    (each paragraph's unit and mixture) and ``corpus/paragraphs.csv`` (its text); for each case's
    borrowed passages beside their sources ``reuse/passages.csv``."""
    shares = case_topics.filter(like="topic_")
    where = topic_map.set_index("topic") if topic_map is not None and len(topic_map) else None
    terms = {int(t): rows for t, rows in topic_terms.groupby("topic")} if topic_terms is not None else {}
    out_topics = []
    for topic, rows in topics.sort_values(["topic", "rank"]).groupby("topic", sort=True):
        column = f"topic_{int(topic)}"
        best = case_topics.assign(share=shares[column]).nlargest(top_cases, "share")
        entry = {
            "number": int(topic),
            "name": _topic_name(int(topic), topic_names),
            "words": [str(w) for w in rows["term"]],
            "frex": [str(w) for w in rows["frex_term"]],
            "cases": [
                {"id": str(r["case_id"]), "label": str(r["case"]), "share": float(r["share"])}
                for r in best.to_dict("records")
            ],
            "paragraphs": [
                {"case": str(r["case"]), "share": float(r["share"]), "text": str(r["text"])[:MAX_TEXT]}
                for r in typical[typical["topic"] == topic].sort_values("rank").to_dict("records")
            ],
        }
        if where is not None and int(topic) in where.index:
            place = where.loc[int(topic)]
            entry.update(x=float(place["x"]), y=float(place["y"]), prevalence=float(place["prevalence"]))
        if int(topic) in terms:
            mine = terms[int(topic)]
            entry["terms"] = [
                [str(r.term), float(r.probability), float(r.corpus_probability)] for r in mine.itertuples()
            ]
        out_topics.append(entry)
    label_of = dict(zip(case_topics["case"].astype(str), case_topics["case_id"].astype(str), strict=False))
    borrowed = _borrowed(reuse_passages)
    cases = []
    grouped = {label: rows for label, rows in nearest.groupby("case", sort=False)} if len(nearest) else {}
    for label in list(case_topics["case"].astype(str))[:MAX_CASES]:
        rows = grouped.get(label, nearest.head(0))
        by_view = {}
        for view, mine in rows.groupby("view", sort=False):
            by_view[str(view)] = [_neighbour(r) for r in mine.sort_values("rank").to_dict("records")]
        entry = {"id": label_of.get(label, label), "label": label, "nearest": by_view}
        if borrowed.get(label):
            entry["borrowed"] = borrowed[label][:MAX_BORROWED]
        cases.append(entry)
    texts, total = _paragraphs(case_topics, paragraph_topics, paragraphs)
    return {
        "topics": out_topics,
        "cases": cases,
        "more_cases": max(len(case_topics) - MAX_CASES, 0),
        "paragraphs": texts,
        "paragraphs_total": total,
    }


def _borrowed(passages: pd.DataFrame | None) -> dict[str, list[dict]]:
    """Case label → the passages it shares with an earlier case (the source's text beside its own),
    strongest first; a pair without a direction under both cases. Boilerplate and copies of a copy
    are left out, as in the case tables."""
    out: dict[str, list[dict]] = {}
    if passages is None or not len(passages):
        return out
    rows = passages.fillna("").to_dict("records")
    rows = [r for r in rows if counted({**r, "boilerplate": str(r["boilerplate"]).lower() == "true"})]
    for r in sorted(rows, key=lambda r: -int(r["chars"])):
        sides = {"a_first": [("b", "a")], "b_first": [("a", "b")]}.get(r["direction"], [("a", "b"), ("b", "a")])
        for mine, theirs in sides:
            if r[f"label_{mine}"] and r[f"label_{mine}"] != r[f"label_{theirs}"]:
                out.setdefault(str(r[f"label_{mine}"]), []).append(
                    {
                        "from": str(r[f"label_{theirs}"]),
                        "source": str(r[f"text_{theirs}"])[:MAX_TEXT],
                        "text": str(r[f"text_{mine}"])[:MAX_TEXT],
                        "chars": int(r["chars"]),
                        "dated": r["direction"] in ("a_first", "b_first"),
                    }
                )
    return out


def _paragraphs(case_topics, paragraph_topics, paragraphs) -> tuple[list, int]:
    """[case index, main topic index, its share, text] for the cases' paragraphs in order, up to
    ``MAX_CORPUS_CHARS`` characters; and how many paragraphs there are in all."""
    if paragraph_topics is None or paragraphs is None or not len(paragraph_topics):
        return [], 0
    index = {str(c): i for i, c in enumerate(case_topics["case_id"].astype(str)[:MAX_CASES])}
    text_of = dict(zip(paragraphs["paragraph_id"].astype(str), paragraphs["text"].astype(str), strict=False))
    mixtures = paragraph_topics.filter(like="topic_").to_numpy(dtype=float)
    main = mixtures.argmax(axis=1) if mixtures.size else []
    out, used = [], 0
    for i, (row, topic) in enumerate(zip(paragraph_topics.itertuples(), main, strict=True)):
        text = text_of.get(str(row.paragraph_id), "")
        case = index.get(str(row.case_id))
        if case is None or not text:
            continue
        if used + len(text) > MAX_CORPUS_CHARS:
            break
        used += len(text)
        out.append([case, int(topic), round(float(mixtures[i, topic]), 4), text])
    return out, len(paragraph_topics)


def explorer_html(data: dict, language: str = "en") -> str:
    """The explorer section, its words in ``language`` (en | zh): the map of topics with its λ
    slider, a search box, the topic and case lists with their panes, the data as JSON in a script
    element that is not executed, and the inline script that reads it."""
    words = labels(language)
    # every '<' as its JSON escape: no text of the corpus can open or close an element in the page
    payload = json.dumps({**data, "labels": words}, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    notes = []
    if data.get("more_cases"):
        notes.append(words["more_cases"].format(shown=MAX_CASES, more=data["more_cases"]))
    shown, total = len(data.get("paragraphs", [])), data.get("paragraphs_total", 0)
    if total and shown < total:
        notes.append(words["capped"].format(shown=shown, total=total, chars=MAX_CORPUS_CHARS))
    more = "".join(f'<p class="caption">{html.escape(n)}</p>' for n in notes)
    return (
        f'<section id="explorer"><style>{STYLE}</style>'
        f'<p class="caption">{html.escape(words["caption"])}</p>'
        f"{more}"
        '<div class="panes"><div><div id="explorer-map"></div>'
        '<label>λ <input type="range" id="explorer-lambda" min="0" max="1" step="0.1" value="0.6"> '
        '<span id="explorer-lambda-value">0.6</span></label><br>'
        f'<label>{words["topic"]} <select id="explorer-topic"></select></label>'
        '<div id="explorer-topic-view"></div></div>'
        f'<div><label>{words["search"]} <input type="search" id="explorer-search" '
        f'placeholder="{words["placeholder"]}"></label>'
        '<div id="explorer-search-view"></div>'
        f'<label>{words["case"]} <select id="explorer-case"></select></label>'
        '<div id="explorer-case-view"></div></div></div>'
        f'<script type="application/json" id="explorer-data">{payload}</script>'
        f"<script>{SCRIPT}</script></section>"
    )
