"""The demo as ``bdcq demo`` makes it, its register issued: every meeting's status agrees with
its papers, as it would in a committee's real file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.invitee_papers import CONVENING_KINDS, paper_of
from bdcq_desktop.core.issued_changes import in_force
from bdcq_desktop.core.meeting_secretary import serving_secretary_of
from bdcq_desktop.core.models import IssuedDocument, Meeting, MeetingStatus
from bdcq_desktop.documents.demo import load_demo_with_documents
from tests.conftest import DEMO_TODAY, own_data_folder

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)


@pytest.fixture(scope="module", params=[DEMO_TODAY, date(2027, 1, 4)], ids=str)
def register(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[tuple[Database, date]]:
    # A second day: a Monday whose convened meeting lies across a weekend and a new year.
    today: date = request.param
    folder = tmp_path_factory.mktemp("register")
    # Set up before any test's own folders: the load's before-demo backup, its line in
    # databases.tsv and the documents it issues go to this module's folder.
    with own_data_folder(folder):
        db = open_database(folder / "demo.sqlite3")
        load_demo_with_documents(db, today=today)
    yield db, today
    db.dispose()


def test_every_meeting_s_status_agrees_with_its_papers(register) -> None:
    db, today = register
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        assert {m.status for m in meetings} == set(MeetingStatus)
        for m in meetings:
            papers = in_force(s, "meeting", m.id, [*CONVENING_KINDS, "minutes", "conclusions"])
            kinds = sorted(d.kind for d in papers)
            issued = s.scalars(
                select(IssuedDocument.kind).where(
                    IssuedDocument.record_type == "meeting", IssuedDocument.record_id == m.id
                )
            ).all()
            assert sorted(issued) == kinds, m.id  # nothing superseded: all in force
            # A meeting convened or held called its people: each paper its list needs (the
            # members convened, the others invited), dated before the meeting, not after the
            # demo's today.
            serving = serving_secretary_of(s, m)
            needed = {paper_of(i, m.chair_id, serving) for i in m.invitees} - {None}
            calling = [d for d in papers if d.kind in CONVENING_KINDS]
            after = [d for d in papers if d.kind not in CONVENING_KINDS]
            if m.status in (MeetingStatus.CONVENED, *HELD):
                assert needed and sorted(needed) == sorted(d.kind for d in calling), m.id
                assert all(d.issued_on <= min(today, m.starts_at.date()) for d in calling)
            kinds = sorted(d.kind for d in after)
            if m.status == MeetingStatus.CONVENED:
                assert kinds == [], m.id
            elif m.status == MeetingStatus.MINUTES_FINAL:
                assert m.minutes is not None and m.minutes.is_final, m.id
                assert "minutes" in kinds and set(kinds) <= {"minutes", "conclusions"}, m.id
                assert ("conclusions" in kinds) == bool(m.conclusions), m.id
            elif m.status == MeetingStatus.HELD:
                # Held, its minutes still a draft: nothing issued after it yet.
                assert m.minutes is not None and not m.minutes.is_final, m.id
                assert kinds == [], m.id
            else:  # planned (no one called yet), cancelled (before any paper)
                assert m.minutes is None and kinds == [], m.id
            if m.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED):
                assert m.starts_at.date() > today, m.id


def test_each_series_of_the_register_is_numbered_in_date_order(register) -> None:
    """The convocations and invitations of the held meetings are issued in their place among
    the others: each series of each year numbered 1, 2, 3... by the day of issue."""
    db, _today = register
    with db.session() as s:
        rows = s.execute(
            select(
                IssuedDocument.year,
                IssuedDocument.type_abbr,
                IssuedDocument.number,
                IssuedDocument.issued_on,
            ).order_by(IssuedDocument.year, IssuedDocument.type_abbr, IssuedDocument.number)
        ).all()
    series: dict[tuple[int, str], list[tuple[int, date]]] = {}
    for year, abbr, number, on in rows:
        series.setdefault((year, abbr), []).append((number, on))
    assert len(series) >= 4
    for key, numbered in series.items():
        assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1)), key
        days = [on for _, on in numbered]
        assert days == sorted(days) and all(on.year == key[0] for on in days), key


def test_no_note_cites_a_paper_the_register_lacks(register) -> None:
    """A note that quotes a document's number ("Giấy mời số 83/GM-BCĐ") quotes one the demo's
    register holds: an officer who looks it up finds it."""
    import re

    from bdcq_desktop.core.models import WorkingSession

    db, _today = register
    with db.session() as s:
        symbols = set(s.scalars(select(IssuedDocument.symbol)))
        notes = [
            *s.scalars(select(WorkingSession.notes)),
            *s.scalars(select(Meeting.notes)),
        ]
    cited = {m for n in notes if n for m in re.findall(r"\b\d+/[A-ZĐ]+-[A-ZĐ]+\b", n)}
    assert notes and cited <= symbols, sorted(cited - symbols)


def test_a_load_killed_while_a_held_meeting_was_convened_for_its_papers_is_finished(
    tmp_path,
) -> None:
    """Killed just after a held meeting's convocation was issued, before its status was set
    back: the next call finishes the load (its minutes issued), instead of refusing them as
    for a meeting not held yet."""
    from sqlalchemy import delete, update

    db = open_database(tmp_path / "demo.sqlite3")
    try:
        load_demo_with_documents(db, today=DEMO_TODAY)
        with db.session() as s:
            mid, status = s.execute(
                select(IssuedDocument.record_id, Meeting.status)
                .join(Meeting, Meeting.id == IssuedDocument.record_id)
                .where(IssuedDocument.kind == "minutes")
                .order_by(IssuedDocument.issued_on.desc())
            ).first()
            # As the kill left it: the minutes and what followed not issued, the meeting
            # still convened for its papers.
            s.execute(delete(IssuedDocument).where(
                IssuedDocument.record_id == mid,
                IssuedDocument.kind.in_(("minutes", "conclusions")),
            ))  # fmt: skip
            s.execute(update(Meeting.__table__).where(Meeting.id == mid).values(
                status=MeetingStatus.CONVENED))  # fmt: skip
        result = load_demo_with_documents(db, today=DEMO_TODAY)
        assert result.summary is None and result.issued >= 1
        with db.session() as s:
            assert s.get(Meeting, mid).status == status
            kinds = set(
                s.scalars(
                    select(IssuedDocument.kind).where(
                        IssuedDocument.record_id == mid, IssuedDocument.superseded_at.is_(None)
                    )
                )
            )
        assert "minutes" in kinds
    finally:
        db.dispose()


def test_the_office_s_own_meeting_after_the_demo_is_never_issued_papers_for_it(
    tmp_path,
) -> None:
    """The office worked in a demo database (a meeting held, recorded afterwards without
    papers; or the database upgraded from a version whose demo issued fewer papers): neither
    a start nor ``bdcq demo`` takes that for an interrupted load and gives the office's
    register numbers for papers nobody sent."""
    from datetime import datetime

    from bdcq_desktop.core.errors import BcdError
    from bdcq_desktop.core.meetings import create_meeting
    from bdcq_desktop.ui.startup_questions import start_state

    db = open_database(tmp_path / "office.sqlite3")
    try:
        load_demo_with_documents(db, today=DEMO_TODAY)
        with db.session() as s:
            head = s.scalar(select(Meeting.chair_id).where(Meeting.chair_id.is_not(None)))
        create_meeting(
            db,
            kind="extraordinary",
            title="Họp bất thường về an toàn thông tin",
            starts_at=datetime(2026, 11, 10, 8),
            ends_at=datetime(2026, 11, 10, 11),
            chair_id=head,
            called_by_id=head,
            agenda=[{"title": "Báo cáo tình hình", "planned_minutes": 30}],
            invite_committee=True,
            held=True,
            now=datetime(2026, 11, 20, 9),
        )
        with db.session() as s:
            before = s.scalar(select(func.count()).select_from(IssuedDocument))
        assert start_state(db) == (False, False)
        with pytest.raises(BcdError):
            load_demo_with_documents(db, today=DEMO_TODAY)
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(IssuedDocument)) == before
    finally:
        db.dispose()


def _minutes_in_draft(db: Database) -> int:
    """A demo meeting held, its minutes still a draft: one an officer goes on writing."""
    from bdcq_desktop.core.models import Minutes

    with db.session() as s:
        return s.scalar(
            select(Meeting.id)
            .join(Minutes, Minutes.meeting_id == Meeting.id)
            .where(Meeting.status == MeetingStatus.HELD, Minutes.is_final.is_(False))
            .limit(1)
        )


# What an officer does first in the demo's database, logged as the demo's own issuing was before
# the rule looked at who did it: a paper issued (a register row), minutes saved (a minutes row).
_OFFICER_ACTS = {
    "reminder": lambda db, pdf: ["export", "reminder", "--all", "--issue", "--yes", "-o", pdf],
    "minutes": lambda db, pdf: [
        "meetings", "minutes", str(_minutes_in_draft(db)),
        "--closing", "Cuộc họp kết thúc lúc 16 giờ 20 cùng ngày.",
    ],
}  # fmt: skip


@pytest.mark.parametrize("act", sorted(_OFFICER_ACTS))
def test_the_officer_s_paper_or_minutes_after_the_demo_are_never_taken_for_its_load(
    tmp_path, act: str
) -> None:
    """A demo loaded by an older version, which issued no invitation for the convened meeting,
    then an officer's reminder to every unit (or the text of a demo meeting's minutes saved):
    neither a start nor ``bdcq demo`` "finishes the demo" by issuing that invitation, numbered
    in the office's register and dated before the office's own reminder."""
    import sqlite3

    from bdcq_desktop.core.demo_mark import demo_unfinished
    from bdcq_desktop.ui.startup_questions import start_state
    from tests.cli_run import run_bdcq

    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    try:
        load_demo_with_documents(db, today=DEMO_TODAY)
        with db.session() as s:
            doc = s.scalar(
                select(IssuedDocument.id)
                .where(IssuedDocument.kind == "invitation")
                .order_by(IssuedDocument.id.desc())
            )
        # As the older version left it: no such paper, nor its line in the change log (the
        # file itself, not the session: that would log the removal as an officer's).
        con = sqlite3.connect(path)
        with con:
            con.execute("DELETE FROM issued_document WHERE id = ?", (doc,))
            con.execute(
                "DELETE FROM change_log WHERE table_name = 'issued_document' AND record_id = ?",
                (doc,),
            )
        con.close()
        # Nothing of the officer's yet: this would be finished, as a load interrupted there.
        assert demo_unfinished(db) and start_state(db) == (False, True)
        out = run_bdcq(_OFFICER_ACTS[act](db, str(tmp_path / "paper.pdf")), db=path)
        assert out.returncode == 0, out.stderr
        with db.session() as s:
            before = set(s.scalars(select(IssuedDocument.symbol)))
        assert not demo_unfinished(db)
        assert start_state(db) == (False, False)
        again = run_bdcq(["demo"], db=path)
        assert again.returncode != 0
        with db.session() as s:
            assert set(s.scalars(select(IssuedDocument.symbol))) == before
    finally:
        db.dispose()
