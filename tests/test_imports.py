"""The package's modules import one another without a circle (issue 36): the graph of every import of
one govtopics module by another, those inside functions included (an import hidden in a function to
dodge a circle is the circle still there), has no cycle."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workflow/src/govtopics"


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module → the package's modules it imports (``from . import x``, ``from .x import y``,
    ``import govtopics.x``), wherever in the module the import stands."""
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module} if node.module else {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("govtopics."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("govtopics.")}
        graph[path.stem] = {m.split(".")[0] for m in found} & modules - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every circle of ``graph`` found by a depth-first search, each once, as a path a → … → a."""
    found, seen = [], set()

    def visit(node, path):
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                circle = path[path.index(nxt) :] + [nxt]
                key = frozenset(circle)
                if key not in seen:
                    seen.add(key)
                    found.append(circle)
            elif len(path) < len(graph):
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_no_module_of_the_package_imports_itself_round_a_circle():
    graph = import_graph()
    assert len(graph) > 20 and "repair" in graph["cases"] and "lines" in graph["clean"]  # read, not empty
    assert cycles(graph) == [], cycles(graph)


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
