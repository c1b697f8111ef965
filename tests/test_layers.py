"""The layers point one way: the core never imports the documents, the GUI or Qt, and its
modules do not import one another in a circle. Read from the source (every import statement,
those inside functions included), so an import hidden in a function cannot slip through."""

from __future__ import annotations

import ast
from pathlib import Path

import bdcq_desktop

PACKAGE = Path(bdcq_desktop.__file__).parent
CORE = PACKAGE / "core"
FORBIDDEN = ("bdcq_desktop.documents", "bdcq_desktop.ui", "bdcq_desktop.commands",
             "bdcq_desktop.cli", "PySide6")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_of(source: str, name: str, is_package: bool) -> set[str]:
    """Every module the source of module ``name`` imports, relative imports resolved to
    absolute names (for ``from . import x`` both the package and ``package.x``)."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _imports(path: Path) -> set[str]:
    return _imports_of(
        path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py"
    )


def _core_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(CORE.rglob("*.py"))}


def test_the_walk_sees_every_core_module() -> None:
    modules = _core_modules()
    assert len(modules) >= 30
    for name in ("bdcq_desktop.core.db", "bdcq_desktop.core.demo", "bdcq_desktop.core.backup",
                 "bdcq_desktop.core.models.meetings", "bdcq_desktop.core.migrations.env"):
        assert name in modules


def test_the_walk_sees_imports_inside_functions() -> None:
    source = (
        "def issue():\n"
        "    from ...documents import service\n"
        "    import PySide6.QtCore\n"
        "class A:\n"
        "    def m(self):\n"
        "        from ..ui.app import main\n"
    )
    found = _imports_of(source, "bdcq_desktop.core.demo", True)
    assert {"bdcq_desktop.documents", "bdcq_desktop.documents.service", "PySide6.QtCore",
            "bdcq_desktop.core.ui.app"} <= found
    found = _imports_of("def f():\n    from ..documents import service\n",
                        "bdcq_desktop.core.check", False)
    assert "bdcq_desktop.documents" in found


def test_core_never_imports_the_layers_above_it() -> None:
    offences = []
    for name, path in _core_modules().items():
        for imported in _imports(path):
            if any(imported == f or imported.startswith(f + ".") for f in FORBIDDEN):
                offences.append(f"{name} imports {imported}")
    assert offences == []


def _core_graph() -> dict[str, set[str]]:
    modules = _core_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def _without_packages_importing_their_own_parts(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` that imports its own submodules (``models``, ``demo``) is not a
    cycle with them: a submodule importing a sibling through the package is resolved to the
    package name, so only the edges into the package from its own parts are dropped."""
    out = {}
    for name, deps in graph.items():
        out[name] = {d for d in deps if not name.startswith(d + ".")}
    return out


def test_core_modules_import_each_other_without_cycles() -> None:
    graph = _without_packages_importing_their_own_parts(_core_graph())
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_storage_modules_point_one_way() -> None:
    graph = _core_graph()
    assert "bdcq_desktop.core.db" not in graph["bdcq_desktop.core.migrate"]
    assert "bdcq_desktop.core.backup" not in graph["bdcq_desktop.core.migrate"]
    assert "bdcq_desktop.core.db" not in graph["bdcq_desktop.core.backup"]
    assert "bdcq_desktop.core.migrate" in graph["bdcq_desktop.core.backup"]
    assert {"bdcq_desktop.core.migrate", "bdcq_desktop.core.backup"} <= graph[
        "bdcq_desktop.core.db"
    ]


# The layers above the core: the documents below both front ends, the two front ends beside
# each other (the window never reaches into the command line, nor the command line into Qt's
# window).
ABOVE_CORE = {
    "documents": ("bdcq_desktop.ui", "bdcq_desktop.commands", "bdcq_desktop.cli", "PySide6"),
    "ui": ("bdcq_desktop.commands", "bdcq_desktop.cli"),
    "commands": ("bdcq_desktop.ui",),
}


def test_the_layers_above_the_core_point_down() -> None:
    offences = []
    for layer, forbidden in ABOVE_CORE.items():
        paths = sorted((PACKAGE / layer).rglob("*.py"))
        assert len(paths) >= 10, layer  # the walk sees the layer
        for path in paths:
            for imported in _imports(path):
                if any(imported == f or imported.startswith(f + ".") for f in forbidden):
                    offences.append(f"{_module_name(path)} imports {imported}")
    for imported in _imports(PACKAGE / "cli.py"):
        if imported == "bdcq_desktop.ui" or imported.startswith("bdcq_desktop.ui."):
            offences.append(f"bdcq_desktop.cli imports {imported}")
    assert offences == []
