"""Whether the closing of a kind of document (signature block and "Nơi nhận") fits the page.

Checked when a kind's signing or recipients are saved, on the page saved with them, and when
the page is saved, for every kind as stored: the closing is one row that cannot break across
pages, so a closing the page cannot hold makes every document of its kind fail to render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import mm

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.models import Person
from ..core.settings import get_organisation, get_setting
from ..core.text import clean
from .page import PageSettings
from .settings_checks import (
    CLOSING_LABELS,
    PAGE_LABELS,
    check_closing_fits,
    closing_overflow,
    kind_label,
)
from .settings_defaults import DEFAULT_ARCHIVE


def person_names(db: Database, ids: Sequence[object]) -> dict[int, str]:
    """The full names of the people of ``ids`` that exist, by id."""
    wanted = {i for i in ids if isinstance(i, int)}
    if not wanted:
        return {}
    with db.session() as s:
        return {p.id: p.full_name for p in (s.get(Person, i) for i in wanted) if p is not None}


def stored_page(db: Database) -> PageSettings:
    return PageSettings(**(get_setting(db, "documents.page", {}) or {}))


def _closing(
    db: Database, kind: str, signer: str, recipients: tuple[str, ...]
) -> tuple[str, tuple[str, ...], str]:
    """The signer's name and the recipients with the archive line, as the check measures them."""
    org = get_organisation(db)
    prefix, _, rest = signer.partition(":")
    if prefix == "name":
        name = rest
    elif prefix == "person":
        name = person_names(db, [int(rest)]).get(int(rest), "")
    else:  # the others name whoever holds the role when the document is made
        roles = {"head": org.default_signer, "caller": org.default_signer}
        name = {**roles, "deputy": org.default_deputy_signer}.get(signer, "")
    archive = DEFAULT_ARCHIVE.get(kind) or f"VT, {org.abbreviation or 'BCĐ'}"
    return clean(name or ""), recipients, archive


def check_kind_fits(
    db: Database,
    kind: str,
    authority: tuple[str, ...],
    signer: str,
    enabled: bool,
    recipients: tuple[str, ...],
    page: PageSettings | None = None,
) -> None:
    """The closing these settings print must fit on ``page`` (None: the page as stored); the
    refusal names the kind's setting to shorten (see check_closing_fits)."""
    name, listed, archive = _closing(db, kind, signer, recipients)
    check_closing_fits(
        kind, page or stored_page(db), authority, name, listed, archive, enabled=enabled
    )


def check_page_keeps(
    db: Database,
    kind: str,
    authority: tuple[str, ...],
    signer: str,
    enabled: bool,
    recipients: tuple[str, ...],
    *,
    page: PageSettings,
    stored: PageSettings,
) -> None:
    """Refuse ``page`` (being saved in place of ``stored``) if the closing of ``kind`` as
    stored fits ``stored`` but not ``page``. The refusal names the page's field whose change
    tips it (``margin_top_mm``…) and says what to do. A closing that fits neither was stored
    before the checks: the kind's own setting is named when its documents are made."""
    name, listed, archive = _closing(db, kind, signer, recipients)

    def over(p: PageSettings) -> tuple[str, float, float] | None:
        return closing_overflow(kind, p, authority, name, listed, archive, enabled=enabled)

    overflow = over(page)
    if overflow is None or over(stored) is not None:
        return
    changed = [f for f in PAGE_LABELS if getattr(page, f) != getattr(stored, f)]
    # The first change that alone tips it (a wider left margin may wrap the recipients, a
    # taller top one shorten the page); when none does alone, the first change.
    tipping = [f for f in changed if over(replace(stored, **{f: getattr(page, f)}))]
    field = (tipping or changed)[0]
    setting, height, limit = overflow
    label = tr(PAGE_LABELS[field])
    unit = "pt" if field == "body_size" else "mm"
    raise ValidationError(
        field,
        tr(
            '"{label}" {new} {unit}: phần chữ ký và nơi nhận của {kind} (theo thiết lập đang '
            "lưu) sẽ cao {height} mm, một trang chỉ giữ được {limit} mm: văn bản {kind} sẽ "
            'không dàn trang được. Hãy giữ "{label}" {old} {unit}, hoặc rút gọn "{setting}".'
        ).format(
            label=label,
            new=_number(getattr(page, field)),
            old=_number(getattr(stored, field)),
            unit=unit,
            kind=kind_label(kind),
            height=round(height / mm),
            limit=round(limit / mm),
            setting=tr(CLOSING_LABELS[setting]).format(kind=kind_label(kind)),
        ),
        label=label,
    )


def _number(value: float) -> str:
    """``22,5`` for 22.5, ``25`` for 25.0: as the settings window shows it."""
    return f"{value:g}".replace(".", ",")
