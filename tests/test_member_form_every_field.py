"""A member's form refused on several fields marks them all on the first save (phone and
e-mail, the person's and the appointment's fields together), not one per save."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import members
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.ui.tabs.members_tab import MembersTab


def test_the_core_names_every_bad_field_at_once(db) -> None:
    with pytest.raises(ValidationError) as refused:
        members.appoint_new(
            db,
            person={"full_name": "Trịnh Văn Mới", "phone": "abc", "email": "x@"},
            appointment={"role": "member", "start_date": "31/02/2026", "field": "x" * 301},
        )
    assert [e.field for e in refused.value.every] == ["phone", "email", "start_date", "field"]
    assert members.list_people(db) == []  # nothing written
    with pytest.raises(ValidationError) as refused:
        members.appoint_new(
            db, person={"phone": "abc"}, appointment={"role": "member", "start_date": ""}
        )
    assert {e.field for e in refused.value.every} == {"phone", "full_name", "start_date"}


def test_the_member_dialog_marks_phone_and_email_on_one_save(qtbot: Any, demo_db) -> None:
    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.reload()
    view = tab.committee
    assert view.table.select_where(lambda r: r.role == "member")
    row = view.table.current_row()
    view.edit_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "editMemberDialog"
    dialog.form.editor("phone").setText("abc")  # type: ignore[attr-defined]
    dialog.form.editor("email").setText("x@")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    for key in ("phone", "email"):
        assert dialog.form.error_label(key).isVisible(), key
        assert dialog.form.fields[key].styled.property("invalid") is True, key
    assert members.get_person(demo_db, row.person_id).phone == row.phone  # nothing saved
    dialog.reject()
