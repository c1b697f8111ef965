"""End of a document: signature block(s) beside or above the recipients (``Nơi nhận:``).

:class:`bdcq_desktop.documents.keep.KeepWithClosing` keeps it on the page of the end of the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from bdcq_desktop.core.i18n import tr
from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.blocks import Context
from bdcq_desktop.documents.header import column_widths, lines_paragraph
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.text import balanced_lines, nfc, to_markup, upper

# A table cell: a stack of flowables, or "" for an empty cell.
_Cell = list[Flowable] | str


@dataclass(frozen=True)
class Fellow:
    """Another Deputy Head of the signer's day, as the recipients name them."""

    name: str
    standing: bool = False  # Phó Trưởng ban Thường trực

    @property
    def title(self) -> str:
        return "Phó Trưởng ban Thường trực" if self.standing else "Phó Trưởng ban"


@dataclass(frozen=True)
class SignatureBlock:
    """Signing authority lines, room for signature and seal, then the signer's name.

    ``authority`` e.g. ``["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]`` or ``["KT. TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN"]`` (printed in capitals). ``name`` is the signer's full name without
    academic titles; empty leaves the line blank for a draft.
    """

    authority: Sequence[str]
    name: str = ""
    space_mm: float = 28.0
    # A Deputy Head on the roster of the document's date signs: the names of the other Deputy
    # Heads of that date, so that the recipients report to them and not to the signer herself
    # (:func:`without_the_deputy`). None: the signer is not known as a Deputy Head.
    fellow_deputies: tuple[Fellow, ...] | None = None
    # The Head on the roster of the document's date signs under lines of another role (the
    # minutes' CHỦ TỌA): the recipients do not report to them (:func:`without_the_head`).
    head: bool = False
    # Who signs, when on record: a choice of signer for one document is checked against it.
    person_id: int | None = None


@dataclass(frozen=True)
class Recipients:
    """``Nơi nhận:`` list. Items are printed ``- item;`` and the archive line last.

    ``archive`` is what follows ``Lưu:``: ``VT, BCĐ`` by default, ``VT, Hồ sơ`` for minutes.
    ``addressed``: the names of the people the document is addressed to (a convocation's
    members, "Như trên"): a Deputy Head among them is not listed again "để b/c"
    (:func:`without_the_deputy`).
    """

    items: Sequence[str]
    archive: str = "VT, BCĐ"
    addressed: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        out = []
        for item in self.items:
            text = nfc(item).strip().removeprefix("-").strip().rstrip(";.").strip()
            if text:
                out.append(f"- {text};")
        archive = nfc(self.archive).strip().rstrip(".")
        out.append(f"- Lưu: {archive}.")
        return out


# The defaults' line for the Head and the deputies, and what is left of it when the Head signs.
HEAD_AND_DEPUTIES = "Trưởng ban, các Phó Trưởng ban (để b/c)"
HEAD_ONLY = "Trưởng ban (để b/c)"
DEPUTIES = "Các Phó Trưởng ban (để b/c)"


def without_the_head(recipients: Recipients) -> Recipients:
    """The recipients of a document the Head signs (or chairs, for minutes): not the Head
    again, "để b/c" (to be reported to) the one who signed it."""
    items: list[str] = []
    for item in recipients.items:
        text = nfc(item).strip().removeprefix("-").strip().rstrip(";.").strip()
        if text == HEAD_ONLY:
            continue
        items.append(DEPUTIES if text == HEAD_AND_DEPUTIES else item)
    return replace(recipients, items=tuple(items))


def _others_of(fellows: Sequence[Fellow] | None) -> str:
    """The other Deputy Heads as a recipient: ``các Phó Trưởng ban khác`` (several, or not
    known), ``Phó Trưởng ban Thường trực Cao Bá Công`` (one, by title: "các … khác" would be
    plural), "" (none)."""
    if fellows is None or len(fellows) > 1:
        return "các Phó Trưởng ban khác"
    return f"{fellows[0].title} {fellows[0].name}" if fellows else ""


def without_the_deputy(recipients: Recipients, fellows: Sequence[Fellow] | None) -> Recipients:
    """The recipients of a document a Deputy Head signs (or chairs, for minutes): reported to
    the Head and the other Deputy Heads (``fellows``, see :attr:`SignatureBlock.fellow_deputies`),
    not to the signer herself. The defaults' "Trưởng ban, các Phó Trưởng ban (để b/c)" reads
    "Trưởng ban, các Phó Trưởng ban khác (để b/c)"; a line for the deputies alone goes when
    she is the only one. A fellow the document is addressed to (:attr:`Recipients.addressed`,
    convened) is not reported to again: "Trưởng ban (để b/c)" when none is left."""
    if fellows is not None:
        addressed = {nfc(n).strip() for n in recipients.addressed}
        fellows = [f for f in fellows if nfc(f.name).strip() not in addressed]
    others = _others_of(fellows)
    items: list[str] = []
    for item in recipients.items:
        text = nfc(item).strip().removeprefix("-").strip().rstrip(";.").strip()
        if text == HEAD_AND_DEPUTIES:
            items.append(f"Trưởng ban, {others} (để b/c)" if others else HEAD_ONLY)
        elif text == DEPUTIES:
            if others:
                items.append(f"{others[0].upper()}{others[1:]} (để b/c)")
        else:
            items.append(item)
    return replace(recipients, items=tuple(items))


def _signature_flowables(sig: SignatureBlock, ctx: Context, width: float) -> list[Flowable]:
    st = ctx.styles
    lines: list[str] = []
    for line in sig.authority:
        lines += balanced_lines(upper(line), fonts.BOLD, st.authority.fontSize, width - 4)
    out: list[Flowable] = []
    if lines:
        out.append(lines_paragraph(lines, st.authority))
    out.append(Spacer(0, sig.space_mm * mm))
    if sig.name.strip():
        out.append(Paragraph(to_markup(nfc(sig.name).strip()), st.signer))
    return out


def _recipient_flowables(recipients: Recipients, ctx: Context) -> list[Flowable]:
    st = ctx.styles
    out: list[Flowable] = [Paragraph(to_markup(tr("Nơi nhận:")), st.recipients_label)]
    out += [Paragraph(to_markup(line), st.recipients_item) for line in recipients.lines()]
    return out


def _plain_table(rows: list[list[_Cell]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                # Tables set the cell font even for flowable cells; reportlab's default is the
                # non-embedded Helvetica, which must never reach an official PDF.
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def closing_flowable(
    signatures: Sequence[SignatureBlock], recipients_: Recipients | None, ctx: Context
) -> Flowable | None:
    """Recipients beside (one signature) or below (several signatures) the signature blocks."""
    sigs = list(signatures)
    if not sigs and recipients_ is None:
        return None
    left_w, right_w = column_widths(ctx.settings)
    recipients: _Cell = _recipient_flowables(recipients_, ctx) if recipients_ else ""
    if len(sigs) <= 1:
        signature: _Cell = _signature_flowables(sigs[0], ctx, right_w) if sigs else ""
        # Same columns as the header: the signature centres under the national title.
        table = _plain_table([[recipients, signature]], [left_w, right_w])
    else:
        col_w = ctx.frame_width / len(sigs)
        row: list[_Cell] = [_signature_flowables(sig, ctx, col_w) for sig in sigs]
        rows: list[list[_Cell]] = [row]
        if recipients:
            rows.append([recipients] + [""] * (len(sigs) - 1))
        table = _plain_table(rows, [col_w] * len(sigs))
        if recipients:
            table.setStyle(
                TableStyle([("SPAN", (0, 1), (-1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 12)])
            )
    table.spaceBefore = 12  # about one blank line between the text and the closing
    return table
