"""Issuing a document that prints a count of working days over a year whose days off nobody
entered (2028: the calendar ships 2024 to 2027). The audit: the convocation of a session over
Tết 2028 (24–28/01/2028) was issued silently with "5 ngày làm việc", an official document
that cannot be corrected. Now it is asked first, as a late registration is: the core raises
its question unless confirmed, the document dialog asks (default Không, the year and Thiết
lập › Ngày nghỉ named), ``bdcq export --issue`` refuses without ``--yes``. Drafts carry on."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import days_off, register
from bdcq_desktop.core.errors import DaysOffNotEnteredWarning
from bdcq_desktop.documents import service
from tests.cli_run import bdcq
from tests.pdf_text import flat_text, page_texts
from tests.test_wg_people import _session, group  # noqa: F401

NOTE = "Chưa nhập lịch ngày nghỉ năm 2028"
WHERE = "Thiết lập › Ngày nghỉ"
BEFORE = date(2027, 12, 1)  # the convocation's day: before the session
AFTER = date(2028, 2, 1)  # the report's


def _issued(db: Any, kind: str) -> int:
    return sum(r.kind == kind for r in register.list_issued(db))


def _tet_2028(db: Any, group: dict[str, int]) -> int:  # noqa: F811
    return _session(db, "24/01/2028", "28/01/2028", person_ids=[group["leader"]])


# The command line and the dialog issue on the clock's day, which is no convocation's day for
# Tết 2028 from 25/01/2028 on: they take a week still ahead then, of a year not entered (the
# shipped calendar ends in 2027; a session may be planned up to two years ahead).
AHEAD = max(date.today() + timedelta(days=35), date(2028, 1, 3))
AHEAD += timedelta(days=-AHEAD.weekday() % 7)  # a Monday
if (AHEAD + timedelta(days=4)).year != AHEAD.year:  # its week in one year, named alone
    AHEAD += timedelta(days=7)
AHEAD_NOTE = f"Chưa nhập lịch ngày nghỉ năm {AHEAD.year}"


def _ahead(db: Any, group: dict[str, int]) -> int:  # noqa: F811
    """Monday to Friday of the week of ``AHEAD``, a Monday."""
    friday = AHEAD + timedelta(days=4)
    return _session(db, f"{AHEAD:%d/%m/%Y}", f"{friday:%d/%m/%Y}", person_ids=[group["leader"]])


def test_issuing_asks_first_and_a_draft_carries_on(db: Any, group: dict[str, int]) -> None:  # noqa: F811
    sid = _tet_2028(db, group)
    # The draft: printed as ever (the screen's notes say the year is not entered).
    assert "(5 ngày làm việc)" in flat_text(service.draft(db, "wg-convocation", sid, today=BEFORE))
    for kind, day in (("wg-convocation", BEFORE), ("wg-report", AFTER)):
        with pytest.raises(DaysOffNotEnteredWarning) as asked:
            service.issue(db, kind, sid, today=day, confirm_unmarked=True)
        assert asked.value.years == (2028,)
        assert asked.value.message.startswith(NOTE) and WHERE in asked.value.message
        assert _issued(db, kind) == 0  # no number taken
        assert service.days_off_question(db, kind, sid) is not None
    # The other kinds print no count: nothing to ask.
    assert service.days_off_question(db, "roster", None) is None
    # Confirmed knowingly: issued, with the count the calendar gives.
    rec = service.issue(db, "wg-convocation", sid, today=BEFORE, confirm_days_off=True)
    assert "(5 ngày làm việc)" in flat_text(register.stored_copy(rec))
    # Entered: nothing asked any more.
    days_off.add_day_off(db, "26/01/2028", "Tết Nguyên đán Mậu Thân")
    assert service.days_off_question(db, "wg-report", sid) is None
    rec = service.issue(db, "wg-report", sid, today=AFTER, confirm_unmarked=True)
    assert rec.kind == "wg-report"


def test_the_command_line_refuses_without_yes(
    db: Any, db_path: Path, group: dict[str, int], tmp_path: Path  # noqa: F811
) -> None:
    sid = str(_ahead(db, group))
    pdf = tmp_path / "giay-trieu-tap.pdf"
    args = ("export", "wg-convocation", "--session", sid, "--issue", "-o", str(pdf))
    out = bdcq(db_path, *args)
    assert out.returncode == 2, out.stdout
    assert AHEAD_NOTE in out.stderr and WHERE in out.stderr and "--yes" in out.stderr
    assert "bdcq settings days-off add" in out.stderr
    assert not pdf.exists() and _issued(db, "wg-convocation") == 0
    draft = bdcq(db_path, "export", "wg-convocation", "--session", sid, "-o", str(pdf))
    assert draft.returncode == 0, draft.stderr  # a draft is not asked
    pdf.unlink()
    out = bdcq(db_path, *args, "--yes")
    assert out.returncode == 0, out.stderr
    assert _issued(db, "wg-convocation") == 1
    assert "(5 ngày làm việc)" in " ".join(page_texts(pdf)[0].split())


def test_the_document_dialog_asks_with_no_as_the_default(
    qtbot: Any, db: Any, group: dict[str, int], monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    from bdcq_desktop.ui import messages
    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog

    sid = _ahead(db, group)
    asked: list[tuple[str, dict[str, Any]]] = []
    answer = ["noButton"]

    def ask_now(*a: Any, **k: Any) -> str:
        asked.append((a[2], k))
        return answer[0]

    monkeypatch.setattr(messages, "ask_now", ask_now)
    dialog = DocumentDialog(db, "session", sid, "Quy chế phối hợp", kind="wg-convocation")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    dialog.issue()
    [(text, how)] = asked
    assert text.startswith(AHEAD_NOTE) and WHERE in text and "Ban hành" in text
    assert how["default"] == "noButton" and how["escape"] == "noButton"
    assert not dialog._busy and _issued(db, "wg-convocation") == 0  # Không: nothing issued
    answer[0] = "yesButton"
    dialog.issue()
    qtbot.waitUntil(lambda: _issued(db, "wg-convocation") == 1, timeout=60_000)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
