"""``export KIND -o FOLDER``: the document written inside the folder under the name the window's
"Lưu thành…" offers (:mod:`.file_names`), as ``reports show --save-file FOLDER`` does.

An issued document's name holds its number, known only once the number is taken. The number
the register will give is read first and the whole target checked under that name (the
database, a folder that cannot be written, a file of another kind there) before anything is
issued, as for ``-o FILE``; the issue then names the file after the number actually taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..core import register
from ..core.db import Database, output_path
from ..core.file_kinds import refuse_replacing
from . import service
from .file_names import document_file_name, numbered_file_name
from .settings import load


def _scope(options: Mapping[str, Any]) -> str:
    # What the window's name carries too: the period's label ("quý III năm 2026").
    return next((getattr(v, "label", "") for v in options.values() if v is not None), "")


def _next_symbol(db: Database, kind: str, on: date) -> str:
    settings = load(db)
    abbr = settings.abbr(kind)
    with db.session() as s:
        number = register.next_number(s, on.year, abbr)
    return register.symbol(number, abbr, settings.body_abbr)


def export_into_folder(
    db: Database,
    kind: str,
    record_id: int | None,
    folder: str,
    *,
    issue_it: bool = False,
    issued_on: date | None = None,
    draft_only: bool = False,
    options: Mapping[str, Any] | None = None,
    **confirm: Any,
) -> service.ExportResult:
    """:func:`.service.export` into ``folder`` (made if missing) under the document's own
    name; ``confirm`` are its remaining keywords (signer, confirmations)."""
    options = dict(options or {})
    scope = _scope(options)
    on = issued_on or date.today()
    existing = (
        None
        if draft_only
        else service.find_issued(db, kind, record_id, on=issued_on, options=options)
    )
    if existing is not None:
        name = document_file_name(kind, existing, scope=scope)
    elif issue_it:
        name = numbered_file_name(kind, _next_symbol(db, kind, on), on, scope=scope)
    else:
        name = document_file_name(kind, None, on=on, scope=scope)
    target = output_path(Path(folder) / name, db)

    def issued_name(record: register.IssuedRecord) -> Path:
        actual = output_path(Path(folder) / document_file_name(kind, record, scope=scope), db)
        if actual != target:  # another officer took the number read: checked again
            refuse_replacing(actual, "pdf")
        return actual

    return service.export(
        db, kind, record_id, target, issue_it=issue_it, issued_on=issued_on,
        draft_only=draft_only, options=options, name_issued=issued_name, **confirm,
    )  # fmt: skip
