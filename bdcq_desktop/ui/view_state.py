"""Remembered view state: column widths, sort order, splitter sizes, the current sub-view and
window geometry survive a restart.

Writes are held back and written together once the user has paused (and at exit): writing
the settings file costs tens of milliseconds (it is synced to disk), too much for every
sub-view switched to or column resized while the user waits for the rows.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

_WRITE_DELAY_MS = 1500
_pending: dict[str, object] = {}  # key -> value not yet written
_timer: QTimer | None = None
_kept = True  # False in a self-test: nothing it saves is written (see remember_nothing)


def settings() -> QSettings:
    """The settings store, with every value saved so far written into it."""
    flush()
    return QSettings("BCD", "bdcq-desktop")


def flush() -> None:
    """Write the values held back (at once: before reading the store as a whole, at exit)."""
    if not _pending:
        return
    store = QSettings("BCD", "bdcq-desktop")
    for key, value in _pending.items():
        store.setValue(key, value)
    _pending.clear()
    store.sync()


def remember_nothing() -> None:
    """From now on nothing saved is written, nor what is held back. For the self-test: its
    window (its own size, offscreen on a server) is not the officer's, and its widths and
    geometry were written over the officer's remembered ones, the file synced at its exit."""
    global _kept
    _kept = False
    _pending.clear()


def _set(key: str, value: object) -> None:
    global _timer
    if not _kept:
        return
    _pending[key] = value
    app = QCoreApplication.instance()
    if app is None:  # no event loop to write later
        flush()
        return
    if _timer is None:
        _timer = QTimer(app)
        _timer.setSingleShot(True)
        _timer.timeout.connect(flush)
        app.aboutToQuit.connect(flush)
    _timer.start(_WRITE_DELAY_MS)  # restarted by each save: one write after a burst


def _get(key: str, default: object = None) -> object:
    if key in _pending:
        return _pending[key]
    return QSettings("BCD", "bdcq-desktop").value(key, default)


atexit.register(flush)


def save_header(key: str, header: QHeaderView) -> None:
    _set(f"views/{key}/header", header.saveState())


def restore_header(key: str, header: QHeaderView) -> bool:
    state = _get(f"views/{key}/header")
    return bool(state) and header.restoreState(state)


def save_geometry(key: str, widget: QWidget) -> None:
    _set(f"windows/{key}/geometry", widget.saveGeometry())


def restore_geometry(key: str, widget: QWidget) -> bool:
    state = _get(f"windows/{key}/geometry")
    return bool(state) and widget.restoreGeometry(state)


def save_splitter(key: str, splitter: QSplitter) -> None:
    _set(f"views/{key}/splitter", splitter.saveState())


def restore_splitter(key: str, splitter: QSplitter) -> bool:
    state = _get(f"views/{key}/splitter")
    return bool(state) and splitter.restoreState(state)


def save_value(key: str, value: object) -> None:
    """A small remembered value: the current sub-view, a check box, a chosen folder."""
    _set(f"values/{key}", value)


def value(key: str, default: object = None) -> object:
    return _get(f"values/{key}", default)


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
