"""A copy of the package as a damaged install (or a bundle missing a module) would have it:
run with ``PYTHONPATH`` set to what :func:`damaged_install` returns, in a folder other than
the checkout, so the real package is not found first."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "bdcq_desktop"


def damaged_install(tmp_path: Path, damage: Callable[[Path], None]) -> Path:
    """The folder holding the copied ``bdcq_desktop``, after ``damage(package folder)``."""
    root = tmp_path / "install"
    shutil.copytree(PACKAGE, root / "bdcq_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    damage(root / "bdcq_desktop")
    return root
