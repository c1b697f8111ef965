"""Who a roster row is: the person's key an export writes, and the units a unit became.

A name and a unit do not name a person for long: a unit merges into another (Sở TT&TT into
Sở KH&CN), a member moves, a typo in a name is corrected. The export of the roster therefore
writes each person's key ("Mã người": this database's identity and the person's id), and an
import matches by it first; a row without one is matched by name and unit, the unit taken
with the units merged into it (a person recorded at Sở TT&TT is the one a roster lists at
Sở KH&CN after the merger). The key of another database names nobody here, but its rows still
tell which rows of the file are one person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .i18n import tr
from .models import ChangeAction, ChangeLog, Organisation, Unit

# Enough of the database's identity (a random UUID) to tell two databases apart, short enough
# for a spreadsheet cell the officer may have to copy.
_PREFIX_LEN = 8
_KEY = re.compile(r"^\s*([0-9a-f]{8})-(\d{1,12})\s*$", re.IGNORECASE)


def key_prefix(s: Session) -> str:
    """This database's part of a person's key ("" for a database without an identity yet:
    nothing it exports then carries a key)."""
    uid = s.scalar(select(Organisation.database_uid).order_by(Organisation.id).limit(1))
    return (uid or "").replace("-", "")[:_PREFIX_LEN].lower()


def person_key(prefix: str, person_id: int) -> str:
    """The key an export writes for a person ("" when the database has no identity)."""
    return f"{prefix}-{person_id}" if prefix else ""


def parse_key(text: str) -> tuple[str, int] | None:
    """(database part, person id) of a key as :func:`person_key` writes it; a bare number (the
    "Mã người" the lists show: ``members list``, ``people list``) has no database part ("").
    None for anything else."""
    m = _KEY.match(text or "")
    if m:
        return m[1].lower(), int(m[2])
    bare = re.fullmatch(r"\s*(\d{1,12})\s*", text or "")
    return ("", int(bare[1])) if bare else None


def successors(units: dict[int, Unit]) -> dict[int, int]:
    """Unit id → the unit it now is: itself, or the end of the chain it was merged along
    (Sở TT&TT → Sở KH&CN). A chain that loops (hand-edited data) stops where it loops."""
    out: dict[int, int] = {}
    for uid in units:
        seen = {uid}
        cur = uid
        while (nxt := units[cur].merged_into_id) is not None and nxt in units and nxt not in seen:
            seen.add(nxt)
            cur = nxt
        out[uid] = cur
    return out


# A person's record for matching: (id, unit now, every unit they have been recorded at).
Namesake = tuple[int, int | None, frozenset[int]]


def units_held(s: Session, people: Iterable[int]) -> dict[int, set[int]]:
    """The units each of ``people`` was recorded at before their present one, from the change
    log's updates of the person (read for these people only, through its index by record)."""
    wanted = sorted(set(people))
    held: dict[int, set[int]] = {}
    for i in range(0, len(wanted), 500):
        for record_id, text in s.execute(
            select(ChangeLog.record_id, ChangeLog.changes).where(
                ChangeLog.table_name == "person",
                ChangeLog.record_id.in_(wanted[i : i + 500]),
                ChangeLog.action == ChangeAction.UPDATE,
                ChangeLog.changes.like('%"unit_id"%'),
            )
        ):
            try:
                values = json.loads(text).get("unit_id") or ()
            except (ValueError, AttributeError):
                continue  # a log entry nobody can read names no unit
            held.setdefault(record_id, set()).update(u for u in values if isinstance(u, int))
    return held


def namesakes(
    people: dict[str, list[Namesake]],
    successor: dict[int, int],
    folded: str,
    unit: Unit | None,
) -> list[int]:
    """The people a row without a key of this database names: same name (``people``: folded
    name → :data:`Namesake`), recorded at the row's unit now or before, or at a unit merged
    with it (recorded at Sở TT&TT, listed at Sở KH&CN after the merger; retired since, listed
    at the unit they left)."""
    if unit is None:
        return [pid for pid, now, _held in people.get(folded, ()) if now is None]
    lineage = successor.get(unit.id, unit.id)
    return [
        pid
        for pid, _now, held in people.get(folded, ())
        if any(successor.get(u, u) == lineage for u in held)
    ]


def ambiguous(name: str, unit_name: str, found: list[int]) -> str:
    """Why a row that may be any of several people is refused: asked, never guessed."""
    return tr(
        'Có {n} người tên "{name}" ở "{unit}" hoặc đơn vị đã sáp nhập vào đó (mã {ids}): chưa '
        'biết dòng này là ai. Hãy ghi mã của đúng người vào cột "Mã người" rồi nhập lại.'
    ).format(n=len(found), name=name, unit=unit_name or "—", ids=", ".join(map(str, found)))


def stranger_warning(person_id: int, recorded: str) -> str:
    """A "Mã người" naming someone else here (another name, another unit): a list of another
    database, or of a copy of this one, most likely (their ids are their own). The row is
    matched by name and unit instead."""
    return tr(
        'Cảnh báo: "Mã người" {id} ở đây là "{name}", không phải người của dòng này (tệp '
        "của cơ sở dữ liệu khác hoặc của một bản sao?): không dùng mã này, đối chiếu theo họ "
        "tên và đơn vị."
    ).format(id=person_id, name=recorded)


def rename_warning(existing: int | None, names: dict[int, str], new_name: str) -> tuple[str, ...]:
    """The warning of a row whose key names a person recorded under another name."""
    if existing is None or not new_name:
        return ()
    return (
        tr('Cảnh báo: "Mã người" {id} là "{old}"; khi nhập, họ tên sẽ sửa thành "{new}".').format(
            id=existing, old=names[existing], new=new_name
        ),
    )
