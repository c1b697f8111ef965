"""A working session whose dates hold no working day (a weekend, the 30/4–1/5 holidays) is
asked about, as a day off ticked in the attendance grid is: a ConfirmationRequired from the core
naming the days, a question in the window ("Không" by default, back to the dates), a refusal
of ``sessions add``/``edit`` naming ``--yes``. Dates with one working day are not asked about,
nor is an edit that keeps the dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.errors import SessionOnDaysOffWarning
from bdcq_desktop.core.models import WorkingSession
from bdcq_desktop.core.session_detail import get_session
from tests import cli_run
from tests.cli_run import bdcq, state
from tests.test_days_off import group  # noqa: F401
from tests.test_ui_sessions import (  # noqa: F401
    TIMEOUT,
    _fresh_view_state,
    _new_session,
    _save,
    tab,
    view,
)

TABLES = ("working_session", "change_log")


def _count(db: Any) -> int:
    with db.session() as s:
        return s.query(WorkingSession).count()


def _new(db: Any, starts: str, ends: str, **confirm: bool) -> int:
    return wg.create_session(db, purpose="proposal", title="Rà soát dự thảo Đề án",
                             starts_on=starts, ends_on=ends, **confirm)  # fmt: skip


def test_dates_with_no_working_day_are_asked_about(db: Any, group: dict[str, int]) -> None:  # noqa: F811
    with pytest.raises(SessionOnDaysOffWarning) as asked:
        _new(db, "05/12/2026", "06/12/2026")
    assert asked.value.parameter == "confirm_days_off"
    said = asked.value.message
    assert "05/12/2026 (Thứ Bảy), 06/12/2026 (Chủ nhật)" in said, said
    # The holidays of the calendar count as days off too (Thu 30/4 – Sun 3/5/2026).
    with pytest.raises(SessionOnDaysOffWarning) as asked:
        _new(db, "30/04/2026", "03/05/2026")
    assert "30/04/2026 (Ngày Chiến thắng)" in asked.value.message, asked.value.message
    assert _count(db) == 0
    # One working day among them: nothing asked.
    sid = _new(db, "05/12/2026", "07/12/2026")
    # An edit keeping the dates is not asked; new dates on a weekend are.
    wg.update_session(db, sid, expected_version=None, title="Rà soát lần hai")
    with pytest.raises(SessionOnDaysOffWarning):
        wg.update_session(db, sid, expected_version=None, starts_on="12/12/2026",
                          ends_on="13/12/2026")  # fmt: skip
    assert get_session(db, sid).ends_on == date(2026, 12, 7)
    # Confirmed, saved.
    wg.update_session(db, sid, expected_version=None, starts_on="12/12/2026",
                      ends_on="13/12/2026", confirm_days_off=True)  # fmt: skip
    assert get_session(db, sid).starts_on == date(2026, 12, 12)
    _new(db, "05/12/2026", "06/12/2026", confirm_days_off=True)
    assert _count(db) == 2


def test_the_command_needs_yes(demo: Path) -> None:
    before = state(demo, TABLES)
    args = ("sessions", "add", "--purpose", "other", "--title", "Phiên cuối tuần", "--start",
            "05/12/2026", "--end", "06/12/2026", "--format", "json")  # fmt: skip
    cli_run.refused(demo, before, bdcq(demo, *args), "không có ngày làm việc nào",
                    "05/12/2026 (Thứ Bảy)", "--yes", tables=TABLES)  # fmt: skip
    out = bdcq(demo, *args, "--yes")
    assert out.returncode == 0, out.stderr
    sid = str(json.loads(out.stdout)["id"])
    before = state(demo, TABLES)
    cli_run.refused(demo, before, bdcq(demo, "sessions", "edit", sid, "--start", "12/12/2026",
                                       "--end", "13/12/2026"),
                    "12/12/2026 (Thứ Bảy)", "--yes", tables=TABLES)  # fmt: skip
    out = bdcq(demo, "sessions", "edit", sid, "--start", "12/12/2026", "--end", "13/12/2026",
               "--yes")  # fmt: skip
    assert out.returncode == 0, out.stderr


def test_the_window_asks_no_by_default(qtbot: Any, view: Any) -> None:  # noqa: F811
    before = _count(view.db)
    dialog = _new_session(qtbot, view, dates=("05/12/2026", "06/12/2026"))
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=TIMEOUT)
    box = dialog.question
    assert box.windowTitle() == "Phiên làm việc vào ngày nghỉ"
    assert "05/12/2026 (Thứ Bảy), 06/12/2026 (Chủ nhật)" in box.text()
    texts = {b.objectName(): b.text() for b in box.buttons()}
    assert texts["yesButton"].replace("&", "") == "Vẫn lưu" and "&" in texts["yesButton"]
    assert box.defaultButton().objectName() == "noButton"
    box.defaultButton().click()  # Enter: "Không", back to the dates
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and _count(view.db) == before
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=TIMEOUT)
    next(b for b in dialog.question.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert _count(view.db) == before + 1
