"""Thành viên: the committee and working-group rosters, experts and guests, units, and who
answers for which field and area.

Each sub-view is its own widget (``member_views``, ``directory_views``); this tab only stacks
them, remembers which one was open, and has the others read again when one of them saves (a
person added in the committee view also changes the units' head counts and the matrix), each
when it is next shown; its ``changed`` passes the save on to the main window, which does the
same with the other tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from .. import view_state
from .base import PagesReadWhenShown, Tab
from .directory_views import ExpertsView, MatrixView, UnitsView
from .member_views import MembershipView

if TYPE_CHECKING:
    from ...core.db import Database
    from ...core.first_screen import FirstScreen


class MembersTab(Tab):
    """``meeting_wanted`` (a meeting's id): a roster asks to show a meeting (one that still
    invites someone whose term was just ended); the main window shows it."""

    meeting_wanted = Signal(int)

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("membersTab")
        # The row of tabs made before the views: Tab reaches it first, as the eye does (made
        # after, it came after the views' controls).
        self.views = QTabWidget(self)
        self.views.setObjectName("membersViews")
        self.views.setDocumentMode(True)
        self.committee = MembershipView(db, "committee", self)
        self.group = MembershipView(db, "group", self)
        self.experts = ExpertsView(db, self)
        self.units = UnitsView(db, self)
        self.matrix = MatrixView(db, self)
        self.views.addTab(self.committee, self.tr("Ban Chỉ đạo"))
        self.views.addTab(self.group, self.tr("Tổ công tác"))
        self.views.addTab(self.experts, self.tr("Chuyên gia, khách mời, danh bạ"))
        self.views.addTab(self.units, self.tr("Cơ quan, đơn vị"))
        self.views.addTab(self.matrix, self.tr("Ma trận trách nhiệm"))
        self.views.setCurrentIndex(view_state.int_value("members/view", 0))
        self.views.currentChanged.connect(lambda i: view_state.save_value("members/view", i))
        # A view switched to before the database is open is read once it is (attach), but
        # for a roster, which reads the start's first screen meanwhile.
        self.reading = PagesReadWhenShown(
            self.views,
            lambda view: self.db is not None or getattr(view, "first_screen", None) is not None,
        )
        for view in (self.committee, self.group, self.experts, self.units):
            view.changed.connect(lambda v=view: self.reading.changed_in(v))
            view.changed.connect(self.changed)  # and the main window reloads the other tabs
        for roster in (self.committee, self.group):
            roster.meeting_wanted.connect(self.meeting_wanted)
        self.layout_.addWidget(self.views)

    def sub_views(self) -> list[QWidget]:
        return self.reading.all()

    def reload(self) -> None:
        """Read again: the sub-view in front at once, the others when next shown (each is
        then read as the database stands). Reading all five cost a refresh, and the start,
        the four hidden ones' queries for nothing on screen."""
        self.reading.read_all()

    def show_first_screen(self, first_screen: FirstScreen) -> bool:
        """Before the database is open (``db`` None): the roster in front reads its rows from
        ``first_screen``. False if the view in front is not a roster (it then waits)."""
        for view in (self.committee, self.group):
            view.first_screen = first_screen
        return self.views.currentWidget() in (self.committee, self.group)

    def attach(self, db: Database) -> None:
        super().attach(db)
        for view in self.sub_views():
            view.attach(db)  # type: ignore[attr-defined]
        for view in (self.committee, self.group):
            view.first_screen = None
        self.reading.read_current()  # a view switched to before the database was open

    def load_visible(self) -> None:
        """At start only the sub-view in front reads its rows; the others when first shown."""
        self.reading.read_all()

    def show_roster(self, body: str) -> None:
        """The roster ``body`` (``committee``, ``group``) in front, its add button focused
        (Space adds; Ctrl+N does anywhere in it)."""
        view = self.committee if body == "committee" else self.group
        self.views.setCurrentWidget(view)
        view.focus_add()

    def focus_search(self) -> None:
        self.views.currentWidget().focus_search()  # type: ignore[attr-defined]
