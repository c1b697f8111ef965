"""How the document settings are kept in the database: the ``documents.*`` keys read into the
fields of :class:`.settings.DocumentSettings` (today's or those of a day, :mod:`.dated`), and
the page, the abbreviations, a kind's signing and recipients written back as those keys store
them. The checks and the saves of a kind as the secretariat edits it are :mod:`.settings`'."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.db import Database
from ..core.settings import save_settings, set_setting
from .issuing_body import ISSUING_BODY_KEY
from .page import PageSettings
from .settings_checks import abbreviation_spelling
from .settings_defaults import (
    DEFAULT_ABBREVIATIONS,
    DEFAULT_ARCHIVE,
    DEFAULT_RECIPIENTS,
    DEFAULT_SIGNING,
    Signing,
)
from .settings_fit import person_names


def stored_fields(db: Database, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of :class:`.settings.DocumentSettings` kept as key/value (``stored``: key →
    value of the ``documents.*`` settings, today's or those of a day, :mod:`.dated`), and
    ``issuing``: the typed issuing body ("" when derived from the committee's name)."""
    page_data: dict[str, Any] = stored.get("documents.page", {})
    # In the decree's spelling even if stored as typed by an older version (``gm``): the
    # register continues the same series whatever the case (see register._spellings).
    typed = {**DEFAULT_ABBREVIATIONS, **stored.get("documents.abbreviations", {})}
    abbreviations = {kind: abbreviation_spelling(str(abbr)) for kind, abbr in typed.items()}
    signing = dict(DEFAULT_SIGNING)
    stored_signing: dict[str, Any] = stored.get("documents.signing", {})
    names = person_names(db, [d.get("signer_id") for d in stored_signing.values()])
    for kind, data in stored_signing.items():
        signer_id = data.get("signer_id")
        signing[kind] = Signing(
            tuple(data.get("authority", ())),
            names.get(signer_id) or data.get("signer_name", ""),
            data.get("signed_by", DEFAULT_SIGNING.get(kind, Signing()).signed_by),
            bool(data.get("enabled", True)),
            signer_id if signer_id in names else None,
        )
    recipients = dict(DEFAULT_RECIPIENTS)
    typed = stored.get("documents.recipients", {})
    for kind, items in typed.items():
        recipients[kind] = tuple(items)
    issuing = stored.get(ISSUING_BODY_KEY) or ""
    return {
        "page": PageSettings(**page_data),
        "abbreviations": abbreviations,
        "signing": signing,
        "recipients": recipients,
        "archive": {**DEFAULT_ARCHIVE, **stored.get("documents.archive", {})},
        "typed_recipients": frozenset(typed),
        "issuing_typed": bool(issuing),
        "issuing": str(issuing),
    }


def save_page(db: Database, page: PageSettings) -> None:
    set_setting(db, "documents.page", page_value(page))


def page_value(page: PageSettings) -> dict[str, float]:
    """The page as stored under ``documents.page``."""
    # PageSettings validated its margins and size (decree ranges) when it was built.
    return {
        "margin_top_mm": page.margin_top_mm,
        "margin_bottom_mm": page.margin_bottom_mm,
        "margin_left_mm": page.margin_left_mm,
        "margin_right_mm": page.margin_right_mm,
        "body_size": page.body_size,
    }


def save_abbreviations(db: Database, abbreviations: dict[str, str]) -> None:
    set_setting(db, "documents.abbreviations", abbreviations)


def save_signing(db: Database, kind: str, signing: Signing) -> None:
    _save_override(db, "documents.signing", kind, signing_value(signing))


def signing_value(signing: Signing) -> dict[str, Any]:
    """A kind's signing as stored in ``documents.signing``."""
    value: dict[str, Any] = {
        "authority": list(signing.authority),
        "signer_name": signing.signer_name,
        "signed_by": signing.signed_by,
        "enabled": signing.enabled,
    }
    if signing.signer_id is not None:
        value["signer_id"] = signing.signer_id
    return value


def save_recipients(db: Database, kind: str, items: list[str]) -> None:
    _save_override(db, "documents.recipients", kind, items)


def _save_override(db: Database, key: str, kind: str, value: Any) -> None:
    """Set the override of ``kind`` in the stored map ``key``, read and written in one
    transaction (see :func:`.core.settings.save_settings`, ``update``)."""

    def update(stored: Mapping[str, Any]) -> dict[str, Any]:
        return {key: {**(stored.get(key) or {}), kind: value}}

    save_settings(db, update=update)
