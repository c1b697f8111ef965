"""What the start (:class:`.app._Start`) asks and says once the database is opened, or could
not be: the demo offer on an empty database, the demo loaded, and the refusal of a database
that cannot be used (a damaged one with a good backup is offered its recovery instead:
:func:`.dialogs.backups_dialog.offer_recovery`).

The boxes do not block: the start shows them in the callback of the job that opened the
database, where a nested event loop let a window be deleted under its box (a double free,
the application aborted). Each is window-modal over the main window, the rest of the start
runs from its answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from . import messages
from .messages import Answer


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def offer_demo(window: QWidget, on_answer: Callable[[bool], None]) -> QMessageBox:
    """First start on an empty database: offer the demo data, in plain words; the question,
    open. ``on_answer(True)``: load it (Enter), ``on_answer(False)``: start empty (Esc)."""
    role = QMessageBox.ButtonRole
    return messages.ask(
        window,
        _tr("Cơ sở dữ liệu trống"),
        _tr(
            "Cơ sở dữ liệu chưa có dữ liệu. Nạp dữ liệu mẫu (tỉnh Nghệ An) để làm quen với "
            "ứng dụng?"
        ),
        [
            Answer("loadDemoButton", _tr("Nạp dữ liệu mẫu"), role.AcceptRole),
            Answer("emptyStartButton", _tr("Bắt đầu với dữ liệu trống"), role.RejectRole),
        ],
        default="loadDemoButton",
        escape="emptyStartButton",
        on_answer=lambda answer: on_answer(answer == "loadDemoButton"),
        # The demo goes into this very file; a new office that tried it must be told the way
        # back to an empty one (the backup taken before the load, its register empty too).
        informative=_tr(
            "Dữ liệu mẫu chỉ nạp được vào cơ sở dữ liệu trống; người trong đó là hư cấu. "
            "Để sau đó bắt đầu làm việc thật trên cơ sở dữ liệu trống: Tệp › Sao lưu…, khôi "
            "phục bản sao lưu “trước khi nạp dữ liệu mẫu”."
        ),
        name="demoOffer",
    )


def refuse_database(
    exc: Any,
    window: QWidget,
    then: Callable[[], None],
    retry: Callable[[], None] | None = None,
    named_by: str = "",
) -> QMessageBox:
    """The database cannot be opened: which file, why, and the backup to restore from (the
    core's error ``exc``, with its ``path`` and ``backup`` when it has them); ``then()`` once
    it has been read ("Thoát", Enter or Esc: the start then quits). ``retry``: the database
    may open in a moment (a server out of reach, restarting): "Thử lại" is offered first and
    calls it, Esc still quits. ``named_by``: where the server's address came from ("--db",
    "BDCQ_DATABASE_URL"), said with "Thử lại" as the place to correct it: the form of "Sửa kết
    nối…" would remember another server for this computer, and the next start from the same
    shortcut would name the old address again."""
    informative = ""
    backup = getattr(exc, "backup", None)
    path = getattr(exc, "path", None)
    if backup is not None and path is not None:
        informative = _tr(
            'Để khôi phục, đóng ứng dụng rồi chạy lệnh:\nbdcq --db "{path}" restore "{backup}"'
        ).format(path=path, backup=backup)
    role = QMessageBox.ButtonRole
    leave = Answer("quitButton", _tr("Thoát"), role.AcceptRole)
    answers, first = [leave], leave.name
    if retry is not None:
        leave = Answer("quitButton", _tr("Thoát"), role.RejectRole)
        again = Answer("retryButton", _tr("Thử lại"), role.AcceptRole)
        answers, first = [again, leave], again.name
        if named_by == "--db":
            informative = _tr(
                "Địa chỉ máy chủ này được ghi trong lệnh hoặc lối tắt mở ứng dụng (--db). Nếu "
                "máy chủ đã đổi địa chỉ, hãy sửa nó ở đó rồi mở lại ứng dụng."
            )
        elif named_by:
            informative = _tr(
                "Địa chỉ máy chủ này được đặt bằng biến môi trường {name}. Nếu máy chủ đã đổi "
                "địa chỉ, hãy sửa biến đó rồi mở lại ứng dụng."
            ).format(name=named_by)

    def answered(answer: str | None) -> None:
        if answer == "retryButton" and retry is not None:
            if isinstance(window, QMainWindow):  # the officer sees it is being tried
                window.statusBar().showMessage(_tr("Đang kết nối lại…"))
            retry()
        else:
            then()

    return messages.ask(
        window, "BCĐ Desktop", exc.message, answers, default=first, escape=leave.name,
        on_answer=answered, icon=QMessageBox.Icon.Critical, informative=informative,
        name="databaseRefused",
    )  # fmt: skip


def start_state(db: Any) -> tuple[bool, bool]:
    """What a start asks of a database just opened (in its background job): whether it is
    empty (the demo is then offered), and whether a demo load is to be finished. Asked of
    the core: the document engine (and the demo's builder) are imported only when a load
    is due."""
    from ..core.demo_mark import demo_unfinished, is_empty

    empty = is_empty(db)
    due = False
    if not empty and demo_unfinished(db):
        from ..core.demo import due_documents

        due = bool(due_documents(db))
    return empty, due


def load_demo(window: QWidget, db: Any) -> None:
    """The demo accepted on a first start (or a load to finish). The core may still refuse
    it (another officer filled the shared file since the start asked): that is told in a
    message, and the start goes on with the file as it is (its backups, its tabs' rows)."""
    from ..core.errors import BcdError
    from ..documents.demo import load_demo_with_documents

    try:
        # The same call as ``bdcq demo``: it also finishes a load that was interrupted.
        load_demo_with_documents(db)
    except BcdError as exc:
        title = _tr("Chưa nạp được dữ liệu mẫu")
        messages.show_error(window, exc, title).setObjectName("demoRefused")
