"""The reports overview: the units × rounds matrix, task tracking and who to chase, against
the hand-counted dataset of :mod:`tests.report_fixtures`; the reminder document read back."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bdcq_desktop.core import chase, report_overview, task_tracking
from bdcq_desktop.core.errors import NotFoundError, NotReadyError, ValidationError
from bdcq_desktop.core.models import Unit, UnitKind
from bdcq_desktop.core.submissions import record_submission
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts

T = date(2026, 3, 20)


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build(db, T)


def _statuses(ov: report_overview.Overview, ids: rf.Ids) -> dict[tuple[str, str], str]:
    units = {v: k for k, v in ids.units.items()}
    rounds = {v: k for k, v in ids.rounds.items()}
    return {(units[u], rounds[r]): c.status for (u, r), c in ov.cells.items()}


def test_matrix_against_hand_counts(db: Any, data: rf.Ids) -> None:
    ov = report_overview.load_overview(db, today=T)
    assert [u.name for u in ov.units] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C, rf.UNIT_D]
    assert [r.title for r in ov.rounds] == [
        rf.AD_HOC_TITLE,
        rf.JAN_TITLE,
        rf.FEB_TITLE,
        rf.MAR_TITLE,
    ]
    assert _statuses(ov, data) == {
        ("A", "adhoc"): "overdue",
        ("C", "adhoc"): "late",
        ("A", "jan"): "on_time",  # received on the due date
        ("B", "jan"): "late",  # a day after it
        ("C", "jan"): "overdue",
        ("D", "jan"): "overdue",
        ("A", "feb"): "not_due",  # due today, not received: not late yet
        ("B", "feb"): "on_time",
        ("C", "feb"): "on_time",  # received on the due date, which is today
        ("A", "mar"): "not_due",
    }
    c = ov.counts
    assert (c.on_time, c.late, c.overdue, c.not_due, c.total) == (3, 2, 3, 2, 10)
    cell = ov.cell(data.units["B"], data.rounds["jan"])
    assert cell is not None and cell.days_late == 1 and cell.status_label
    assert ov.cell(data.units["C"], data.rounds["jan"]).days_late == 28  # type: ignore[union-attr]
    assert ov.cell(data.units["C"], data.rounds["adhoc"]).days_late == 5  # type: ignore[union-attr]
    assert ov.cell(data.units["B"], data.rounds["adhoc"]) is None  # B was not asked
    rates = {r.title: r.on_time_rate for r in ov.rounds}
    assert rates == {
        rf.AD_HOC_TITLE: 0.0,  # one missing, one late
        rf.JAN_TITLE: 0.25,  # one on time of four due
        # Open (A not due yet): no rate. It was 1.0, B and C early "of those due", which the
        # chart drew as 100 %, "everyone on time", with A still to report.
        rf.FEB_TITLE: None,
        rf.MAR_TITLE: None,  # nothing due: no rate rather than 0 %
    }


def test_an_open_round_has_no_rate_only_what_was_received_so_far(db: Any, data: rf.Ids) -> None:
    def feb(day: date) -> report_overview.OverviewRound:
        ov = report_overview.load_overview(db, today=day)
        return next(r for r in ov.rounds if r.id == data.rounds["feb"])

    # Due today: B and C sent theirs, A has until the end of the day.
    open_ = feb(T)
    c = open_.counts
    assert not open_.settled and open_.on_time_rate is None
    assert (c.received, c.owed, c.received_so_far) == (2, 3, pytest.approx(2 / 3))
    assert report_overview.rate_label(c) == "đang mở: 2/3 đã nộp"
    # The day after, A is overdue: the round is settled and its rate final.
    settled = feb(T + timedelta(days=1))
    assert settled.settled and settled.on_time_rate == pytest.approx(2 / 3)
    assert report_overview.rate_label(settled.counts) == "66,7%"
    mar = next(
        r for r in report_overview.load_overview(db, today=T).rounds if r.id == data.rounds["mar"]
    )
    assert report_overview.rate_label(mar.counts) == "đang mở: 0/1 đã nộp"  # not "—", not 0 %
    # A's report arrives on the due date: every unit has reported, nothing can change any
    # more, and 100 % is then final before the date has passed.
    a_feb = report_overview.load_overview(db, today=T).cell(data.units["A"], data.rounds["feb"])
    assert a_feb is not None
    record_submission(db, a_feb.submission_id, expected_version=None, received_on=T, today=T)
    done = feb(T)
    assert done.settled and done.on_time_rate == 1.0
    assert report_overview.rate_label(done.counts) == "100%"


def test_filters_change_the_matrix(db: Any, data: rf.Ids) -> None:
    local = report_overview.load_overview(db, unit_kind="locality", today=T)
    assert [u.name for u in local.units] == [rf.UNIT_C, rf.UNIT_D]
    assert (local.counts.on_time, local.counts.late, local.counts.overdue) == (1, 1, 2)
    assert rf.MAR_TITLE not in [r.title for r in local.rounds]  # no locality was asked

    regime = report_overview.load_overview(db, regime_id=data.regime, today=T)
    assert [r.title for r in regime.rounds] == [rf.JAN_TITLE, rf.FEB_TITLE, rf.MAR_TITLE]
    assert regime.counts.total == 8
    ad_hoc = report_overview.load_overview(db, regime_id=report_overview.AD_HOC, today=T)
    assert [r.title for r in ad_hoc.rounds] == [rf.AD_HOC_TITLE]

    # The year of a round is its period's end, else its due date (T-95 is in 2025).
    y2025 = report_overview.load_overview(db, year=2025, today=T)
    assert [r.title for r in y2025.rounds] == [rf.AD_HOC_TITLE]
    y2026 = report_overview.load_overview(db, year="2026", today=T)
    assert len(y2026.rounds) == 3
    assert report_overview.load_overview(db, year=2020, today=T).units == ()

    choices = report_overview.filter_choices(db)
    assert choices.years == (2026, 2025)
    assert choices.regimes == ((data.regime, rf.REGIME),)
    assert [k for k, _ in choices.unit_kinds] == ["department", "locality"]
    assert choices.has_ad_hoc


def test_bad_filters_name_the_field(db: Any, data: rf.Ids) -> None:
    with pytest.raises(ValidationError) as exc:
        report_overview.load_overview(db, unit_kind="ministry")
    assert exc.value.field == "unit_kind"
    with pytest.raises(ValidationError) as exc:
        report_overview.load_overview(db, year="twenty")
    assert exc.value.field == "year"


def test_matrix_is_three_queries(db: Any, data: rf.Ids) -> None:
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        # The cells, then the rounds' and units' names looked up: never one per cell.
        report_overview.load_overview(db, today=T)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 3
        statements.clear()
        report_overview.load_overview(db, unit_kind="department", year=2026, today=T)
        assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3
        statements.clear()
        task_tracking.track_tasks(db)
        # The tasks, then the units' and meetings' names looked up: never one per task; the
        # transfers logged, for all the tasks at once (each one's "tiếp nhận từ …"); and the
        # acts on the tasks (extensions, progress, stops: a table of their own, since schema
        # 0020), for all the tasks at once too.
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 5 and sum("FROM change_log" in s for s in selects) == 1
        assert sum("FROM task_event" in s for s in selects) == 1
        statements.clear()
        task_tracking.track_tasks(db, today=T)
        # A past day's: and the changes logged since, for all the tasks at once (tasks_on),
        # then which of them were updated since (none here: no transfer to read back); the
        # acts read once, the day's standing taking them from the list's read.
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 6 and all("FROM change_log" in s for s in selects[4:])
        assert sum("FROM task_event" in s for s in selects) == 1
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def test_a_round_deleted_while_the_matrix_is_read_is_left_out(
    db: Any, data: rf.Ids, db_path: Path
) -> None:
    """Another officer deletes a round (and so its submissions) between the read of the
    cells and the look-up of the rounds: its cells are left out, the rest is whole."""
    jan = data.rounds["jan"]
    seen: list[str] = []

    def delete_after_cells(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not seen and "FROM submission" in statement:
            other = sqlite3.connect(db_path)
            with other:
                other.execute("PRAGMA foreign_keys = ON")
                other.execute("DELETE FROM reporting_round WHERE id = ?", (jan,))
            other.close()
        seen.append(statement)

    event.listen(db.engine, "after_cursor_execute", delete_after_cells)
    try:
        ov = report_overview.load_overview(db, today=T)
    finally:
        event.remove(db.engine, "after_cursor_execute", delete_after_cells)
    assert [r.title for r in ov.rounds] == [rf.AD_HOC_TITLE, rf.FEB_TITLE, rf.MAR_TITLE]
    assert all(r != jan for _u, r in ov.cells)
    assert len(ov.cells) == 6 and ov.counts.total == 6  # the 10 cells less January's 4
    assert report_overview.load_overview(db, today=T).cells == ov.cells


def test_task_statuses_at_the_boundaries(db: Any, data: rf.Ids) -> None:
    rows = {r.id: r for r in task_tracking.track_tasks(db, today=T)}
    got = {k: (rows[i].status, rows[i].days_overdue) for k, i in data.tasks.items()}
    assert got == {
        "a_soon": ("due_soon", 0),  # due in exactly 7 days
        "a_later": ("not_due", 0),  # in 8
        "b_today": ("due_soon", 0),  # due today is not overdue
        "b_overdue": ("overdue", 1),
        "b_cancelled": ("cancelled", 0),
        "c_on_time": ("done_on_time", 0),  # done on the deadline
        "c_late": ("done_late", 1),  # a day after it
        "c_person": ("overdue", 10),
    }
    # A task given to a person alone counts for the person's unit.
    assert rows[data.tasks["c_person"]].unit == rf.UNIT_C
    assert rows[data.tasks["c_person"]].unit_id == data.units["C"]
    overdue = task_tracking.track_tasks(db, status="overdue", today=T)
    assert {r.id for r in overdue} == {data.tasks["b_overdue"], data.tasks["c_person"]}
    only_b = task_tracking.track_tasks(db, unit_id=data.units["B"], today=T)
    assert len(only_b) == 3
    with pytest.raises(ValidationError):
        task_tracking.track_tasks(db, status="late")


def test_status_filter_reads_only_its_tasks(db: Any, data: rf.Ids) -> None:
    """The SQL narrowing of a status (overdue, cancelled) keeps exactly the tasks the status
    rule gives, on the boundary days too, and the rows share what repeats."""
    for day in (T - timedelta(days=10), T, T + timedelta(days=1), T + timedelta(days=8)):
        every = task_tracking.track_tasks(db, today=day)
        for status in ("overdue", "due_soon", "not_due", "done_late", "cancelled"):
            got = task_tracking.track_tasks(db, status=status, today=day)
            assert got == [t for t in every if t.status == status], (day, status)
    rows = task_tracking.track_tasks(db, unit_id=data.units["B"], today=T)
    assert len({id(r.unit) for r in rows}) == 1
    assert len({id(r.status_label) for r in rows if r.status == "due_soon"}) <= 1


def test_completion_rate_per_unit(db: Any, data: rf.Ids) -> None:
    per = task_tracking.completion_by_unit(task_tracking.track_tasks(db, today=T))
    got = {c.unit: (c.total, c.done, c.overdue, c.cancelled, c.completion_rate) for c in per}
    assert got == {
        rf.UNIT_A: (2, 0, 0, 0, 0.0),
        rf.UNIT_B: (2, 0, 1, 1, 0.0),  # the cancelled task is not counted
        rf.UNIT_C: (3, 2, 1, 0, pytest.approx(2 / 3)),
    }


def test_who_to_chase(db: Any, data: rf.Ids) -> None:
    units = chase.chase_list(db, today=T)
    # D has a missing report but was retired: nobody to chase there.
    assert [u.unit for u in units] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C]
    a, b, c = units
    assert [(r.round_title, r.days_late) for r in a.reports] == [(rf.AD_HOC_TITLE, 95)]
    assert a.tasks == () and b.reports == ()
    assert [(t.content, t.days_overdue) for t in b.tasks] == [(rf.TASK_B_OVERDUE, 1)]
    assert [(r.round_title, r.days_late) for r in c.reports] == [(rf.JAN_TITLE, 28)]
    assert [(t.content, t.days_overdue) for t in c.tasks] == [(rf.TASK_C_PERSON, 10)]
    assert c.items == 2 and c.most_days_late == 28
    only = chase.chase_list(db, unit_id=data.units["C"], today=T)
    assert [u.unit for u in only] == [rf.UNIT_C]
    # The next day, the report due today and the task due today are overdue too.
    later = {u.unit: u for u in chase.chase_list(db, today=T + timedelta(days=1))}
    assert [r.round_title for r in later[rf.UNIT_A].reports] == [rf.AD_HOC_TITLE, rf.FEB_TITLE]
    assert len(later[rf.UNIT_B].tasks) == 2
    with pytest.raises(NotFoundError):
        chase.chase_list(db, unit_id=9999, today=T)


def _text(pdf: bytes) -> tuple[str, list[str]]:
    pages = page_texts(pdf)
    return "\n".join(pages), pages


def test_reminder_for_one_unit_read_back(db: Any, data: rf.Ids) -> None:
    from bdcq_desktop.documents import service

    pdf = service.draft(db, "reminder", data.units["C"], today=T)
    text, pages = _text(pdf)
    # Decree 30 header: national title, motto, number with the notice's symbol.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "Độc lập - Tự do - Hạnh phúc" in pages[0]
    assert "/TB-" in pages[0] and "THÔNG BÁO" in pages[0]
    assert f"Đôn đốc {rf.UNIT_C}" in text
    assert rf.JAN_TITLE in text and rf.TASK_C_PERSON in text
    lines = text.splitlines()
    report = next(line for line in lines if rf.JAN_TITLE in line)
    assert (T - timedelta(days=28)).strftime("%d/%m/%Y") in report and report.endswith("28")
    task = next(line for line in lines if rf.TASK_C_PERSON in line)
    assert task.endswith("10")
    assert rf.UNIT_A not in text and rf.AD_HOC_TITLE not in text
    assert "Nơi nhận:" in text and "./." in text


def test_reminder_for_all_units_read_back(db: Any, data: rf.Ids) -> None:
    from bdcq_desktop.documents import service

    text, _pages = _text(service.draft(db, "reminder", None, today=T))
    for name in (rf.UNIT_A, rf.UNIT_B, rf.UNIT_C):
        assert name in text
    # Retired with no successor: not chased (no heading of its own), but its report is counted
    # and the unit named, so the figures add up to the overview's.
    assert f". {rf.UNIT_D} (" not in text
    assert (
        "Ngoài ra, còn 1 báo cáo quá hạn của đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận "
        f"({rf.UNIT_D}: 1 báo cáo)"
    ) in text.replace("\n", " ")
    for title in (rf.AD_HOC_TITLE, rf.JAN_TITLE, rf.TASK_B_OVERDUE, rf.TASK_C_PERSON):
        assert title in text
    assert "3 cơ quan, đơn vị còn 2 báo cáo chưa gửi và 2 nhiệm vụ" in text.replace("\n", " ")
    assert rf.FEB_TITLE not in text  # due today: not overdue yet


def test_reminder_for_a_unit_with_nothing_overdue(db: Any, data: rf.Ids) -> None:
    from bdcq_desktop.documents import service

    with db.session() as s:
        s.add(Unit(name="Sở Không Nợ", kind=UnitKind.DEPARTMENT))
        s.flush()
    with db.session() as s:
        clean_id = s.query(Unit.id).filter(Unit.name == "Sở Không Nợ").scalar()
    with pytest.raises(NotReadyError, match="Sở Không Nợ"):
        service.draft(db, "reminder", clean_id, today=T)


def _bdcq(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = run_bdcq(args, db=db_path)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    return out


def test_export_reminder_command(db: Any, db_path: Path, tmp_path: Path) -> None:
    # The command reads today's date: the dataset is built around it.
    ids = rf.build(db, date.today())
    db.dispose()
    one, every = tmp_path / "one.pdf", tmp_path / "all.pdf"
    out = _bdcq(db_path, "export", "reminder", "--unit", str(ids.units["C"]), "-o", str(one))
    assert out.returncode == 0, out.stderr
    assert rf.UNIT_C in _text(one.read_bytes())[0]
    out = _bdcq(db_path, "export", "reminder", "--all", "-o", str(every))
    assert out.returncode == 0, out.stderr
    assert rf.UNIT_A in _text(every.read_bytes())[0]
    # The dataset has no Head to sign: a name typed in Thiết lập (a reminder issued signed by
    # no one is refused, see test_signer_missing).
    assert _bdcq(db_path, "settings", "set", "signer.reminder", "name:Vũ Duy Tiến").returncode == 0
    issued = _bdcq(db_path, "export", "reminder", "--all", "--issue", "-o", str(every))
    assert issued.returncode == 0 and "/TB-" in issued.stdout
    for bad in (
        [],  # neither --unit nor --all
        ["--unit", str(ids.units["C"]), "--all"],
        ["--unit", "9999"],
        ["--round", "1"],
    ):
        out = _bdcq(db_path, "export", "reminder", *bad, "-o", str(tmp_path / "x.pdf"))
        assert out.returncode == 2, (bad, out.stdout, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
    out = _bdcq(db_path, "export", "tasks", "--all", "-o", str(tmp_path / "x.pdf"))
    assert out.returncode == 2 and "--all" in out.stderr
