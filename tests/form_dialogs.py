"""Every dialog with a form, opened on the demo data: the keyboard tests (Alt letters) and the
small-screen tests go through the same list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from bdcq_desktop.core import meetings, members, reports, roster_io, rounds, session_detail, units
from bdcq_desktop.core.models import Meeting, MeetingStatus, WorkingSession
from bdcq_desktop.core.task_tracking import track_tasks

PARENT: list[QWidget] = []  # the window a dialog that needs one opens over (the test sets it)


def _meeting(db: Any, status: MeetingStatus) -> Any:
    with db.session() as s:
        mid = s.scalars(select(Meeting.id).where(Meeting.status == status)).first()
    return meetings.get_meeting(db, mid)


def _session_id(db: Any) -> int:
    with db.session() as s:
        return s.scalars(select(WorkingSession.id).order_by(WorkingSession.id)).first()


def _output(db: Any) -> tuple[int, Any]:
    with db.session() as s:
        ids = s.scalars(select(WorkingSession.id)).all()
    for sid in ids:
        for row in session_detail.get_session(db, sid).outputs:
            if row.next_statuses:
                return sid, row
    raise AssertionError("the demo has no output whose status can change")


def _round(db: Any, ad_hoc: bool) -> Any:
    """The newest round of a regime, or the newest ad hoc request (their forms differ)."""
    for row in reports.list_rounds(db):
        detail = rounds.get_round(db, row.id)
        if (detail.period_start is None) == ad_hoc:
            return detail
    raise AssertionError("the demo has no such round")


def _import(db: Any, tmp_path: Path) -> QWidget:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    path = tmp_path / "danh-sach.csv"
    path.write_text(
        "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò\nLê Văn Hai,Nam,Giám đốc,Sở Y tế,Thành viên\n",
        encoding="utf-8",
    )
    return ImportPreviewDialog(db, roster_io.preview_import(db, path), str(path))


def _reason(db: Any, tmp_path: Path) -> QWidget:
    from bdcq_desktop.ui.tabs.minutes_dialogs import ReasonDialog

    return ReasonDialog(PARENT[0], lambda _reason: None)


def _forms() -> dict[str, Callable[[Any, Path], QWidget]]:
    from bdcq_desktop.ui.dialogs import (
        agenda_dialog,
        conclusion_dialog,
        document_dialog,
        invitees_dialog,
        meeting_dialogs,
        member_dialogs,
        officer_dialog,
        output_dialogs,
        reorganise_dialog,
        round_dialogs,
        round_open,
        session_dialogs,
        settings_dialog,
        submission_dialogs,
        task_dialogs,
        unit_dialogs,
    )

    def committee_row(db: Any) -> Any:
        return members.list_committee(db)[0]

    def planned(db: Any) -> Any:
        return _meeting(db, MeetingStatus.PLANNED)

    return {
        "unit-new": lambda db, _p: unit_dialogs.unit_dialog(db),
        "unit-edit": lambda db, _p: unit_dialogs.unit_dialog(db, unit=units.list_units(db)[0]),
        "unit-retire": lambda db, _p: unit_dialogs.retire_unit_dialog(db, units.list_units(db)[0]),
        "unit-merge": lambda db, _p: unit_dialogs.merge_unit_dialog(db, units.list_units(db)[0]),
        "person": lambda db, _p: member_dialogs.person_dialog(db),
        "member-new": lambda db, _p: member_dialogs.new_member_dialog(db, "committee"),
        "member-edit": lambda db, _p: member_dialogs.edit_member_dialog(
            db, committee_row(db), "committee"
        ),
        "member-end": lambda db, _p: member_dialogs.end_membership_dialog(
            db, committee_row(db), "committee"
        ),
        "appointment": lambda db, _p: reorganise_dialog.appointment_dialog(db, "committee"),
        "reorganise": lambda db, _p: reorganise_dialog.ReorganiseDialog(db, "committee"),
        "meeting-new": lambda db, _p: meeting_dialogs.new_meeting_dialog(db),
        "meeting-edit": lambda db, _p: meeting_dialogs.edit_meeting_dialog(db, planned(db).id),
        "meeting-similar": lambda db, _p: meeting_dialogs.similar_meeting_dialog(
            db, planned(db).id
        ),
        "meeting-cancel": lambda db, _p: meeting_dialogs.cancel_meeting_dialog(
            db, planned(db).id, planned(db).version, planned(db).title
        ),
        "invitees": lambda db, _p: invitees_dialog.InviteDialog(db, planned(db).id),
        "agenda": lambda db, _p: agenda_dialog.AgendaDialog(db, planned(db).id),
        "conclusion": lambda db, _p: conclusion_dialog.ConclusionDialog(
            db, _meeting(db, MeetingStatus.HELD), None
        ),
        "session-new": lambda db, _p: session_dialogs.new_session_dialog(db),
        "session-edit": lambda db, _p: session_dialogs.edit_session_dialog(db, _session_id(db)),
        "participants": lambda db, _p: session_dialogs.ParticipantsDialog(db, _session_id(db)),
        "attendance": lambda db, _p: session_dialogs.AttendanceDialog(db, _session_id(db)),
        "output": lambda db, _p: output_dialogs.OutputDialog(db, _session_id(db)),
        "output-status": lambda db, _p: output_dialogs.status_dialog(
            db, *_output(db), PARENT[0]
        ),
        "task": lambda db, _p: task_dialogs.AdHocTaskDialog(db, None),
        "task-result": lambda db, _p: task_dialogs.TaskResultDialog(db, track_tasks(db)[0]),
        "regime": lambda db, _p: round_dialogs.RegimeDialog(db, None),
        "round-open": lambda db, _p: round_open.OpenRoundDialog(db),
        "round-ad-hoc": lambda db, _p: round_dialogs.AdHocRoundDialog(db),
        "round-edit": lambda db, _p: round_dialogs.EditRoundDialog(db, _round(db, False)),
        "round-edit-ad-hoc": lambda db, _p: round_dialogs.EditRoundDialog(db, _round(db, True)),
        "submission": lambda db, _p: submission_dialogs.SubmissionDialog(
            db, reports.submission_rows(db)[0]
        ),
        "submission-quick": lambda db, _p: submission_dialogs.QuickEntryDialog(
            db, reports.submission_rows(db)[0]
        ),
        "settings": lambda db, _p: settings_dialog.SettingsDialog(db),
        "officer": lambda db, _p: officer_dialog.officer_dialog(),
        "import": _import,
        "document": lambda db, _p: document_dialog.DocumentDialog(db, None, kind="roster"),
        "reopen-minutes": _reason,
    }


FORMS = _forms()


def shown(qtbot: Any, dialog: QWidget) -> QWidget:
    """``dialog`` shown and active, as a keyboard user meets it."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog
