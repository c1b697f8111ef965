"""Shared base of the main window's tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ...core.db import Database
    from ..list_record_view import ListRecordView


class Tab(QWidget):
    """A tab over the database. ``reload()`` re-reads everything it shows; ``changed`` after
    a save in this tab (its views' :class:`..record_view.RecordView` ``changed``), so the
    main window can refresh the other tabs: the one in front at once, the others it marks
    ``outdated`` and reads each (:meth:`load_visible`) when it is next shown, before its
    paint.

    At start a tab is only marked stale (:meth:`mark_stale`): it loads after it is next
    painted, so the window (or the tab switched to) shows before its rows are read, and tabs
    the user never opens are never read at all."""

    title = ""
    changed = Signal()

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db  # None only in a tab that shows a start's first screen (MembersTab)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.stale = False
        self.outdated = False  # changed elsewhere since it was read (see the class doc)
        self._load_queued = False

    def reload(self) -> None:
        raise NotImplementedError

    def attach(self, db: Database) -> None:
        """The database is open: a tab built before it (on a start's first screen) uses it
        from now on."""
        self.db = db

    def mark_stale(self) -> None:
        """Load on the next paint (after the frame without rows is on screen)."""
        self.stale = True
        if self.isVisible():
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.stale and not self._load_queued:
            # Queued: this paint reaches the screen first; the rows follow.
            self._load_queued = True
            QTimer.singleShot(0, self._load_if_stale)

    def _load_if_stale(self) -> None:
        self._load_queued = False
        if self.stale:
            self.read_now()

    def read_now(self) -> None:
        """Read it now (:meth:`load_visible`). A read refused on the way (the server gone, the
        data file taken away: said by the caller's guard) leaves it ``outdated``, so it is read
        again when next shown: an audit on PostgreSQL found the meetings tab, shown while the
        server was down, still empty once it was back, its meetings seemingly gone, until F5."""
        from ...core.read_scope import reading

        self.stale = self.outdated = False
        try:
            with reading():  # only a read: its refusal does not say "Chưa lưu được gì."
                self.load_visible()
        except BaseException:
            self.outdated = True
            raise

    def load_visible(self) -> None:
        """The load after a paint: everything, unless a tab with sub-views reads only the
        one in front (and the others when they are shown)."""
        self.reload()

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this tab's search box."""


class PagesReadWhenShown:
    """The pages of a tab's own row of tabs (the members' views, the reports' pages) read
    when shown: after a change the page in front is read at once and the others when they
    are next shown, each then as the database stands (what the main window does with its
    tabs). A page without ``reload()`` is never read. ``can_read(page)`` says whether a page
    can be read now (a members' view before the database is open); one that cannot is read
    by the next :meth:`read_current` that can."""

    def __init__(
        self, pages: QTabWidget, can_read: Callable[[QWidget], bool] = lambda _page: True
    ) -> None:
        self.pages = pages
        self.can_read = can_read
        self.unread: set[QWidget] = set()
        pages.currentChanged.connect(lambda _i: self.read_current())

    def all(self) -> list[QWidget]:
        return [self.pages.widget(i) for i in range(self.pages.count())]

    def read_current(self) -> None:
        """Read the page in front if it is unread (and can be read now)."""
        page = self.pages.currentWidget()
        if page in self.unread and self.can_read(page):
            self.unread.discard(page)
            reload = getattr(page, "reload", None)
            if reload is not None:
                from ...core.read_scope import reading

                try:
                    with reading():  # only a read (see Tab.read_now)
                        reload()
                except BaseException:
                    self.unread.add(page)  # refused (the server gone): read when next shown
                    raise

    def read_all(self) -> None:
        """Everything again: the page in front now, the others when shown."""
        self.unread = set(self.all())
        self.read_current()

    def changed_in(self, source: QWidget) -> None:
        """A save in ``source``: every other page is read again (the one in front now)."""
        self.unread.update(page for page in self.all() if page is not source)
        self.read_current()


class ViewTab(Tab):
    """A tab that is one record view (the meetings, the working group's sessions): the view's
    table and documents are the tab's, a save in it is the tab's ``changed``, a roster its
    forms ask for first the tab's ``members_wanted`` (the main window shows it)."""

    members_wanted = Signal(str)

    def __init__(
        self,
        db: Database,
        make_view: Callable[[Database, QWidget], ListRecordView],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, parent)
        self.setObjectName(name)
        self.view = make_view(db, self)
        self.table = self.view.table
        self.document_source = self.view.document_source
        self.view.changed.connect(self.changed)
        self.view.members_wanted.connect(self.members_wanted)
        self.layout_.addWidget(self.view)

    def reload(self) -> None:
        self.view.reload()

    def focus_search(self) -> None:
        self.view.focus_search()
