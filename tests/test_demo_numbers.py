"""The units' own documents the demo quotes (reports received, tasks reported done, a proposal
of a meeting) numbered as a real office numbers them: one series a unit a year, each number
once, rising with the date (Decree 30/2020, Article 15)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, datetime
from itertools import pairwise

import pytest
from sqlalchemy import select

from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.demo import load_demo
from bdcq_desktop.core.models import ChangeLog, Meeting, Submission, Task, Unit

_NUMBER = r"(\d+)/(BC|TTr)-([A-Za-zĐ]+)"
_DONE = re.compile(rf"; (.+?) báo cáo tại Văn bản số {_NUMBER} ngày (\d\d/\d\d/\d{{4}})")
_PROPOSAL = re.compile(rf"Tờ trình số {_NUMBER} ngày (\d\d/\d\d/\d{{4}})")


def _day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _series(db: Database) -> dict[tuple[str, int], list[tuple[date, int, str]]]:
    """Every quoted document of the demo by issuing unit (its name) and year: (date, number,
    where it is quoted)."""
    series: dict[tuple[str, int], list[tuple[date, int, str]]] = defaultdict(list)
    by_symbol: dict[str, set[str]] = defaultdict(set)
    with db.session() as s:
        subs = s.execute(
            select(Unit.name, Submission.received_on, Submission.document_number, Submission.id)
            .join(Unit, Unit.id == Submission.unit_id)
            .where(Submission.document_number.is_not(None))
        ).all()
        for unit, on, number, sid in subs:
            digits, symbol = re.fullmatch(r"(\d+)/BC-([A-Za-zĐ]+)", number).groups()
            by_symbol[symbol].add(unit)
            series[unit, on.year].append((on, int(digits), f"submission {sid}"))
        for tid, report in s.execute(select(Task.id, Task.result_report)).all():
            if m := _DONE.search(report or ""):
                unit, digits, _, _, on = m.groups()
                series[unit, _day(on).year].append((_day(on), int(digits), f"task {tid}"))
        for mid, notes in s.execute(select(Meeting.id, Meeting.notes)).all():
            if m := _PROPOSAL.search(notes or ""):
                digits, _, symbol, on = m.groups()
                (unit,) = by_symbol[symbol]  # a Sở: its symbol is its own
                series[unit, _day(on).year].append((_day(on), int(digits), f"meeting {mid}"))
    return series


def _check(db: Database) -> None:
    series = _series(db)
    assert sum(map(len, series.values())) > 400
    for (unit, year), docs in series.items():
        docs.sort()
        for (d1, n1, w1), (d2, n2, w2) in pairwise(docs):
            assert n1 < n2, f"{unit} {year}: số {n1} ({w1}, {d1}) rồi số {n2} ({w2}, {d2})"
        assert all(n >= 1 for _, n, _ in docs)
    # The proposal of a meeting is dated, to have its place in its unit's series.
    assert any(w.startswith("meeting") for docs in series.values() for *_, w in docs)
    # The change log says what the task says: the report's number rewritten there too.
    with db.session() as s:
        reports = dict(s.execute(select(Task.id, Task.result_report)).all())
        logged: dict[int, str] = {}
        for row in s.scalars(
            select(ChangeLog).where(ChangeLog.table_name == "task").order_by(ChangeLog.id)
        ):
            change = json.loads(row.changes).get("result_report")
            if change and _DONE.search(change[1] or ""):
                logged[row.record_id] = change[1]
    assert logged
    assert all(reports[t] == text for t, text in logged.items())


def test_each_units_numbers_rise_with_the_date_within_a_year(demo_db) -> None:
    _check(demo_db)


@pytest.mark.parametrize("today", [date(2027, 1, 10)])
def test_each_units_numbers_rise_on_another_day(tmp_path, today: date) -> None:
    db = open_database(tmp_path / "demo.sqlite3")
    load_demo(db, today=today)
    try:
        _check(db)
    finally:
        db.dispose()
