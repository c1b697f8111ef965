""""Xuất Excel…" of a list as it is on screen: the columns shown, in their order, with their
titles, the rows the search and filters keep, in the order of the sort, each cell in the words
the screen uses ("Nộp muộn 11 ngày"). A date stays a date (Excel sorts it; it shows
``dd/mm/yyyy``, as the screen), a count a number.

The writing is the members' export's own (:func:`..core.roster_files.write_table`: .xlsx or,
by the extension, .csv with a byte-order mark; every text cell neutralised; written beside the
target and renamed into place), through the same file dialog and background job
(:mod:`.io_actions`), to a path checked by :func:`..core.db.output_path` (never the database,
its side files or the backups). The cells are read here, on the GUI thread, where the models
live; only the file is written in the background.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QTableView, QWidget

from ..core.db import Database
from ..core.text import count_text
from . import io_actions
from .list_tab import RecordTable
from .table_column import display_value
from .table_model import ROW_ROLE
from .worker import Job

_DISPLAY = Qt.ItemDataRole.DisplayRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("table_export", text)


@dataclass(frozen=True)
class Sheet:
    """What goes into the file: the header row, the rows, the sheet's name."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _value(raw: Any, text: str, formatted: bool) -> Any:
    # A plain date or a count kept as such whenever the screen shows it as one, whether the
    # column formats its cells or not: Excel then sorts and sums them as the screen does (the
    # tasks' "Thời hạn" and "Trễ (ngày)" were written as the texts '12/08/2016' and '3762').
    # What the screen words otherwise ("Nộp muộn 11 ngày", a count left blank) stays its text;
    # a date and time is a date too, but is written as the screen's text, time included.
    if isinstance(raw, date) and not isinstance(raw, datetime):
        # Also a day shown with a mark after it (an extended deadline, "30/04/2027 ↻"): the
        # column's other days are dates, Excel sorts it among them.
        shown = display_value(raw)
        if text == shown or text.startswith(shown + " "):
            return date(raw.year, raw.month, raw.day)
        return text
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if text in (str(raw), count_text(raw)) else text
    if isinstance(raw, bool) and not formatted:
        return _tr("có") if raw else ""
    return text


def _shown_columns(view: QTableView, count: int) -> list[int]:
    """The logical columns the view shows, in the order the user sees them."""
    header = view.horizontalHeader()
    shown = [c for c in range(count) if not view.isColumnHidden(c)]
    return sorted(shown, key=header.visualIndex)


def record_table_sheet(table: RecordTable, title: str) -> Sheet:
    """A :class:`.list_tab.RecordTable` as it is on screen (see the module's text)."""
    table.model.show_all()  # rows still waiting for the scroll are shown too
    proxy, view = table.proxy, table.view
    columns = table.model.columns()
    shown = _shown_columns(view, len(columns))
    rows = []
    for r in range(proxy.rowCount()):
        obj = proxy.data(proxy.index(r, 0), ROW_ROLE)
        cells = []
        for c in shown:
            text = proxy.data(proxy.index(r, c), _DISPLAY)
            text = "" if text is None else str(text)
            column = columns[c]
            raw = column.raw(obj) if column.key != "#" else None
            cells.append(_value(raw, text, column.formatter is not None))
        rows.append(cells)
    return Sheet(title, [columns[c].title for c in shown], rows)


def grid_sheet(
    view: QTableView, corner: str, title: str, last: tuple[str, Sequence[str]] | None = None
) -> Sheet:
    """A grid (rows named by the vertical header, as the overview's units): the first column
    holds the row names under ``corner``; a header's line breaks become " — ". ``last``: a
    row under it, named, one text per logical column (the overview's rates)."""
    model: QAbstractItemModel = view.model()
    shown = _shown_columns(view, model.columnCount())
    orientation = Qt.Orientation

    def header(section: int, which: Qt.Orientation) -> str:
        text = model.headerData(section, which, _DISPLAY)
        return " — ".join(str(text or "").splitlines())

    rows = []
    for r in range(model.rowCount()):
        cells: list[Any] = [header(r, orientation.Vertical)]
        for c in shown:
            text = model.data(model.index(r, c), _DISPLAY)
            cells.append("" if text is None else str(text))
        rows.append(cells)
    if last is not None:
        rows.append([last[0], *(last[1][c] for c in shown)])
    return Sheet(title, [corner, *(header(c, orientation.Horizontal) for c in shown)], rows)


def choose_and_export(
    parent: QWidget,
    db: Database,
    default_name: str,
    key: str,
    sheet: Callable[[], Sheet],
) -> str | None:
    """Ask where (.xlsx, or .csv by the extension), then :func:`export_sheet`; the path, or
    ``None`` when the user cancels."""
    path = io_actions.choose_save_path(
        parent, _tr("Xuất Excel"), default_name, io_actions.SPREADSHEET_FILTERS, key
    )
    if path:
        export_sheet(parent, db, path, sheet())
    return path


def export_sheet(
    parent: QWidget,
    db: Database,
    path: str,
    sheet: Sheet,
    on_done: Callable[[Path], None] | None = None,
) -> Job:
    """Write ``sheet`` to ``path`` in the background; a refusal (the database's own file, a
    folder, a file open in Excel) is shown. Done, the main window's status line says where."""

    def work(_report: Callable[[int, str], None]) -> Path:
        from ..core.db import output_path
        from ..core.roster_files import write_table

        target = output_path(path, db)
        write_table(target, sheet.headers, sheet.rows, sheet_title=sheet.title)
        return target

    def done(target: Path) -> None:
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                _tr("Đã xuất {n} dòng ra {path}.").format(n=len(sheet.rows), path=target), 15000
            )
        if on_done is not None:
            on_done(target)

    return io_actions.run_job(parent, _tr("Đang xuất…"), work, on_done=done)


def file_stem(text: str) -> str:
    """A default file name's stem from a title: no diacritics, words joined by hyphens
    (``Tổng hợp`` → ``tong-hop``), as the members' export names its file."""
    from ..core.text import fold

    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    return "-".join(words)[:60] or "danh-sach"

