"""End of a document: signature block(s) beside or above the recipients (``Nơi nhận:``).

Also the flowable that keeps that closing on the same page as the end of the body text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from bdcq_desktop.core.i18n import tr
from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.blocks import Context
from bdcq_desktop.documents.header import column_widths, lines_paragraph
from bdcq_desktop.documents.text import balanced_lines, nfc, to_markup, upper

# A table cell: a stack of flowables, or "" for an empty cell.
_Cell = list[Flowable] | str


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


@dataclass(frozen=True)
class Recipients:
    """``Nơi nhận:`` list. Items are printed ``- item;`` and the archive line last.

    ``archive`` is what follows ``Lưu:``: ``VT, BCĐ`` by default, ``VT, Hồ sơ`` for minutes.
    """

    items: Sequence[str]
    archive: str = "VT, BCĐ"

    def lines(self) -> list[str]:
        out = []
        for item in self.items:
            text = nfc(item).strip().removeprefix("-").strip().rstrip(";.").strip()
            if text:
                out.append(f"- {text};")
        archive = nfc(self.archive).strip().rstrip(".")
        out.append(f"- Lưu: {archive}.")
        return out


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


class KeepWithClosing(Flowable):
    """The last body flowable and the closing block, never on different pages.

    Plain ``KeepTogether`` would move the whole last flowable to the next page, leaving a gap,
    and gives up (starting a fresh page, then separating them) when the last flowable is a long
    table. This splits the last flowable instead, so that its final part, at least two lines or
    one table row, travels with the signature.
    """

    def __init__(self, last: Flowable, closing: Flowable) -> None:
        super().__init__()
        self.last = last
        self.closing = closing
        self._gap = max(last.getSpaceAfter(), closing.getSpaceBefore())
        self._h_last = self._h_closing = 0.0
        self._w_last = self._w_closing = 0.0

    def getSpaceBefore(self) -> float:
        return self.last.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.closing.getSpaceAfter()

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w_last, self._h_last = self.last.wrap(aW, aH)
        self._w_closing, self._h_closing = self.closing.wrap(aW, aH)
        self.width, self.height = aW, self._h_last + self._gap + self._h_closing
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        # First fill this page with as much of the last flowable as fits: the closing then
        # travels with the remainder, and no room is reserved on a page it will not reach.
        parts = self.last.split(aW, aH)
        if len(parts) >= 2:
            return [*parts[:-1], KeepWithClosing(parts[-1], self.closing)]
        # The last flowable fits here but the closing does not: send its tail along.
        room = aH - self._gap - self._h_closing
        if room > 0:
            parts = self.last.split(aW, room)
            if len(parts) >= 2:
                return [*parts[:-1], KeepWithClosing(parts[-1], self.closing)]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            # Even a fresh page cannot hold both: separating them beats a layout error.
            return [self.last, self.closing]
        return []  # move both to the next page

    def draw(self) -> None:
        self.last.drawOn(self.canv, 0, self._h_closing + self._gap, _sW=self.width - self._w_last)
        self.closing.drawOn(self.canv, 0, 0, _sW=self.width - self._w_closing)
