"""An interactive explorer inside the report, offline: inline JavaScript and the data it shows,
no network, no library.

Choose a topic to see its words (by probability and FREX), its typical paragraphs and the cases
that use it most; choose a case (or click one in a topic's list) to see its nearest cases in every
view with the distinctive terms they share. The data are the tables the report already shows;
text reaches the page through ``textContent`` only, so nothing in a corpus can become markup.
"""

from __future__ import annotations

import json

import pandas as pd

MAX_CASES = 5000  # cases offered in the case list (the CSVs have all)
MAX_TEXT = 300  # characters of a typical paragraph shown

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
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
  data.topics.forEach(function (t, i) { topicSelect.appendChild(el("option", t.name)).value = i; });
  data.cases.forEach(function (c, i) { caseSelect.appendChild(el("option", c.label)).value = i; });
  function showTopic(i) {
    var t = data.topics[i];
    topicView.replaceChildren();
    topicView.appendChild(el("p", "Words 词: " + t.words.join("、")));
    topicView.appendChild(el("p", "FREX: " + t.frex.join("、")));
    topicView.appendChild(el("h4", "Cases that use it most 最常用此主题的案例"));
    var list = el("ol");
    t.cases.forEach(function (c) {
      var item = el("li");
      var link = el("a", c.label, "explorer-link");
      link.href = "#explorer";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var index = data.cases.findIndex(function (x) { return x.id === c.id; });
        if (index >= 0) { caseSelect.value = index; showCase(index); }
      });
      item.appendChild(link);
      item.appendChild(document.createTextNode(" " + (100 * c.share).toFixed(1) + "%"));
      list.appendChild(item);
    });
    topicView.appendChild(list);
    topicView.appendChild(el("h4", "Typical paragraphs 典型段落"));
    t.paragraphs.forEach(function (p) {
      topicView.appendChild(el("blockquote", p.case + " (" + (100 * p.share).toFixed(0) + "%): " + p.text));
    });
  }
  function showCase(i) {
    var c = data.cases[i];
    caseView.replaceChildren();
    caseView.appendChild(el("h4", c.label));
    Object.keys(c.nearest).forEach(function (view) {
      caseView.appendChild(el("p", data.views[view] || view, "explorer-view"));
      var list = el("ol");
      c.nearest[view].forEach(function (n) {
        var text = n.label + " — " + n.similarity.toFixed(3);
        if (n.shared) text += " — shared terms 共有特征词: " + n.shared;
        list.appendChild(el("li", text));
      });
      caseView.appendChild(list);
    });
  }
  topicSelect.addEventListener("change", function () { showTopic(topicSelect.value); });
  caseSelect.addEventListener("change", function () { showCase(caseSelect.value); });
  if (data.topics.length) showTopic(0);
  if (data.cases.length) showCase(0);
})();
"""

STYLE = """
#explorer .panes{display:flex;gap:2em;flex-wrap:wrap}#explorer .panes>div{flex:1;min-width:20em}
#explorer select{font-size:14px;margin:.3em 0 .6em 0;max-width:100%}
#explorer blockquote{margin:.4em 0;padding:.3em .6em;border-left:3px solid #3b6ea8;background:#f6f8fb;font-size:13px}
#explorer .explorer-view{font-weight:bold;margin:.6em 0 .2em 0}
"""

VIEWS = {"tfidf": "TF-IDF", "lda": "LDA 主题", "codebook": "编码 codebook"}


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
) -> dict:
    """The explorer's data from the report's tables: ``topics.csv``, ``typical_paragraphs.csv``,
    ``case_topics.csv`` (of the compared units) and ``compare/nearest.csv``."""
    shares = case_topics.filter(like="topic_")
    out_topics = []
    for topic, rows in topics.sort_values(["topic", "rank"]).groupby("topic", sort=True):
        column = f"topic_{int(topic)}"
        best = case_topics.assign(share=shares[column]).nlargest(top_cases, "share")
        out_topics.append(
            {
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
        )
    label_of = dict(zip(case_topics["case"].astype(str), case_topics["case_id"].astype(str), strict=False))
    cases = []
    grouped = {label: rows for label, rows in nearest.groupby("case", sort=False)} if len(nearest) else {}
    for label in list(case_topics["case"].astype(str))[:MAX_CASES]:
        rows = grouped.get(label, nearest.head(0))
        by_view = {}
        for view, mine in rows.groupby("view", sort=False):
            by_view[str(view)] = [_neighbour(r) for r in mine.sort_values("rank").to_dict("records")]
        cases.append({"id": label_of.get(label, label), "label": label, "nearest": by_view})
    return {"topics": out_topics, "cases": cases, "views": VIEWS, "more_cases": max(len(case_topics) - MAX_CASES, 0)}


def explorer_html(data: dict) -> str:
    """The explorer section: two lists, two panes, the data as JSON in a script element that is
    not executed, and the inline script that reads it."""
    # every '<' as its JSON escape: no text of the corpus can open or close an element in the page
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    more = ""
    if data.get("more_cases"):
        more = (
            f'<p class="caption">The case list holds the first {MAX_CASES} cases; '
            f"{data['more_cases']} more are in the CSVs.</p>"
        )

    return (
        f'<section id="explorer"><style>{STYLE}</style>'
        '<p class="caption">Choose a topic to see its words, typical paragraphs and the cases that use it most '
        "(click a case to open it on the right); choose a case to see its nearest cases in each view, with the "
        "distinctive terms they share. Works offline: everything is in this page.</p>"
        f"{more}"
        '<div class="panes"><div><label>Topic 主题 <select id="explorer-topic"></select></label>'
        '<div id="explorer-topic-view"></div></div>'
        '<div><label>Case 案例 <select id="explorer-case"></select></label>'
        '<div id="explorer-case-view"></div></div></div>'
        f'<script type="application/json" id="explorer-data">{payload}</script>'
        f"<script>{SCRIPT}</script></section>"
    )
