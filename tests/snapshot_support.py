"""What the tests of a person named on a meeting or a working session as of its day share
(tests/test_meeting_people_snapshots.py, tests/test_presenter_convener_snapshots.py): the meeting
of 20/5/2026 recorded as held at noon, a person of an agency merged afterwards who then moves
through the core, and the bundled font so that the PDFs read back are the same on any machine.

Each test module picks its own positions (``OLD_POSITION``, ``NEW_POSITION``); the agencies and
the day are the same in both. Import :func:`bundled_font` into the test module for it to apply
(pytest finds fixtures by the module's names)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import members, units
from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.models import CommitteeMembership, CommitteeRole
from bdcq_desktop.documents import fonts as docfonts

HELD = datetime(2026, 5, 20, 8, 0)
AFTER = datetime(2026, 5, 20, 12, 0)
OLD_UNIT, NEW_UNIT = "Sở Thử nghiệm Trước sáp nhập", "Sở Thử nghiệm Sau sáp nhập"


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def holder(db: Any, role: CommitteeRole) -> int:
    """Who holds ``role`` on the committee today."""
    with db.session() as s:
        return int(
            s.scalar(
                select(CommitteeMembership.person_id).where(
                    CommitteeMembership.role == role, CommitteeMembership.end_date.is_(None)
                )
            )
        )


def moves(db: Any, person_id: int, **fields: Any) -> None:
    """The officer edits the person's record (the people dialog's save)."""
    members.update_person(
        db, person_id, expected_version=members.get_person(db, person_id).version, **fields
    )


def person_of_the_old_unit(
    db: Any, full_name: str, position: str, **fields: Any
) -> tuple[int, int]:
    """``OLD_UNIT`` and ``NEW_UNIT`` created, in that order, and a person on the staff of the
    old one: (the person, the new unit to move them into)."""
    old_unit = units.create_unit(db, name=OLD_UNIT)
    new_unit = units.create_unit(db, name=NEW_UNIT)
    person = members.create_person(
        db, full_name=full_name, position=position, unit_id=old_unit, **fields
    )
    return person, new_unit


def meeting_of_may(db: Any, *, kind: str = "expanded", **fields: Any) -> int:
    """The meeting of 20/5/2026, 8:00 to 11:00, recorded as held at noon (``AFTER``)."""
    return create_meeting(
        db,
        title="Họp Ban Chỉ đạo tháng 5 năm 2026",
        kind=kind,
        starts_at=HELD,
        ends_at=HELD.replace(hour=11),
        place="Phòng họp số 1",
        held=True,
        now=AFTER,
        **fields,
    )
