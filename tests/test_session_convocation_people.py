"""A session's convocation after it is issued: who it names and the days it covers.

The convocation's annex lists the people called and its body counts them. Adding someone
once it is issued changes what it says: asked first, naming it, and superseded on confirm,
as taking someone off is. Taking off someone added after it was issued (not on its list)
asks nothing and leaves it in force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as m
from bdcq_desktop.core import register
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core.errors import IssuedConvocationWarning
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
from tests.cli_run import run_bdcq
from tests.test_issued_convocation_changes import (  # noqa: F401
    TODAY,
    _annex_names,
    _issued,
    _shot,
    _text,
    convened,
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
    assert "2 thành viên Tổ công tác và 2 chuyên gia, nhà khoa học" in text
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
    assert yes is not None and yes.text() == "Vẫn lưu"
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
