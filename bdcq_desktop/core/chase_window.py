"""The time window of the chase (đôn đốc): which due dates the Đôn đốc page, the reminder and
``bdcq export reminder`` chase.

A secretariat chases what fell due in the current period and recently; very old gaps are
settled by the committee's decision (miễn nộp, handing a task over), not chased again every
week. After ten years, chasing everything made a 219-page reminder that opened on reports due
in 2017. The window is one of:

- ``12m`` (default): due in the last twelve months up to the day. Rolling, so that on 2 January
  the reports due in December are still chased, which "this year" would drop overnight;
- ``year``: due since 1 January of the day's year;
- ``all``: no bound (what the page did before);
- an ISO date ``YYYY-MM-DD``: due on or after that day, the office's own cut-off.

It is stored in the database (setting :data:`WINDOW_KEY`), not per machine: it is the office's
rule, so the page on every machine, the reminder issued from any of them and the CLI's
``export reminder`` without ``--since`` chase the same items. Saving it is a setting of its own
(not :func:`.settings.save_settings`, which bumps the organisation's version and would make an
officer's open settings window stale for a filter change).
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from .db import Database
from .errors import ValidationError
from .i18n import tr
from .models import Setting
from .text import short_date

if TYPE_CHECKING:  # the overview's module comes with the first read (the page's, the export's)
    from .chase import ChaseOverview

WINDOW_KEY = "chase.window"
DEFAULT_WINDOW = "12m"
LAST_12_MONTHS, THIS_YEAR, ALL = "12m", "year", "all"
# The named windows, as the page offers them (a date is the fourth choice, "Từ ngày").
LABELS = {
    LAST_12_MONTHS: "12 tháng qua",
    THIS_YEAR: "Năm nay",
    ALL: "Tất cả",
}
FIELD_LABEL = "Hạn từ ngày"


def check_window(value: object) -> str:
    """``value`` as stored (``12m``, ``year``, ``all`` or an ISO date), or ValidationError
    naming the field. A date may be given as a :class:`date`."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    if text in LABELS:
        return text
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        label = tr(FIELD_LABEL)
        raise ValidationError(
            "chase_window",
            tr('"{label}" phải là một ngày, "12 tháng qua", "Năm nay" hoặc "Tất cả".').format(
                label=label
            ),
            label=label,
        ) from None


def window_start(window: str, day: date) -> date | None:
    """The first due date ``window`` chases on ``day`` (None: no bound)."""
    window = check_window(window)
    if window == ALL:
        return None
    if window == THIS_YEAR:
        return date(day.year, 1, 1)
    if window == LAST_12_MONTHS:
        # The same day a year before (28 February for a 29 February).
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)
    return date.fromisoformat(window)


def get_window(db: Database) -> str:
    """The stored window (:data:`DEFAULT_WINDOW` when none, or when what is stored is not one,
    written by hand: the page must open)."""
    with db.session() as s:
        row = s.get(Setting, WINDOW_KEY)
        raw = json.loads(row.value) if row is not None else DEFAULT_WINDOW
    try:
        return check_window(raw)
    except ValidationError:
        return DEFAULT_WINDOW


def set_window(db: Database, window: object) -> str:
    """Store the window (checked first); returns it as stored."""
    value = check_window(window)
    text = json.dumps(value)
    with db.session() as s:
        row = s.get(Setting, WINDOW_KEY)
        if row is None:
            s.add(Setting(key=WINDOW_KEY, value=text))
        else:
            row.value = text
    return value


def scope_text(since: date | None, day: date) -> str:
    """What the window holds, for the page's counters: "hạn từ 30/11/2025 đến 30/11/2026";
    empty for no bound."""
    if since is None:
        return ""
    return tr("hạn từ {since} đến {day}").format(since=short_date(since), day=short_date(day))


def chase_in_window(
    db: Database, *, today: date | None = None
) -> tuple[str, ChaseOverview]:
    """The stored window and the chase overview within it on ``today`` (the Đôn đốc page's one
    read)."""
    from .chase import chase_overview

    day = today or date.today()
    window = get_window(db)
    return window, chase_overview(db, today=day, since=window_start(window, day))
