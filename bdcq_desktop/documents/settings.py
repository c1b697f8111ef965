"""Document settings: abbreviations, signing forms, recipients, page — stored in the database.

Decree defaults apply until the secretariat changes them (Settings keys ``documents.*``), so a
renamed committee or a new local abbreviation needs no new version of the program.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..core.db import Database
from ..core.settings import get_organisation, get_settings, set_setting
from .page import PageSettings

# Type abbreviations per document kind (Appendix III). Giấy triệu tập has no official one; GTT
# is the common local choice.
DEFAULT_ABBREVIATIONS: dict[str, str] = {
    "convocation": "GTT",
    "invitation": "GM",
    "agenda": "CTr",
    "attendance": "DS",
    "minutes": "BB",
    "conclusions": "TB",
    "wg-convocation": "GTT",
    "wg-report": "BC",
    "roster": "DS",
    "reports-summary": "BC",
    "tasks": "BC",
}


@dataclass(frozen=True)
class Signing:
    """How a document is signed: authority lines (TM./KT./Q./TL./TUQ.) and the signer."""

    authority: tuple[str, ...] = ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
    signer_name: str = ""  # empty: the organisation's default signer


DEFAULT_SIGNING: dict[str, Signing] = {
    "conclusions": Signing(("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG")),
    "wg-convocation": Signing(("TỔ TRƯỞNG",)),
    "wg-report": Signing(("TỔ TRƯỞNG",)),
}

DEFAULT_RECIPIENTS: dict[str, tuple[str, ...]] = {
    "convocation": ("Như trên", "Trưởng ban, các Phó Trưởng ban (để b/c)"),
    "invitation": ("Như trên", "Trưởng ban, các Phó Trưởng ban (để b/c)"),
    "conclusions": (
        "Thành viên Ban Chỉ đạo",
        "Các sở, ban, ngành, UBND các huyện, thành, thị",
        "Tổ công tác",
    ),
    "minutes": (),
    "wg-convocation": ("Như trên", "Trưởng ban (để b/c)"),
    "wg-report": ("Trưởng ban, các Phó Trưởng ban (để b/c)", "Thành viên Ban Chỉ đạo"),
    "roster": ("Thành viên Ban Chỉ đạo",),
    "reports-summary": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "tasks": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
}


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

    def abbr(self, kind: str) -> str:
        return self.abbreviations.get(kind, "")

    def signing_for(self, kind: str) -> Signing:
        s = self.signing.get(kind, Signing())
        return s if s.signer_name else replace(s, signer_name=self.default_signer)

    def recipients_for(self, kind: str) -> tuple[str, ...]:
        return self.recipients.get(kind, ())


def load(db: Database) -> DocumentSettings:
    org = get_organisation(db)
    stored = get_settings(db, "documents.")
    page_data: dict[str, Any] = stored.get("documents.page", {})
    abbreviations = {**DEFAULT_ABBREVIATIONS, **stored.get("documents.abbreviations", {})}
    signing = dict(DEFAULT_SIGNING)
    for kind, data in stored.get("documents.signing", {}).items():
        signing[kind] = Signing(tuple(data.get("authority", ())), data.get("signer_name", ""))
    recipients = dict(DEFAULT_RECIPIENTS)
    for kind, items in stored.get("documents.recipients", {}).items():
        recipients[kind] = tuple(items)
    issuing = stored.get("documents.issuing_body") or org.committee_name
    return DocumentSettings(
        parent_body=(org.parent_body or "").upper(),
        issuing_body=_issuing_header(issuing),
        body_abbr=org.abbreviation or "BCĐ",
        place=org.place_name,
        default_signer=org.default_signer,
        default_deputy_signer=org.default_deputy_signer,
        page=PageSettings(**page_data),
        abbreviations=abbreviations,
        signing=signing,
        recipients=recipients,
    )


def _issuing_header(name: str) -> str:
    """The issuing body as printed: capitals, without the province suffix the parent carries
    ("Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An" → "BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN
    ĐIỆN TỬ"), as in the decree's samples."""
    text = name.strip()
    lowered = text.lower()
    for marker in (" tỉnh ", " thành phố "):
        cut = lowered.rfind(marker)
        if cut > 0:
            text = text[:cut]
            break
    return text.upper()


def save_page(db: Database, page: PageSettings) -> None:
    # PageSettings validated its margins and size (decree ranges) when it was built.
    set_setting(
        db,
        "documents.page",
        {
            "margin_top_mm": page.margin_top_mm,
            "margin_bottom_mm": page.margin_bottom_mm,
            "margin_left_mm": page.margin_left_mm,
            "margin_right_mm": page.margin_right_mm,
            "body_size": page.body_size,
        },
    )


def save_abbreviations(db: Database, abbreviations: dict[str, str]) -> None:
    set_setting(db, "documents.abbreviations", abbreviations)


def save_signing(db: Database, kind: str, signing: Signing) -> None:
    current = get_settings(db, "documents.signing").get("documents.signing", {})
    current[kind] = {"authority": list(signing.authority), "signer_name": signing.signer_name}
    set_setting(db, "documents.signing", current)


def save_recipients(db: Database, kind: str, items: list[str]) -> None:
    current = get_settings(db, "documents.recipients").get("documents.recipients", {})
    current[kind] = items
    set_setting(db, "documents.recipients", current)
