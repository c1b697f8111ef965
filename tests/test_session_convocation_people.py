"""A session's convocation after it is issued: who it names and the days it covers.

The convocation's annex lists the people called and its body counts them. Adding someone
once it is issued changes what it says: asked first, naming it, and superseded on confirm,
as taking someone off is. Taking off someone added after it was issued (not on its list)
asks nothing and leaves it in force. A session extended while under way gets a corrected
convocation dated the day of the change, after the first day, stating the whole period and
the one it replaces; it may be changed again afterwards."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as m
from bdcq_desktop.core import register
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.errors import IssuedConvocationWarning, ValidationError
from bdcq_desktop.core.models import (
    AttendanceStatus,
    ParticipantRole,
    Person,
    SessionParticipant,
    WorkingSession,
)
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import format_date
from bdcq_desktop.ui import messages
from tests.cli_run import run_bdcq
from tests.test_issued_convocation_changes import (  # noqa: F401
    TODAY,
    _annex_names,
    _appoint,
    _issued,
    _shot,
    _text,
    convened,
    convened_session,
    sessions_tab,
)

CONVENED = ["Hoàng Quang Tuấn", "Bùi Thị Ngân", "Nguyễn Trọng Khánh"]


def _added_without_asking(db: Any, sid: int, name: str) -> int:
    """Someone put on the session after its convocation was issued by a version that did not
    ask (data kept from before): the participant's id."""
    with db.session() as s:
        person = Person(full_name=name, kind="expert")
        s.add(person)
        s.flush()
        w = s.get(WorkingSession, sid)
        assert w is not None
        row = SessionParticipant(
            person_id=person.id,
            role=ParticipantRole.EXPERT,
            name_snapshot=name,
            attendance=AttendanceStatus.UNKNOWN,
        )
        w.participants.append(row)
        w.version += 1
        s.flush()
        return row.id


# -- adding someone ----------------------------------------------------------------------------


def test_adding_someone_after_the_convocation_is_asked_then_supersedes_it(
    db: Any, convened: int  # noqa: F811
) -> None:
    sid = convened
    newcomer = m.create_person(db, full_name="Trần Thị Hoa", kind="expert")
    d = get_session(db, sid)
    with pytest.raises(IssuedConvocationWarning) as asked:
        sp.add_participants(db, sid, person_ids=[newcomer], expected_version=d.version)
    message = asked.value.message
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {TODAY:%d/%m/%Y} đã ban hành" in message
    assert "người được triệu tập (thêm Trần Thị Hoa)" in message
    assert asked.value.parameter == "confirm_after_convocation"
    # Nothing written while it asks; someone already on it is not an addition.
    assert [p.name for p in get_session(db, sid).participants] == CONVENED
    people = [p.person_id for p in d.participants]
    assert sp.add_participants(db, sid, person_ids=people[:1], expected_version=d.version) == 0
    assert _issued(db, sid) == [("01/GTT-BCĐ", False)]
    # An expert typed in is asked alike.
    with pytest.raises(IssuedConvocationWarning, match="thêm Lê Văn Bình"):
        sp.add_participants(
            db,
            sid,
            new_experts=[{"full_name": "Lê Văn Bình", "agency": "Trường Đại học Vinh"}],
            expected_version=get_session(db, sid).version,
        )
    sp.add_participants(
        db,
        sid,
        person_ids=[newcomer],
        expected_version=get_session(db, sid).version,
        confirm_after_convocation=True,
    )
    assert _issued(db, sid) == [("01/GTT-BCĐ", True)]
    assert get_session(db, sid).status_label == "Dự kiến"
    # The corrected convocation lists and counts the newcomer; the old one keeps its list.
    new = service.issue(db, "wg-convocation", sid)
    assert new.symbol == "02/GTT-BCĐ"
    data = register.stored_copy(new)
    assert _annex_names(data) == [*CONVENED, "Trần Thị Hoa"]
    text = _text(data)
    assert "2 thành viên Tổ công tác và 2 chuyên gia" in text
    assert (
        f"Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ {format_date(TODAY)}./."
        in text
    )
    old = next(x for x in register.list_issued(db) if x.symbol == "01/GTT-BCĐ")
    assert _annex_names(register.stored_copy(old)) == CONVENED


# -- taking off someone the convocation does not name ------------------------------------------


def test_taking_off_someone_added_after_the_convocation_asks_nothing(
    db: Any, convened: int  # noqa: F811
) -> None:
    sid = convened
    late = _added_without_asking(db, sid, "Phạm Văn Lâm")
    d = get_session(db, sid)
    # The record says who the issued paper names.
    assert {p.name: p.convened for p in d.participants} == {
        **dict.fromkeys(CONVENED, True),
        "Phạm Văn Lâm": False,
    }
    assert sp.remove_participants(db, sid, [late], expected_version=d.version) == 1
    assert _issued(db, sid) == [("01/GTT-BCĐ", False)]  # still in force
    assert get_session(db, sid).status_label == "Đã triệu tập"
    # Taken off with someone it names, only the one it names is in the question.
    late = _added_without_asking(db, sid, "Phạm Văn Lâm")
    d = get_session(db, sid)
    named = next(p.id for p in d.participants if p.name == "Bùi Thị Ngân")
    with pytest.raises(IssuedConvocationWarning) as asked:
        sp.remove_participants(db, sid, [late, named], expected_version=d.version)
    assert "(bỏ Bùi Thị Ngân)" in asked.value.message
    assert "Phạm Văn Lâm" not in asked.value.message


# -- a session extended while under way ----------------------------------------------------------

STARTED = TODAY - timedelta(days=2)
ENDS = TODAY + timedelta(days=2)
EXTENDED = TODAY + timedelta(days=6)
CALLED_ON = TODAY - timedelta(days=4)


@pytest.fixture
def under_way(db: Any) -> int:
    """A session from two days ago to two days ahead, convened by 01/GTT-BCĐ four days ago."""
    if CALLED_ON.year != TODAY.year:
        pytest.skip("the register's year is closed on 31 December: run after 5 January")
    return convened_session(db, STARTED, ENDS, called_on=CALLED_ON)


def test_a_session_extended_under_way_gets_a_corrected_convocation_dated_today(
    db: Any, under_way: int
) -> None:
    sid = under_way
    # Not changed: a convocation after the first day is still refused.
    with pytest.raises(ValidationError) as refused:
        service.issue(db, "wg-convocation", sid)
    assert refused.value.field == "issued_on"
    version = get_session(db, sid).version
    with pytest.raises(IssuedConvocationWarning, match="01/GTT-BCĐ"):
        wg.update_session(db, sid, expected_version=version, ends_on=EXTENDED)
    wg.update_session(
        db, sid, expected_version=version, ends_on=EXTENDED, confirm_after_convocation=True
    )
    # Dated before the change: refused, naming the day of the change.
    with pytest.raises(ValidationError) as refused:
        service.issue(db, "wg-convocation", sid, issued_on=TODAY - timedelta(days=1))
    assert f"trước ngày thay đổi phiên làm việc ({TODAY:%d/%m/%Y})" in refused.value.message
    new = service.issue(db, "wg-convocation", sid)
    assert (new.symbol, new.issued_on) == ("02/GTT-BCĐ", TODAY)
    text = _text(register.stored_copy(new))
    assert f"ngày {TODAY:%d} tháng" in text.split("GIẤY TRIỆU TẬP")[0]
    assert f"Thời gian: từ {format_date(STARTED)} đến {format_date(EXTENDED)}" in text
    assert (
        f"Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ {format_date(CALLED_ON)}./."
        in text
    )
    assert get_session(db, sid).status_label == "Đang làm việc"
    # Extended again: asked, not refused for a first day before the corrected one's date.
    version = get_session(db, sid).version
    with pytest.raises(IssuedConvocationWarning, match="02/GTT-BCĐ"):
        wg.update_session(db, sid, expected_version=version, ends_on=EXTENDED + timedelta(days=1))
    # The first day moved before the convocation's date is still refused.
    with pytest.raises(ValidationError) as refused:
        wg.update_session(
            db,
            sid,
            expected_version=version,
            starts_on=STARTED - timedelta(days=1),
            confirm_after_convocation=True,
        )
    assert refused.value.field == "starts_on"


# -- the command line ----------------------------------------------------------------------------


def test_the_command_line_asks_for_yes_before_adding_and_not_for_a_late_addition(
    db: Any, db_path: Path, convened: int, tmp_path: Path  # noqa: F811
) -> None:
    sid = convened
    newcomer = m.create_person(db, full_name="Trần Thị Hoa", kind="expert")
    add = ["sessions", "participant-add", str(sid), "--person", str(newcomer)]
    out = run_bdcq(add, db=db_path)
    assert out.returncode == 2
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {TODAY:%d/%m/%Y} đã ban hành" in out.stderr
    assert out.stderr.rstrip().endswith("Thêm --yes để vẫn lưu / add --yes to save anyway.")
    assert len(get_session(db, sid).participants) == 3
    out = run_bdcq([*add, "--yes"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert "Đã thêm 1 người" in out.stdout
    assert _issued(db, sid) == [("01/GTT-BCĐ", True)]
    out_pdf = tmp_path / "gtt.pdf"
    out = run_bdcq(
        ["export", "wg-convocation", "--session", str(sid), "--issue", "-o", str(out_pdf)],
        db=db_path,
    )
    assert out.returncode == 0, out.stderr
    assert _annex_names(out_pdf.read_bytes()) == [*CONVENED, "Trần Thị Hoa"]
    # Someone added after 02 was issued, without asking (data from before): taken off
    # without --yes, 02 stays in force.
    late = _added_without_asking(db, sid, "Phạm Văn Lâm")
    out = run_bdcq(
        ["sessions", "participant-remove", str(sid), str(late)], db=db_path
    )
    assert out.returncode == 0, out.stderr
    assert "Đã bỏ 1 người" in out.stdout
    assert _issued(db, sid) == [("01/GTT-BCĐ", True), ("02/GTT-BCĐ", False)]


def test_the_command_line_extends_a_session_under_way_and_issues_its_correction(
    db: Any, db_path: Path, under_way: int, tmp_path: Path
) -> None:
    sid = under_way
    edit = ["sessions", "edit", str(sid), "--end", f"{EXTENDED:%d/%m/%Y}"]
    out = run_bdcq(edit, db=db_path)
    assert out.returncode == 2 and "Thêm --yes để vẫn lưu" in out.stderr
    out = run_bdcq([*edit, "--yes"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert "Đã sửa phiên làm việc" in out.stdout
    assert get_session(db, sid).ends_on == EXTENDED
    assert _issued(db, sid) == [("01/GTT-BCĐ", True)]
    out_pdf = tmp_path / "gtt.pdf"
    out = run_bdcq(
        ["export", "wg-convocation", "--session", str(sid), "--issue", "-o", str(out_pdf)],
        db=db_path,
    )
    assert out.returncode == 0, out.stderr
    assert "02/GTT-BCĐ" in out.stdout + out.stderr
    text = _text(out_pdf.read_bytes())
    assert f"từ {format_date(STARTED)} đến {format_date(EXTENDED)}" in text
    assert f"thay thế Giấy triệu tập số 01/GTT-BCĐ {format_date(CALLED_ON)}" in text


# -- the desktop ---------------------------------------------------------------------------------


def test_the_participants_dialog_asks_naming_the_convocation_then_supersedes_it(
    qtbot: Any, sessions_tab: Any  # noqa: F811
) -> None:
    from PySide6.QtCore import Qt

    view, sid, issued = sessions_tab.view, sessions_tab.session_id, sessions_tab.issued
    before = len(get_session(view.db, sid).participants)
    view.participants_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "participantsDialog"
    # The first expert not yet taking part, ticked with the keyboard.
    page = dialog.experts
    dialog.pages.setCurrentWidget(page)
    items = [page.list.item(i) for i in range(page.list.count())]
    item = next(it for it in items if it.flags() & Qt.ItemFlag.ItemIsEnabled)
    page.list.setFocus()
    page.list.setCurrentItem(item)
    qtbot.keyClick(page.list, Qt.Key.Key_Space)
    assert len(page.checked()) == 1
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert f"Giấy triệu tập số {issued.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in (
        question.text()
    )
    assert "người được triệu tập (thêm " in question.text()
    _shot(question, "add_question.png")
    assert len(get_session(view.db, sid).participants) == before  # nothing saved yet
    yes = question.findChild(type(dialog.save_button), "yesButton")
    assert yes is not None and yes.text().replace("&", "") == "Vẫn lưu"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    d = get_session(view.db, sid)
    assert len(d.participants) == before + 1
    assert [x.superseded_on for x in d.documents] == [TODAY]


def test_taking_off_someone_added_after_the_convocation_asks_only_the_removal(
    qtbot: Any, sessions_tab: Any  # noqa: F811
) -> None:
    from PySide6.QtCore import QItemSelectionModel, Qt

    view, sid = sessions_tab.view, sessions_tab.session_id
    late = _added_without_asking(view.db, sid, "Phạm Văn Lâm")
    view.reload()
    qtbot.waitUntil(lambda: not view.current_pending())
    assert view.select_session(sid)
    qtbot.waitUntil(lambda: not view.current_pending())
    section = view.pane.section("participants")
    rows = section.model.rows()
    at = next(i for i, r in enumerate(rows) if r.id == late)
    section.view.selectionModel().select(
        section.model.index(at, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert section.selected_ids() == [late]
    view.remove_participants()
    box = view.last_dialog
    assert box is not None and box.isVisible()
    assert "Phạm Văn Lâm" in box.text()
    assert "đã ban hành" not in box.text() and "thay thế" not in box.text()
    _shot(box, "remove_late_question.png")
    yes = box.findChild(type(box.buttons()[0]), "yesButton")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(p.id != late for p in get_session(view.db, sid).participants))
    assert [x.superseded_on for x in get_session(view.db, sid).documents] == [None]


def test_the_desktop_issues_the_corrected_convocation_of_a_session_extended_under_way(
    qtbot: Any, db: Any, under_way: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extended in the edit dialog (asked, naming 01/GTT-BCĐ), then issued from the document
    dialog dated today: before, the issue was refused as dated after the first day."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
    from bdcq_desktop.ui.dialogs.session_dialogs import edit_session_dialog

    sid = under_way
    dialog = edit_session_dialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    ends = dialog.form.editor("ends_on").edit
    ends.setFocus()
    ends.selectAll()
    qtbot.keyClicks(ends, f"{EXTENDED:%d/%m/%Y}")
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {CALLED_ON:%d/%m/%Y} đã ban hành" in (
        question.text()
    )
    _shot(question, "extend_question.png")
    yes = question.findChild(type(dialog.save_button), "yesButton")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert get_session(db, sid).ends_on == EXTENDED

    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    documents = DocumentDialog(db, "session", sid, "Đề án dữ liệu số", kind="wg-convocation")
    qtbot.addWidget(documents)
    documents.show()
    qtbot.waitUntil(lambda: not documents._busy, timeout=60_000)
    with qtbot.waitSignal(documents.issued, timeout=60_000) as issued:
        documents.issue_button.click()
    rec = issued.args[0]
    assert (rec.symbol, rec.issued_on) == ("02/GTT-BCĐ", TODAY)
    text = _text(register.stored_copy(rec))
    assert f"từ {format_date(STARTED)} đến {format_date(EXTENDED)}" in text
