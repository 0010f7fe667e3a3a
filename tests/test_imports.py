"""The import graph, read from the source with `ast`: the architecture kept as a test.

Imports flow one way: records <- ingest <- extract <- nlp <- corpus <- tracking <- batch / outputs
/ fetch <- cli. The store (`corpus/`) imports nothing of ours but `records` and `errors`; the batch
(`batch/`) is imported by the command line alone; the fetcher (`fetch/`) reads only records, errors
and the sidecar format, and only the command line imports it; and no module reaches itself
through a chain of imports, counting imports inside functions, but not those under
`if TYPE_CHECKING:` (which never run).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = [
    *("records", "ingest", "extract", "nlp", "corpus", "tracking", "batch", "outputs", "fetch"),
    "cli",
]
SIBLINGS = {  # same level: neither imports the other
    frozenset({"batch", "outputs"}),
    frozenset({"batch", "fetch"}),
    frozenset({"outputs", "fetch"}),
}
FOLDERS = {"ingest", "extract", "nlp", "corpus", "tracking", "batch", "outputs", "fetch"}
FETCH_READS = {"records", "errors", "councilpapers.ingest.sidecar"}
BASE = {"records", "errors", "months"}  # councilpapers/*.py every stage may import


def _modules() -> dict[str, Path]:
    """Module name -> file, for the package and every stage folder installed inside it."""
    found = {}
    for path in sorted((ROOT / "councilpapers").glob("*.py")):
        found[_name("councilpapers", path)] = path
    for folder in sorted(FOLDERS | {"models"}):
        for path in sorted((ROOT / folder).glob("*.py")):
            found[_name(f"councilpapers.{folder}", path)] = path
    return found


def _name(package: str, path: Path) -> str:
    return package if path.stem == "__init__" else f"{package}.{path.stem}"


def _type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[str]:
    """Every module named by an import that runs (not under `if TYPE_CHECKING:`)."""
    for node in ast.iter_child_nodes(tree):
        if _type_checking(node):
            assert isinstance(node, ast.If)
            for other in node.orelse:
                yield from _imports(other)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        yield from _imports(node)


def graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports (a `from package import module` names both)."""
    modules = _modules()
    edges = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = {target for target in _imports(tree) if target in modules} - {name}
    return edges


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in FOLDERS | {"models"}:
        return parts[1]
    if parts[-1] == "cli" or parts[-1].startswith(("commands_", "cli_")):
        return "cli"
    return parts[-1] if parts[-1] in BASE else "base"


def _level(name: str) -> int:
    return ORDER.index(name) if name in ORDER else -1  # errors, months, models: below all


def test_no_stage_imports_a_later_one() -> None:
    offences = []
    for module, targets in graph().items():
        for target in targets:
            here, there = stage(module), stage(target)
            if here == there:
                continue
            if _level(there) > _level(here) or frozenset({here, there}) in SIBLINGS:
                offences.append(f"{module} ({here}) imports {target} ({there})")
    assert not offences, "\n".join(sorted(offences))


def test_the_store_imports_only_records_and_errors() -> None:
    allowed = {"corpus", "records", "errors"}
    offences = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        if stage(module) == "corpus"
        for target in targets
        if stage(target) not in allowed
    ]
    assert not offences, "\n".join(sorted(offences))


def test_only_the_command_line_imports_the_batch() -> None:
    edges = graph()
    importers = {
        module
        for module, targets in edges.items()
        if stage(module) != "batch" and any(stage(t) == "batch" for t in targets)
    }
    assert importers and all(stage(m) == "cli" for m in importers), sorted(importers)
    used = {stage(t) for m, targets in edges.items() if stage(m) == "batch" for t in targets}
    assert {"ingest", "extract", "nlp", "corpus", "tracking"} <= used, used  # the whole pipeline


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    cycles = _cycles(graph())
    assert not cycles, "\n".join(" <-> ".join(c) for c in cycles)


def test_the_graph_reader_sees_what_it_must() -> None:
    """The checks above are only as good as the graph: a known import, a function-level import
    and a TYPE_CHECKING-only import are each read as they should be."""
    edges = graph()
    assert "councilpapers.corpus.store" in edges["councilpapers.batch.run"]
    assert "councilpapers.batch.run" in edges["councilpapers.commands_ingest"]  # in a function
    assert "councilpapers.batch.report" not in edges["councilpapers.commands_ingest"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_fetch_reads_only_records_errors_and_the_sidecar_format() -> None:
    offences = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        if stage(module) == "fetch"
        for target in targets
        if not target.startswith("councilpapers.fetch")
        and stage(target) not in FETCH_READS
        and target not in FETCH_READS
        and target != "councilpapers"
    ]
    assert not offences, "\n".join(sorted(offences))


def test_only_the_command_line_imports_fetch() -> None:
    importers = {
        module
        for module, targets in graph().items()
        if stage(module) != "fetch" and any(stage(t) == "fetch" for t in targets)
    }
    assert importers == {"councilpapers.commands_fetch"}, sorted(importers)
