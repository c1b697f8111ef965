"""Tệp › Kết nối cơ sở dữ liệu dùng chung… from the main window: the dialog opened on the
server this computer remembers (else the one the window is on), and the window switched to
the database it opens (:meth:`.window_switch.WindowSwitch.switch_database`), as a start
fills it: an empty database offered the demo, a demo load left unfinished finished."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ..core.errors import BcdError
from .dialogs.connect_dialog import ConnectDialog
from .unsaved_work import refuse_switch


def _tr(text: str) -> str:
    return QCoreApplication.translate("connect_actions", text)


def _servers(window: Any) -> tuple[Any, bool, str]:
    """The server to fill the form with, whether the window is on this computer's own file,
    and what to say of a start that named its database (which still wins at the next)."""
    from ..core.engine import default_sqlite_path
    from ..core.server_choice import remembered_server, shared_server

    note = ""
    try:
        server = remembered_server()
    except BcdError as exc:  # a setting edited by hand: said, the form left empty
        server, note = None, exc.message
    db = window.db
    if server is None and db is not None and db.sqlite_path is None:
        from sqlalchemy.engine import make_url

        url = make_url(db.url)  # the server the window was started on (--db URL)
        try:
            server = shared_server(url.host, url.port, url.database, url.username)
        except BcdError:
            server = None
    local = db is not None and db.sqlite_path == default_sqlite_path() and server is None
    if window.opened_by:
        note = _tr(
            "Ứng dụng được mở với {option}: lần khởi động sau vẫn mở cơ sở dữ liệu đó trước "
            "máy chủ chọn ở đây."
        ).format(option=window.opened_by)
    return server, local, note


def open_connect_dialog(window: Any) -> ConnectDialog:
    """The dialog, open (window-modal); the window switches once it connects."""
    server, local, note = _servers(window)
    dialog = ConnectDialog(
        window,
        server=server,
        in_use=in_use(window.db),
        local_in_use=local,
        note=note,
        # Other windows first (they must be closed), then what was typed here: asked as a quit
        # asks it.
        can_switch=lambda: other_windows(window, dialog) or refuse_switch(window, dialog),
    )
    dialog.opened.connect(lambda opened: switch_to(window, opened))
    dialog.open()
    return dialog


def in_use(db: Any) -> str:
    """What the window works on now, as the dialog says it."""
    if db is None:
        return ""
    if db.sqlite_path is None:
        from sqlalchemy.engine import make_url

        from ..core.storage_errors import server_address

        url = make_url(db.url)
        return _tr("Đang dùng: máy chủ {address}, cơ sở dữ liệu {database}.").format(
            address=server_address(url), database=url.database
        )
    if db.read_only:
        return _tr("Đang chỉ xem dữ liệu trên máy này: {path}.").format(path=db.sqlite_path)
    return _tr("Đang dùng dữ liệu trên máy này: {path}.").format(path=db.sqlite_path)


def other_windows(window: Any, dialog: QWidget) -> str | None:
    """Why the window cannot switch now: another of its windows is open (a live meeting, a
    document being prepared), holding the database it was opened on and what was typed in
    it. None when none is."""
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)  # not a menu, a tooltip
    titles = [
        w.windowTitle() or w.objectName()
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w not in (window, dialog) and w.windowType() in kinds
    ]
    if not titles:
        return None
    return _tr(
        "Hãy đóng các cửa sổ đang mở ({titles}) trước khi chuyển sang cơ sở dữ liệu khác: "
        "chúng đang làm việc trên cơ sở dữ liệu hiện tại."
    ).format(titles=", ".join(f"“{t}”" for t in titles))


def switch_to(window: Any, opened: tuple[Any, bool, bool, str | None]) -> None:
    """The window over the database ``opened`` (a :func:`.dialogs.connect_dialog.opened_state`),
    said in the status bar with its note (a password that could not be kept: the dialog said
    beforehand that it would not be); an empty database offered the demo as a first start
    offers it, a demo load left unfinished finished."""
    from .startup_questions import load_demo, offer_demo

    db, empty, due, note = opened
    window.switch_database(db)
    if db.sqlite_path is None:
        from ..core.server_choice import remembered_server

        server = remembered_server()
        said = _tr("Đã kết nối tới {server}.").format(
            server=server.described() if server is not None else window.db_label.text()
        )
    else:
        said = _tr("Đang dùng dữ liệu trên máy này: {path}").format(path=db.sqlite_path)
    window.statusBar().showMessage(f"{said} {note}" if note else said, 0 if note else 15000)
    if empty:

        def answered(load: bool) -> None:
            if load:
                load_demo(window, db)
                window.reload_all()

        offer_demo(window, answered)
    elif due:
        load_demo(window, db)
        window.reload_all()
