"""Translation hook for user-visible text produced by the headless core.

The GUI uses Qt's ``tr()``; the core cannot import Qt, so it marks its Vietnamese strings with
this ``tr()``. Vietnamese is the source language; a catalogue for another language may be
installed with :func:`install` (for example English for the CLI's ``--lang en``).
"""

from __future__ import annotations

_catalogue: dict[str, str] = {}


def tr(text: str) -> str:
    """Return ``text`` translated to the active language (Vietnamese by default)."""
    return _catalogue.get(text, text)


def install(catalogue: dict[str, str]) -> None:
    """Make ``catalogue`` (source text → translation) the active translation."""
    _catalogue.clear()
    _catalogue.update(catalogue)
