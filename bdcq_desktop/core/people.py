"""People: one person's details, validated and saved (headless).

The person-level pieces the member dialogs and the experts view share: the frozen
:class:`PersonRow`, :func:`clean_person`, create / read / update. What ties a person to the
record (and so whether they may be deleted) is :mod:`.person_history`; the lists of people are
:mod:`.experts`; memberships are :mod:`.members`. All are re-exported by ``members``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .honorifics import honorific_for
from .i18n import tr
from .labels import label
from .locking import check_version, flush
from .models import Honorific, Person, PersonKind, Unit
from .name_case import academic_title, title_case_name
from .named_copies import Correction, follow, post_of


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    honorific: str
    position: str
    unit: str
    unit_id: int | None
    phone: str
    email: str
    kind: str
    kind_label: str
    version: int
    notes: str = ""
    has_history: bool = False  # tied to the record: cannot be deleted, only left alone
    unit_short: str = ""  # the unit's short name ("BHXH tỉnh"): what officers search by
    # "Mã người": the person's uid, as the roster export and the change log show it (``id``
    # is the number the commands take).
    uid: str = ""


def person_row(p: Person, history: bool = False) -> PersonRow:
    return PersonRow(
        id=p.id,
        full_name=p.full_name,
        honorific=label(p.honorific),
        position=p.position or "",
        unit=p.unit.name if p.unit else "",
        unit_id=p.unit_id,
        phone=p.phone or "",
        email=p.email or "",
        kind=p.kind.value,
        kind_label=label(p.kind),
        version=p.version,
        notes=p.notes or "",
        has_history=history,
        unit_short=(p.unit.short_name or "") if p.unit else "",
        uid=p.uid or "",
    )


# The people outside the committee the directory keeps and a session mobilises, in the
# forms' order (re-exported by :mod:`.experts`).
EXPERT_KINDS = (PersonKind.EXPERT, PersonKind.SCIENTIST, PersonKind.GUEST)

PERSON_LABELS = {
    "full_name": "Họ và tên",
    "honorific": "Danh xưng",
    "position": "Chức vụ",
    "unit_id": "Cơ quan, đơn vị",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "kind": "Loại",
    "notes": "Ghi chú",
}


def clean_person(data: dict[str, Any]) -> dict[str, Any]:
    """Validate person fields; raises one ValidationError naming every bad field (the first,
    and the others in its ``also``), so that a form marks them all at once."""
    L = {k: tr(x) for k, x in PERSON_LABELS.items()}
    out: dict[str, Any] = {}
    for key in data:
        if key not in PERSON_LABELS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    check = v.Refusals()
    if "full_name" in data:
        # Stored as documents print names (a capital on every syllable), whatever the form,
        # the file or the command line had: "nguyễn văn bình" would go out as typed.
        name = check(
            v.text, data["full_name"], "full_name", L["full_name"], required=True, max_len=200
        )
        out["full_name"] = title_case_name(name) if name is not None else None
    if "honorific" in data:
        raw = data["honorific"]
        # Accept what people type ("Ông", "Bà", "Nam", "Nữ") as well as the stored codes.
        guess = honorific_for(raw) if isinstance(raw, str) else None
        out["honorific"] = guess or check(
            v.choice, raw, Honorific, "honorific", L["honorific"], required=False
        )
    if "position" in data:
        out["position"] = check(v.text, data["position"], "position", L["position"], max_len=200)
    if "unit_id" in data:
        out["unit_id"] = data["unit_id"] or None
    if "phone" in data:
        out["phone"] = check(v.phone, data["phone"], "phone", L["phone"])
    if "email" in data:
        out["email"] = check(v.email, data["email"], "email", L["email"])
    if "kind" in data:
        out["kind"] = check(v.choice, data["kind"], PersonKind, "kind", L["kind"])
    if "notes" in data:
        out["notes"] = check(
            v.text, data["notes"], "notes", L["notes"], max_len=4000, multiline=True
        )
    check.raise_any()
    return out


def refuse_title_in_name(name: str | None, label: str) -> None:
    """A title typed in front of an expert's name ("TS. Nguyễn Văn A") is refused, saying where
    it goes (:data:`EXPERT_KINDS`: the people the working group mobilises and the directory
    keeps; committee members' names are the roster's, left as they were).

    Refused rather than moved into the position on its own: the papers print a person's title
    at the head of the position ("PGS.TS, Giảng viên cao cấp, Trường Đại học Vinh", as the
    demo's experts have it), so in the name it printed twice or in the name column of a list
    whose others have it in the position column; and a name with it is not the same letters as
    the person typed without it, who became a second person. A position may already hold the
    title, spelled otherwise ("Tiến sĩ"), or in another order: the officer, told, writes it
    once; the application guessing a merge would print it twice again."""
    found = academic_title(name)
    if found is None:
        return
    title, bare = found
    raise ValidationError(
        "full_name",
        tr(
            '"{label}": “{title}” là học hàm, học vị, không phải một phần của tên: ghi họ và '
            "tên “{name}” và ghi “{title}” ở đầu chức vụ (như “{title}, Giảng viên…”), nơi "
            "giấy tờ in học hàm, học vị."
        ).format(label=label, title=title, name=bare),
        label=label,
    )


def require_name(clean: dict[str, Any]) -> None:
    """A new person needs a name: raises the "required" message if ``clean`` has none."""
    if "full_name" not in clean:
        clean_person({"full_name": None})


def _check_expert_name(kind: PersonKind, name: str | None) -> None:
    """An expert's, scientist's or guest's name (the kind and name as saved) without a title."""
    if kind in EXPERT_KINDS:
        refuse_title_in_name(name, tr(PERSON_LABELS["full_name"]))


def create_person(db: Database, **data: Any) -> int:
    clean = clean_person(data)
    require_name(clean)
    _check_expert_name(clean.get("kind") or PersonKind.OFFICIAL, clean["full_name"])
    with db.session() as s:
        return add_person(s, clean).id


def add_person(s: Session, clean: dict[str, Any]) -> Person:
    """Insert a person from cleaned details inside an open session."""
    check_unit(s, clean.get("unit_id"))
    p = Person(**clean)
    s.add(p)
    s.flush()
    return p


def check_unit(s: Session, unit_id: int | None) -> None:
    if unit_id is not None and s.get(Unit, unit_id) is None:
        raise ValidationError(
            "unit_id", tr("Không có cơ quan, đơn vị này."), label=tr(PERSON_LABELS["unit_id"])
        )


def person_not_found(person_id: int) -> NotFoundError:
    return NotFoundError(tr("Không tìm thấy ID người {id}.").format(id=person_id))


def get_person(db: Database, person_id: int) -> PersonRow:
    with db.session() as s:
        p = s.get(Person, person_id, options=[joinedload(Person.unit)])
        if p is None:
            raise person_not_found(person_id)
        return person_row(p)


def load_person(s: Session, person_id: int) -> Person:
    p = s.get(Person, person_id)
    if p is None:
        raise person_not_found(person_id)
    return p


def update_person(
    db: Database, person_id: int, *, expected_version: int | None = None, **fields: Any
) -> None:
    """Change a person's details (only the fields given). ``expected_version`` is the version
    the caller read: if someone saved in between, ConflictError and nothing is changed."""
    clean = clean_person(fields)
    with db.session() as s:
        p = load_person(s, person_id)
        if "full_name" in clean or "kind" in clean:
            kind = clean.get("kind") or p.kind
            _check_expert_name(kind, clean.get("full_name", p.full_name))
        apply_person(s, p, clean, expected_version)


def apply_person(
    s: Session, p: Person, clean: dict[str, Any], expected_version: int | None
) -> None:
    """Write cleaned details to ``p`` inside an open session, guarded by its version. The
    copies of ``p`` on meetings and sessions still to come follow the correction, in the same
    transaction (:mod:`.named_copies`)."""
    check_version(p, expected_version, tr("Hồ sơ người này"))
    if "unit_id" in clean:
        check_unit(s, clean["unit_id"])
    before = post_of(s, p)
    for key, value in clean.items():
        setattr(p, key, value)
    flush(s, tr("Hồ sơ người này"))
    follow(s, [Correction(p.id, before, post_of(s, p))])
