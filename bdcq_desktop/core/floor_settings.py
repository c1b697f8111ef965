"""Where the paper-number floors are stored (:mod:`.number_floor`): one setting per year and
type, ``register.floor.<year>.<type in lower case>``, holding the last number issued outside
the application. Apart from the rules so that the settings' start-up read
(:func:`.settings.setup_state`) can ask whether any floor is set without importing them (the
rules save through the settings: each module would import the other)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from .models import Setting

FLOOR_PREFIX = "register.floor."


def floor_key(year: int, type_abbr: str) -> str:
    """The setting holding the floor of the series (``year``, ``type_abbr`` in any case)."""
    return f"{FLOOR_PREFIX}{year}.{type_abbr.casefold()}"


def number_of(text: str | None) -> int:
    """A stored floor's number (0: none)."""
    value = json.loads(text) if text is not None else None
    # Anything but a whole number (``null``: taken off) is no floor.
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def floors_of(s: Session | Connection, year: int) -> dict[str, int]:
    """Inside a session or a connection: the floors of ``year`` by casefolded type (those
    set only)."""
    prefix = f"{FLOOR_PREFIX}{year}."
    rows = s.execute(select(Setting.key, Setting.value).where(Setting.key.startswith(prefix)))
    return {k[len(prefix) :]: n for k, text in rows if (n := number_of(text))}
