"""The signature of the Committee's documents follows the signer's role on the roster of the
document's date (Decree 30/2020): the Head signs "TM. BAN CHỈ ĐẠO / TRƯỞNG BAN", a Deputy Head
"KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN"; a meeting's letters are signed by whoever called it, and
"head" is the Head of the day, not a fixed person. Every check reads the real PDF back."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.members import list_committee
from bdcq_desktop.core.memberships import NewAppointment, Reorganisation, reorganise
from bdcq_desktop.core.models import Meeting, Person
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.conftest import DEMO_TODAY
from tests.test_settings_kept_on_date import settings_made_on

HEAD = ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]
DEPUTY = ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def _signature(data: bytes) -> list[str]:
    """The lines of the signature column (right half, from "Nơi nhận:" down) of the page that
    holds the closing: authority lines, then the signer's name."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            start = next((w for w in words if w["text"] == "Nơi"), None)
            if start is None:
                continue
            middle = page.width / 2
            column = [
                w for w in words if w["x0"] > middle and w["top"] >= start["top"] - 2
            ]
            lines: dict[int, list[Any]] = {}
            for w in column:
                lines.setdefault(round(w["top"]), []).append(w)
            out = []
            for top in sorted(lines):
                text = " ".join(w["text"] for w in sorted(lines[top], key=lambda w: w["x0"]))
                if text.strip().isdigit():  # a page number
                    continue
                out.append(text)
            return out
    raise AssertionError("no closing found")


def _meeting(db: Any, meeting_id: int) -> tuple[str, str]:
    """(who called it, their committee role on the meeting's day)."""
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None and m.called_by is not None
        day, name = m.starts_at.date(), m.called_by.full_name
    role = {r.full_name: r.role for r in list_committee(db, on=day)}[name]
    return name, role


def test_a_meeting_s_letters_are_signed_by_whoever_called_it(demo_db: Any) -> None:
    # The demo's meetings 8 and 13 were called by a Deputy Head (8 by the Phó Trưởng ban
    # Thường trực, a Deputy Head in every right: the same KT. signature), 14 by the Head.
    for meeting_id, kinds, form, called_as in (
        (8, ("convocation", "agenda"), DEPUTY, "standing_deputy_head"),
        (13, ("convocation", "invitation", "agenda"), DEPUTY, "deputy_head"),
        (14, ("convocation", "agenda"), HEAD, "head"),
    ):
        caller, role = _meeting(demo_db, meeting_id)
        assert role == called_as
        for kind in kinds:
            lines = _signature(service.draft(demo_db, kind, meeting_id))
            # Never "TRƯỞNG BAN" above a Deputy; the Head's letters as they always were.
            assert lines == [*form, caller], (meeting_id, kind, lines)


def test_signer_chair_gives_a_deputy_chair_the_deputy_s_title(demo_db: Any) -> None:
    ds.save_kind(demo_db, replace(ds.default_kind("convocation"), signer="chair"))
    lines = _signature(service.draft(demo_db, "convocation", 8))
    assert lines == [*DEPUTY, "Cao Bá Công"]  # not "TRƯỞNG BAN" above a Deputy
    assert _signature(service.draft(demo_db, "convocation", 14)) == [*HEAD, "Vũ Duy Tiến"]


def test_custom_lines_stand_only_where_they_fit_the_role(demo_db: Any) -> None:
    local = ("TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    ds.save_kind(demo_db, replace(ds.default_kind("convocation"), authority=local))
    assert _signature(service.draft(demo_db, "convocation", 8)) == [*local, "Cao Bá Công"]
    assert _signature(service.draft(demo_db, "convocation", 14)) == [*HEAD, "Vũ Duy Tiến"]


def _new_head(db: Any, effective: date, *, default_signer: bool = True) -> str:
    """The Deputy Vũ Thị Hoa becomes Head from ``effective`` (Vũ Duy Tiến leaves), and (with
    ``default_signer``) the secretariat makes her the default signer: a reshuffle (quyết định
    kiện toàn)."""
    rows = {r.full_name: r for r in list_committee(db, on=effective)}
    old, deputy = rows["Vũ Duy Tiến"], rows["Vũ Thị Hoa"]
    reorganise(
        db,
        Reorganisation(
            decision_number="99/QĐ-UBND",
            decision_date=effective,
            effective_date=effective,
            end_ids=[old.id, deputy.id],
            new=[NewAppointment(deputy.person_id, "head")],
        ),
    )
    if default_signer:
        update_organisation(db, default_signer_id=deputy.person_id)
    return deputy.full_name


def test_a_document_before_a_change_of_head_is_signed_by_that_day_s_head(demo_db: Any) -> None:
    new = _new_head(demo_db, date(2026, 6, 1))
    # Meeting 1 (8/1/2025), its convocation dated as it went out: the Head of the time, not
    # the Head of today.
    then = service.draft(demo_db, "convocation", 1, today=date(2025, 1, 3))
    assert _signature(then) == [*HEAD, "Vũ Duy Tiến"]
    # Drafted without a date it is a paper of today, as issuing it now would be.
    assert _signature(service.draft(demo_db, "convocation", 1)) == [*HEAD, new]
    # Meeting 7 (3/2/2026), called by Vũ Thị Hoa while a Deputy: KT., her own title.
    then = service.draft(demo_db, "convocation", 7, today=date(2026, 1, 28))
    assert _signature(then) == [*DEPUTY, new]
    # Meeting 13 (November 2026), called by her, Head by then.
    assert _signature(service.draft(demo_db, "convocation", 13)) == [*HEAD, new]
    # The roster as of a day before the change, and as of today.
    before = service.draft(demo_db, "roster", today=date(2026, 5, 4))
    assert _signature(before) == [*HEAD, "Vũ Duy Tiến"]
    assert _signature(service.draft(demo_db, "roster", today=date(2026, 11, 30))) == [*HEAD, new]


def test_after_a_reshuffle_the_new_head_signs_before_the_settings_are_touched(
    demo_db: Any,
) -> None:
    new = _new_head(demo_db, date(2026, 6, 1), default_signer=False)
    # Meeting 14 (2027) was called by Vũ Duy Tiến, no longer on the committee by then; the
    # default signer still names him.
    assert _signature(service.draft(demo_db, "convocation", 14)) == [*HEAD, new]
    assert _signature(service.draft(demo_db, "roster", today=date(2026, 11, 30))) == [*HEAD, new]


def test_a_chosen_person_is_never_given_a_title_they_do_not_hold(demo_db: Any) -> None:
    with demo_db.session() as s:
        member = s.scalar(select(Person).where(Person.full_name == "Hoàng Quang Tuấn"))
        assert member is not None
        member_id = member.id
    ds.save_kind(demo_db, replace(ds.default_kind("roster"), signer=f"person:{member_id}"))
    day = date(2026, 11, 30)
    settings_made_on(demo_db, day)  # set before the paper of that day, whatever today is
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "roster", today=day)
    assert info.value.field == "signer.roster"
    assert "Hoàng Quang Tuấn" in info.value.message and "Trưởng ban" in info.value.message
    # The same person under lines that give no committee title signs as set.
    lines = ("TL. TRƯỞNG BAN", "TỔ TRƯỞNG TỔ CÔNG TÁC")
    ds.save_kind(
        demo_db,
        replace(ds.default_kind("roster"), signer=f"person:{member_id}", authority=lines),
    )
    settings_made_on(demo_db, day)
    data = service.draft(demo_db, "roster", today=day)
    assert _signature(data) == [*lines, "Hoàng Quang Tuấn"]


def test_the_issued_letter_and_the_register_name_the_deputy(demo_db: Any) -> None:
    from bdcq_desktop.core import register

    day = DEMO_TODAY  # before meeting 13, which Vũ Thị Hoa called
    rec = service.issue(demo_db, "convocation", 13, issued_on=day, today=day)
    assert rec.signer == "Vũ Thị Hoa"
    assert _signature(register.stored_copy(rec, demo_db)) == [*DEPUTY, "Vũ Thị Hoa"]


def test_the_signer_s_roster_read_skips_the_removal_check(demo_db: Any) -> None:
    """A letter reads the roster of its date for its signer, without the members tab's flag
    of who may be deleted: that check reads every invitee and task of the database, about
    10 ms a letter at ten years. The roster read is otherwise the same."""
    from sqlalchemy import event

    day = date(2026, 6, 1)
    flagged = list_committee(demo_db, on=day)
    plain = list_committee(demo_db, on=day, removal_flag=False)
    assert [replace(r, deletable=False) for r in flagged] == plain
    assert not any(r.deletable for r in plain)

    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", seen)
    try:
        lines = _signature(service.draft(demo_db, "convocation", 14))
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", seen)
    assert lines == [*HEAD, "Vũ Duy Tiến"]
    rosters = [s for s in statements if "FROM committee_membership" in s and "JOIN person" in s]
    assert rosters, "the letter read the roster of its date"
    # The removal check's subqueries (invitees, tasks, participants) are not in them.
    assert not any("FROM invitee" in s or "FROM task" in s for s in rosters)
