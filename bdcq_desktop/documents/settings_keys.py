"""The settings as ``key value`` pairs, for ``bdcq settings show`` and ``bdcq settings set``.

Keys: the organisation's fields (``parent_body``, ``committee_name``, ``issuing_body``,
``abbreviation``, ``place_name``, ``address``, ``phone``, ``email``); this computer's
``officer_name`` (who the change log names, see :mod:`.core.officer`); per kind of document
``abbr.<kind>``, ``signing.<kind>`` (authority lines separated by ``|``), ``signer.<kind>``
(see :func:`.settings_checks.check_signer`), ``recipients.<kind>`` (separated by ``;``); the
page: ``margins.top|bottom|left|right`` (mm) and ``body_size`` (13 or 14).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date
from typing import Any

from ..core import validation as v
from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.officer import OFFICER_KEY, officer_label, officer_name, set_officer_name
from ..core.settings import (
    REQUIRED_ORG,
    check_organisation,
    get_organisation,
    missing_error,
    missing_organisation,
)
from ..core.text import clean, excerpt
from . import settings as ds
from .page import PageSettings
from .settings_checks import FIXED_SIGNING, GROUP_KINDS, PAGE_LABELS
from .signers import deputy_on, head_on

ORG_KEYS = (
    "parent_body",
    "committee_name",
    "issuing_body",
    "abbreviation",
    "place_name",
    "address",
    "phone",
    "email",
)
ORG_LABELS = {
    "parent_body": "Cơ quan chủ quản",
    "committee_name": "Tên Ban Chỉ đạo",
    "issuing_body": "Tên cơ quan ban hành (in trên văn bản)",
    "abbreviation": "Chữ viết tắt",
    "place_name": "Địa danh",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "standing_agency": "Cơ quan thường trực",
    "default_signer": "Người ký mặc định",
    "default_deputy_signer": "Người ký thay mặc định",
}
# The organisation's fields that name a record (a unit, people): set by id or by name (the
# unit's name or short name, the person's full name), "" clears; stored as the id field the
# settings window saves (standing_agency_id…), whose existence the core checks.
RECORD_KEYS = ("standing_agency", "default_signer", "default_deputy_signer")
MARGINS = {
    "top": "margin_top_mm",
    "bottom": "margin_bottom_mm",
    "left": "margin_left_mm",
    "right": "margin_right_mm",
}
KIND_FIELDS = {
    "abbr": "Viết tắt tên loại",
    "signing": "Thẩm quyền ký",
    "signer": "Người ký",
    "recipients": "Nơi nhận",
}


@dataclass(frozen=True)
class Entry:
    key: str
    label: str  # Vietnamese
    value: Any  # str, list of str, number: what ``--format json`` prints
    text: str  # what the table prints


def signer_text(
    kind: str, spec: str, settings: ds.DocumentSettings, today: Mapping[str, str] | None = None
) -> str:
    """``head — Trưởng ban (theo danh sách thành viên ngày ký): Vũ Duy Tiến``: the spec and
    whom it names; ``today`` the names ``head`` and ``deputy`` give today (by the roster)."""
    if kind in FIXED_SIGNING:
        return tr("thư ký và người chủ trì cuộc họp (cố định)")
    name = settings.signing_for(kind).signer_name
    if today is not None and spec in today:
        name = today[spec]
    if kind in GROUP_KINDS and spec == "head":
        return f"{spec} — {ds.signer_label(kind, spec)}"  # the leader of the session
    if spec.startswith(("person:", "name:")):
        return f"{spec} — {name}"
    label = ds.signer_label(kind, spec)
    return f"{spec} — {label}: {name}" if name else f"{spec} — {label}"


def entries(db: Database) -> list[Entry]:
    """Every setting with its current value."""
    org = get_organisation(db)
    settings = ds.load(db)
    out: list[Entry] = []
    for key in ORG_KEYS:
        value = ds.get_issuing_body(db) if key == "issuing_body" else getattr(org, key)
        text = value or (
            tr("(theo tên Ban) {name}").format(name=settings.issuing_body)
            if key == "issuing_body"
            else ""
        )
        out.append(Entry(key, tr(ORG_LABELS[key]), value, text))
    for key in RECORD_KEYS:
        name, record_id = getattr(org, key), getattr(org, key + "_id")
        text = f"{name} (mã {record_id})" if record_id is not None else name
        out.append(Entry(key, tr(ORG_LABELS[key]), name, text))
    # Every save of the settings bumps it: what ``settings set --expected-version`` is given.
    out.append(Entry("version", tr("Phiên bản thiết lập"), org.version, str(org.version)))
    day = date.today()
    today = {
        "head": head_on(db, settings, day).name,
        "deputy": deputy_on(db, settings, day).name,
    }
    name = officer_name()
    out.append(
        Entry(OFFICER_KEY, officer_label(), name, name or tr("(người dùng của hệ điều hành)"))
    )
    for kind in ds.KIND_NAMES:
        ks = ds.kind_settings(settings, kind)
        kind_name = ds.kind_label(kind)
        fixed = kind in FIXED_SIGNING
        authority = ["THƯ KÝ", "CHỦ TỌA"] if fixed else list(ks.authority)
        if not ks.enabled:
            authority_text = tr("(không in chữ ký) ") + " | ".join(authority)
        else:
            authority_text = " | ".join(authority)
        values: list[tuple[str, Any, str]] = [
            ("abbr", ks.abbreviation, ks.abbreviation),
            ("signing", authority, authority_text),
            ("signer", ks.signer, signer_text(kind, ks.signer, settings, today)),
            ("recipients", list(ks.recipients), "; ".join(ks.recipients)),
        ]
        for field, value, text in values:
            label = f"{tr(KIND_FIELDS[field])} — {kind_name}"
            out.append(Entry(f"{field}.{kind}", label, value, text))
    page = settings.page
    for short, name in MARGINS.items():
        value = getattr(page, name)
        out.append(Entry(f"margins.{short}", tr(PAGE_LABELS[name]), value, f"{value:g} mm"))
    size = page.body_size
    out.append(Entry("body_size", tr(PAGE_LABELS["body_size"]), size, f"{size:g} pt"))
    return out


def snapshot(db: Database) -> dict[str, Any]:
    """``{key: value}`` of every setting (what ``bdcq settings show --format json`` prints)."""
    return {e.key: e.value for e in entries(db)}


def render_table(rows: list[Entry]) -> str:
    width = max(len(e.key) for e in rows)
    lines: list[str] = []
    section = ""
    for e in rows:
        head = e.key.split(".", 1)
        title = (
            tr("Trang in / page")
            if head[0] in {"margins", "body_size"}
            else f"{ds.kind_label(head[1])} ({head[1]})"
            if len(head) == 2
            else tr("Tổ chức / organisation")
        )
        if title != section:
            lines += ([""] if lines else []) + [f"# {title}"]
            section = title
        lines.append(f"{e.key.ljust(width)}  {e.text}".rstrip())
    return "\n".join(lines)


def set_key(db: Database, key: str, value: str) -> Entry:
    """Set one setting from its text form; returns its new entry. A refusal is a
    ValidationError whose label names the key and the Vietnamese field."""
    return set_keys(db, [(key, value)])[0]


def set_keys(
    db: Database, pairs: Sequence[tuple[str, str]], *, expected_version: int | None = None
) -> list[Entry]:
    """Set several settings, saved together; returns their new entries. Every pair is checked
    first, with the others (the header's place-date line with the place, the abbreviations and
    the margins being saved; the organisation whole, so that on a new file its required fields
    parent_body, committee_name, place_name are set up in one command), then all are written
    in one transaction. A refusal (a ValidationError naming every refused pair, one a line)
    writes none of them. ``expected_version``: the settings' version read (the ``version``
    entry), refused as stale when someone saved settings since (None: not checked)."""
    changes = _Changes()
    refusals: list[ValidationError] = []
    for key, value in pairs:
        try:
            changes.add(db, key, value)
        except ValidationError as exc:
            refusals.append(_named(exc, key))
    refusals += changes.check(db, header=not refusals)
    if refusals:
        raise _refused(refusals, several=len(pairs) > 1)
    ds.save_together(
        db,
        organisation=changes.org or None,  # None: not checked, as a new file's kinds may be set
        issuing_body=changes.issuing,
        kinds=changes.kinds.values(),
        page=changes.page,
        expected_version=expected_version,
    )
    if changes.officer is not None:  # this computer's, not in the database
        set_officer_name(changes.officer)
    wanted = [key for key, _ in pairs]
    by_key = {e.key: e for e in entries(db)}
    return [by_key[key] for key in dict.fromkeys(wanted)]


def _named(exc: ValidationError, key: str) -> ValidationError:
    """``exc`` labelled with the key typed and its Vietnamese field (``margins.top (Lề trên)``);
    another setting at fault (one stored before it was checked, or a required field of the
    organisation still empty) is named instead."""
    other = exc.field.partition(".")[0] in KIND_FIELDS or exc.field in ORG_KEYS
    named = exc.field if other or not key else excerpt(clean(key))
    label = f"{named} ({exc.label})" if exc.label != named else named
    return ValidationError(exc.field, _with_command(exc, key), label=label)


def _refused(refusals: list[ValidationError], *, several: bool) -> ValidationError:
    """One refusal for all: the first's field and label, every one on its own line."""
    first = refusals[0]
    if not several:
        return first
    lines = [r.message if r.label in r.message else f"{r.label}: {r.message}" for r in refusals]
    lines[0] = first.message  # the front ends put the label before it
    lines[-1] += tr(" Không thiết lập nào được lưu.")
    return ValidationError(first.field, "\n".join(lines), label=first.label)


def _with_command(exc: ValidationError, key: str) -> str:
    """A required field of the organisation other than ``key`` still empty (a new file): the
    command that fills them together, the settings window being no help on the command line."""
    if exc.field not in REQUIRED_ORG or exc.field == key:
        return exc.message
    return exc.message + tr(
        " Trên dòng lệnh, ghi cùng một lệnh: bdcq settings set parent_body … "
        "committee_name … place_name …"
    )


def _unknown(key: str) -> ValidationError:
    return ValidationError(
        "key",
        tr("không có thiết lập này; xem danh sách khóa bằng “bdcq settings show”."),
        label=excerpt(clean(key)),  # what was typed, shown in one short line
    )


def _record_id(db: Database, key: str, value: str) -> str | int:
    """The id a value of a :data:`RECORD_KEYS` key names: digits as they are (the core checks
    the record exists), "" (clearing) kept, else the one unit (name or short name) or person
    (full name) so named, diacritics and case ignored."""
    from ..core.members import people_named
    from ..core.units import find_unit

    text = clean(value)
    if not text or (text.isascii() and text.isdigit()):
        return text
    if key == "standing_agency":
        with db.session() as s:
            unit = find_unit(s, text)
            if unit is not None:
                return unit.id
        problem = tr('không có cơ quan, đơn vị tên “{name}”; hãy ghi mã đơn vị (bdcq units list).')
    else:
        found = people_named(db, text)
        if len(found) == 1:
            return found[0].id
        problem = (
            tr(
                "có nhiều người tên “{name}”; hãy ghi ID người (bdcq members list, bdcq people "
                "list)."
            )
            if found
            else tr(
                "không có ai tên “{name}”; hãy ghi ID người (bdcq members list, bdcq people list)."
            )
        )
    label = tr(ORG_LABELS[key])
    raise ValidationError(key + "_id", problem.format(name=excerpt(text)), label=label)


@dataclass
class _Changes:
    """What the pairs change, each checked on its own as it is added (:meth:`add`), then
    together (:meth:`check`), before anything is written."""

    org: dict[str, str] = default(default_factory=dict)
    issuing: str | None = None
    kinds: dict[str, ds.KindSettings] = default(default_factory=dict)
    page: PageSettings | None = None
    officer: str | None = None
    settings: ds.DocumentSettings | None = None
    # The settings whose change moves the header's split, by field: the key typed (a refusal
    # of the header names the first).
    header: dict[str, str] = default(default_factory=dict)

    def add(self, db: Database, key: str, value: str) -> None:
        if self.settings is None:
            self.settings = ds.load(db)
        if key == OFFICER_KEY:
            self.officer = v.text(value, OFFICER_KEY, officer_label(), max_len=100) or ""
        elif key == "issuing_body":
            self.issuing = ds.check_issuing_body(value)
        elif key in RECORD_KEYS:
            self.org.update(check_organisation({key + "_id": _record_id(db, key, value)}))
        elif key in ORG_KEYS:
            if key == "abbreviation":
                value = ds.check_body_abbreviation(value)
            self.org.update(check_organisation({key: value}))
            if key in {"abbreviation", "place_name"}:
                self.header.setdefault(key, key)
        elif key == "body_size" or key.startswith("margins."):
            name = "body_size" if key == "body_size" else MARGINS.get(key.split(".", 1)[1])
            if name is None:
                raise _unknown(key)
            ds.check_page(self.settings.page, **{name: value})  # refused on its own
            self.page = ds.check_page(self.page or self.settings.page, **{name: value})
            self.header.setdefault(name, key)
        else:
            self._add_kind(db, key, value)

    def _add_kind(self, db: Database, key: str, value: str) -> None:
        assert self.settings is not None
        kind_field, _, kind = key.partition(".")
        if kind_field not in KIND_FIELDS or not kind:
            raise _unknown(key)
        ds.check_kind(kind)
        ks = self.kinds.get(kind) or ds.kind_settings(self.settings, kind)
        if kind_field == "abbr":
            ks = replace(ks, abbreviation=value)
            self.header.setdefault(key, key)
        elif kind_field == "recipients":
            ks = replace(ks, recipients=tuple(value.split(";")))
        elif kind in FIXED_SIGNING:
            ds.check_signer(db, kind, value)  # refuses, saying why
        elif kind_field == "signing":
            ks = replace(ks, authority=tuple(value.split("|")), enabled=True)
        else:
            ks = replace(ks, signer=value)
        self.kinds[kind] = ks

    def check(self, db: Database, *, header: bool) -> list[ValidationError]:
        """The refusals of the changes taken together: each kind whole (its closing on the
        page being saved), the page (the closing of every other kind as stored on it), the
        organisation whole (a required field still empty), the header's place-date line with
        all of them (if ``header``: the values it measures were not refused)."""
        refusals: list[ValidationError] = []
        for kind, ks in self.kinds.items():
            try:
                self.kinds[kind] = ds.check_kind_settings(db, ks, header=False, page=self.page)
            except ValidationError as exc:
                refusals.append(_named(exc, exc.field))
        if self.page is not None:  # the kinds not set here must still fit on it
            try:
                ds.check_page_fits(db, self.page, saved=self.kinds)
            except ValidationError as exc:
                refusals.append(_named(exc, self.header.get(exc.field, exc.field)))
        missing = [key for key in missing_organisation(db) if key not in self.org]
        if self.org and missing:
            refusals.append(_named(missing_error(missing), ""))
        if header and self.header and not refusals:
            name, key = next(iter(self.header.items()))
            try:
                ds.check_header_fits(
                    db,
                    name,
                    place=self.org.get("place_name"),
                    body_abbr=self.org.get("abbreviation"),
                    abbreviations={k: ks.abbreviation for k, ks in self.kinds.items()},
                    page=self.page,
                )
            except ValidationError as exc:
                refusals.append(_named(exc, key))
        return refusals
