"""A session's drafts and the committee meetings they go to: "Đã trình" only at a meeting
already held (one still to come or cancelled is refused under "Trình tại cuộc họp"), and a new
draft never starts approved, whether the window's "Thêm sản phẩm" or ``bdcq sessions attach``
adds it: both go through the same core call and get the same message."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import session_outputs as so
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import Meeting, MeetingKind, MeetingStatus
from bdcq_desktop.core.session_detail import get_session
from tests import cli_run
from tests.cli_run import bdcq, state
from tests.cli_run import ok_json as ok
from tests.test_cli_session_edits import NEW
from tests.test_sessions_core import _new, group  # noqa: F401

TABLES = ("working_session", "session_output", "stored_file", "change_log")
refused = partial(cli_run.refused, tables=TABLES)


def _meeting(db: Any, starts_at: datetime, status: MeetingStatus) -> int:
    """A committee meeting as the meetings tab records it (its own rules are not tested
    here)."""
    with db.session() as s:
        m = Meeting(
            kind=MeetingKind.REGULAR,
            title="Họp Ban Chỉ đạo định kỳ",
            starts_at=starts_at,
            status=status,
        )
        s.add(m)
        s.flush()
        return m.id


def _version(db: Any, sid: int) -> int:
    return get_session(db, sid).version


def test_submitted_only_at_a_meeting_already_held(db: Any, group: dict) -> None:  # noqa: F811
    sid = _new(db)  # 02/03/2026 – 06/03/2026
    ahead = datetime.combine(date.today() + timedelta(days=20), datetime.min.time()).replace(
        hour=8
    )
    planned = _meeting(db, ahead, MeetingStatus.PLANNED)
    convened = _meeting(db, ahead, MeetingStatus.CONVENED)
    cancelled = _meeting(db, datetime(2026, 4, 10, 8), MeetingStatus.CANCELLED)
    held = _meeting(db, datetime(2026, 4, 9, 8), MeetingStatus.HELD)
    oid = so.add_output(db, sid, title="Dự thảo Đề án", kind="proposal", expected_version=None)
    before = so.get_output(db, oid)
    for meeting in (planned, convened):
        with pytest.raises(ValidationError) as exc:
            so.set_output_status(
                db, oid, "submitted", expected_version=_version(db, sid),
                submitted_meeting_id=meeting,
            )  # fmt: skip
        assert exc.value.field == "submitted_meeting_id", exc.value.message
        assert "chưa diễn ra" in exc.value.message and "Đã trình" in exc.value.message
        assert f"{ahead:%d/%m/%Y}" in exc.value.message
    with pytest.raises(ValidationError) as exc:
        so.set_output_status(
            db, oid, "submitted", expected_version=_version(db, sid), submitted_meeting_id=cancelled
        )
    assert exc.value.field == "submitted_meeting_id" and "đã hủy" in exc.value.message
    # A new draft recorded as submitted after the fact: the same rule.
    with pytest.raises(ValidationError) as exc:
        so.add_output(
            db, sid, title="Dự thảo Quy chế", kind="regulation", status="submitted",
            submitted_meeting_id=planned, expected_version=_version(db, sid),
        )  # fmt: skip
    assert exc.value.field == "submitted_meeting_id"
    assert so.get_output(db, oid) == before  # nothing written
    assert len(get_session(db, sid).outputs) == 1
    so.set_output_status(
        db, oid, "submitted", expected_version=_version(db, sid), submitted_meeting_id=held
    )
    assert so.get_output(db, oid).submitted_meeting_id == held


def test_a_new_draft_never_starts_approved(db: Any, group: dict) -> None:  # noqa: F811
    sid = _new(db)
    held = _meeting(db, datetime(2026, 4, 9, 8), MeetingStatus.HELD)
    with pytest.raises(ValidationError) as exc:
        so.add_output(
            db, sid, title="Quy chế đã ban hành", kind="regulation", status="approved",
            submitted_meeting_id=held, expected_version=_version(db, sid),
        )  # fmt: skip
    assert exc.value.field == "status"
    assert '"Đã trình"' in exc.value.message and '"Đã phê duyệt, ban hành"' in exc.value.message
    assert get_session(db, sid).outputs == ()
    # The steps: recorded as submitted at the meeting, then approved.
    oid = so.add_output(
        db, sid, title="Quy chế đã ban hành", kind="regulation", status="submitted",
        submitted_meeting_id=held, expected_version=_version(db, sid),
    )  # fmt: skip
    so.set_output_status(db, oid, "approved", expected_version=_version(db, sid))
    row = so.get_output(db, oid)
    assert (row.status, row.submitted_meeting_id) == ("approved", held)


def _meetings(demo: Path) -> tuple[int, int]:
    """A meeting of the demo still to come, and one held after the session ``NEW`` began."""
    rows = ok(bdcq(demo, "meetings", "list", "--format", "json"))
    now = datetime.now()
    ahead = next(
        r["id"] for r in rows
        if r["status"] in ("planned", "convened") and datetime.fromisoformat(r["starts_at"]) > now
    )  # fmt: skip
    held = next(
        r["id"] for r in rows
        if r["status"] in ("held", "minutes_final")
        and datetime.fromisoformat(r["starts_at"]).date() >= date(2026, 4, 13)
    )  # fmt: skip
    return ahead, held


def test_the_command_line_attach_takes_the_windows_rule(demo: Path, tmp_path: Path) -> None:
    sid = str(ok(bdcq(demo, *NEW, "--format", "json"))["id"])
    draft = tmp_path / "quy-che.txt"
    draft.write_text("Quy chế", "utf-8")
    ahead, held = _meetings(demo)
    before = state(demo, TABLES)
    attach = ("sessions", "attach", sid, str(draft), "--title", "Quy chế", "--kind", "regulation")
    refused(demo, before, bdcq(demo, *attach, "--status", "approved"),
            "Tình trạng", '"Đã trình"', "trước")  # fmt: skip
    refused(demo, before, bdcq(demo, *attach, "--status", "submitted", "--meeting", str(ahead)),
            "Trình tại cuộc họp", "chưa diễn ra")  # fmt: skip
    out = bdcq(demo, *attach, "--status", "submitted", "--meeting", str(held))
    assert out.returncode == 0, out.stderr
    (o,) = ok(bdcq(demo, "sessions", "show", sid, "--format", "json"))["outputs"]
    assert (o["status"], o["submitted_meeting_id"]) == ("submitted", held)
    # Approved through output-status, the window's "Đổi tình trạng".
    d = ok(bdcq(demo, "sessions", "output-status", str(o["id"]), "approved", "--format", "json"))
    assert d["outputs"][0]["status"] == "approved"
    # output-status to a meeting still to come: refused as in the window.
    out = bdcq(demo, *attach[:4], "--title", "Dự thảo 2")
    assert out.returncode == 0, out.stderr
    oid = str(ok(bdcq(demo, "sessions", "show", sid, "--format", "json"))["outputs"][-1]["id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "sessions", "output-status", oid, "submitted", "--meeting",
                               str(ahead)), "Trình tại cuộc họp", "chưa diễn ra")  # fmt: skip


def test_the_windows_output_dialogs_offer_only_what_the_core_takes(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.core import meetings, working_group
    from bdcq_desktop.ui.dialogs.output_dialogs import OutputDialog, status_dialog

    sid = working_group.create_session(
        demo_db, purpose="regulation", title="Xây dựng Quy chế", starts_on="13/04/2026",
        ends_on="15/04/2026",
    )  # fmt: skip
    dialog = OutputDialog(demo_db, sid)
    qtbot.addWidget(dialog)
    status = dialog.form.editor("status")
    offered = [status.itemData(i) for i in range(status.count())]
    assert offered == ["drafting", "consulting", "submitted"]
    lookup = dialog.form.editor("submitted_meeting_id")
    ids = {lookup.itemData(i) for i in range(lookup.count())} - {None}
    now = datetime.now()
    every = meetings.list_meetings(demo_db)
    ahead = {m.id for m in every if m.starts_at > now and m.status in ("planned", "convened")}
    cancelled = {m.id for m in every if m.status == "cancelled"}
    assert ahead and cancelled and ids
    assert not ids & (ahead | cancelled), ids
    held = next(iter(ids))
    oid = so.add_output(
        demo_db, sid, title="Dự thảo", kind="regulation", expected_version=None
    )
    box = status_dialog(demo_db, sid, so.get_output(demo_db, oid), None)  # type: ignore[arg-type]
    qtbot.addWidget(box)
    lookup = box.form.editor("submitted_meeting_id")
    assert held in {lookup.itemData(i) for i in range(lookup.count())}
    assert not {lookup.itemData(i) for i in range(lookup.count())} & ahead
