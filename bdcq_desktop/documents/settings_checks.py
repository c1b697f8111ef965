"""Checks of the document settings the secretariat types: abbreviations, signing, recipients,
page. Each returns the value cleaned (NFC) or raises ``ValidationError`` whose ``field`` is the
setting's key (``abbr.<kind>``, ``signing.<kind>``, ``signer.<kind>``, ``recipients.<kind>``,
``margin_top_mm``...) and whose message is Vietnamese and names the setting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from sqlalchemy import select

from ..core import register
from ..core.db import Database
from ..core.errors import BcdError, ValidationError
from ..core.i18n import tr
from ..core.labels import DOCUMENT_KIND_LABELS
from ..core.models import Person
from ..core.text import clean
from . import fonts
from .blocks import Context
from .closing import Recipients, SignatureBlock, closing_flowable
from .header import COLUMN_AIR, column_widths, place_date_width
from .page import NUMBER_SIZE, PageSettings, Styles
from .text import text_width, upper

ABBR_MAX_LEN = 10
# The spellings of Appendix III of Decree 30/2020, with the decree's own mixed forms (CTr, QyĐ,
# TTr, TTh), plus the two local ones the defaults use (GTT, DS). A typed abbreviation equal to
# one of them but for case is stored in this spelling; any other in capitals, as the decree
# writes symbols. One spelling per type keeps one number series per type (the register keys
# its series on the spelling).
KNOWN_ABBREVIATIONS = (
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "GN", "TTh", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "GTT", "DS",
)  # fmt: skip
_KNOWN = {abbr.casefold(): abbr for abbr in KNOWN_ABBREVIATIONS}
_ABBR = re.compile(r"[A-Za-zĐđ]+")
_BODY_ABBR = re.compile(r"[A-Za-zĐđ0-9]+")  # a body may carry a number: BCĐ389
_LEGACY_D = str.maketrans({"Ð": "Đ", "ð": "đ"})  # eth, from old TCVN3/VNI conversions
AUTHORITY_MAX_LINES, RECIPIENTS_MAX = 4, 20
SIGNER_NAME_MAX_LEN = 80  # a full name, printed under the signature
PERSON_ID_MAX_DIGITS = 9  # ids of the database fit in nine digits long before they run out
# The closing (recipients beside or under the signature) is one unsplittable row: it must leave
# room on a page for the last lines of the text it follows, even on a landscape page.
CLOSING_MAX_FRACTION = 0.75

# The kinds of documents and their Vietnamese names, in the order the menus list them (the
# core's vocabulary); the registry of builders (:mod:`.kinds`) takes each kind's label here.
KIND_LABELS = DOCUMENT_KIND_LABELS
# Who may sign, by the record a kind is built from (see ``Signing.signed_by``).
MEETING_KINDS = frozenset({"convocation", "invitation", "agenda", "attendance", "conclusions"})
# The session's convener signs by default: its Tổ trưởng, or a Tổ phó for him (KT.).
GROUP_KINDS = frozenset({"wg-convocation", "wg-report"})
FIXED_SIGNING = frozenset({"minutes"})  # the secretary and the chair sign (template 1.9)
SIGNER_LABELS = {
    "head": "Trưởng ban (theo danh sách thành viên ngày ký)",
    "deputy": "Phó Trưởng ban (người ký thay mặc định)",
    "caller": "Người triệu tập cuộc họp (Trưởng ban hoặc Phó Trưởng ban)",
    "chair": "Người chủ trì cuộc họp",
    "secretary": "Thư ký cuộc họp",
    "none": "Để trống tên người ký",
    "leader": "Người triệu tập phiên làm việc (Tổ trưởng; Tổ phó ký KT. Tổ trưởng)",
}
PAGE_LABELS = {
    "margin_top_mm": "Lề trên",
    "margin_bottom_mm": "Lề dưới",
    "margin_left_mm": "Lề trái",
    "margin_right_mm": "Lề phải",
    "body_size": "Cỡ chữ nội dung",
}


def kind_label(kind: str) -> str:
    """``Giấy triệu tập`` for ``convocation``."""
    try:
        return KIND_LABELS[kind]
    except KeyError:
        raise BcdError(tr("Không có loại văn bản {name}.").format(name=kind)) from None


def signer_codes(kind: str) -> tuple[str, ...]:
    """The ``signed_by`` codes that mean something for ``kind`` (none when it is fixed)."""
    if kind in FIXED_SIGNING:
        return ()
    if kind in GROUP_KINDS:
        return ("head",)  # printed as the group leader unless a person is named
    if kind in MEETING_KINDS:
        return ("caller", "head", "deputy", "chair", "secretary", "none")
    return ("head", "deputy", "none")


def signer_label(kind: str, spec: str) -> str:
    """Vietnamese for a signer spec that is not a person (``person:<id>`` is named by the UI)."""
    prefix, _, rest = spec.partition(":")
    if kind in GROUP_KINDS and spec == "head":
        return tr(SIGNER_LABELS["leader"])
    if prefix == "position":
        return tr("Thành viên có chức vụ “{position}”").format(position=rest)
    if prefix == "name":
        return rest
    return tr(SIGNER_LABELS.get(spec, spec))


def _fail(field: str, label: str, template: str, **values: object) -> ValidationError:
    return ValidationError(field, tr(template).format(label=label, **values), label=label)


def _abbr(value: object, field: str, label: str, pattern: re.Pattern[str], letters: str) -> str:
    text = clean(str(value or "")).translate(_LEGACY_D).replace(" ", "")
    if not text:
        raise _fail(field, label, '"{label}" không được để trống.')
    if len(text) > ABBR_MAX_LEN:
        raise _fail(
            field,
            label,
            '"{label}" dài tối đa {n} ký tự ("{value}" có {length}).',
            n=ABBR_MAX_LEN,
            value=text,
            length=len(text),
        )
    if not pattern.fullmatch(text):
        raise _fail(
            field,
            label,
            '"{label}" chỉ gồm {letters}, không có dấu cách hay dấu gạch ("{value}").',
            letters=letters,
            value=text,
        )
    return text


def abbreviation_spelling(text: str) -> str:
    """``GM`` for ``gm``, ``CTr`` for ``CTR``: the decree's spelling of a known abbreviation,
    capitals for any other (also applied to what older versions stored as typed)."""
    return _KNOWN.get(text.casefold(), text.upper())


def check_abbreviation(kind: str, value: object) -> str:
    """The type abbreviation of ``kind`` (``GM``, ``CTr``, ``QyĐ``): letters only, ≤ 10, in the
    decree's spelling (:func:`abbreviation_spelling`)."""
    label = tr("Viết tắt tên loại của {kind}").format(kind=kind_label(kind))
    text = _abbr(value, f"abbr.{kind}", label, _ABBR, tr("chữ cái (A–Z, Đ)"))
    return abbreviation_spelling(text)


def check_abbreviation_change(
    db: Database, kind: str, current: str, new: str, *, today: date | None = None
) -> None:
    """Refuse changing the abbreviation of ``kind`` from ``current`` to ``new`` once documents of
    the kind were numbered this year under ``current``: numbers run per (year, abbreviation), so
    the kind would start again at 01 and the year's register would hold two documents of the
    kind with one number. A new abbreviation takes effect with a new register, from 1 January."""
    if new == current:
        return
    year = (today or date.today()).year
    last = register.latest_in_series(db, year, current, kind=kind)
    if last is None:
        return
    label = tr("Viết tắt tên loại của {kind}").format(kind=kind_label(kind))
    raise _fail(
        f"abbr.{kind}",
        label,
        '"{label}": năm {year} đã cấp số đến {symbol} cho {kind}. Đổi "{old}" thành "{new}" '
        "giữa năm sẽ đánh số lại từ 01, sổ năm {year} sẽ có hai văn bản cùng số; có thể đổi "
        "từ ngày 01/01/{next}.",
        year=year,
        symbol=last.symbol,
        kind=kind_label(kind).lower(),
        old=current,
        new=new,
        next=year + 1,
    )


def check_body_abbreviation(value: object) -> str:
    """The body's abbreviation in every symbol (``BCĐ``, ``BCĐ389``): letters, digits, ≤ 10."""
    return _abbr(
        value, "abbreviation", tr("Chữ viết tắt"), _BODY_ABBR, tr("chữ cái (A–Z, Đ) và chữ số")
    )


def _lines(value: str | Sequence[str]) -> list[str]:
    items = value.splitlines() if isinstance(value, str) else list(value)
    return [clean(str(item)) for item in items]


def check_authority(kind: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """Signing authority lines (``TM. BAN CHỈ ĐẠO`` / ``TRƯỞNG BAN``) in capitals; 1–4 lines."""
    label = tr("Thẩm quyền ký của {kind}").format(kind=kind_label(kind))
    field = f"signing.{kind}"
    lines = [upper(line) for line in _lines(value) if line]
    if not lines:
        raise _fail(
            field, label, '"{label}" cần ít nhất một dòng (ví dụ: TM. BAN CHỈ ĐẠO / TRƯỞNG BAN).'
        )
    if len(lines) > AUTHORITY_MAX_LINES or any(len(line) > 80 for line in lines):
        raise _fail(field, label, '"{label}": tối đa {n} dòng, mỗi dòng tối đa 80 ký tự.', n=4)
    return tuple(lines)


def check_recipients(kind: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """Recipients without the ``- `` and ``;`` the document adds; no ``Lưu:`` line (the
    archive line is added by the document); duplicates dropped. May be empty."""
    label = tr("Nơi nhận của {kind}").format(kind=kind_label(kind))
    field = f"recipients.{kind}"
    out: list[str] = []
    for line in _lines(value):
        text = line.lstrip("-–+•* ").rstrip(";.,").strip()
        if not text or text.casefold() in (x.casefold() for x in out):
            continue
        if re.match(r"lưu\s*:", text.casefold()):
            raise _fail(
                field, label, '"{label}": dòng "Lưu: …" được thêm tự động, hãy bỏ dòng này.'
            )
        if len(text) > 200:
            raise _fail(field, label, '"{label}": mỗi dòng tối đa 200 ký tự.')
        out.append(text)
    if len(out) > RECIPIENTS_MAX:
        raise _fail(field, label, '"{label}" tối đa {n} dòng.', n=RECIPIENTS_MAX)
    return tuple(out)


def check_signer(db: Database, kind: str, spec: object) -> str:
    """A signer spec checked against ``kind`` and the database. A person may be given as
    ``person:<id>``, a bare id, or a full name that names exactly one person."""
    label = tr("Người ký {kind}").format(kind=kind_label(kind))
    field = f"signer.{kind}"
    if kind in FIXED_SIGNING:
        raise _fail(field, label, '"{label}": biên bản do thư ký và người chủ trì cuộc họp ký.')
    text = clean(str(spec or ""))
    if not text:
        raise _fail(field, label, '"{label}" không được để trống.')
    if text in signer_codes(kind):
        return text
    prefix, _, rest = text.partition(":")
    rest = clean(rest)
    if prefix == "position" and kind in MEETING_KINDS and rest:
        return f"position:{rest}"
    if prefix == "name" and rest:
        if len(rest) > SIGNER_NAME_MAX_LEN:
            raise _fail(
                field,
                label,
                '"{label}": họ và tên người ký tối đa {n} ký tự (đang có {length}).',
                n=SIGNER_NAME_MAX_LEN,
                length=len(rest),
            )
        return f"name:{rest}"
    with db.session() as s:
        if prefix == "person" or text.isdigit():
            ident = rest if prefix == "person" else text
            person = s.get(Person, int(ident)) if _is_id(ident) else None
            if person is None:
                raise _fail(field, label, '"{label}": không có ID người "{id}".', id=_shown(ident))
            return f"person:{person.id}"
        wanted = text.casefold()
        ids = [p.id for p in s.scalars(select(Person)) if clean(p.full_name).casefold() == wanted]
    if len(ids) == 1:
        return f"person:{ids[0]}"
    if ids:
        raise _fail(
            field,
            label,
            '"{label}": có {n} người tên "{name}"; hãy ghi ID người (person:ID).',
            n=len(ids),
            name=text,
        )
    raise _fail(
        field,
        label,
        '"{label}": không có người tên "{name}" (hoặc ghi một trong: {codes}).',
        name=text,
        codes=", ".join(signer_codes(kind)),
    )


def _is_id(text: str) -> bool:
    # ASCII digits only: "²" is a digit to str.isdigit but not to int(); and a length bound, so
    # that a pasted run of digits is not turned into a number thousands of digits long.
    return text.isascii() and text.isdigit() and len(text) <= PERSON_ID_MAX_DIGITS


def _shown(text: str, limit: int = 20) -> str:
    """``text`` short enough for a one-line message."""
    return text if len(text) <= limit else text[:limit] + "…"


def _closing_height(
    page: PageSettings,
    signatures: Sequence[SignatureBlock],
    recipients: Recipients | None,
) -> float:
    """Height in points of the closing as the documents lay it out on ``page``."""
    fonts.ensure_fonts()
    ctx = Context(page, Styles(page))
    table = closing_flowable(signatures, recipients, ctx)
    if table is None:
        return 0.0
    return float(table.wrap(page.frame_width, page.frame_height)[1])


def closing_overflow(
    kind: str,
    page: PageSettings,
    authority: Sequence[str],
    signer_name: str,
    recipients: Sequence[str],
    archive: str,
    *,
    enabled: bool = True,
) -> tuple[str, float, float] | None:
    """None when the closing of ``kind`` fits ``page`` (portrait and landscape); else the
    setting to shorten (``recipients``, ``signer`` or ``signing``), the closing's height and
    what a page holds of it, in points (see :func:`check_closing_fits`)."""
    if kind in FIXED_SIGNING:  # the secretary and the chair, side by side
        sigs = [SignatureBlock(["THƯ KÝ"], signer_name), SignatureBlock(["CHỦ TỌA"], signer_name)]
    else:
        sigs = [SignatureBlock(list(authority), signer_name)] if enabled else []
    listed = Recipients(list(recipients), archive=archive)
    for orientation in (False, True):
        oriented = page.oriented(orientation)
        limit = oriented.frame_height * CLOSING_MAX_FRACTION
        height = _closing_height(oriented, sigs, listed)
        if height <= limit:
            continue
        if _closing_height(oriented, sigs, None) <= limit:
            return "recipients", height, limit
        if sigs and _closing_height(oriented, [replace(sigs[0], name="")], None) <= limit:
            return "signer", height, limit
        return "signing", height, limit
    return None


# What a refusal of the closing names, by the setting to shorten.
CLOSING_LABELS = {
    "recipients": "Nơi nhận của {kind}",
    "signer": "Người ký {kind}",
    "signing": "Thẩm quyền ký của {kind}",
}


def check_closing_fits(
    kind: str,
    page: PageSettings,
    authority: Sequence[str],
    signer_name: str,
    recipients: Sequence[str],
    archive: str,
    *,
    enabled: bool = True,
) -> None:
    """Refuse signing and recipients of ``kind`` that the page cannot hold: the closing is one
    row that cannot break across pages, so rendering would fail on every document of the kind.
    The ValidationError names the setting to shorten (``recipients.``, ``signing.`` or
    ``signer.<kind>``)."""
    over = closing_overflow(
        kind, page, authority, signer_name, recipients, archive, enabled=enabled
    )
    if over is None:
        return
    name, height, limit = over
    label = tr(CLOSING_LABELS[name]).format(kind=kind_label(kind))
    raise _fail(
        f"{name}.{kind}",
        label,
        '"{label}" quá dài: phần chữ ký và nơi nhận cao {height} mm, một trang chỉ giữ '
        "được {limit} mm; hãy rút gọn.",
        height=round(height / mm),
        limit=round(limit / mm),
    )


# How a refusal of a setting that moves the header's number/place-date split names it, and
# what it asks for.
_SHORTEN_ABBR = "viết tắt gọn hơn hoặc viết gọn địa danh"
_HEADER_FIELDS = {
    "place_name": ("Địa danh", "quá dài", "viết gọn địa danh"),
    "abbreviation": ("Chữ viết tắt", "quá dài", _SHORTEN_ABBR),
}


def _header_field(field: str) -> tuple[str, str, str]:
    """(label, what is wrong, what to do) for a refusal of ``field``."""
    if field in _HEADER_FIELDS:
        label, too, fix = _HEADER_FIELDS[field]
        return tr(label), tr(too), tr(fix)
    if field.startswith("abbr."):
        label = tr("Viết tắt tên loại của {kind}").format(kind=kind_label(field[5:]))
        return label, tr("quá dài"), tr(_SHORTEN_ABBR)
    label = tr(PAGE_LABELS.get(field, field))
    return label, tr("quá rộng"), tr("giảm lề hoặc viết gọn địa danh")


def check_place_fits(
    page: PageSettings,
    place: str,
    number_lines: Sequence[str],
    *,
    field: str = "place_name",
) -> None:
    """Refuse settings whose place-date line ("Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm
    2026") cannot stay on one line: the header widens its column for it only as far as the
    number beside it (``number_lines``: the widest it may print) leaves room (see
    ``header.number_row_columns``). The refusal names ``field``, whichever of the place
    (``place_name``), the abbreviations (``abbreviation``, ``abbr.<kind>``) or the margins
    (``margin_left_mm``…) was being saved, and says what to shorten."""
    fonts.ensure_fonts()
    need = place_date_width(place)
    _, room = column_widths(page)
    if need <= room:
        return
    widths = {line: text_width(line, fonts.REGULAR, NUMBER_SIZE) for line in number_lines}
    number = max(widths, key=lambda line: widths[line])
    room = max(room, page.frame_width - widths[number] - COLUMN_AIR)
    if need <= room:
        return
    label, too, fix = _header_field(field)
    raise _fail(
        field,
        label,
        '"{label}" {too}: dòng địa danh, ngày tháng năm cần {need} mm để nằm trên một dòng, '
        'phần đầu văn bản chỉ dành được cho dòng này {room} mm (bên cạnh "{number}"); '
        "hãy {fix}.",
        need=f"{need / mm:.1f}".replace(".", ","),
        room=f"{room / mm:.1f}".replace(".", ","),
        number=" ".join(number.split()),
        too=too,
        fix=fix,
    )


def check_page(current: PageSettings, **changes: Any) -> PageSettings:
    """``current`` with ``changes`` (margins in mm, ``body_size`` in pt) checked against the
    decree's ranges; the ValidationError carries the field's Vietnamese label."""
    values: dict[str, float] = {}
    for name, raw in changes.items():
        label = tr(PAGE_LABELS.get(name, name))
        try:
            values[name] = float(str(raw).strip().replace(",", "."))
        except ValueError:
            raise _fail(name, label, '"{label}" cần là một số.') from None
    try:
        return replace(current, **values)
    except ValidationError as exc:
        label = tr(PAGE_LABELS.get(exc.field, exc.field))
        raise ValidationError(exc.field, exc.message, label=label) from None
