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
from datetime import date
from typing import Any

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.officer import OFFICER_KEY, officer_label, officer_name, set_officer_name
from ..core.settings import REQUIRED_ORG, get_organisation, update_organisation
from ..core.text import clean, excerpt
from . import settings as ds
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
# Shown, set in the application (they name records: a unit, people).
READ_ONLY = ("standing_agency", "default_signer", "default_deputy_signer")
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
        return tr("thư ký và chủ tọa cuộc họp (cố định)")
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
    for key in READ_ONLY:
        out.append(Entry(key, tr(ORG_LABELS[key]), getattr(org, key), getattr(org, key)))
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
    try:
        _set(db, key, value)
    except ValidationError as exc:
        # Another setting of the kind may be at fault (one stored before it was checked), or
        # another required field of the organisation, still empty.
        other = exc.field.partition(".")[0] in KIND_FIELDS or exc.field in ORG_KEYS
        named = exc.field if other else excerpt(clean(key))
        label = f"{named} ({exc.label})" if exc.label != named else named
        raise ValidationError(exc.field, _with_command(exc, key), label=label) from None
    return next(e for e in entries(db) if e.key == key)


def set_keys(db: Database, pairs: Sequence[tuple[str, str]]) -> list[Entry]:
    """Set several settings; returns their new entries. The organisation's fields among them are
    saved together, the organisation checked whole once: on a new file none of its required
    fields (parent_body, committee_name, place_name) can be saved while another is empty, so
    they are set up in one command. The others are set one by one, as :func:`set_key`."""
    org = {key: value for key, value in pairs if key in ORG_KEYS and key != "issuing_body"}
    if len(org) > 1:
        try:
            _set_organisation(db, org)
        except ValidationError as exc:
            label = f"{exc.field} ({exc.label})" if exc.label != exc.field else exc.field
            raise ValidationError(exc.field, _with_command(exc, ""), label=label) from None
    for key, value in pairs:
        if len(org) <= 1 or key not in org:
            set_key(db, key, value)
    wanted = [key for key, _ in pairs]
    by_key = {e.key: e for e in entries(db)}
    return [by_key[key] for key in dict.fromkeys(wanted)]


def _with_command(exc: ValidationError, key: str) -> str:
    """A required field of the organisation other than ``key`` still empty (a new file): the
    command that fills them together, the settings window being no help on the command line."""
    if exc.field not in REQUIRED_ORG or exc.field == key:
        return exc.message
    return exc.message + tr(
        " Trên dòng lệnh, ghi cùng một lệnh: bdcq settings set parent_body … "
        "committee_name … place_name …"
    )


def _set_organisation(db: Database, org: dict[str, str]) -> None:
    """The organisation's fields in ``org`` saved in one go, checked together (the header's
    place-date line with the place and the abbreviation being saved)."""
    if "abbreviation" in org:
        org["abbreviation"] = ds.check_body_abbreviation(org["abbreviation"])
    moved = [key for key in ("place_name", "abbreviation") if key in org]
    if moved:
        ds.check_header_fits(
            db, moved[0], place=org.get("place_name"), body_abbr=org.get("abbreviation")
        )
    update_organisation(db, **org)


def _unknown(key: str) -> ValidationError:
    return ValidationError(
        "key",
        tr("không có thiết lập này; xem danh sách khóa bằng “bdcq settings show”."),
        label=excerpt(clean(key)),  # what was typed, shown in one short line
    )


def _set(db: Database, key: str, value: str) -> None:
    if key == OFFICER_KEY:
        set_officer_name(value)
        return
    if key in ORG_KEYS:
        if key == "issuing_body":
            ds.set_issuing_body(db, value)
            return
        if key == "abbreviation":
            value = ds.check_body_abbreviation(value)
            ds.check_header_fits(db, key, body_abbr=value)  # it widens every number
        if key == "place_name":
            ds.check_place_name(db, value)
        update_organisation(db, **{key: value})
        return
    if key == "body_size" or key.startswith("margins."):
        name = "body_size" if key == "body_size" else MARGINS.get(key.split(".", 1)[1])
        if name is None:
            raise _unknown(key)
        page = ds.check_page(ds.load(db).page, **{name: value})
        ds.check_header_fits(db, name, page=page)  # a wider margin, a narrower header
        ds.save_page(db, page)
        return
    field, _, kind = key.partition(".")
    if field not in KIND_FIELDS or not kind:
        raise _unknown(key)
    ds.check_kind(kind)
    ks = ds.kind_settings(ds.load(db), kind)
    if field == "abbr":
        ks = replace(ks, abbreviation=value)
    elif field == "recipients":
        ks = replace(ks, recipients=tuple(value.split(";")))
    elif kind in FIXED_SIGNING:
        ds.check_signer(db, kind, value)  # refuses, saying why
    elif field == "signing":
        ks = replace(ks, authority=tuple(value.split("|")), enabled=True)
    else:
        ks = replace(ks, signer=value)
    ds.save_kind(db, ks)
