"""Why the settings' signer of a document cannot sign it on its date, and the rule that finds
the signer by position.

Decree 30/2020 requires the signer's full name under the authority lines: a document issued
with an empty name is not a valid document. So a rule of the settings that finds nobody on the
document's date (no member whose position starts with "Chánh Văn phòng", a meeting with no
secretary yet, a roster with no Head and no default signer) is refused as a signer who may not
sign is (:class:`SignerRefused`): the choice of signer shows why and offers who may sign
instead (:mod:`.signer_choice`), and issuing is refused before a number is taken. A draft (its
number blank too) leaves the name blank rather than failing, so that an empty file can still
preview its reports (:func:`.signers.signature`, ``strict``). Only ``none`` (the office chose
to leave the name for the signer to write) prints an empty name in an issued document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.standing_agency import standing_agency_on
from ..core.text import clean, fold
from .meeting_data import committee_on
from .settings_checks import kind_label
from .text import nfc

# Where the officer sets the signer of a kind (the Documents tab of Thiết lập, column
# "Người ký"): named in every refusal, so that it says how to fix it, not only what is wrong.
WHERE = "Thiết lập, thẻ Văn bản, cột Người ký"


@dataclass(frozen=True)
class Found:
    """A person a signer rule found on the roster."""

    name: str
    person_id: int


class SignerRefused(ValidationError):
    """The signer the settings name for a kind cannot sign it on ``on`` (a former Head kept
    after a reshuffle, a plain member, a rule that finds nobody that day): the date and the
    name (or what the rule asked for) travel with the refusal so that the choice of signer can
    still offer who may sign that day instead of stopping there."""

    def __init__(self, field: str, message: str, *, label: str, name: str, on: date) -> None:
        super().__init__(field, message, label=label)
        self.name = name
        self.on = on


def _label(kind: str) -> str:
    return tr("Người ký {kind}").format(kind=kind_label(kind))


def settings_refused(kind: str, name: str, title: str, on: date) -> SignerRefused:
    """The settings' signer of ``kind`` who is not ``title`` on ``on``: refused with the
    field of the settings named, and where to choose another."""
    label = _label(kind)
    return SignerRefused(
        f"signer.{kind}",
        tr(
            '"{label}": {name} không phải {title} vào ngày {day}; hãy chọn người ký khác '
            "(Thiết lập, thẻ Văn bản)."
        ).format(label=label, name=name, title=title, day=on.strftime("%d/%m/%Y")),
        label=label,
        name=nfc(name),
        on=on,
    )


# What each rule asks for, as the choice of signer shows it ("… (theo Thiết lập, không ký
# được)"), and why it found nobody.
_NOBODY = {
    "head": (
        "Trưởng ban",
        "danh sách thành viên không có Trưởng ban vào ngày {day} và chưa chọn Người ký mặc "
        "định (Thiết lập, thẻ Tổ chức)",
    ),
    "caller": (
        "Trưởng ban",
        "danh sách thành viên không có Trưởng ban vào ngày {day} và chưa chọn Người ký mặc "
        "định (Thiết lập, thẻ Tổ chức)",
    ),
    "deputy": (
        "Phó Trưởng ban",
        "danh sách thành viên không có Phó Trưởng ban vào ngày {day} và chưa chọn Người ký "
        "thay mặc định (Thiết lập, thẻ Tổ chức)",
    ),
    "chair": ("Người chủ trì cuộc họp", "cuộc họp chưa có người chủ trì"),
    "secretary": ("Thư ký cuộc họp", "cuộc họp chưa có thư ký (sửa cuộc họp để chọn thư ký)"),
    "group": (
        "Tổ trưởng",
        "phiên làm việc không có Tổ trưởng hay Tổ phó chủ trì vào ngày {day} và chưa chọn "
        "Người ký mặc định (Thiết lập, thẻ Tổ chức)",
    ),
}


def nobody_refused(kind: str, by: str, on: date) -> SignerRefused:
    """The rule ``by`` of the settings (``head``, ``secretary``…) names nobody for ``kind`` on
    ``on``: refused rather than printed with an empty name."""
    label = _label(kind)
    who, why = _NOBODY.get(by, (tr("Người ký"), "không xác định được người ký vào ngày {day}"))
    day = on.strftime("%d/%m/%Y")
    return SignerRefused(
        f"signer.{kind}",
        tr('"{label}": {why} nên văn bản không có tên người ký; hãy chọn người ký ({where}).')
        .format(label=label, why=tr(why).format(day=day), where=tr(WHERE)),
        label=label,
        name=tr(who),
        on=on,
    )


def by_position(db: Database, kind: str, position: str, on: date) -> Found:
    """The committee member of ``on`` whose position starts with ``position`` (the settings'
    ``position:<text>``, e.g. ``Chánh Văn phòng``).

    The text alone may match several people (the Chánh Văn phòng of UBND tỉnh and of the
    standing agency are both often members): the one of the standing agency of that day
    is the committee's own office and signs. When that does not settle it (several matches,
    none or several of them of the standing agency), the rule is refused with the names, so
    that the officer picks one in Thiết lập, which keeps the choice (``person:<id>``) for the
    next documents. No match at all is refused too: a notice is never issued nameless."""
    wanted = fold(clean(position))
    people: dict[int, tuple[str, str, int | None]] = {}
    for r in committee_on(db, on):  # one line a person (two memberships: a data slip)
        if wanted and fold(clean(r.position)).startswith(wanted):
            people.setdefault(r.person_id, (clean(r.full_name), clean(r.unit), r.unit_id))
    if len(people) == 1:
        pid, (name, _unit, _uid) = next(iter(people.items()))
        return Found(name, pid)
    label = _label(kind)
    day = on.strftime("%d/%m/%Y")
    shown = f"“{clean(position)}”"
    if not people:
        raise SignerRefused(
            f"signer.{kind}",
            tr(
                '"{label}": không có thành viên Ban Chỉ đạo nào có chức vụ {position} vào '
                "ngày {day} nên văn bản không có tên người ký; hãy chọn người ký ({where})."
            ).format(label=label, position=shown, day=day, where=tr(WHERE)),
            label=label,
            name=tr("Chức vụ {position}").format(position=shown),
            on=on,
        )
    with db.session() as s:
        agency = standing_agency_on(s, on)
        agency_id, agency_name = (agency.id, agency.name) if agency is not None else (None, "")
    own = [
        pid
        for pid, (_name, unit, uid) in people.items()
        if agency_id is not None
        and (uid == agency_id or (unit and fold(unit) == fold(clean(agency_name))))
    ]
    if len(own) == 1:
        return Found(people[own[0]][0], own[0])
    names = ", ".join(f"{name} ({unit})" if unit else name for name, unit, _ in people.values())
    raise SignerRefused(
        f"signer.{kind}",
        tr(
            '"{label}": có {n} thành viên có chức vụ {position} vào ngày {day} ({names}), '
            "không rõ ai là người của cơ quan thường trực; hãy chọn một người ký ({where})."
        ).format(
            label=label, n=len(people), position=shown, day=day, names=names, where=tr(WHERE)
        ),
        label=label,
        name=tr("Chức vụ {position}").format(position=shown),
        on=on,
    )
