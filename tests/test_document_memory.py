"""What a document leaves behind once made: nothing that grows with the documents made. The
styles derived for one document (a table's cells, a paragraph's alignment) held the document's
own styles they were cached under, so none of them ever left the cache: a few kilobytes per
preview, every preview of the day."""

from __future__ import annotations

import gc
from typing import Any

from bdcq_desktop.documents import page, service
from tests.conftest import DEMO_TODAY


def _cached() -> int:
    gc.collect()
    return len(page._DERIVED)


def test_the_styles_of_a_document_made_go_with_it(demo_db: Any) -> None:
    kinds = [("minutes", 1), ("attendance", 1), ("tasks", None)]
    for kind, record in kinds:  # the first of each: whatever is made once per session
        service.draft(demo_db, kind, record, today=DEMO_TODAY)
    before = _cached()
    for _ in range(5):
        for kind, record in kinds:
            assert service.draft(demo_db, kind, record, today=DEMO_TODAY).startswith(b"%PDF")
    assert _cached() <= before
