"""The working-group sessions serving a conclusion or task, as the Kết luận section shows them:
a line of words each, a mark on the tree's line, and a menu to pick one when several serve it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QMenu, QWidget

from ...core.session_links import SessionLink

MARK = ("T", "#1a237e")  # the sign and colour of the badge on a line a session serves


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_conclusions", text)


def sessions_text(links: tuple[SessionLink, ...]) -> str:
    """``Tổ công tác: <title> (03/03–05/03/2025)``, one line per session serving a line."""
    return "\n".join(
        _tr("Tổ công tác: {title} ({dates})").format(title=s.title, dates=s.dates_text)
        for s in links
    )


def sessions_menu(
    parent: QWidget, links: tuple[SessionLink, ...], pick: Callable[[int], None], where: QPoint
) -> QMenu:
    """A menu of ``links`` shown at ``where``; choosing one calls ``pick`` with its id. The first
    is active: Enter opens it at once, the arrow keys move to the others."""
    menu = QMenu(parent)
    menu.setObjectName("servingSessionsMenu")
    # One per press: gone once closed (after its choice has run), not kept in ``parent``.
    menu.aboutToHide.connect(menu.deleteLater)
    for s in links:
        action = menu.addAction(f"{s.title} ({s.dates_text})")
        action.triggered.connect(lambda _c=False, sid=s.id: pick(sid))
    menu.popup(where, menu.actions()[0])
    menu.setActiveAction(menu.actions()[0])
    return menu
