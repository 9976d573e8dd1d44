"""The package's modules import one another without a circle (issue 36): the graph of every import of
one govtopics module by another, those inside functions included (an import hidden in a function to
dodge a circle is the circle still there), has no cycle."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workflow/src/govtopics"


def _module_names(package: Path) -> dict[str, Path]:
    """Dotted name inside the package (``clean``, ``presentation.report``; a folder's __init__ is
    the folder) → its file."""
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _known(parts: list[str], modules: dict) -> str | None:
    """The longest leading dotted name of ``parts`` that is a module (the rest names what it holds)."""
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in modules:
            return ".".join(parts[:n])
    return None


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module → the package's modules it imports (``from . import x``, ``from .x import y``,
    ``from ..x import y``, ``import govtopics.x``), wherever in the module the import stands."""
    modules = _module_names(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                if node.module:
                    targets.append(base + node.module.split("."))
                targets += [base + (node.module.split(".") if node.module else []) + [a.name] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("govtopics."):
                module = node.module.split(".")[1:]
                targets += [module, *[module + [a.name] for a in node.names]]
            elif isinstance(node, ast.Import):
                targets += [a.name.split(".")[1:] for a in node.names if a.name.startswith("govtopics.")]
            found |= {_known(t, modules) for t in targets} - {None}
        graph[name] = found - {name} - {""}
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
    assert len(graph) > 20 and "text.repair" in graph["text.cases"] and "text.lines" in graph["text.clean"]
    assert {"models.clusters", "presentation.figures"} <= graph["presentation.figure_set"]  # across folders
    assert cycles(graph) == [], cycles(graph)


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_every_stage_script_is_a_thin_adapter():
    """Issue 36: each script under workflow/scripts starts with io.stage (its log, inputs, outputs,
    params), calls the library and writes; the work is in the library, so the scripts stay short."""
    scripts = sorted((Path(__file__).resolve().parents[1] / "workflow/scripts").glob("*.py"))
    assert len(scripts) > 20
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert "inp, out, params = stage(snakemake)" in text and "log_to(" not in text, script.name
    assert sum(len(s.read_text(encoding="utf-8").splitlines()) for s in scripts) <= 700
