"""Locate bundled read-only resources (fonts, templates, icons, translations).

The files live inside the package, in ``bdcq_desktop/assets``, so that a source checkout, an
editable install and a wheel (``pip install .``) all carry them the same way: setuptools ships
them as package data (``pyproject.toml``). A PyInstaller bundle unpacks them under
``sys._MEIPASS/bdcq_desktop/assets``: ``build.spec`` takes its data files from the same
``package-data`` list (:func:`package_data_files`). Nothing may build resource paths from
``__file__`` by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
ASSETS_DIR = _PACKAGE_DIR / "assets"


def resource_roots() -> list[Path]:
    """Candidate resource folders, most specific first.

    1. PyInstaller unpacks data files under ``sys._MEIPASS``, where ``build.spec`` puts them at
       their place in the package.
    2. Everywhere else the folder inside the package, ``bdcq_desktop/assets``.
    """
    roots: list[Path] = []
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        roots.append(Path(meipass) / "bdcq_desktop" / "assets")
    roots.append(ASSETS_DIR)
    return roots


def resource_path(*parts: str) -> Path:
    """Return the path of the resource ``parts`` (e.g. ``resource_path("fonts", "x.ttf")``).

    The first root that holds the resource wins. When none does, the path under the first
    root is returned anyway so that the caller's "file not found" message names the place
    where the file was expected rather than an arbitrary fallback.
    """
    roots = resource_roots()
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return roots[0].joinpath(*parts)


def package_data_files(project_root: Path) -> list[tuple[str, str]]:
    """``(file, folder inside the bundle)`` for every file the wheel ships as package data.

    Build time only (``build.spec`` calls it): the patterns are read from ``pyproject.toml`` so
    the bundle and the wheel cannot drift apart.
    """
    import tomllib

    config = tomllib.loads((project_root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["bdcq_desktop"]
    package = project_root / "bdcq_desktop"
    files: set[Path] = set()
    for pattern in patterns:
        found = package.glob(pattern)
        files.update(p for p in found if p.is_file() and "__pycache__" not in p.parts)
    return [(str(f), f.parent.relative_to(project_root).as_posix()) for f in sorted(files)]
