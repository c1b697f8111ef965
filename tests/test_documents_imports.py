"""The modules of ``bdcq_desktop.documents`` import each other one way only.

Read from the source (ast), so an import inside a function counts as much as one at the top,
and a module loaded by name (``importlib.import_module``) is refused outright: both are ways of
hiding a cycle from the interpreter, not of removing it.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import bdcq_desktop.documents as documents_package

PACKAGE = "bdcq_desktop.documents"
ROOT = Path(documents_package.__file__).parent
MODULES = {p.stem: p for p in ROOT.glob("*.py")}


def _module_of(name: str) -> str | None:
    """``bdcq_desktop.documents.blocks`` → ``blocks``; ``__init__`` for the package itself;
    None outside the package."""
    if name == PACKAGE:
        return "__init__"
    if name.startswith(PACKAGE + "."):
        return name[len(PACKAGE) + 1 :].split(".")[0]
    return None


def imports_of(path: Path) -> set[str]:
    """The modules of the package that ``path`` imports, wherever the import statement is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (target := _module_of(alias.name)) is not None:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = PACKAGE if node.level == 1 else None  # ``..core`` is outside
                if base is None:
                    continue
                full = f"{base}.{node.module}" if node.module else base
            else:
                full = node.module or ""
            target = _module_of(full)
            if target is None:
                continue
            if target == "__init__":
                # ``from . import fonts``: a submodule, or a name the package defines.
                for alias in node.names:
                    found.add(alias.name if alias.name in MODULES else "__init__")
            else:
                found.add(target)
    found.discard(path.stem)
    return found


def dynamic_imports(path: Path) -> list[int]:
    """Lines that load a module by name (``importlib.import_module``, ``__import__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
    return lines


def test_the_parser_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from .layout import Document\n"
        "def f():\n"
        "    from .service import get_kind\n"
        "    from bdcq_desktop.documents import fonts\n"
        "    from ..core import register\n"
        "    import importlib; importlib.import_module('.x', __package__)\n",
        encoding="utf-8",
    )
    assert imports_of(sample) == {"layout", "service", "fonts"}
    assert dynamic_imports(sample) == [6]


def test_a_cycle_is_found() -> None:
    graph = {
        "service": {"settings"},
        "settings": {"settings_checks"},
        "settings_checks": {"service"},
    }
    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter(graph).static_order())


def test_documents_modules_import_each_other_one_way() -> None:
    graph = {name: imports_of(path) for name, path in MODULES.items()}
    assert graph["service"]  # the parser found something to check
    try:
        order = tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle among bdcq_desktop.documents modules: {exc.args[1]}")
    assert set(order) >= set(MODULES)


def test_no_module_of_documents_is_loaded_by_name() -> None:
    hidden = {name: lines for name, path in MODULES.items() if (lines := dynamic_imports(path))}
    assert hidden == {}


def test_documents_do_not_reach_up_to_the_front_ends() -> None:
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                name = node.module if not node.level else f"{'.' * node.level}{node.module}"
                assert not name.startswith(("..ui", "..commands", "bdcq_desktop.ui")), path
                assert not name.startswith(("..cli", "bdcq_desktop.commands")), path
