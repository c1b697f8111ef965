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
