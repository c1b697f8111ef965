"""The live notes' save path on a real PostgreSQL server (``FOR UPDATE`` on a conflict, the
displaced text kept through ``INSERT … RETURNING``, a closed meeting refused under the lock),
and the autosave queue's ``save_soon`` (a focus change saves without waiting for the pause)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from bdcq_desktop.core.autosave import Autosaver
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.live_notes import (
    NotesAutosave,
    displaced_notes,
    item_notes,
    save_item_notes,
)
from bdcq_desktop.core.models import Meeting, MeetingStatus
from tests.test_meeting_record import _meeting


def _base(db: Any, meeting_id: int, item: int) -> int:
    return {n.item_id: n.version for n in item_notes(db, meeting_id)}[item]


def test_notes_saved_on_postgres_keep_both_texts_on_conflict(pg_db: Any) -> None:
    ids = _meeting(pg_db)
    mid, item = ids["meeting"], ids["item2"]
    base = _base(pg_db, mid, item)
    first = save_item_notes(pg_db, mid, item, "Sở báo cáo ", base_version=base)
    assert first.written and not first.conflict and first.version == base + 1
    again = save_item_notes(pg_db, mid, item, "Sở báo cáo ", base_version=base)  # a retry
    assert not again.written and again.version == first.version
    other = save_item_notes(pg_db, mid, item, "Ý kiến của máy B", base_version=first.version)
    mine = save_item_notes(pg_db, mid, item, "Sở báo cáo kết quả", base_version=first.version)
    assert mine.conflict and mine.displaced == "Ý kiến của máy B"
    assert mine.version == other.version + 1 and mine.revision_id is not None
    (kept,) = displaced_notes(pg_db, mid)
    assert (kept.id, kept.text) == (mine.revision_id, "Ý kiến của máy B")
    assert {n.item_id: n.text for n in item_notes(pg_db, mid)}[item] == "Sở báo cáo kết quả"

    with pg_db.session() as s:
        s.get(Meeting, mid).status = MeetingStatus.CANCELLED
    with pytest.raises(BcdError):
        save_item_notes(pg_db, mid, item, "Sau khi hủy", base_version=mine.version)


def test_two_typists_on_postgres_lose_nothing(pg_db: Any) -> None:
    """Two PCs autosave the same item at once: each one's last text reported saved is still
    somewhere (the item's notes, or the notes kept aside when the other overwrote them)."""
    ids = _meeting(pg_db)
    mid, item = ids["meeting"], ids["item1"]
    lock = threading.Lock()
    sent: list[dict[int, str]] = [{}, {}]
    acked = [0, 0]
    conflicts: list[Any] = []

    def on_saved(who: int) -> Any:
        def saved(_key: object, seq: int, _result: Any) -> None:
            with lock:
                acked[who] = max(acked[who], seq)

        return saved

    savers = [
        NotesAutosave(
            pg_db,
            mid,
            {item: _base(pg_db, mid, item)},
            on_saved=on_saved(who),
            on_conflict=conflicts.append,
            delay=0.01,
            max_delay=0.02,
        )
        for who in range(2)
    ]
    texts = ["", ""]
    for n in range(60):
        who = n % 2
        texts[who] += f"{'AB'[who]}{n} "
        with lock:
            sent[who][savers[who].submit(item, texts[who])] = texts[who]
        time.sleep(0.003)
    for saver in savers:
        assert saver.close(30)
    final = {n.item_id: n.text for n in item_notes(pg_db, mid)}[item]
    everywhere = [final, *(d.text for d in displaced_notes(pg_db, mid))]
    for who in range(2):
        last = sent[who][acked[who]]
        assert any(t.startswith(last) for t in everywhere), f"PC {'AB'[who]} lost {last!r}"
    assert conflicts  # the two really did overwrite each other


def test_save_soon_does_not_wait_for_the_pause() -> None:
    saved: list[tuple[object, str]] = []
    done = threading.Event()

    def save(key: object, text: str) -> None:
        saved.append((key, text))
        done.set()

    # A pause of a minute: only save_soon can make the text go now.
    saver = Autosaver(save, delay=60, max_delay=120)
    try:
        saver.submit("item", "typed")
        started = time.monotonic()
        saver.save_soon()
        assert time.monotonic() - started < 1  # returned at once
        assert done.wait(10)
        assert saved == [("item", "typed")]
    finally:
        saver.close(5)
