""""Tải lại" in the Thiết lập dialog after another officer saved the settings first: the newest
settings, with everything changed here put back on them, as a form's fields are after "keep
mine" (:mod:`..record_dialog`): an organisation field, each field of a kind's settings, each
page measure typed here stays as typed; what the other officer saved elsewhere is taken.
Nothing typed is lost, and the next Lưu is checked against the newest version.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ...core.errors import BcdError, ValidationError

if TYPE_CHECKING:
    from .settings_dialog import SettingsDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings_dialog", text)


def reload_note() -> str:
    return _tr(
        "Bấm “Tải lại” để lấy bản mới nhất: những gì bạn đã sửa ở đây vẫn giữ, phần người kia "
        "đã lưu được lấy vào."
    )


def reload_keeping_typed(dialog: SettingsDialog) -> bool:
    """The newest settings with what was typed put back; False when nothing was reloaded (a
    half-typed field, or the newest not read: said, everything on screen left as it was)."""
    dialog.clear_errors()
    try:
        org = dialog.org_form.changed_values()  # against what was read
    except ValidationError as exc:  # a half-typed field: said, nothing reloaded or lost
        dialog.show_validation_error(exc)
        return False
    dialog.kinds.commit()
    opened_kinds, opened_page = dialog._kinds, dialog._page
    kinds = {k: d for k, d in dialog.kinds.model.drafts.items() if d != opened_kinds[k]}
    page = {k: v for k, v in dialog.page.values().items() if v != getattr(opened_page, k)}
    try:
        # The newest, and its version. Read before anything on screen is replaced: refused (a
        # locked file, the server gone), what was typed is all still there, and "Tải lại"
        # stays to try again; the refusal is a read's (load_values is marked so).
        fresh = dialog.read_settings()
    except BcdError as exc:
        dialog.show_banner(exc.message, can_reload=True)
        return False
    dialog.show_settings(fresh)
    for key, value in org.items():
        dialog.org_form.fields[key].set_value(value)  # changed from the newest: saved
    drafts: dict[str, Any] = dict(dialog._kinds)
    for kind, mine in kinds.items():
        was = opened_kinds[kind]
        changed = {
            f.name: getattr(mine, f.name)
            for f in fields(mine)
            if getattr(mine, f.name) != getattr(was, f.name)
        }
        drafts[kind] = replace(drafts[kind], **changed)
    dialog.kinds.set_drafts(drafts)
    for key, value in page.items():  # the editors, not a PageSettings: it checks ranges
        if key == "body_size":
            size = dialog.page.body_size
            size.setCurrentIndex(max(size.findData(int(value)), 0))
        else:
            dialog.page.spins[key].setValue(value)  # type: ignore[attr-defined]
    dialog.show_banner(
        _tr("Đã tải bản mới nhất và giữ phần bạn đã sửa. Kiểm tra lại rồi bấm “Lưu”.")
    )
    return True
