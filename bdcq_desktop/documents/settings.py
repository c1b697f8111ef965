"""Document settings: abbreviations, signing forms, recipients, page — stored in the database.

Decree defaults apply until the secretariat changes them (Settings keys ``documents.*``), so a
renamed committee or a new local abbreviation needs no new version of the program.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..core.db import Database
from ..core.settings import get_organisation, get_settings, set_setting
from ..core.text import clean
from .page import PageSettings
from .text import nfc

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
    """How a document is signed: authority lines (TM./KT./Q./TL./TUQ.) and the signer.

    ``signer_name`` names the signer outright. Without it ``signed_by`` says who signs:
    ``head`` (the organisation's default signer), ``deputy`` (its default deputy signer),
    ``chair`` or ``secretary`` (of the meeting the document is about), ``position:<text>`` (the
    committee member whose position starts with the text, e.g. ``position:Chánh Văn phòng``),
    or ``none`` (the name is left for the signer to write). ``enabled=False`` prints no signature
    block at all (e.g. an agenda that goes out with a signed convocation).
    """

    authority: tuple[str, ...] = ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
    signer_name: str = ""  # empty: resolved from signed_by
    signed_by: str = "head"
    enabled: bool = True


DEFAULT_SIGNING: dict[str, Signing] = {
    "conclusions": Signing(
        ("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"), signed_by="position:Chánh Văn phòng"
    ),
    "attendance": Signing(("THƯ KÝ",), signed_by="secretary"),
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
    "agenda": ("Thành viên Ban Chỉ đạo", "Các đại biểu dự họp"),
    "attendance": (),
    "minutes": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "wg-convocation": ("Như trên", "Trưởng ban (để b/c)"),
    "wg-report": ("Trưởng ban, các Phó Trưởng ban (để b/c)", "Thành viên Ban Chỉ đạo"),
    "roster": ("Thành viên Ban Chỉ đạo",),
    "reports-summary": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "tasks": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
}


# What follows "Lưu:" on the last recipients line; other kinds keep "VT, <body abbreviation>".
DEFAULT_ARCHIVE: dict[str, str] = {"minutes": "VT, Hồ sơ"}


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

    def abbr(self, kind: str) -> str:
        return self.abbreviations.get(kind, "")

    def signing_for(self, kind: str) -> Signing:
        """The signing of ``kind``, its ``signer_name`` filled for ``head``/``deputy`` signers
        (the others depend on the record and are resolved by the document's builder)."""
        s = self.signing.get(kind, Signing())
        if s.signer_name:
            return s
        if s.signed_by == "head":
            return replace(s, signer_name=self.default_signer)
        if s.signed_by == "deputy":
            return replace(s, signer_name=self.default_deputy_signer)
        return s

    def recipients_for(self, kind: str) -> tuple[str, ...]:
        return self.recipients.get(kind, ())

    def archive_for(self, kind: str) -> str:
        return self.archive.get(kind) or f"VT, {self.body_abbr}"

    @property
    def committee(self) -> str:
        """The committee's name for running text (falls back to the printed header name)."""
        return self.committee_name or self.issuing_body.capitalize()


def load(db: Database) -> DocumentSettings:
    org = get_organisation(db)
    stored = get_settings(db, "documents.")
    page_data: dict[str, Any] = stored.get("documents.page", {})
    abbreviations = {**DEFAULT_ABBREVIATIONS, **stored.get("documents.abbreviations", {})}
    signing = dict(DEFAULT_SIGNING)
    for kind, data in stored.get("documents.signing", {}).items():
        signing[kind] = Signing(
            tuple(data.get("authority", ())),
            data.get("signer_name", ""),
            data.get("signed_by", DEFAULT_SIGNING.get(kind, Signing()).signed_by),
            bool(data.get("enabled", True)),
        )
    recipients = dict(DEFAULT_RECIPIENTS)
    for kind, items in stored.get("documents.recipients", {}).items():
        recipients[kind] = tuple(items)
    archive = {**DEFAULT_ARCHIVE, **stored.get("documents.archive", {})}
    issuing = stored.get("documents.issuing_body") or org.committee_name
    return DocumentSettings(
        parent_body=nfc((org.parent_body or "").upper()),
        issuing_body=nfc(_issuing_header(issuing)),
        body_abbr=org.abbreviation or "BCĐ",
        place=org.place_name,
        default_signer=org.default_signer,
        default_deputy_signer=org.default_deputy_signer,
        page=PageSettings(**page_data),
        abbreviations=abbreviations,
        signing=signing,
        recipients=recipients,
        committee_name=clean(org.committee_name),
        archive=archive,
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
    current[kind] = {
        "authority": list(signing.authority),
        "signer_name": signing.signer_name,
        "signed_by": signing.signed_by,
        "enabled": signing.enabled,
    }
    set_setting(db, "documents.signing", current)


def save_recipients(db: Database, kind: str, items: list[str]) -> None:
    current = get_settings(db, "documents.recipients").get("documents.recipients", {})
    current[kind] = items
    set_setting(db, "documents.recipients", current)
