"""Document settings: abbreviations, signing forms, recipients, page — stored in the database.

Decree defaults apply until the secretariat changes them (Settings keys ``documents.*``), so a
renamed committee or a new local abbreviation needs no new version of the program.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.membership_rules import is_current
from ..core.settings import (
    get_organisation,
    get_setting,
    get_settings,
    save_settings,
)
from ..core.text import clean
from ..core.units import has_special_zone
from ..core.working_group import group_spans
from .issuing_body import (
    ISSUING_BODY_KEY,
    check_issuing_body,
    default_issuing_body,
    get_issuing_body,
    set_issuing_body,
)
from .page import PageSettings
from .settings_checks import (
    FIXED_SIGNING,
    abbreviation_spelling,
    check_abbreviation,
    check_abbreviation_change,
    check_authority,
    check_body_abbreviation,
    check_page,
    check_place_fits,
    check_recipients,
    check_signer,
    kind_label,
    signer_codes,
    signer_label,
)
from .settings_defaults import (
    DEFAULT_ABBREVIATIONS,
    DEFAULT_ARCHIVE,
    DEFAULT_RECIPIENTS,
    DEFAULT_SIGNING,
    Signing,
    dated_recipients,
)
from .settings_fit import check_kind_fits, check_page_keeps, person_names, stored_page
from .settings_store import (
    page_value,
    save_abbreviations,
    save_page,
    save_recipients,
    save_signing,
    signing_value,
    stored_fields,
)
from .text import format_number_symbol, nfc, upper

__all__ = [  # the checks are re-exported: one module for everything about the settings
    "KIND_NAMES",
    "DocumentSettings",
    "KindSettings",
    "check_abbreviation",
    "check_authority",
    "check_body_abbreviation",
    "check_header_fits",
    "check_issuing_body",
    "check_kind_settings",
    "check_page",
    "check_page_fits",
    "check_recipients",
    "check_signer",
    "default_issuing_body",
    "default_kind",
    "get_issuing_body",
    "kind_label",
    "kind_settings",
    "kind_values",
    "load",
    "page_value",
    "reset_kind",
    "save_abbreviations",
    "save_kind",
    "save_page",
    "save_recipients",
    "save_signing",
    "save_together",
    "set_issuing_body",
    "signer_codes",
    "signer_label",
    "stored_fields",
]

KIND_NAMES: tuple[str, ...] = tuple(DEFAULT_ABBREVIATIONS)


@dataclass(frozen=True)
class DocumentSettings:
    parent_body: str
    issuing_body: str
    body_abbr: str
    place: str
    default_signer: str
    default_deputy_signer: str
    page: PageSettings = field(default_factory=PageSettings)
    abbreviations: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ABBREVIATIONS))
    signing: dict[str, Signing] = field(default_factory=lambda: dict(DEFAULT_SIGNING))
    recipients: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_RECIPIENTS))
    committee_name: str = ""  # as written in running text: "Ban Chỉ đạo … tỉnh Nghệ An"
    archive: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ARCHIVE))
    default_signer_id: int | None = None
    default_deputy_signer_id: int | None = None
    # The kinds whose recipients the office typed (printed as typed), and whether the province
    # has a special zone: what the default recipients of a date are read with.
    typed_recipients: frozenset[str] = frozenset()
    special_zones: bool = False
    # The working group's memberships as (start, end) days: a default recipient line for it is
    # printed only on a day one of them covers. None: not read (the line is kept).
    working_group_spans: tuple[tuple[date, date | None], ...] | None = None
    # The office's contact (a working-group convocation prints them); whether the issuing body
    # was typed (else it follows the committee's name, of the document's date: .dated).
    phone: str = ""
    email: str = ""
    issuing_typed: bool = False

    def abbr(self, kind: str) -> str:
        return self.abbreviations.get(kind, "")

    def signing_for(self, kind: str) -> Signing:
        """The signing of ``kind``, its ``signer_name`` filled for ``head``/``deputy`` signers
        with the organisation's default signers (what the working group's documents fall back
        to). The Committee's documents resolve their signer on the roster of their date
        instead: :func:`.signers.signature`."""
        s = self.signing.get(kind, Signing())
        if s.signer_name:
            return s
        if s.signed_by == "head":
            return replace(s, signer_name=self.default_signer)
        if s.signed_by == "deputy":
            return replace(s, signer_name=self.default_deputy_signer)
        return s

    def recipients_for(self, kind: str, on: date | None = None) -> tuple[str, ...]:
        """The recipients of ``kind``: as typed in the settings, else the defaults as on the
        document's date ``on`` (:func:`.settings_defaults.dated_recipients`; None: as the
        settings show them)."""
        items = self.recipients.get(kind, ())
        if on is None or kind in self.typed_recipients:
            return items
        spans = self.working_group_spans
        group = spans is None or any(is_current(start, end, on) for start, end in spans)
        return dated_recipients(items, on, special_zones=self.special_zones, working_group=group)

    def archive_for(self, kind: str) -> str:
        return self.archive.get(kind) or f"VT, {self.body_abbr}"

    @property
    def committee(self) -> str:
        """The committee's name for running text (falls back to the printed header name)."""
        return self.committee_name or self.issuing_body.capitalize()


def load(db: Database) -> DocumentSettings:
    org = get_organisation(db)
    kept = stored_fields(db, get_settings(db, "documents."))
    issuing = kept.pop("issuing")
    return DocumentSettings(
        parent_body=nfc((org.parent_body or "").upper()),
        issuing_body=upper(issuing) if issuing else default_issuing_body(org.committee_name),
        body_abbr=org.abbreviation or "BCĐ",
        place=org.place_name,
        default_signer=org.default_signer,
        default_deputy_signer=org.default_deputy_signer,
        committee_name=clean(org.committee_name),
        default_signer_id=org.default_signer_id,
        default_deputy_signer_id=org.default_deputy_signer_id,
        special_zones=has_special_zone(db),
        working_group_spans=group_spans(db),
        phone=org.phone,
        email=org.email,
        **kept,
    )


# --- one kind at a time, as the secretariat edits it --------------------------------------------


@dataclass(frozen=True)
class KindSettings:
    """What the secretariat sets for one kind of document.

    ``signer`` is a code of :func:`signer_codes` (``head``, ``deputy``, ``chair``,
    ``secretary``, ``none``), ``position:<chức vụ>``, ``person:<id>`` (a person of the
    database, printed under their current name) or ``name:<họ và tên>`` (a name kept as typed).
    ``enabled=False`` prints no signature block.
    """

    kind: str
    abbreviation: str
    authority: tuple[str, ...]
    signer: str
    enabled: bool
    recipients: tuple[str, ...]


def check_kind(kind: str) -> str:
    if kind not in DEFAULT_ABBREVIATIONS:
        label = tr("Loại văn bản")
        raise ValidationError(
            "kind", tr("Không có loại văn bản {name}.").format(name=kind), label=label
        )
    return kind


def signer_spec(signing: Signing) -> str:
    if signing.signer_id:
        return f"person:{signing.signer_id}"
    if signing.signer_name:
        return f"name:{signing.signer_name}"
    return signing.signed_by


def _as_kind(kind: str, signing: Signing, abbr: str, recipients: Sequence[str]) -> KindSettings:
    spec = signer_spec(signing)
    return KindSettings(
        kind, abbr, tuple(signing.authority), spec, signing.enabled, tuple(recipients)
    )


def default_kind(kind: str) -> KindSettings:
    """The decree defaults of ``kind``."""
    check_kind(kind)
    signing = DEFAULT_SIGNING.get(kind, Signing())
    recipients = DEFAULT_RECIPIENTS.get(kind, ())
    return _as_kind(kind, signing, DEFAULT_ABBREVIATIONS[kind], recipients)


def kind_settings(settings: DocumentSettings, kind: str) -> KindSettings:
    """The settings of ``kind`` in ``settings`` (from :func:`load`)."""
    check_kind(kind)
    signing = settings.signing.get(kind, Signing())
    return _as_kind(kind, signing, settings.abbr(kind), settings.recipients_for(kind))


def check_kind_settings(
    db: Database, ks: KindSettings, *, header: bool = True, page: PageSettings | None = None
) -> KindSettings:
    """``ks`` cleaned. Raises ValidationError naming ``abbr.<kind>``, ``signing.<kind>``,
    ``signer.<kind>`` or ``recipients.<kind>``. The minutes' signing is fixed (secretary and
    chair) and keeps its default whatever is given. ``header=False``: the caller checks the
    abbreviation against the header with other settings saved with it (check_header_fits).
    ``page``: the page saved with it, that its closing must fit (None: the page as stored)."""
    kind = check_kind(ks.kind)
    abbreviation = check_abbreviation(kind, ks.abbreviation)
    _check_series_kept(db, kind, abbreviation)
    if header:  # a longer number beside the place-date leaves it less room
        check_header_fits(db, f"abbr.{kind}", abbreviations={kind: abbreviation})
    default = default_kind(kind)
    authority, signer, enabled = default.authority, default.signer, default.enabled
    if kind not in FIXED_SIGNING:
        enabled = bool(ks.enabled)
        # Without a signature block, empty lines may stand: the defaults are kept for later.
        if enabled or any(clean(str(line)) for line in ks.authority):
            authority = check_authority(kind, ks.authority)
        signer = check_signer(db, kind, ks.signer)
    recipients = check_recipients(kind, ks.recipients)
    check_kind_fits(db, kind, authority, signer, enabled, recipients, page)
    return KindSettings(kind, abbreviation, authority, signer, enabled, recipients)


def check_page_fits(db: Database, page: PageSettings, *, saved: Collection[str] = ()) -> None:
    """Refuse ``page`` (being saved) if the closing of a kind as stored would no longer fit on
    it; the ValidationError names the page's field (``margin_top_mm``…), the kind and what to
    do. The kinds ``saved`` with the page are left out: check_kind_settings checks them on it
    (``page=``)."""
    stored = stored_page(db)
    if page == stored:
        return
    settings = load(db)
    for kind in KIND_NAMES:
        if kind in saved:
            continue
        ks = kind_settings(settings, kind)
        if kind in FIXED_SIGNING:  # printed with its fixed signing, whatever is stored
            ks = replace(default_kind(kind), recipients=ks.recipients)
        check_page_keeps(
            db, kind, ks.authority, ks.signer, ks.enabled, ks.recipients, page=page, stored=stored
        )


def _check_series_kept(db: Database, kind: str, abbreviation: str) -> None:
    stored = get_setting(db, "documents.abbreviations", {}) or {}
    current = abbreviation_spelling(str(stored.get(kind) or DEFAULT_ABBREVIATIONS[kind]))
    check_abbreviation_change(db, kind, current, abbreviation)


def _signing_of(db: Database, ks: KindSettings) -> Signing:
    prefix, _, rest = ks.signer.partition(":")
    base = DEFAULT_SIGNING.get(ks.kind, Signing()).signed_by
    if prefix == "person":
        person_id = int(rest)
        name = person_names(db, [person_id]).get(person_id, "")
        return Signing(ks.authority, name, base, ks.enabled, person_id)
    if prefix == "name":
        return Signing(ks.authority, rest, base, ks.enabled)
    return Signing(ks.authority, "", ks.signer, ks.enabled)


def save_kind(db: Database, ks: KindSettings, *, header: bool = True) -> KindSettings:
    """Check and store the settings of one kind; what equals the decree default is stored as
    no override (a later change of the defaults then applies). Returns what was stored.
    ``header``: see :func:`check_kind_settings`."""
    ks = check_kind_settings(db, ks, header=header)
    save_settings(db, update=kind_values(db, [ks]))
    return ks


MAP_KEYS = ("documents.abbreviations", "documents.signing", "documents.recipients")


def kind_values(
    db: Database, kinds: Iterable[KindSettings]
) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """What stores ``kinds`` (checked: :func:`check_kind_settings`): given the stored settings
    (key → value), the maps (abbreviations, signing, recipients) with ``kinds`` in them, for
    ``update`` of :func:`.core.settings.save_settings`, which reads the maps in the transaction
    that writes them. What needs the database (a signer's name) is read here, before."""
    overrides: list[tuple[str, Any, Any, Any]] = []  # kind, abbreviation, signing, recipients
    for ks in kinds:
        default = default_kind(ks.kind)
        abbr = None if ks.abbreviation == default.abbreviation else ks.abbreviation
        signed = (ks.authority, ks.signer, ks.enabled)
        default_signed = (default.authority, default.signer, default.enabled)
        signing = None if signed == default_signed else signing_value(_signing_of(db, ks))
        items = None if ks.recipients == default.recipients else list(ks.recipients)
        overrides.append((ks.kind, abbr, signing, items))

    def update(stored: Mapping[str, Any]) -> dict[str, Any]:
        maps = [dict(stored.get(key) or {}) for key in MAP_KEYS]
        for kind, *values in overrides:
            for current, value in zip(maps, values, strict=True):
                _override(current, kind, value)
        return dict(zip(MAP_KEYS, maps, strict=True))

    return update


def _override(current: dict[str, Any], kind: str, value: Any) -> None:
    """Set (``None``: remove) the override of ``kind`` in a stored map."""
    if value is None:
        current.pop(kind, None)
    else:
        current[kind] = value


def save_together(
    db: Database,
    *,
    organisation: Mapping[str, Any] | None = None,
    issuing_body: str | None = None,
    kinds: Iterable[KindSettings] = (),
    page: PageSettings | None = None,
    expected_version: int | None = None,
) -> None:
    """Save settings checked together in one transaction: some fields of the organisation
    (None: left alone), the issuing body (None: left alone), kinds checked by
    :func:`check_kind_settings`, the page. A refusal writes none of them."""
    values: dict[str, Any] = {}
    if issuing_body is not None:
        values[ISSUING_BODY_KEY] = check_issuing_body(issuing_body)
    kinds = list(kinds)
    if page is not None:
        values["documents.page"] = page_value(page)
    save_settings(
        db,
        organisation=organisation,
        values=values,
        update=kind_values(db, kinds) if kinds else None,
        expected_version=expected_version,
    )


def reset_kind(db: Database, kind: str) -> None:
    """Back to the decree defaults for ``kind``: abbreviation, signing and recipients."""
    save_settings(db, update=kind_values(db, [default_kind(kind)]))


def check_header_fits(
    db: Database,
    field: str,
    *,
    place: object = None,
    body_abbr: object = None,
    abbreviations: Mapping[str, str] | None = None,
    page: PageSettings | None = None,
) -> None:
    """Refuse settings that would wrap the place-date line of the header (see
    :func:`.settings_checks.check_place_fits`): the place, the body's and every kind's
    abbreviation (they widen the number beside it) and the margins (they narrow the page) as
    stored, with those being saved (``place``, ``body_abbr``, ``abbreviations`` by kind,
    ``page``) in their stead. The refusal names ``field``, the setting being saved
    (``place_name``, ``abbreviation``, ``abbr.<kind>``, ``margin_left_mm``…). An empty place
    is left to the organisation's own check."""
    settings = load(db)
    where = settings.place if place is None else clean(str(place or ""))
    if not where:
        return
    body = settings.body_abbr if body_abbr is None else clean(str(body_abbr))
    kinds = {**settings.abbreviations, **(abbreviations or {})}
    numbers = [
        format_number_symbol(n, abbr, body) for abbr in set(kinds.values()) for n in (None, 999)
    ]
    check_place_fits(page or settings.page, where, numbers, field=field)
