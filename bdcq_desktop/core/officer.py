"""Who the change log names: the officer's name set on this computer, else the OS user.

The name is a setting of the computer (``machine.json``, beside the backup folder's), not of
the database: on a shared PostgreSQL server the database's settings are every officer's,
while the name is the one officer's at this PC. The GUI and the CLI apply it when they start
(:func:`apply_officer_name`); setting it applies it at once in the process that sets it.
"""

from __future__ import annotations

from . import audit
from . import validation as v
from .errors import BcdError
from .i18n import tr
from .machine_settings import machine_setting, set_machine_setting

OFFICER_KEY = "officer_name"


def officer_label() -> str:
    return tr("Tên cán bộ ghi vào nhật ký thay đổi (máy này)")


def officer_name() -> str:
    """The name set on this computer ("" when none)."""
    value = machine_setting(OFFICER_KEY)
    return value.strip() if isinstance(value, str) else ""


def set_officer_name(name: object) -> str:
    """Set (empty: clear, back to the OS user) this computer's officer name; returns it."""
    text = v.text(name, OFFICER_KEY, officer_label(), max_len=100) or ""
    set_machine_setting(OFFICER_KEY, text or None)
    audit.set_current_user(text or None)
    return text


def apply_officer_name() -> None:
    """At start: the change log names the officer set on this computer, if any. An unreadable
    data folder leaves the OS user: it must not stop the application from starting."""
    try:
        name = officer_name()
    except BcdError:
        return
    if name:
        audit.set_current_user(name)
