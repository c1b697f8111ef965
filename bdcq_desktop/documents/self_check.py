"""The document engine's part of ``bdcq-desktop --self-test``: one official document (the
sample invitation of :mod:`.sample`) drawn in memory with the bundled font and checked as a
whole PDF with its fonts embedded.

The self-test runs it in a second process of its own, started first (``bdcq-desktop
--self-test-document RESULT``, see :mod:`bdcq_desktop.__main__`): it needs neither Qt nor the
database, so on a machine with two cores it is done while the window's checks run. The result
is one line written to the file ``RESULT`` (a GUI program on Windows may have no usable
standard output); the exit code is 0 when the document was drawn, 1 when it was not.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

# The verdict when the document was drawn (bdcq_desktop/ui/document_check.py expects it).
DRAWN = "drawn"


def pdf_problem(pdf: bytes) -> str | None:
    """What makes ``pdf`` not a whole PDF with embedded fonts (None if nothing): its header,
    its end, the cross-reference table its trailer points to, a page, the fonts embedded and
    no fallback to a standard font (which has no Vietnamese)."""
    if not pdf.startswith(b"%PDF-"):
        return "no PDF header"
    end = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-1024:])
    if end is None:
        return "no trailer (startxref … %%EOF): the file is cut short"
    if pdf[int(end.group(1)) : int(end.group(1)) + 4] != b"xref":
        return "the trailer does not point to the cross-reference table"
    if re.search(rb"/Type\s*/Page\b", pdf) is None:
        return "no page"
    if b"/FontFile2" not in pdf:
        return "the fonts are not embedded"
    if b"/Helvetica" in pdf:
        return "a standard font (no Vietnamese) stands in for the document font"
    return None


def sample_problem() -> str | None:
    """The sample invitation rendered in memory with the bundled font; what is wrong with the
    PDF, or None."""
    try:
        from .fonts import register_fonts
        from .layout import render
        from .sample import sample_invitation

        register_fonts(prefer_system=False)  # the bundled font, whatever the machine has
        pdf = render(sample_invitation())
    except Exception as exc:  # the point of the check: say it, never a traceback
        return f"{type(exc).__name__}: {exc}"
    return pdf_problem(pdf)


def main(argv: Sequence[str] | None = None) -> int:
    """``RESULT``: check the sample document, write the verdict there, exit 0 if drawn."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: --self-test-document RESULT", file=sys.stderr)
        return 2
    problem = sample_problem()
    Path(args[0]).write_text(DRAWN if problem is None else problem, encoding="utf-8")
    return 0 if problem is None else 1


if __name__ == "__main__":  # python -m bdcq_desktop.documents.self_check RESULT
    sys.exit(main())
