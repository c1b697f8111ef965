"""Locate bundled read-only resources (fonts, templates, icons).

The same code runs from a source checkout, from an installed wheel and from a PyInstaller
bundle; each puts the ``resources`` folder somewhere else, so nothing may build resource paths
from ``__file__`` by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_roots() -> list[Path]:
    """Candidate ``resources`` folders, most specific first.

    1. PyInstaller unpacks data files under ``sys._MEIPASS``; the spec file is expected to add
       the repository's ``resources`` folder as ``resources``.
    2. A source checkout keeps ``resources/`` next to the package directory.
    3. An installation may ship the folder inside the package (``bdcq_desktop/resources``).
    """
    roots: list[Path] = []
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        roots.append(Path(meipass) / "resources")
    roots.append(_PACKAGE_DIR.parent / "resources")
    roots.append(_PACKAGE_DIR / "resources")
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
