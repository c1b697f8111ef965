"""The decree defaults of the document settings, by kind: type abbreviations, how each kind is
signed (:class:`Signing`), recipients and archive. They apply until the secretariat changes
them (:mod:`.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    "reminder": "TB",
}


@dataclass(frozen=True)
class Signing:
    """How a document is signed: authority lines (TM./KT./Q./TL./TUQ.) and the signer.

    ``signer_name`` names the signer outright. Without it ``signed_by`` says who signs:
    ``head`` (the Head on the roster of the document's date; the organisation's default signer
    when that day has none), ``deputy`` (the default deputy signer while a Deputy Head),
    ``caller`` (who called the meeting, when Head or Deputy Head; else the Head), ``chair`` or
    ``secretary`` (of the meeting the document is about), ``position:<text>`` (the committee
    member whose position starts with the text, e.g. ``position:Chánh Văn phòng``; of several,
    the one of the standing agency, see :func:`.signer_refusals.by_position`), or ``none``
    (the name is left for the signer to write). The documents print the lines of the signer's
    role that day (:mod:`.signers`): ``authority`` stands when it agrees with that role.
    ``enabled=False`` prints no signature block at all (e.g. an agenda that goes out with a
    signed convocation). ``signer_id`` is the person chosen in the settings: :func:`.settings.load`
    fills ``signer_name`` with their current name.
    """

    authority: tuple[str, ...] = ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
    signer_name: str = ""  # empty: resolved from signed_by
    signed_by: str = "head"
    enabled: bool = True
    signer_id: int | None = None


DEFAULT_SIGNING: dict[str, Signing] = {
    # A meeting's own letters go out over the name of the one who called it (Decree 30: a
    # Deputy signs "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", the lines follow the signer's role).
    "convocation": Signing(signed_by="caller"),
    "invitation": Signing(signed_by="caller"),
    "agenda": Signing(signed_by="caller"),
    "conclusions": Signing(
        ("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"), signed_by="position:Chánh Văn phòng"
    ),
    "attendance": Signing(("THƯ KÝ",), signed_by="secretary"),
    "wg-convocation": Signing(("TỔ TRƯỞNG",)),
    "wg-report": Signing(("TỔ TRƯỞNG",)),
}

# The local governments a conclusion notice goes to: a default line that reads as on the
# document's date (:func:`dated_recipients`). Two levels of local government since 1 July
# 2025, the province and the commune; the district level before.
LOCAL_GOVERNMENTS = "UBND các xã, phường"
TWO_LEVELS_FROM = date(2025, 7, 1)
DISTRICTS = "UBND các huyện, thành phố, thị xã"
WITH_SPECIAL_ZONES = "UBND các xã, phường, đặc khu"
# A default recipient that exists only while the working group has a member on the document's
# date (a committee starts without one, and many never set one up).
WORKING_GROUP = "Tổ công tác"

DEFAULT_RECIPIENTS: dict[str, tuple[str, ...]] = {
    "convocation": ("Như trên", "Trưởng ban, các Phó Trưởng ban (để b/c)"),
    "invitation": ("Như trên", "Trưởng ban, các Phó Trưởng ban (để b/c)"),
    "conclusions": (
        "Thành viên Ban Chỉ đạo",
        "Các sở, ban, ngành",
        LOCAL_GOVERNMENTS,
        WORKING_GROUP,
    ),
    "agenda": ("Thành viên Ban Chỉ đạo", "Các đại biểu dự họp"),
    "attendance": (),
    "minutes": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "wg-convocation": ("Như trên", "Trưởng ban (để b/c)"),
    "wg-report": ("Trưởng ban, các Phó Trưởng ban (để b/c)", "Thành viên Ban Chỉ đạo"),
    "roster": ("Thành viên Ban Chỉ đạo",),
    "reports-summary": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "tasks": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
    "reminder": ("Trưởng ban, các Phó Trưởng ban (để b/c)",),
}

# What follows "Lưu:" on the last recipients line; other kinds keep "VT, <body abbreviation>".
DEFAULT_ARCHIVE: dict[str, str] = {"minutes": "VT, Hồ sơ"}


def dated_recipients(
    items: tuple[str, ...], on: date, *, special_zones: bool, working_group: bool = True
) -> tuple[str, ...]:
    """The default recipients ``items`` as on ``on``: the local governments of that day, the
    districts before 1 July 2025 and the communes after, with "đặc khu" only in a province
    that has one (``special_zones``; most have none); the working group only while it has a
    member that day (``working_group``): a notice is not sent to a body that does not exist.
    Recipients the office typed are not passed here: they are printed as typed."""
    if on < TWO_LEVELS_FROM:
        line = DISTRICTS
    else:
        line = WITH_SPECIAL_ZONES if special_zones else LOCAL_GOVERNMENTS
    return tuple(
        line if item == LOCAL_GOVERNMENTS else item
        for item in items
        if working_group or item != WORKING_GROUP
    )
