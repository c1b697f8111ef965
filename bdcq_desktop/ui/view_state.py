"""Remembered view state: column widths, sort order, splitter sizes, the current sub-view and
window geometry survive a restart."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget


def settings() -> QSettings:
    return QSettings("BCD", "bdcq-desktop")


def save_header(key: str, header: QHeaderView) -> None:
    settings().setValue(f"views/{key}/header", header.saveState())


def restore_header(key: str, header: QHeaderView) -> bool:
    state = settings().value(f"views/{key}/header")
    return bool(state) and header.restoreState(state)


def save_geometry(key: str, widget: QWidget) -> None:
    settings().setValue(f"windows/{key}/geometry", widget.saveGeometry())


def restore_geometry(key: str, widget: QWidget) -> bool:
    state = settings().value(f"windows/{key}/geometry")
    return bool(state) and widget.restoreGeometry(state)


def save_splitter(key: str, splitter: QSplitter) -> None:
    settings().setValue(f"views/{key}/splitter", splitter.saveState())


def restore_splitter(key: str, splitter: QSplitter) -> bool:
    state = settings().value(f"views/{key}/splitter")
    return bool(state) and splitter.restoreState(state)


def save_value(key: str, value: object) -> None:
    """A small remembered value: the current sub-view, a check box, a chosen folder."""
    settings().setValue(f"values/{key}", value)


def value(key: str, default: object = None) -> object:
    return settings().value(f"values/{key}", default)


def int_value(key: str, default: int = 0) -> int:
    raw = value(key, default)
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def bool_value(key: str, default: bool = False) -> bool:
    raw = value(key, default)
    if isinstance(raw, str):  # INI-backed settings hand booleans back as text
        return raw.lower() in ("true", "1")
    return bool(raw)
