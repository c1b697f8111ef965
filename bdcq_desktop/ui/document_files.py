"""Where a document's PDF goes from the document dialog: a copy saved where the user chose, a
temporary copy for the system's viewer. No Qt here; the default file name comes from the
documents layer (:func:`..documents.file_names.document_file_name`), shared with the CLI."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.db import Database, output_path
from ..core.files import write_atomic


def pdf_target(path: str) -> Path:
    """``path``, with ``.pdf`` added unless it already ends so."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return target


def write_whole(target: Path, data: bytes, db: Database | None = None) -> None:
    """Write ``data`` to ``target`` through a temporary file: never a half-written PDF, never
    over the database, a folder or a device (:class:`BcdError` says why)."""
    write_atomic(output_path(target, db), data)


def temporary_copy(data: bytes, file_name: str) -> str:
    """A new temporary file named after ``file_name`` holding ``data``; its path."""
    folder = Path(tempfile.gettempdir()) / "bcd-desktop"
    folder.mkdir(parents=True, exist_ok=True)
    # A new file each time: a viewer may hold the previous one open (and locked).
    handle, name = tempfile.mkstemp(prefix=Path(file_name).stem + "-", suffix=".pdf", dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return name
