"""Organisation settings and free-form application settings.

Nothing about the organisation is hard-coded: committees are renamed and merged (as in 2025), so
the names, abbreviations and signers are data the secretariat edits.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .locking import check_version, flush, serialize, touch
from .membership_rules import current_on
from .models import CommitteeMembership, IssuedDocument, Organisation, Person, Setting, Unit


@dataclass(frozen=True)
class OrganisationInfo:
    parent_body: str
    committee_name: str
    abbreviation: str
    place_name: str
    standing_agency: str
    standing_agency_id: int | None
    address: str
    phone: str
    email: str
    default_signer: str
    default_signer_id: int | None
    default_deputy_signer: str
    default_deputy_signer_id: int | None
    version: int


def _name(obj: Person | Unit | None) -> str:
    if obj is None:
        return ""
    return obj.full_name if isinstance(obj, Person) else obj.name


def committee_name(db: Database) -> str:
    """The committee's name ("" when not set): the window's title. One column of the table,
    read without loading the record (the window asks it before the ORM is set up)."""
    org = Organisation.__table__.c
    with db.session() as s:
        return s.scalar(select(org.committee_name).where(org.id == 1)) or ""


def get_organisation(db: Database) -> OrganisationInfo:
    with db.session() as s:
        org = s.get(Organisation, 1)
        if org is None:
            org = Organisation(id=1)
            s.add(org)
            s.flush()
        return OrganisationInfo(
            parent_body=org.parent_body or "",
            committee_name=org.committee_name or "",
            abbreviation=org.abbreviation or "",
            place_name=org.place_name or "",
            standing_agency=_name(org.standing_agency),
            standing_agency_id=org.standing_agency_id,
            address=org.address or "",
            phone=org.phone or "",
            email=org.email or "",
            default_signer=_name(s.get(Person, org.default_signer_id))
            if org.default_signer_id
            else "",
            default_signer_id=org.default_signer_id,
            default_deputy_signer=_name(s.get(Person, org.default_deputy_signer_id))
            if org.default_deputy_signer_id
            else "",
            default_deputy_signer_id=org.default_deputy_signer_id,
            version=org.version,
        )


_ORG_LABELS = {
    "parent_body": "Cơ quan chủ quản",
    "committee_name": "Tên Ban Chỉ đạo",
    "abbreviation": "Chữ viết tắt",
    "place_name": "Địa danh",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "standing_agency_id": "Cơ quan thường trực",
    "default_signer_id": "Người ký mặc định",
    "default_deputy_signer_id": "Người ký thay mặc định",
}


# Every document prints them (header, running text, place-date line); "abbreviation" has a
# default ("BCĐ") on a new file, the others start empty.
REQUIRED_ORG = ("parent_body", "committee_name", "abbreviation", "place_name")
# Where the officer fills them in: named in every message about a missing one.
SETTINGS_PLACE = "Tệp › Thiết lập…, thẻ “Tổ chức”"


ORG_LABELS = _ORG_LABELS  # the change log names the organisation's fields as the form does


def org_label(key: str) -> str:
    """The Vietnamese label of an organisation field, as the settings form shows it."""
    return tr(_ORG_LABELS.get(key, key))


def missing_organisation(db: Database) -> list[str]:
    """The required organisation fields still empty, by key (in the form's order): a new file
    has them all but the abbreviation. Read on its own, without loading the record."""
    org = Organisation.__table__.c
    with db.session() as s:
        row = s.execute(
            select(*(getattr(org, key) for key in REQUIRED_ORG)).where(org.id == 1)
        ).first()
    values = tuple(row) if row is not None else (None,) * len(REQUIRED_ORG)
    return [
        key for key, value in zip(REQUIRED_ORG, values, strict=True) if not _filled(key, value)
    ]


# Chosen among the units and people on record: a new file has nothing to choose yet, so they
# are not required, but the documents rely on them (the standing agency's name and address in
# the working group's papers and reports, the signer of the position rule among several
# Chánh Văn phòng; who signs while the roster has no Head, documents/signers.py).
CHOSEN_ORG = ("standing_agency_id", "default_signer_id", "default_deputy_signer_id")


def unchosen_organisation(db: Database, today: date | None = None) -> list[str]:
    """The :data:`CHOSEN_ORG` fields still empty that can be chosen now, by key: the standing
    agency once a unit in office is on record, the default signers once the committee has a
    member on ``today``'s roster (none asked on a new file: there is nothing to choose)."""
    org = Organisation.__table__.c
    with db.session() as s:
        row = s.execute(select(*(getattr(org, key) for key in CHOSEN_ORG)).where(org.id == 1))
        return _unchosen(s, row.first(), today or date.today())


def _unchosen(s: Session, row: Any, day: date) -> list[str]:
    """:func:`unchosen_organisation` of the :data:`CHOSEN_ORG` values ``row`` (None: no row)."""
    chosen = dict(zip(CHOSEN_ORG, tuple(row) if row is not None else (None,) * 3, strict=True))
    wanted: list[str] = []
    if chosen["standing_agency_id"] is None and s.scalar(
        select(Unit.id).where(Unit.active.is_(True)).limit(1)
    ):
        wanted.append("standing_agency_id")
    if (
        chosen["default_signer_id"] is None or chosen["default_deputy_signer_id"] is None
    ) and s.scalar(
        select(CommitteeMembership.id).where(current_on(CommitteeMembership, day)).limit(1)
    ):
        wanted += [k for k in CHOSEN_ORG[1:] if chosen[k] is None]
    return wanted


@dataclass(frozen=True)
class SetupState:
    """What the window's title and its setup notice say, read together (see
    :func:`setup_state`)."""

    committee_name: str
    missing: list[str]  # missing_organisation
    unchosen: list[str]  # unchosen_organisation
    nothing_numbered: bool  # number_floor.nothing_numbered of today's year
    days_off_not_entered: tuple[int, ...] = ()  # days_off.years_not_entered_now


def setup_state(db: Database, today: date | None = None) -> SetupState:
    """The window's title and notice lines in one read: the organisation's row once (name,
    required and chosen fields), the few existence checks and the years worked in without
    their days off, in one session. Read at every start, where five calls opened five
    sessions and read the row three times."""
    day = today or date.today()
    org = Organisation.__table__.c
    keys = (*REQUIRED_ORG, *CHOSEN_ORG)  # the name is among the required
    with db.session() as s:
        row = s.execute(select(*(getattr(org, k) for k in keys)).where(org.id == 1)).first()
        values = dict(
            zip(keys, tuple(row) if row is not None else (None,) * len(keys), strict=True)
        )
        unchosen = _unchosen(s, None if row is None else [values[k] for k in CHOSEN_ORG], day)
        # Imported only for a file with nothing in its register (a new one): every other
        # start answers from the register's first row, without the numbering module.
        numbered = s.scalar(select(IssuedDocument.id).limit(1)) is not None
        if not numbered:
            from .floor_settings import floors_of

            numbered = bool(floors_of(s, day.year))
        from .days_off import years_not_entered_on  # the calendar: not for every command

        days_off = years_not_entered_on(s, day)
    return SetupState(
        committee_name=values["committee_name"] or "",
        missing=[k for k in REQUIRED_ORG if not _filled(k, values[k])],
        unchosen=unchosen,
        nothing_numbered=not numbered,
        days_off_not_entered=days_off,
    )


def _filled(key: str, value: object) -> bool:
    """A stored value is there; None (no row yet) takes the column's default ("BCĐ")."""
    if value is None:
        default = Organisation.__table__.c[key].default
        value = getattr(default, "arg", "") if default is not None else ""
    return bool(str(value or "").strip())


def missing_error(keys: list[str]) -> ValidationError:
    """The refusal of required organisation fields (``keys``) still empty."""
    labels = ", ".join(f"“{org_label(key)}”" for key in keys)
    return ValidationError(
        keys[0],
        tr("Chưa ghi {labels}: bắt buộc, ghi tại {where}.").format(
            labels=labels, where=tr(SETTINGS_PLACE)
        ),
        label=org_label(keys[0]),
    )


def check_organisation(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` (some fields of the organisation) checked field by field and cleaned, as
    :func:`update_organisation` stores them; the organisation whole is checked when saved."""
    known = {f.name for f in fields(OrganisationInfo)}
    for key in data:
        if key not in known or key in {
            "version",
            "standing_agency",
            "default_signer",
            "default_deputy_signer",
        }:
            raise ValidationError(key, tr("Trường không được phép sửa."), label=key)
    clean: dict[str, Any] = {}
    for key, value in data.items():
        label = tr(_ORG_LABELS.get(key, key))
        if key == "email":
            clean[key] = v.email(value, key, label)
        elif key == "phone":
            clean[key] = v.phone(value, key, label)
        elif key.endswith("_id"):
            clean[key] = v.positive_int(value, key, label, minimum=1)
        else:
            required = key in {"parent_body", "committee_name", "abbreviation", "place_name"}
            clean[key] = v.text(value, key, label, required=required, max_len=300)
    return clean


def update_organisation(db: Database, *, expected_version: int | None = None, **data: Any) -> None:
    """Save ``data`` (some fields of the organisation). The organisation is checked whole, as it
    will be stored: a required field left empty is refused even when ``data`` does not name it
    (a form saving only what changed, on a new file whose fields were never filled)."""
    save_settings(db, organisation=data, expected_version=expected_version)


def save_settings(
    db: Database,
    *,
    organisation: Mapping[str, Any] | None = None,
    values: Mapping[str, Any] | None = None,
    update: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> None:
    """Save some fields of the organisation (``organisation``; None: the organisation is left
    alone, unchecked) and settings (``values``: key → anything JSON holds) in one transaction:
    everything is checked first, and a refusal writes none of them (``bdcq settings set`` with
    several pairs, the settings window). See :func:`update_organisation`, :func:`set_setting`.

    ``update``: settings computed from those stored (key → value, every key), read in the
    transaction: a map holding every kind (``documents.recipients``…) changed for one kind.
    Read in a session of its own and written in another, two officers changing two kinds at
    once each wrote the map whole as they had read it, and one change was lost.

    The organisation's version (``expected_version``: the one read) guards every setting, and
    every save bumps it: the settings window saves its kinds and page with the organisation, so
    an officer saving from a stale window is refused, not allowed to write over the other's
    save. The saves take turns (:func:`.locking.serialize`), reading what the one before left."""
    clean = check_organisation(organisation) if organisation is not None else None
    texts = {_key(key): _setting_text(value) for key, value in (values or {}).items()}
    with db.session() as s:
        serialize(s, "settings")
        org = s.get(Organisation, 1)
        new = org is None
        if org is None:
            org = Organisation(id=1)
            s.add(org)
        check_version(org, expected_version, tr(SETTINGS_KIND))
        if clean is not None:
            _save_organisation(s, org, clean)
        if update is not None:
            stored = {r.key: json.loads(r.value) for r in s.scalars(select(Setting))}
            texts.update(
                {_key(key): _setting_text(value) for key, value in update(stored).items()}
            )
        for key, text in texts.items():
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=text))
            else:
                row.value = text
        if not new:
            touch(org)
        flush(s, tr(SETTINGS_KIND))


# What a stale save of the settings is refused as ("… vừa được người khác sửa").
SETTINGS_KIND = "Thiết lập"


def _save_organisation(s: Session, org: Organisation, clean: dict[str, Any]) -> None:
    missing = [
        key for key in REQUIRED_ORG if key not in clean and not _filled(key, getattr(org, key))
    ]
    if missing:
        raise missing_error(missing)
    for key, value in clean.items():
        model = Unit if key == "standing_agency_id" else Person
        if key.endswith("_id") and value is not None and s.get(model, value) is None:
            label = tr(_ORG_LABELS[key])
            raise ValidationError(
                key,
                (
                    tr('"{label}": không có mã {id}.')
                    if model is Unit
                    else tr('"{label}": không có ID người {id}.')
                ).format(label=label, id=value),
                label=label,
            )
    for key, value in clean.items():
        setattr(org, key, value)


def _key(key: object) -> str:
    """A setting's key, NFC (as stored): at most the column's 100 characters, printable."""
    text = unicodedata.normalize("NFC", str(key))
    if not text or len(text) > 100 or not text.isprintable():
        label = tr("Khóa thiết lập")
        raise ValidationError(
            "key", tr('"{label}" không hợp lệ.').format(label=label), label=label
        )
    return text


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    with db.session() as s:
        row = s.get(Setting, _key(key))
        return json.loads(row.value) if row is not None else default


def get_settings(db: Database, prefix: str) -> dict[str, Any]:
    with db.session() as s:
        rows = s.scalars(select(Setting).where(Setting.key.startswith(prefix))).all()
        return {r.key: json.loads(r.value) for r in rows}


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON holds) under ``key``; its text is stored NFC. A value
    JSON cannot hold, or text with a lone surrogate (UTF-8 has no code for it), is refused."""
    save_settings(db, values={key: value})


def _setting_text(value: Any) -> str:
    """``value`` as stored: its JSON text, NFC (see :func:`set_setting`)."""
    try:
        # NFC of the JSON text is NFC of every string in it: what JSON adds around them is
        # ASCII punctuation, which no combining mark composes with.
        text = unicodedata.normalize("NFC", json.dumps(value, ensure_ascii=False))
        text.encode("utf-8")
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        label = tr("Giá trị thiết lập")
        raise ValidationError(
            "value",
            tr('"{label}" có ký tự hoặc kiểu dữ liệu không lưu được.').format(label=label),
            label=label,
        ) from None
    return text
