"""The main window's menus (Tệp, Chỉnh sửa, Xem, Trợ giúp), their shortcuts, and what the
entries of Tệp and Trợ giúp open (Thiết lập…, Sao lưu…, the meeting-room copies, the guide,
Giới thiệu).

:class:`WindowMenus` is a part of :class:`.main_window.MainWindow` (one of its bases), kept
apart from the tabs and their loading: it calls the window's own actions (``reload_all``,
``focus_search``…) and reads its ``tabs`` and ``db``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from .. import __version__
from .messages import guarded
from .mnemonics import mnemonic_of, with_mnemonic


class WindowMenus:
    """The menu bar of a main window (``self`` is the window)."""

    # What the window provides (see MainWindow).
    tabs: Any
    db: Any

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&Tệp"))
        self.backup_action = self._action(self.tr("&Sao lưu dữ liệu…"), self.backup)
        self.restore_action = self._action(self.tr("&Khôi phục từ bản sao lưu…"), self.restore)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        self.backups_action = self._action(self.tr("Sa&o lưu…"), self.open_backups)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        # The office's shared server (or back to this computer's file). Alt+D: the other
        # letters of its words are taken in this menu.
        self.connect_action = self._action(
            self.tr("Kết nối cơ sở &dữ liệu dùng chung…"), self.open_connect
        )
        self.connect_action.setObjectName("connectAction")
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        # The laptop's copy (a SQLite file, from PostgreSQL too), and the laptop's record of
        # a meeting back to the office. Alt+M: C is "Tên cán bộ…"'s, and a letter shared in a
        # menu only moves between its entries.
        self.room_copy_action = self._action(
            self.tr("Chép dữ liệu sang &máy phòng họp…"), self.copy_for_room
        )
        file_menu.addAction(self.room_copy_action)
        self.room_export_action = self._action(
            self.tr("&Xuất biên ghi phòng họp…"), self.export_room_record
        )
        self.room_import_action = self._action(
            self.tr("&Nhập biên ghi từ phòng họp…"), self.import_room_record
        )
        file_menu.addAction(self.room_export_action)
        file_menu.addAction(self.room_import_action)
        file_menu.addSeparator()
        # The documents' submenu goes here once the database is open (attach).
        self._documents_place = file_menu.addSeparator()
        self.settings_action = self._action(self.tr("Thiết &lập…"), self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        self.officer_action = self._action(self.tr("Tên &cán bộ trên máy này…"), self.open_officer)
        file_menu.addAction(self.officer_action)
        file_menu.addSeparator()
        self.quit_action = self._action(
            self.tr("&Thoát"), self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Chỉnh sửa"))
        self.edit_menu.setObjectName("editMenu")
        self.find_action = self._action(
            self.tr("&Tìm kiếm"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.edit_menu.addAction(self.find_action)
        # Below it, the buttons of the toolbar in front (add, import, export…), each with a
        # mnemonic: everything the mouse can reach, the keyboard reaches too.
        self.edit_menu.aboutToShow.connect(self._fill_edit_menu)

        view_menu = bar.addMenu(self.tr("&Xem"))
        self.refresh_action = self._action(
            self.tr("&Làm mới"), self.reload_all, QKeySequence.StandardKey.Refresh
        )
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        # Ctrl+Tab as in every tabbed program, Ctrl+PgDn as in browsers and spreadsheets.
        self.next_tab_action = self._action(self.tr("Thẻ &sau"), lambda: self.step_tab(1))
        self.next_tab_action.setShortcuts(
            [
                *QKeySequence.keyBindings(QKeySequence.StandardKey.NextChild),
                QKeySequence("Ctrl+PgDown"),
            ]
        )
        self.previous_tab_action = self._action(self.tr("Thẻ &trước"), lambda: self.step_tab(-1))
        self.previous_tab_action.setShortcuts(
            [
                *QKeySequence.keyBindings(QKeySequence.StandardKey.PreviousChild),
                QKeySequence("Ctrl+PgUp"),
            ]
        )
        for action in (self.next_tab_action, self.previous_tab_action):
            # A QAction's shortcut works in its whole window by default (WindowShortcut).
            view_menu.addAction(action)
            self.addAction(action)  # the shortcut works while the menu bar is closed

        help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        # F1: the guide at the section of the tab in front (dialogs have their own F1).
        self.guide_action = self._action(
            self.tr("&Hướng dẫn sử dụng"), self.open_guide, QKeySequence.StandardKey.HelpContents
        )
        self.guide_action.setObjectName("guideAction")
        help_menu.addAction(self.guide_action)
        self.about_action = self._action(self.tr("&Giới thiệu"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)
        # What needs the database waits for it.
        self._data_actions = [
            self.backup_action, self.restore_action, self.backups_action,
            self.settings_action, self.find_action, self.refresh_action,
        ]  # fmt: skip
        for action in self._data_actions:
            action.setEnabled(False)

    def _action(self, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            # The same as setShortcut(QKeySequence(shortcut)), which would build Qt's namespace
            # enums before the first paint (see setVisible).
            action.setShortcuts([QKeySequence(shortcut)])
        # A refusal on the way (Làm mới with the server gone) is a message, not a defect.
        action.triggered.connect(guarded(slot, self))
        return action

    def step_tab(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) main tab, wrapping around."""
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def current_toolbar_actions(self) -> list[QAction]:
        """The actions of the toolbars shown in the tab in front, in their order."""
        tab = self.current_tab()
        actions: list[QAction] = []
        for toolbar in tab.findChildren(QToolBar):
            if toolbar.isVisibleTo(tab):
                actions += [a for a in toolbar.actions() if not a.isSeparator() and a.text()]
        return actions

    def _fill_edit_menu(self) -> None:
        menu = self.edit_menu
        for action in menu.actions():
            if action is not self.find_action:
                menu.removeAction(action)
                if action.parent() is menu:
                    action.deleteLater()
        actions = self.current_toolbar_actions() if self.db is not None else []
        if not actions:
            return
        menu.addSeparator()
        used = {mnemonic_of(self.find_action.text())}
        for source in actions:
            entry = QAction(with_mnemonic(source.text(), used), menu)
            entry.setObjectName(f"menu_{source.objectName()}")
            entry.setShortcut(source.shortcut())
            entry.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the source's works
            entry.setEnabled(source.isEnabled())
            entry.setToolTip(source.toolTip())
            entry.triggered.connect(source.trigger)
            menu.addAction(entry)

    # -- what the entries of Tệp and Trợ giúp open -------------------------------------------------
    def open_settings(self, focus: str | None = None) -> None:
        """Tệp → Thiết lập…: organisation, documents, page; the window reloads after a save.
        ``focus``: an organisation field to start on (its tab in front), or "days_off"."""
        from .dialogs.settings_dialog import SettingsDialog

        previous = getattr(self, "settings_dialog", None)
        if previous is not None:
            previous.deleteLater()
        self.settings_dialog = dialog = SettingsDialog(self.db, self)
        dialog.saved.connect(self._settings_saved)
        # Days off are saved one by one, not by "Lưu": the notice's line read again on closing.
        dialog.finished.connect(lambda _r: self.update_days_off())
        dialog.open()
        if focus == "days_off":  # the notice's "Nhập ngày nghỉ…"
            dialog.tabs.setCurrentWidget(dialog.days_off)
        if isinstance(focus, str) and dialog.org_form.has_field(focus):  # not the menu's bool
            dialog.tabs.setCurrentWidget(dialog.org_tab)
            dialog.org_form.editor(focus).setFocus(Qt.FocusReason.OtherFocusReason)

    def open_officer(self) -> None:
        """Tệp → Tên cán bộ trên máy này…: who the change log names for this computer."""
        from .dialogs.officer_dialog import officer_dialog

        self.officer_dialog = officer_dialog(self)
        # Deleted once closed: each opening otherwise left one more hidden form in the window.
        self.officer_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.officer_dialog.open()

    def _settings_saved(self, _result: object = None) -> None:
        self.reload_all()
        self.statusBar().showMessage(
            self.tr("Đã lưu thiết lập; văn bản xuất từ nay dùng thiết lập mới."), 8000
        )

    def open_backups(self) -> None:
        """Tệp → Sao lưu…: the automatic backups; a restore reloads every tab."""
        from .dialogs.backups_dialog import open_backups_dialog

        open_backups_dialog(self)

    def backup(self) -> None:
        from .backup_actions import backup_to_file

        backup_to_file(self)

    def copy_for_room(self) -> None:
        from .room_record_actions import copy_for_room

        copy_for_room(self)

    def export_room_record(self) -> None:
        from .room_export import export_room_record

        export_room_record(self)

    def import_room_record(self) -> None:
        from .room_record_actions import import_room_record

        import_room_record(self)

    def restore(self) -> None:
        from .backup_actions import restore_from_file

        restore_from_file(self)

    def open_guide(self) -> None:
        """Trợ giúp › Hướng dẫn sử dụng (F1): the guide at the tab in front's section."""
        from .help_key import TAB_SECTIONS, open_guide

        open_guide(self, TAB_SECTIONS[max(self.tabs.currentIndex(), 0)])

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Giới thiệu BCĐ Desktop"),
            self.tr(
                "<b>BCĐ Desktop</b> {version}<br>Phần mềm quản lý công việc của Văn phòng Ban "
                "Chỉ đạo xây dựng Chính quyền điện tử: thành viên, cuộc họp, Tổ công tác, "
                "báo cáo và văn bản theo Nghị định 30/2020/NĐ-CP."
            ).format(version=__version__),
        )
