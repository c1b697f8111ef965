"""Two officers on one record: the conflict dialog of a stale save (never losing what was
typed), and 100 concurrent-edit trials on a real PostgreSQL server (exactly one save wins
each time, the other is told, no update is lost)."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from bdcq_desktop.core import units
from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.models import ChangeAction, ChangeLog
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _typed(dialog: Any, key: str, text: str) -> None:
    dialog.form.editor(key).setText(text)


def _text(dialog: Any, key: str) -> str:
    return dialog.form.editor(key).text()


def test_stale_save_shows_both_versions_and_keeps_what_was_typed(qtbot: Any, db: Any) -> None:
    uid = units.create_unit(db, name="Sở Nội vụ", short_name="SNV", address="Số 1 Lê Lợi")
    dialog = unit_dialog(db, unit=units.get_unit(db, uid))
    qtbot.addWidget(dialog)
    dialog.open()
    # Another officer saves first: a new short name and a new address.
    units.update_unit(db, uid, expected_version=1, short_name="SNV-NA", address="Số 9 Trường Thi")
    _typed(dialog, "name", "Sở Nội vụ tỉnh Nghệ An")
    _typed(dialog, "address", "Số 3 Quang Trung")
    assert not dialog.try_save()
    box = dialog.conflict
    assert box is not None and box.isVisible()
    rows = {r.key: r for r in box.rows}
    assert set(rows) == {"name", "short_name", "address"}
    assert (rows["name"].opened, rows["name"].theirs, rows["name"].mine) == (
        "Sở Nội vụ",
        "Sở Nội vụ",
        "Sở Nội vụ tỉnh Nghệ An",
    )
    assert not rows["name"].both and rows["name"].result == "Sở Nội vụ tỉnh Nghệ An"
    assert rows["short_name"].theirs == "SNV-NA" and rows["short_name"].result == "SNV-NA"
    assert rows["address"].both and rows["address"].result == "Số 3 Quang Trung"
    assert box.table.item(2, 2).text() == "Số 9 Trường Thi"  # shown as the rows say
    assert not box.merge_button.isVisibleTo(box)  # no multi-line text changed by both
    # Back: the form as typed, nothing saved; Lưu asks again instead of overwriting.
    box.back_button.click()
    assert dialog.conflict is None and dialog.isVisible()
    assert _text(dialog, "name") == "Sở Nội vụ tỉnh Nghệ An"
    assert _text(dialog, "address") == "Số 3 Quang Trung"
    assert _text(dialog, "short_name") == "SNV"
    assert not dialog.try_save()
    assert dialog.conflict is not None
    assert units.get_unit(db, uid).address == "Số 9 Trường Thi"
    # Keep mine: the newest version with the typed changes on top, checked and saved again.
    dialog.conflict.keep_button.click()
    assert _text(dialog, "name") == "Sở Nội vụ tỉnh Nghệ An"
    assert _text(dialog, "address") == "Số 3 Quang Trung"
    assert _text(dialog, "short_name") == "SNV-NA"
    assert dialog.isVisible()  # nothing saved until Lưu
    assert units.get_unit(db, uid).version == 2
    assert dialog.try_save()
    saved = units.get_unit(db, uid)
    assert (saved.name, saved.short_name, saved.address, saved.version) == (
        "Sở Nội vụ tỉnh Nghệ An",
        "SNV-NA",
        "Số 3 Quang Trung",
        3,
    )


def _person_conflict(qtbot: Any, db: Any) -> tuple[Any, int]:
    """A person's dialog whose save met another officer's: both changed the notes (a
    multi-line text) and the position; only this one typed a phone number."""
    from bdcq_desktop.core import members
    from bdcq_desktop.ui.dialogs.member_dialogs import person_dialog

    pid = members.create_person(
        db, full_name="Trần Thị Bình", position="Chuyên viên", notes="Chuyên gia an toàn thông tin."
    )
    dialog = person_dialog(db, person=members.get_person(db, pid))
    qtbot.addWidget(dialog)
    dialog.open()
    members.update_person(
        db,
        pid,
        expected_version=1,
        position="Phó Giám đốc",
        notes="Chuyên gia an toàn thông tin.\nĐã tham gia tổ thẩm định 2025.",
    )
    _typed(dialog, "position", "Trưởng phòng")
    _typed(dialog, "phone", "0912 345 678")
    dialog.form.editor("notes").setPlainText("Chuyên gia an ninh mạng.\nLiên hệ qua văn phòng.")
    assert not dialog.try_save()
    assert dialog.conflict is not None
    return dialog, pid


def test_take_theirs_drops_what_was_typed(qtbot: Any, db: Any) -> None:
    from bdcq_desktop.core import members

    dialog, pid = _person_conflict(qtbot, db)
    dialog.conflict.theirs_button.click()
    assert dialog.conflict is None and dialog.isVisible()
    assert _text(dialog, "position") == "Phó Giám đốc"
    assert _text(dialog, "phone") == ""
    assert dialog.form.editor("notes").toPlainText() == (
        "Chuyên gia an toàn thông tin.\nĐã tham gia tổ thẩm định 2025."
    )
    assert "người kia" in dialog.banner_label.text()
    assert members.get_person(db, pid).version == 2  # nothing saved by the answer
    # The form now holds the newest version: Lưu is no longer stale and changes nothing.
    assert dialog.try_save(), dialog.banner_label.text()
    saved = members.get_person(db, pid)
    assert (saved.position, saved.phone or "", saved.version) == ("Phó Giám đốc", "", 2)


def test_merge_puts_both_texts_in_a_field_both_changed(qtbot: Any, db: Any) -> None:
    from bdcq_desktop.core import members
    from bdcq_desktop.ui.conflict_dialog import merge_marker

    dialog, pid = _person_conflict(qtbot, db)
    box = dialog.conflict
    rows = {r.key: r for r in box.rows}
    assert rows["notes"].mergeable and rows["position"].both and not rows["position"].mergeable
    assert box.merge_button.isVisibleTo(box)
    box.merge_button.click()
    assert dialog.conflict is None and dialog.isVisible()
    notes = dialog.form.editor("notes").toPlainText()
    assert notes == (
        "Chuyên gia an toàn thông tin.\nĐã tham gia tổ thẩm định 2025.\n"
        f"{merge_marker()}\n"
        "Chuyên gia an ninh mạng.\nLiên hệ qua văn phòng."
    )
    assert _text(dialog, "position") == "Trưởng phòng"  # a one-line field: mine, as keep mine
    assert _text(dialog, "phone") == "0912 345 678"
    assert "gộp" in dialog.banner_label.text()
    assert members.get_person(db, pid).version == 2  # nothing saved until Lưu
    # The officer tidies the merged text, then saves: one save on top of the other's.
    tidy = "Chuyên gia an ninh mạng.\nĐã tham gia tổ thẩm định 2025.\nLiên hệ qua văn phòng."
    dialog.form.editor("notes").setPlainText(tidy)
    assert dialog.try_save(), dialog.banner_label.text()
    saved = members.get_person(db, pid)
    assert (saved.notes, saved.position, saved.phone, saved.version) == (
        tidy,
        "Trưởng phòng",
        "0912 345 678",
        3,
    )


def test_a_table_dialog_without_fields_keeps_the_banner(qtbot: Any) -> None:
    from bdcq_desktop.ui.record_dialog import RecordDialog

    def save(_values: dict[str, Any]) -> int:
        raise ConflictError("Chương trình vừa được người khác sửa.")

    dialog = RecordDialog("Thử", [], save, reload=lambda: {})
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.try_save()
    assert dialog.conflict is None and dialog.reload_button.isVisibleTo(dialog)


TRIALS = 100


def _officer(
    db: Any, uid: int, version: int, start: threading.Barrier, field: str, value: str
) -> str:
    """One officer's save of the version they read; what happened to it."""
    start.wait()  # both have read the same version: now both save
    try:
        units.update_unit(db, uid, expected_version=version, **{field: value})
    except ConflictError as exc:
        # Refused by the version check before writing, or by the write itself (the other
        # save committed between our read and our UPDATE): both must be a ConflictError.
        return "conflict at write" if isinstance(exc.__cause__, StaleDataError) else "conflict"
    except Exception as exc:  # reported by the assertion in the test
        return repr(exc)
    return "saved"


def _run(outcome: dict[str, str], name: str, args: tuple[Any, ...]) -> None:
    outcome[name] = _officer(*args)


@pytest.mark.postgres
def test_concurrent_edits_on_postgres_one_wins_none_lost(pg_db: Any, record_property: Any) -> None:
    """Two officers read the same version and save at the same moment, 100 times."""
    uid = units.create_unit(pg_db, name="Sở Thông tin và Truyền thông", short_name="STTTT")
    refused: list[str] = []
    for trial in range(TRIALS):
        version = units.get_unit(pg_db, uid).version
        start = threading.Barrier(2)
        outcome: dict[str, str] = {}
        # Different fields: a lost update would show as the loser's value stored anyway.
        jobs = {"A": "short_name", "B": "address"}
        threads = [
            threading.Thread(
                target=_run,
                args=(outcome, name, (pg_db, uid, version, start, field, f"{name} {trial}")),
            )
            for name, field in jobs.items()
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcome.values())[1] == "saved", outcome
        assert sorted(outcome.values())[0].startswith("conflict"), outcome
        winner = next(n for n, o in outcome.items() if o == "saved")
        loser = "B" if winner == "A" else "A"
        refused.append(outcome[loser])
        after = units.get_unit(pg_db, uid)
        assert after.version == version + 1
        stored = {"A": after.short_name, "B": after.address}
        assert stored[winner] == f"{winner} {trial}"
        assert stored[loser] != f"{loser} {trial}"  # nothing of the refused save written
    with pg_db.session() as s:
        logged = s.scalar(
            select(func.count())
            .select_from(ChangeLog)
            .where(
                ChangeLog.table_name == "unit",
                ChangeLog.record_id == uid,
                ChangeLog.action == ChangeAction.UPDATE,
            )
        )
        last = s.scalar(
            select(ChangeLog.changes)
            .where(ChangeLog.table_name == "unit", ChangeLog.record_id == uid)
            .order_by(ChangeLog.id.desc())
            .limit(1)
        )
    assert logged == TRIALS  # one logged save per trial: the refused ones left nothing
    assert len(json.loads(last)) == 1
    assert len(refused) == TRIALS
    record_property("conflicts_at_write", refused.count("conflict at write"))
    record_property("conflicts_at_check", refused.count("conflict"))
    print(
        f"\n{TRIALS} trials: {TRIALS} saved, {TRIALS} refused "
        f"({refused.count('conflict at write')} at the write, "
        f"{refused.count('conflict')} at the version check), 0 lost"
    )
