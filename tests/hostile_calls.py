"""The loop every whole-call hostile test runs: generated values into one core call on a real
SQLite file, then either the stored values read back clean, or a clean refusal that wrote
nothing (every table's row count unchanged, the change log included)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import strategies as st

from bdcq_desktop.core.errors import BcdError, ValidationError
from tests.hostile_strategies import (
    Tally,
    assert_clean_message,
    assert_refused,
    assert_stored,
    hostile,
    row_counts,
)

# (what was stored, what was typed, multi-line?) for each text field the call saved.
Stored = Iterable[tuple[str | None, str, bool]]


def run_calls(
    db: Any,
    max_examples: int,
    values: dict[str, st.SearchStrategy[Any]],
    act: Callable[[dict[str, Any]], Stored],
    *,
    fields: dict[str, str] | None = None,
    stored: bool = True,
    refused: bool = True,
    other_errors: bool = False,
    prepare: Callable[[dict[str, Any]], None] | None = None,
    examples: Iterable[dict[str, Any]] = (),
) -> Tally:
    """Run ``act`` on ``max_examples`` generated value sets; ``act`` makes the call and reads
    back what it stored. ``stored`` / ``refused``: that outcome must occur at least once.
    ``other_errors``: the project's other refusals (a record not found, a stale version, a
    closed meeting) are clean outcomes too, when their message is one Vietnamese line.
    ``prepare``: run before the counts are taken (puts the record back in the state the call
    needs, e.g. a meeting not cancelled yet). ``examples``: value sets run first on every run
    besides the generated ones (a valid one, so that ``stored`` holds whatever is drawn)."""
    tally = Tally()

    @hostile(max_examples, st.fixed_dictionaries(values), examples=[(e,) for e in examples])
    def case(drawn: dict[str, Any]) -> None:
        if prepare is not None:
            prepare(drawn)
        before = row_counts(db)
        try:
            checks = list(act(drawn))
        except BcdError as exc:
            if not (other_errors and not isinstance(exc, ValidationError)):
                assert_refused(exc, fields)
            if other_errors:
                assert_vietnamese(exc.message)
            assert row_counts(db) == before, "a refused call wrote something"
            tally.refused += 1
            return
        for value, typed, multiline in checks:
            assert_stored(value, typed, multiline=multiline)
        tally.stored += 1

    case()
    tally.check(stored=stored, refused=refused)
    return tally


# Letters only Vietnamese writes (with their capitals): a message that has none of them is
# English, or a driver's text that slipped through.
_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_VIETNAMESE |= {c.upper() for c in _VIETNAMESE}


def assert_vietnamese(message: str) -> None:
    """A clean one-line message written in Vietnamese."""
    assert_clean_message(message)
    assert _VIETNAMESE & set(message), message[:300]
