"""A PDF read back as the tests of its wording compare it: the text of all pages with every run
of whitespace made one space (a line break may fall anywhere in a sentence), or the tables'
cells, each read whole (the agenda's columns interleave in plain text). ``pdf`` is the file's
bytes (a draft) or its path (an export)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO

import pdfplumber


def _opened(pdf: bytes | Path) -> Path | IO[bytes]:
    return io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf


def flat_text(pdf: bytes | Path) -> str:
    with pdfplumber.open(_opened(pdf)) as doc:
        return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in doc.pages))


def table_cells(pdf: bytes | Path) -> list[str]:
    with pdfplumber.open(_opened(pdf)) as doc:
        return [
            re.sub(r"\s+", " ", cell)
            for page in doc.pages
            for table in page.extract_tables()
            for row in table
            for cell in row
            if cell
        ]
