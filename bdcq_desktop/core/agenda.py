"""A meeting's agenda (chương trình): items in order, each with a presenter (a person on
record, a unit, or a guest named on the agenda) and its planned minutes.

The times are not stored: each item starts when the one before it ends, from the meeting's
start, so reordering or changing a duration moves every later item. Saving the agenda is one
call that replaces the whole list and bumps the meeting's version; what was typed live into an
item (``minutes_text``) stays with the item, so an item with notes cannot be dropped.

The save is guarded by the meeting's version read, or, given the items' own versions read
(``item_versions``), by those: another officer inviting a guest, moving the place or issuing a
paper meanwhile changed nothing the agenda was typed on, so it is no conflict (the meeting's
row is locked first, :func:`.locking.lock_row`, so that its bump cannot fail); an item changed,
added or removed meanwhile still is. What the save depends on in the meeting (open to changes,
an issued paper that prints the agenda) is checked on the meeting as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .agenda_papers import after_agenda_change, printed
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .invitees import invite_named
from .locking import conflict
from .meeting_people import copy_person
from .meeting_rules import label_of, load_for_change, lock_meeting, meeting_key, touch
from .models import AgendaItem, Meeting, Person, Unit
from .named_invitees import open_to_invite

MAX_ITEM_MINUTES = 600


@dataclass(frozen=True)
class AgendaLine:
    """One item as a form or a script gives it. ``id`` keeps an existing item (and its notes);
    at most one of ``presenter_person_id``, ``presenter_unit_id``, ``presenter_name``."""

    title: str
    planned_minutes: int | None = None
    presenter_person_id: int | None = None
    presenter_unit_id: int | None = None
    presenter_name: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class AgendaRow:
    id: int
    order: int  # 1, 2, 3… as printed
    title: str
    presenter: str  # the name shown: a person, a unit or a guest
    presenter_kind: str  # person, unit, guest or ""
    presenter_person_id: int | None
    presenter_unit_id: int | None
    presenter_name: str
    planned_minutes: int | None
    starts_at: datetime | None  # None once an earlier item has no planned minutes
    ends_at: datetime | None
    # The item's own version: what :func:`set_agenda` takes in ``item_versions``.
    version: int = 0

    def as_line(self) -> AgendaLine:
        return AgendaLine(
            title=self.title,
            planned_minutes=self.planned_minutes,
            presenter_person_id=self.presenter_person_id,
            # One presenter: a person first (older records also name the person's unit).
            presenter_unit_id=self.presenter_unit_id if self.presenter_person_id is None else None,
            presenter_name=self.presenter_name or None,
            id=self.id,
        )


def skeleton_line(item: AgendaItem) -> AgendaLine:
    """An item copied to a new meeting (title, minutes, its one presenter; a person first,
    since older records name both the person and the person's unit)."""
    person = item.presenter_person_id
    return AgendaLine(
        item.title,
        item.planned_minutes,
        person,
        item.presenter_unit_id if person is None else None,
        item.presenter_name if person is None and item.presenter_unit_id is None else None,
    )


_LINE_FIELDS = {f.name for f in fields(AgendaLine)}


def _line(raw: AgendaLine | Mapping[str, Any], n: int) -> AgendaLine:
    if isinstance(raw, AgendaLine):
        return raw
    if not isinstance(raw, Mapping):  # a script's JSON: a bare text or number for a line
        raise _bad(n, tr('mỗi dòng là một đối tượng, ví dụ {"title": "…"}.'))
    unknown = sorted(set(raw) - _LINE_FIELDS)
    if unknown:
        raise _bad(n, tr("trường không hợp lệ: {names}.").format(names=", ".join(unknown)))
    # A line without its title is refused below, naming the field, like an empty one.
    return AgendaLine(**{"title": None, **raw})


def _bad(n: int, message: str) -> ValidationError:
    return ValidationError(
        "agenda", tr("Dòng {n}: {message}").format(n=n, message=message), label=label_of("agenda")
    )


def clean_agenda(lines: Sequence[AgendaLine | Mapping[str, Any]]) -> list[AgendaLine]:
    """Validate every line before anything is written; the first bad one is reported as
    ``Dòng N: …`` on the field ``agenda``."""
    out: list[AgendaLine] = []
    seen: set[int] = set()
    for n, raw in enumerate(lines, start=1):
        line = _line(raw, n)
        try:
            title = v.text(line.title, "title", tr("Nội dung"), required=True, max_len=500)
            minutes = v.positive_int(
                line.planned_minutes,
                "planned_minutes",
                tr("Thời lượng (phút)"),
                minimum=1,
                maximum=MAX_ITEM_MINUTES,
            )
            name = v.text(line.presenter_name, "presenter_name", tr("Người trình bày"), max_len=200)
            person = v.positive_int(
                line.presenter_person_id, "presenter_person_id", tr("Người trình bày"), minimum=1
            )
            unit = v.positive_int(
                line.presenter_unit_id, "presenter_unit_id", tr("Đơn vị trình bày"), minimum=1
            )
            item_id = v.positive_int(line.id, "id", tr("Mã mục"), minimum=1)
        except ValidationError as exc:
            raise _bad(n, str(exc)) from None
        if sum(x is not None for x in (person, unit, name)) > 1:
            raise _bad(
                n, tr("chỉ ghi một người trình bày: một người, một đơn vị hoặc một khách mời.")
            )
        if item_id is not None:
            if item_id in seen:
                raise _bad(n, tr("mục {id} xuất hiện hai lần.").format(id=item_id))
            seen.add(item_id)
        out.append(AgendaLine(title or "", minutes, person, unit, name, item_id))
    return out


def _existing(s: Session, model: Any, ids: set[int | None]) -> set[int]:
    """Which of ``ids`` are rows of ``model`` (no query when there are none to look up)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(s.scalars(select(model.id).where(model.id.in_(wanted))))


def write_agenda(s: Session, m: Meeting, lines: list[AgendaLine]) -> None:
    """Replace the agenda of ``m`` with cleaned ``lines`` inside the caller's transaction."""
    # The presenters named, looked up in one query per table (not one per line); the people
    # with their agencies, which a presenter named anew is copied with (from the session's
    # identity map, no query more).
    wanted = {line.presenter_person_id for line in lines} - {None}
    people = (
        {
            p.id: p  # held here: the identity map keeps only what is referenced
            for p in s.scalars(
                select(Person).where(Person.id.in_(wanted)).options(joinedload(Person.unit))
            )
        }
        if wanted
        else {}
    )
    units = _existing(s, Unit, {line.presenter_unit_id for line in lines})
    for n, line in enumerate(lines, start=1):
        if line.presenter_person_id is not None and line.presenter_person_id not in people:
            raise _bad(n, tr("không có ID người {id}.").format(id=line.presenter_person_id))
        if line.presenter_unit_id is not None and line.presenter_unit_id not in units:
            raise _bad(n, tr("không có đơn vị có mã {id}.").format(id=line.presenter_unit_id))
    existing = {a.id: a for a in m.agenda}
    for n, line in enumerate(lines, start=1):
        if line.id is not None and line.id not in existing:
            raise _bad(n, tr("mục {id} không thuộc cuộc họp này.").format(id=line.id))
    kept = {line.id for line in lines if line.id is not None}
    for item in existing.values():
        if item.id not in kept:
            if (item.minutes_text or "").strip():
                raise ValidationError(
                    "agenda",
                    tr("Mục “{title}” đã có nội dung ghi biên bản: không bỏ được.").format(
                        title=item.title
                    ),
                    label=label_of("agenda"),
                )
            m.agenda.remove(item)
    for n, line in enumerate(lines, start=1):
        item = existing[line.id] if line.id is not None else AgendaItem()
        item.position = n
        item.title = line.title
        item.planned_minutes = line.planned_minutes
        # A presenter named anew is copied as of the meeting's start (now, for one to come);
        # the same one keeps the copy taken when first named (a reorder or a new title must
        # not move them to today's post).
        if line.id is None or item.presenter_person_id != line.presenter_person_id:
            copy_person(s, item, "presenter", line.presenter_person_id, m.starts_at)
        item.presenter_person_id = line.presenter_person_id
        item.presenter_unit_id = line.presenter_unit_id
        item.presenter_name = line.presenter_name
        if line.id is None:
            m.agenda.append(item)
    m.agenda.sort(key=lambda a: a.position)


def _versions_read(item_versions: object) -> dict[int, int] | None:
    """``item_versions`` (item id → its version read), checked before any session opens."""
    if item_versions is None:
        return None
    label = tr("Phiên bản các mục chương trình")
    if not isinstance(item_versions, Mapping):
        raise ValidationError(
            "item_versions",
            tr('"{label}" phải ghi mỗi mục một phiên bản (mã mục → phiên bản).').format(
                label=label
            ),
            label=label,
        )
    out: dict[int, int] = {}
    for item_id, version in item_versions.items():
        key = v.record_id(item_id, "item_versions", label)
        seen = v.positive_int(version, "item_versions", label, minimum=1, required=True)
        assert seen is not None
        out[key] = seen
    return out


def _load_by_items(s: Session, meeting_id: int, seen: dict[int, int]) -> Meeting:
    """The meeting whose agenda was read at ``seen`` (item id → version), as it is now: open
    to changes, and its agenda still exactly those items at those versions (an item another
    officer changed, added or removed meanwhile is a conflict; the rest of the meeting is not
    what the agenda was typed on). Locked first, so that the meeting's bump cannot fail."""
    key = meeting_key(meeting_id)
    lock_meeting(s, key)
    m = load_for_change(s, key, None)
    if {a.id: a.version for a in m.agenda} != seen:
        raise conflict(tr("Chương trình của cuộc họp"), m.version)
    return m


def set_agenda(
    db: Database,
    meeting_id: int,
    lines: Sequence[AgendaLine | Mapping[str, Any]],
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
    item_versions: Mapping[int, int] | None = None,
) -> int:
    """Save the whole agenda (add, edit, reorder, remove items) in one transaction; returns
    the meeting's new version. A person presenting an item of a meeting not yet held is
    invited if not on its list (:mod:`.named_invitees`). A change to what an issued
    convocation, invitation or agenda paper prints of it, or to the list it names, is asked
    first, in one question, and, confirmed, supersedes that paper (:mod:`.agenda_papers`).
    ``item_versions``: each item's version read (:attr:`AgendaRow.version`; an empty mapping
    for an agenda read empty), which then guards the save instead of ``expected_version`` (see
    the module doc)."""
    cleaned = clean_agenda(lines)
    seen = _versions_read(item_versions)
    if seen is not None:
        v.positive_int(expected_version, "expected_version", tr("Phiên bản cuộc họp"))
    with db.session() as s:
        if seen is None:
            m = load_for_change(s, meeting_id, expected_version)
        else:
            m = _load_by_items(s, meeting_id, seen)
        before = printed(m)
        write_agenda(s, m, cleaned)
        added = invite_named(s, m, presenters=True) if open_to_invite(m) else []
        after_agenda_change(s, m, before, confirmed=confirm_after_convocation, invited=added)
        return touch(s, m)


def reorder_agenda(
    db: Database,
    meeting_id: int,
    item_ids: Sequence[int],
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
) -> int:
    """Put the items in the order of ``item_ids`` (all of them, each once); the times follow.
    Asked first when an issued paper prints the agenda, as :func:`set_agenda`."""
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version)
        before = printed(m)
        current = {a.id for a in m.agenda}
        if sorted(item_ids) != sorted(current):
            raise ValidationError(
                "agenda",
                tr("Thứ tự mới phải gồm đúng các mục của chương trình, mỗi mục một lần."),
                label=label_of("agenda"),
            )
        order = {item_id: n for n, item_id in enumerate(item_ids, start=1)}
        for item in m.agenda:
            item.position = order[item.id]
        after_agenda_change(s, m, before, confirmed=confirm_after_convocation)
        return touch(s, m)


def schedule(
    starts_at: datetime, minutes: Sequence[int | None]
) -> list[tuple[datetime | None, datetime | None]]:
    """Start and end of each item, one after the other from ``starts_at``. An item without
    planned minutes has a start but no end, and the items after it have no time; so do items
    past the end of the calendar (a meeting stored on 31/12/9999 before dates were bounded
    must still open)."""
    out: list[tuple[datetime | None, datetime | None]] = []
    at: datetime | None = starts_at
    for n in minutes:
        try:
            end = at + timedelta(minutes=n) if at is not None and n is not None else None
        except OverflowError:
            end = None
        out.append((at, end))
        at = end
    return out


def overrun_warning(ends_at: datetime | None, rows: Sequence[AgendaRow]) -> str | None:
    """A warning when the agenda runs past the meeting's planned end."""
    last = max((r.ends_at for r in rows if r.ends_at is not None), default=None)
    if ends_at is None or last is None or last <= ends_at:
        return None
    over = int((last - ends_at).total_seconds() // 60)
    return tr(
        "Chương trình dự kiến kết thúc lúc {end}, quá giờ kết thúc của cuộc họp ({planned}) "
        "{n} phút."
    ).format(end=f"{last:%H:%M}", planned=f"{ends_at:%H:%M}", n=over)


def agenda_rows(s: Session, m: Meeting) -> list[AgendaRow]:
    """The agenda of ``m`` with its computed times (inside a session)."""
    items = sorted(m.agenda, key=lambda a: (a.position, a.id))
    person_ids = {a.presenter_person_id for a in items if a.presenter_person_id is not None}
    unit_ids = {a.presenter_unit_id for a in items if a.presenter_unit_id is not None}
    # No query for a table no line names (most agendas have no person presenting).
    people = (
        dict(s.execute(select(Person.id, Person.full_name).where(Person.id.in_(person_ids))).all())
        if person_ids
        else {}
    )
    units = (
        dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
        if unit_ids
        else {}
    )
    snapshots = {i.person_id: i.name_snapshot for i in m.invitees if i.person_id is not None}
    times = schedule(m.starts_at, [a.planned_minutes for a in items])
    rows = []
    for n, (a, (start, end)) in enumerate(zip(items, times, strict=True), start=1):
        if a.presenter_person_id is not None:
            kind = "person"
            who = snapshots.get(a.presenter_person_id) or people.get(a.presenter_person_id, "")
        elif a.presenter_unit_id is not None:
            kind, who = "unit", units.get(a.presenter_unit_id, "")
        elif a.presenter_name:
            kind, who = "guest", a.presenter_name
        else:
            kind, who = "", ""
        rows.append(
            AgendaRow(
                id=a.id,
                order=n,
                title=a.title,
                presenter=who,
                presenter_kind=kind,
                presenter_person_id=a.presenter_person_id,
                presenter_unit_id=a.presenter_unit_id,
                presenter_name=a.presenter_name or "",
                planned_minutes=a.planned_minutes,
                starts_at=start,
                ends_at=end,
                version=a.version,
            )
        )
    return rows
