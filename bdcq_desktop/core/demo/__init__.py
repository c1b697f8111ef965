"""Realistic demo data for Nghệ An (``bdcq demo``): two years of a steering committee's life.

Units are real, people invented. Everything is drawn from ``random.Random(seed)`` and dated
relative to ``today``, so the same seed and day give the same database, and the last meetings are
always recent.

The builder is split by area: :mod:`.builder` (helpers, people, units, committee, working group),
:mod:`.meetings` and :mod:`.activity` (working-group sessions, reporting), composed here into
``_Builder``. The static lists live in the ``data_*`` modules.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..backup import safety_backup
from ..db import Database
from ..demo_mark import DEMO_MARK, has_demo, holds_data
from ..errors import BcdError
from ..i18n import tr
from ..invitee_papers import CONVENING_KINDS, paper_of
from ..meeting_secretary import serving_secretary_of
from ..models import (
    AgendaItem,
    ChangeAction,
    ChangeLog,
    CommitteeMembership,
    Conclusion,
    GroupMembership,
    Invitee,
    IssuedDocument,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    ReportingRegime,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    Submission,
    Task,
    Unit,
    WorkingSession,
)
from ..units import merge_in, retire_in
from .activity import ActivityMixin
from .builder import BaseBuilder, calling_day, notice_day
from .data_reorg import MERGED_INTO, WORDING
from .data_units import COMMITTEE_NAME, PARENT_BODY, PROVINCE, PROVINCE_DOMAIN, STANDING_ADDRESS
from .history import changed, log_edits, log_founded
from .meetings import MeetingsMixin
from .reorg import wording_on
from .roster import RosterMixin

__all__ = ["DemoSummary", "DueDocument", "due_documents", "has_demo", "load_demo"]


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo created."""

    units: int
    people: int
    committee_memberships: int
    group_memberships: int
    meetings: int
    agenda_items: int
    invitees: int
    conclusions: int
    tasks: int
    working_sessions: int
    session_participants: int
    session_outputs: int
    reporting_regimes: int
    reporting_rounds: int
    submissions: int

    def __str__(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def load_demo(db: Database, *, today: date | None = None, seed: int = 2026) -> DemoSummary:
    """Fill an empty database with demo data, all in one transaction.

    The data only: the register of documents issued from it is filled by the documents layer
    (``bdcq_desktop.documents.demo``), from :func:`due_documents`.
    """
    today = today or date.today()
    db.require_writable()
    safety_backup(db, "before-demo")
    with db.session() as s:
        if holds_data(s):  # the rule the GUI's first start offers the demo by (is_empty)
            raise BcdError(
                tr("Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.")
            )
        from ..audit import current_user

        # Thousands of rows want one summary line in the change log, not one per row: this
        # flag asks the audit hook to skip the per-row entries (where it supports it).
        s.info["audit_disabled"] = True
        builder = _Builder(
            s,
            today,
            random.Random(seed),
            random.Random(f"{seed}/2025"),
            random.Random(f"{seed}/2024"),
            random.Random(f"{seed}/task acts"),
        )
        summary = builder.build()
        s.add(
            ChangeLog(
                user=current_user(),
                table_name=DEMO_MARK,
                action=ChangeAction.INSERT,
                changes=json.dumps(asdict(summary)),
            )
        )
    return summary


@dataclass(frozen=True)
class DueDocument:
    """A document the demo's secretariat issued: ``kind`` of meeting ``meeting_id``."""

    kind: str
    meeting_id: int
    issued_on: date


def due_documents(db: Database, today: date | None = None) -> list[DueDocument]:
    """The documents of the demo's register not issued yet, in the order they were issued: the
    convocation and invitation of every meeting convened or held (dated by
    :func:`calling_day`), the minutes of past meetings and their conclusion notices, by date.
    After a complete load the list is empty; after a load interrupted while issuing, it is what
    is left to do (issued in this order, the numbers come out as in an uninterrupted load).
    ``today`` is the demo's own (the clock's when not given): no paper is dated after it."""
    day = today or date.today()
    with db.session() as s:
        meetings = s.scalars(
            select(Meeting)
            .where(
                Meeting.status.in_(
                    (MeetingStatus.CONVENED, MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)
                )
            )
            .order_by(Meeting.starts_at)
        ).all()
        with_conclusions = set(s.scalars(select(Conclusion.meeting_id)))
        issued = set(
            s.execute(
                select(IssuedDocument.kind, IssuedDocument.record_id).where(
                    IssuedDocument.record_type == "meeting"
                )
            ).all()
        )
        due: list[DueDocument] = []
        for m in meetings:
            # A meeting held (minutes) or convened has called its people: the papers its list
            # needs (the members on the convocation, everyone else on the invitation), as
            # issuing them is what convenes a meeting in the application
            # (.meetings.mark_convened). A held one's are issued while it is convened again
            # for the moment (documents.demo: the register refuses them for a held meeting).
            serving = serving_secretary_of(s, m)
            kinds = {paper_of(i, m.chair_id, serving) for i in m.invitees}
            on = calling_day(m.starts_at, day)
            due += [
                DueDocument(kind, m.id, on)
                for kind in CONVENING_KINDS
                if kind in kinds and (kind, m.id) not in issued
            ]
            if m.status == MeetingStatus.CONVENED and m.minutes is None:
                continue
            held_on = (m.ends_at or m.starts_at).date()
            if m.minutes is None or not m.minutes.is_final:
                continue  # held, its minutes a draft: nothing issued after the meeting yet
            if ("minutes", m.id) not in issued:
                due.append(DueDocument("minutes", m.id, held_on))
            if m.id in with_conclusions and ("conclusions", m.id) not in issued:
                due.append(DueDocument("conclusions", m.id, notice_day(m.starts_at, m.ends_at)))
    # Stable: a day's papers keep the order above (the register numbers each series by date).
    return sorted(due, key=lambda d: d.issued_on)


class _Builder(MeetingsMixin, ActivityMixin, RosterMixin, BaseBuilder):
    """The whole demo: the base (people, units), the committee and group, and the activity."""

    def build(self) -> DemoSummary:
        self.build_units()
        self.build_committee()
        self.build_province()
        self.build_group()
        self.build_meetings()
        self.build_sessions()
        self.build_reporting()
        # The ad hoc requests before the flush, added after it with their notices' ids: every
        # report is numbered (.numbers) before any row is written, so none is written twice.
        start = len(self.rows)
        ad_hoc = self.build_ad_hoc_rounds()
        self.numbering.renumber(self.edits)
        self.s.add_all(self.rows[:start])
        self.s.flush()
        # The reorganisation's units, as the units view records a merge or a retirement.
        for unit, target, day in self.merges:
            before = {k: getattr(unit, k) for k in ("active", "retired_on", "merged_into_id")}
            if target is None:
                retire_in(unit, day)
            else:
                merge_in(unit, target, day)
            self.edits.append((day, unit, changed(unit, before)))
        for rnd, conclusion in ad_hoc:
            rnd.regime, rnd.conclusion_id = self.regimes[-1], conclusion.id
        self.s.add_all(self.rows[start:])
        org = self.s.get(Organisation, 1) or Organisation(id=1)
        org.parent_body, org.committee_name = PARENT_BODY, COMMITTEE_NAME
        org.abbreviation, org.place_name = "BCĐ", PROVINCE
        # The settings of today: the standing agency and its address after the reorganisation.
        agency = self.unit_on("stttt", self.today) or "stttt"
        org.standing_agency = self.units[agency]
        org.address, org.phone = wording_on(STANDING_ADDRESS, self.today), self.office_phone()
        self.units[agency].address = org.address
        org.email = f"bcdcqdt@{PROVINCE_DOMAIN}"
        org.default_signer_id = self.head.person.id
        org.default_deputy_signer_id = self.deputy.person.id
        self.s.add(org)
        self.s.flush()
        # The settings' changes on their days, as the office made them: the standing agency at
        # the merger (the log dates the documents' agency, .standing_agency), its address when
        # the wards replaced TP Vinh (the log dates the address, .settings_on). A demo whose
        # years start after the merger never named Sở TT&TT; one made before 1/7/2025 has no
        # ward yet.
        if agency != "stttt" and "stttt" in self.units:
            old = self.units["stttt"].id
            merged = MERGED_INTO["stttt"][1]
            self.edits.append((merged, org, {"standing_agency_id": [old, org.standing_agency_id]}))
        for day, _pairs in WORDING:
            before = wording_on(STANDING_ADDRESS, day - timedelta(days=1))
            after = wording_on(STANDING_ADDRESS, day)
            if day <= self.today and before != after:
                self.edits.append((day, org, {"address": [before, after]}))

        # Every record has its id now: the acts on tasks get their rows (.task_acts), and the
        # two years' edits go into the log, each on its day.
        self.add_task_events()
        log_edits(self.s, self.edits)
        log_founded(self.s, self.founded)

        def n(cls: type) -> int:
            return sum(type(r) is cls for r in self.rows)

        return DemoSummary(
            units=n(Unit),
            people=n(Person),
            committee_memberships=n(CommitteeMembership),
            group_memberships=n(GroupMembership),
            meetings=n(Meeting),
            agenda_items=n(AgendaItem),
            invitees=n(Invitee),
            conclusions=n(Conclusion),
            tasks=n(Task),
            working_sessions=n(WorkingSession),
            session_participants=n(SessionParticipant),
            session_outputs=n(SessionOutput),
            reporting_regimes=n(ReportingRegime),
            reporting_rounds=n(ReportingRound),
            submissions=n(Submission),
        )
