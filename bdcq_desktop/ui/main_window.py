"""The main window: four tabs, menus, status bar.

This module imports neither the database layer nor the tabs: the application shows the window
empty (:class:`MainWindow` without a database) while the database opens in the background, then
:meth:`MainWindow.attach` puts the tabs in. ``MainWindow(db)`` does both at once.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QWidget,
)

from . import messages, view_state
from .dialog_base import fit_on_screen, tab_leaves_views
from .main_menus import WindowMenus
from .page_scroll import PageLayout, PageScroll
from .setup_notice import SetupNotice, visited_key
from .tabs.base import Tab
from .window_switch import WindowSwitch

if TYPE_CHECKING:
    from ..core.db import Database
    from ..core.first_screen import FirstScreen
    from .export_actions import DocumentActions


# The main tabs in order: module (relative to this package) and class.
TABS = (
    (".tabs.members_tab", "MembersTab"),
    (".tabs.meetings_tab", "MeetingsTab"),
    (".tabs.sessions_tab", "WorkingSessionsTab"),
    (".tabs.reports_tab", "ReportsTab"),
)


class _FirstPaint(QObject):
    """Calls ``then(tab)`` once, after the first paint of ``tab`` has reached the screen."""

    def __init__(self, tab: Tab, then: Callable[[Tab], None]) -> None:
        super().__init__(tab)
        self.then = then

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self.then(obj))  # type: ignore[arg-type]
        return False


class MainWindow(WindowMenus, WindowSwitch, QMainWindow):
    # The start is over: the tab in front has read its rows (backups and the like may begin).
    front_loaded = Signal()

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        # The documents' menu and toolbar: made with the first screen or the database.
        self.document_actions: DocumentActions | None = None
        self._built: dict[int, Tab] = {}
        self._maximize_when_shown = False
        self._switching_tabs = False
        # What decided the database at this start ("--db", "BDCQ_DATABASE_URL"), if not the
        # settings: Tệp › Kết nối… says that it still wins at the next start.
        self.opened_by: str | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle("BCĐ Desktop")

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        # Until the database is open: pages under the tabs' names that say so (a tab opened in
        # the first second waits for it), in the window the data then fills.
        for title in self._tab_titles():
            self.tabs.addTab(self._waiting_page(), title)
        # Above the tabs: the line that sends a new file's officer to Tệp › Thiết lập…
        central = QWidget(self)
        central_layout = PageLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.setup_notice = SetupNotice(
            central,
            self.open_settings,
            self.open_numbering,
            self.open_choices,
            lambda: self.open_settings(focus="days_off"),
        )
        central_layout.addWidget(self.setup_notice)
        central_layout.addWidget(self.tabs, 1)
        # In a scroll area (page_scroll): at 150 % the pages need more height than a laptop has.
        self.scroll = PageScroll(self, central)
        self.setCentralWidget(self.scroll)

        self._build_menus()
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().showMessage(self.tr("Đang mở dữ liệu…"))
        if not view_state.restore_geometry("main", self):
            # First start: the whole screen (a 1366×768 laptop has no room to spare); the size
            # below is what "Restore Down" returns to. Later starts restore the last geometry.
            self.resize(1280, 760)
            # No larger than the screen: at 125 % a 1366×768 screen is 1093×582, and a window
            # the system cannot maximise (or restored down) ran past its edges.
            fit_on_screen(self)
            self._maximize_when_shown = True
        if db is not None:
            self.attach(db)

    def _tab_titles(self) -> list[str]:
        return [self.tr("Thành viên"), self.tr("Cuộc họp"), self.tr("Tổ công tác"),
                self.tr("Báo cáo")]  # fmt: skip

    def attach(self, db: Database) -> None:
        """The database is open: the tab in front is built over it (the others when first
        shown, see :meth:`tab_at`; one built for the first screen takes it now), the document
        menu and toolbar join the others or are enabled."""
        self.db = db
        self._update_title()
        for tab in self.built_tabs():  # built before the database was open: the first screen
            tab.attach(db)
        self.tab_at(max(self.tabs.currentIndex(), 0))
        if not self._switching_tabs:  # once: attach runs again on another database
            self._switching_tabs = True
            self.tabs.currentChanged.connect(self._tab_shown)

        if self.document_actions is None:
            self._add_document_actions()
        self.document_actions.attach(db)  # type: ignore[union-attr]
        for action in self._data_actions:
            action.setEnabled(True)
        self.db_label.setText(self._db_text())
        self.statusBar().clearMessage()
        for warning in db.warnings:
            self.statusBar().showMessage(warning)

    def show_first_screen(self, first_screen: FirstScreen, then: Callable[[], None]) -> bool:
        """Before the database is open: when the members tab is in front, build it now and
        show its roster read from ``first_screen``; ``then()`` once those rows are painted.
        False (``then`` not called) when the tab in front cannot be shown that way."""
        if self.db is not None or max(self.tabs.currentIndex(), 0) != 0:
            return False
        # The documents' menu and toolbar first (disabled): the rows do not move down when the
        # database opens.
        self._add_document_actions()
        tab = self.tab_at(0)
        if not tab.show_first_screen(first_screen):  # type: ignore[attr-defined]
            return False  # a view that is not a roster: it is read once the database is open
        tab.stale = False
        tab.load_visible()
        tab.installEventFilter(_FirstPaint(tab, lambda _tab: then()))
        return True

    def _add_document_actions(self) -> None:
        from .export_actions import DocumentActions

        self.document_actions = DocumentActions(self, self.db, self.current_tab)
        self.document_actions.numbering_opened.connect(self._update_notice)
        self.document_actions.numbering_saved.connect(self._numbering_saved)
        self.file_menu.insertMenu(self._documents_place, self.document_actions.menu)
        self.addToolBar(self.document_actions.toolbar)

    # -- the tabs, each built when first needed ------------------------------------------------
    members_tab = property(lambda self: self.tab_at(0))
    meetings_tab = property(lambda self: self.tab_at(1))
    sessions_tab = property(lambda self: self.tab_at(2))
    reports_tab = property(lambda self: self.tab_at(3))

    def tab_at(self, index: int) -> Tab:
        """The tab at ``index``, built now if it was not yet: a start builds (and imports) only
        the tab in front, the others when the officer first opens them."""
        tab = self._built.get(index)
        if tab is not None:
            return tab
        module, name = TABS[index]
        tab = getattr(importlib.import_module(module, __package__), name)(self.db)
        self._built[index] = tab
        empty = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)  # a swap of pages, not a tab the officer chose
        self.tabs.setUpdatesEnabled(False)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, self._tab_titles()[index])
        self.tabs.setCurrentIndex(current)
        self.tabs.setUpdatesEnabled(True)
        self.tabs.blockSignals(blocked)
        empty.deleteLater()
        # A save in one tab has the others already built read again, each when next shown
        # (a member added shows among a meeting's invitees; a meeting's tasks show in the
        # reports); the rest read it anyway.
        tab.changed.connect(lambda source=tab: self._reload_others(source))
        tab.changed.connect(self._update_choices)  # a first unit or member: now choosable
        if index == 0:
            tab.meeting_wanted.connect(self.open_meeting)
        if index == 1:
            tab.session_wanted.connect(self.open_session)
        if index in (1, 2):  # a new meeting or session with nobody to chair or convene it
            tab.members_wanted.connect(self.show_roster)
        # Tab moves on to the next field instead of walking a table's cells (the arrow keys
        # do that), so the keyboard reaches what comes after a table.
        tab_leaves_views(tab)
        tab.mark_stale()  # its rows are read after it is first painted
        return tab

    def built_tabs(self) -> list[Tab]:
        return [self._built[i] for i in sorted(self._built)]

    def _tab_shown(self, index: int) -> None:
        if index < 0:
            return
        tab = self.tab_at(index)
        if tab.outdated:  # changed elsewhere while hidden: read before it is painted
            tab.read_now()

    def build_ahead(self) -> None:
        """The tabs not opened yet, built now, one per turn of the event loop (each takes some
        15-60 ms): called once a start is over (the tab in front read, the others' modules
        imported), so the officer's first look at a tab only reads and paints it. They stay
        stale: their rows are read when they are first shown."""
        pending = [i for i in range(self.tabs.count()) if i not in self._built]

        def build_next() -> None:
            while pending:
                index = pending.pop(0)
                if index not in self._built:  # not opened by the officer meanwhile
                    self.tab_at(index).ensurePolished()  # its style too, not at its first paint
                    break
            if pending:
                QTimer.singleShot(0, self, build_next)

        QTimer.singleShot(0, self, build_next)

    def _reload_others(self, source: Tab) -> None:
        for tab in self.built_tabs():
            # A tab not read yet (built ahead, never shown) reads when it is first shown
            # anyway; the one in front (a save from another window) reads at once; the others
            # when they are next shown. Reading every other tab at once cost each save, such
            # as a report recorded in a quick entry, some 60 ms at ten years.
            if tab is source or tab.stale:
                continue
            if tab is self.tabs.currentWidget():
                tab.read_now()
            else:
                tab.outdated = True

    # -- behaviour -----------------------------------------------------------------------------
    def _db_text(self) -> str:
        path = self.db.sqlite_path
        if path is not None and self.db.read_only:
            return self.tr("Chỉ xem, không lưu được: {path}").format(path=path)
        if path is not None:
            return self.tr("Dữ liệu: {path}").format(path=path)
        from ..core.engine import shown_url

        return self.tr("Máy chủ: {url}").format(url=shown_url(self.db.url))

    def current_tab(self) -> Tab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, Tab)
        return widget

    def _update_title(self) -> None:
        # The committee's own name (a setting: committees are renamed), not a fixed one; the
        # notice's lines with it, the days-off line included, in one read of the database.
        from ..core.read_scope import reading
        from ..core.settings import org_label, setup_state

        with reading():  # after the settings are saved too: a refusal now is a read's
            state = setup_state(self.db)
        name = state.committee_name
        self.setWindowTitle(f"BCĐ Desktop — {name}" if name else "BCĐ Desktop")
        # Read where the title is: on opening, after the settings are saved, after a restore.
        self.setup_notice.show_missing([org_label(k) for k in state.missing])
        seen = view_state.bool_value(visited_key(self.db))
        self.setup_notice.show_numbering(not seen and state.nothing_numbered)
        self._show_choices(state.unchosen)
        self.setup_notice.show_days_off(state.days_off_not_entered)

    def update_days_off(self, today: date | None = None) -> None:
        """The notice's line for a year worked in without its days off entered, read again
        when Thiết lập closes (days are entered there one by one); at a start it comes with
        the title's read (:meth:`_update_title`)."""
        from ..core.days_off import years_not_entered_now
        from ..core.read_scope import reading

        if self.db is not None:
            with reading():
                self.setup_notice.show_days_off(years_not_entered_now(self.db, today))

    def _update_choices(self) -> None:
        """The notice's last line: the standing agency and default signers not chosen yet,
        once there is a unit or a member to choose."""
        from ..core.read_scope import reading
        from ..core.settings import unchosen_organisation

        with reading():  # after a save of a unit or a member: refused, the save is done
            self._show_choices(unchosen_organisation(self.db))

    def _show_choices(self, unchosen: list[str]) -> None:
        from ..core.settings import org_label

        self._unchosen = unchosen
        self.setup_notice.show_choices([org_label(k) for k in unchosen])

    def open_choices(self) -> None:
        """The notice's "Chọn trong Thiết lập…": Thiết lập, thẻ Tổ chức, on the first choice."""
        self.open_settings(focus=next(iter(getattr(self, "_unchosen", [])), None))

    def _update_notice(self) -> None:
        """The paper register's line of the notice: until the numbers dialog was opened on
        this computer, a number recorded or a document issued."""
        from ..core.number_floor import nothing_numbered
        from ..core.read_scope import reading

        seen = view_state.bool_value(visited_key(self.db))
        with reading():  # after the numbers are saved too: a refusal now is a read's
            self.setup_notice.show_numbering(
                not seen and nothing_numbered(self.db, date.today().year)
            )

    def open_numbering(self) -> None:
        """The notice's "Nhập số đã cấp…": Văn bản › Số đã cấp ngoài phần mềm…"""
        if self.document_actions is not None:
            self.document_actions.open_numbering()

    def _numbering_saved(self) -> None:
        self._update_notice()
        self.statusBar().showMessage(
            self.tr("Đã lưu số đã cấp ngoài phần mềm; văn bản tiếp theo lấy số sau số đó."), 8000
        )

    def reload_all(self) -> None:
        """Read the database again (Xem › Làm mới, a restored backup, new settings): the tab in
        front (its page in front) now, every other when it is next shown. Reading all four
        tabs, every page of each, took 65-115 ms at ten years; a tab not built yet reads when
        it is first shown anyway."""
        from ..core.read_scope import reading

        with reading():  # only reads: a refusal does not say "Chưa lưu được gì."
            self._update_title()
            front = self.tabs.currentWidget()
            for tab in self.built_tabs():
                if tab is front:
                    tab.read_now()
                elif not tab.stale:
                    tab.outdated = True

    def read_every_tab(self) -> None:
        """Build every tab and read each now, every page of each. The application reads a tab
        when it is shown; this is for what looks at all of them at once (the benchmarks'
        probes, the tests)."""
        for i in range(self.tabs.count()):
            tab = self.tab_at(i)
            tab.stale = tab.outdated = False
            tab.reload()

    def load_data(self, *, front_read: bool = False, heading_read: bool = False) -> None:
        """The start: the tab in front reads its rows once it has been painted (then
        :attr:`front_loaded`); the others are read when first shown (built before that once
        the start is over, :meth:`build_ahead`, or then).
        ``front_read``: the tab in front already shows the rows of the database as it is (a
        first screen, :meth:`show_first_screen`), so it is not read again.
        ``heading_read``: the title and the notice were read by :meth:`attach` from the file as
        it still is (nothing loaded into it since), so they are not read again."""
        if not heading_read:
            self._update_title()
        front = self.current_tab()
        for tab in self.built_tabs():
            if tab is not front:
                tab.mark_stale()
        if front_read and front is self._built.get(0):
            QTimer.singleShot(0, self.front_loaded.emit)
        elif front.isVisible():
            front.installEventFilter(_FirstPaint(front, self._load_front))
            # A paint asked for: a tab already on screen (built for a first screen it could
            # not show, such as the matrix) is otherwise painted again only when something
            # in it changes, and it would wait for its rows until then.
            front.update()
        else:
            self._load_front(front)
        if self.reopen_live_meeting() is None:
            # Minutes typed and never saved (the application killed): offered back once the
            # start is over (looking costs a few ms of imports).
            self.front_loaded.connect(self._offer_drafts, Qt.ConnectionType.SingleShotConnection)

    def _offer_drafts(self) -> None:
        from .tabs.minutes_drafts import open_first_draft

        open_first_draft(self)

    def _load_front(self, tab: Tab) -> None:
        tab.read_now()
        # Queued: the rows' paint (posted) comes before what waits for the start to be over.
        QTimer.singleShot(0, self.front_loaded.emit)

    def reopen_live_meeting(self) -> QWidget | None:
        """The application ended during a live meeting (killed, power cut): open it again,
        with the notes saved up to then."""
        from .live_memory import meeting_to_reopen

        meeting_id = meeting_to_reopen(self.db)
        if meeting_id is None:
            return None
        self.tabs.setCurrentWidget(self.meetings_tab)
        self.statusBar().showMessage(
            self.tr("Mở lại cuộc họp đang họp dở lần trước (ghi chép đã lưu vẫn còn)."), 15000
        )
        # The live window says it too, with what to check: it covers this status bar.
        return self.meetings_tab.view.open_live(meeting_id, recovered=True)

    def open_session(self, session_id: int) -> bool:
        """The Tổ công tác tab in front, ``session_id`` selected (asked from a conclusion)."""
        self.tabs.setCurrentWidget(self.sessions_tab)
        found = self.sessions_tab.show_session(session_id)
        if not found:
            self.statusBar().showMessage(
                self.tr("Không tìm thấy phiên làm việc số {id}.").format(id=session_id), 10000
            )
        return found

    def open_meeting(self, meeting_id: int) -> bool:
        """The Cuộc họp tab in front, ``meeting_id`` selected (asked from the members tab)."""
        self.tabs.setCurrentWidget(self.meetings_tab)
        found = self.meetings_tab.show_meeting(meeting_id)
        if not found:
            self.statusBar().showMessage(
                self.tr("Không tìm thấy cuộc họp số {id}.").format(id=meeting_id), 10000
            )
        return found

    def show_roster(self, body: str) -> None:
        """Thành viên › Ban Chỉ đạo (``committee``) or › Tổ công tác (``group``) in front, its
        "Thêm thành viên" focused: a new meeting's or session's form sends the officer there
        when nobody on the roster of its day can chair or convene it."""
        self.tabs.setCurrentWidget(self.members_tab)
        self.members_tab.show_roster(body)

    def focus_search(self) -> None:
        self.current_tab().focus_search()

    def show_error(self, exc: Exception) -> None:
        messages.show_error(self, exc)  # one way to show an error: without blocking


    def setVisible(self, visible: bool) -> None:
        # A first start shows the window maximised. Asked here rather than in __init__: the
        # window's state is one of Qt's namespace enums, and the binding builds all of those
        # (30–45 ms here) the first time one is used, which is then after the first paint.
        if visible and self._maximize_when_shown:
            self._maximize_when_shown = False
            self.showMaximized()
            return
        super().setVisible(visible)

    def setWindowState(self, state) -> None:  # type: ignore[no-untyped-def]
        self._maximize_when_shown = False  # a state asked for before the window is shown wins
        super().setWindowState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Typed text not saved (the minutes): asked first, the window kept until answered.
        if not getattr(self, "_leaving", False):
            from .unsaved_work import ask_before_closing

            if getattr(self, "unsaved_box", None) is not None:  # asked already
                event.ignore()
                return
            box = ask_before_closing(self, self._close_now)
            if box is not None:
                self.unsaved_box = box
                box.finished.connect(lambda _r: setattr(self, "unsaved_box", None))
                event.ignore()
                return
        drafts = sys.modules.get("bdcq_desktop.ui.tabs.minutes_drafts")
        if drafts is not None:  # the drafts kept aside written (or cleared) before the end
            drafts.flush()
        view_state.save_geometry("main", self)
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._leaving = True
        if not self.close():
            self._leaving = False
