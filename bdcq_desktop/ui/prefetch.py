"""What a start imports ahead of the officer, once its first screen is up: the other tabs'
modules (in the background, :func:`import_tabs`), then the document engine (on the GUI thread,
a module per turn of the event loop, :func:`import_in_turns`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer


def import_tabs(indexes: Sequence[int]) -> None:
    """The modules of the main tabs at ``indexes`` and of the document actions, imported."""
    import importlib

    from . import export_actions  # noqa: F401
    from .main_window import TABS

    for i in indexes:
        module, _ = TABS[i]
        importlib.import_module(module, __package__)


# The document dialog and its engine (reportlab, the page renderer), imported after a start's
# tabs are built, a module per turn of the event loop (each 1-10 ms, reportlab.platypus about
# 30 ms): the first document of the day then opens without 0.1-0.15 s of imports. On the GUI
# thread: the documents package imports itself (its __init__ and its modules), and a second
# thread entering it midway, as a Word export of the minutes does, would get a module half made.
DOCUMENT_ENGINE = (
    "PIL.Image",
    "reportlab.lib.colors",
    "reportlab.pdfgen.canvas",
    "reportlab.lib.textsplit",
    "html.parser",
    "reportlab.platypus",  # its longest: the regular expressions of its paragraphs
    "bdcq_desktop.documents",
    "bdcq_desktop.documents.service",
    "bdcq_desktop.ui.dialogs.document_dialog",
)


def import_in_turns(owner: QObject, modules: Sequence[str]) -> None:
    """``modules`` imported in order, one per turn of the event loop while ``owner`` lives."""
    import importlib

    pending = list(modules)

    def next_one() -> None:
        try:
            importlib.import_module(pending.pop(0))
        except Exception:  # a broken install: the dialog says what, when opened
            return
        if pending:
            QTimer.singleShot(0, owner, next_one)

    QTimer.singleShot(0, owner, next_one)
