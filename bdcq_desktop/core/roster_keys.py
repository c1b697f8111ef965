"""Who a roster row is: the person's key an export writes, and the units a unit became.

A name and a unit do not name a person for long: a unit merges into another (Sở TT&TT into
Sở KH&CN), a member moves, a typo in a name is corrected. The export of the roster therefore
writes each person's key ("Mã người": the person's ``uid``, a random UUID given when they were
recorded, kept by the meeting room's copy and by backups), and an import matches by it first; a
row without one is matched by name and unit, the unit taken with the units merged into it (a
person recorded at Sở TT&TT is the one a roster lists at Sở KH&CN after the merger).

The key is not the person's id: an id names two people in time. The meeting room's copy of the
database numbers the people it adds on its own (its person 87 and the office's are two people),
and an id freed by a deletion is given to the next person. A key found here names its person
even under another name (a typo corrected in the file: they are renamed, and told so); a key
not found here (a person added on the room's copy, or in another database) names nobody, and
the row is matched by name and unit. A bare number (the id the lists show) is only a hint,
taken when the person of that id has the row's name, and never renames anyone.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .i18n import tr
from .models import ChangeAction, ChangeLog, Unit
from .text import exact_text, fold

_UID = re.compile(r"^\s*([0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12})\s*$", re.IGNORECASE)
# The key of the first days ("1a2b3c4d-87": the database's identity and the person's id), never
# in a release: refused, since its number may be someone else here now.
_OLD = re.compile(r"^\s*[0-9a-f]{8}-\d{1,12}\s*$", re.IGNORECASE)
_BARE = re.compile(r"^\s*(\d{1,12})\s*$")

# A row's key read: ("uid", the UUID as the database stores it), ("id", the id as a list shows
# it), or ("old", the cell) for a key of the earlier form.
Key = tuple[str, str]


def parse_key(text: str) -> Key | None:
    """The key a "Mã người" cell gives (see :data:`Key`); None for anything else."""
    if m := _UID.match(text or ""):
        return "uid", str(uuid.UUID(m[1]))
    if m := _BARE.match(text or ""):
        return "id", str(int(m[1]))
    if _OLD.match(text or ""):
        return "old", text.strip()
    return None


def old_key_problem(text: str) -> str:
    """Why a key of the earlier form is refused (the column is named by the caller)."""
    return tr(
        '"Mã người" "{value}" là mã dạng cũ (số thứ tự của người), không còn dùng vì một số có '
        "thể là hai người khác nhau: hãy xuất lại danh sách thành viên để có Mã người mới, hoặc "
        "xóa ô này để đối chiếu theo họ tên và đơn vị."
    ).format(value=text)


def keyed(
    key: Key | None, by_uid: dict[str, int], names: dict[int, str], name: str, folded: str
) -> tuple[int | None, str, tuple[str, ...]]:
    """(the person the row's key names here, the name they take, the warnings) for a row of
    ``name`` (``folded``: as :func:`.text.fold` gives it). ``by_uid``: uid → person id;
    ``names``: person id → name. Only a uid renames; a bare id names its person only under
    their own name, else it is set aside (a list of another database, or an id given again
    since)."""
    if key is None:
        return None, "", ()
    kind, value = key
    if kind == "uid" and value in by_uid:
        pid = by_uid[value]
        # Diacritics are letters of a Vietnamese name ("Hung" and "Hùng" are two names): a
        # correction of them is a rename; a name in other case is not.
        if exact_text(names[pid]) == exact_text(name):
            return pid, "", ()
        return pid, name, (rename_warning(pid, names[pid], name),)
    if kind == "id" and int(value) in names:
        pid = int(value)
        if fold(names[pid]) == folded:
            return pid, "", ()
        return None, "", (stranger_warning(pid, names[pid]),)
    return None, "", ()


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
        'Có {n} người tên "{name}" ở "{unit}" hoặc đơn vị đã sáp nhập vào đó (ID người {ids}): '
        'chưa biết dòng này là ai. Hãy ghi mã của đúng người vào cột "Mã người" rồi nhập lại.'
    ).format(n=len(found), name=name, unit=unit_name or "—", ids=", ".join(map(str, found)))


def stranger_warning(person_id: int, recorded: str) -> str:
    """A bare "Mã người" (an id, as the lists show it) naming someone else here: a list of
    another database, or the id given to someone else since. The row is matched by name and
    unit instead."""
    return tr(
        'Cảnh báo: "Mã người" {id} ở đây là ID người của "{name}", không phải người của dòng '
        "này (danh sách của cơ sở dữ liệu khác, hoặc số đã cấp cho người khác?): không dùng số "
        "này, đối chiếu theo họ tên và đơn vị."
    ).format(id=person_id, name=recorded)


def rename_warning(person_id: int, old: str, new: str) -> str:
    """The warning of a row whose key (a uid) names a person recorded under another name."""
    return tr(
        'Cảnh báo: đổi họ tên: "Mã người" của dòng này là của "{old}" (ID người {id}); '
        'khi nhập, người này sẽ đổi họ tên thành "{new}".'
    ).format(id=person_id, old=old, new=new)
