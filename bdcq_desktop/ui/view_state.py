"""Remembered view state: column widths, sort order and window geometry survive a restart."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QWidget


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
