"""The minutes' typed parts kept aside while not saved, so a crash or a flat battery does not
lose them (mixed into the Biên bản section, :mod:`.meeting_minutes`).

Each change of a part hands the meeting's unsaved parts to the core's autosave queue
(:class:`...core.autosave.Autosaver`), which writes them into this computer's settings once
typing pauses for :data:`IDLE` seconds (at the latest :data:`LONGEST` seconds after the first
change): a draft kept aside, not the minutes record, which only "Lưu bản sửa" changes (one
revision, as before). Saving or discarding the parts removes the draft. When a meeting's
Biên bản is shown with nothing typed on screen and a draft is found (the application was
killed, or closed without an answer), it asks "Khôi phục" / "Bỏ"; a start opens the first
meeting with a draft in the meetings tab so that the question is asked at once
(:func:`open_first_draft`). The live window keeps its conclusion being typed the same way.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Hashable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from ...core.autosave import Autosaver
from ...core.backup_identity import database_identity
from ...core.errors import BcdError, ConflictError
from ...core.read_scope import reading
from .. import messages
from ..unsaved_work import Unsaved

IDLE = 2.0  # seconds without a key before the draft is written
LONGEST = 8.0  # someone typing without a pause is written this often
GROUP = "minutesDrafts"
READ_ONLY = ("attendance", "conclusions")


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_minutes", text)


def database_part(db: Any) -> str:
    """What keeps this computer's drafts of one database apart from another's: its identity,
    its file's path being able to hold another database after a restore, whose meeting of
    the same number is another meeting."""
    uid = database_identity(db)
    if uid:
        return uid.replace("-", "")
    # A database older than its identity (never opened by this version): by its path, as a
    # number (a path's slashes would be groups of the store).
    where = str(db.sqlite_path or db.engine.url.render_as_string())
    return f"{zlib.crc32(where.encode()):08x}"


def _db_group(db: Any) -> str:
    """The drafts of one database (:func:`database_part`)."""
    return f"{GROUP}/{database_part(db)}"


def draft_key(db: Any, meeting_id: int, group: str = "") -> str:
    return f"{group or _db_group(db)}/{meeting_id}"


def _store(key: Hashable, text: str) -> None:
    # On the queue's thread, with a settings object of its own.
    s = QSettings("BCD", "bdcq-desktop")
    if text:
        s.setValue(str(key), text)
    else:
        s.remove(str(key))
    s.sync()


_saver: Autosaver | None = None
# The drafts this run wrote or cleared: its own, on screen or settled, never offered back (the
# queue may not have written a clearing yet when the section reads the store again).
_this_run: set[str] = set()


def saver() -> Autosaver:
    """One queue for the process: the sections of a database switched away from are gone,
    their drafts still due."""
    global _saver
    if _saver is None:
        _saver = Autosaver(_store, delay=IDLE, max_delay=LONGEST, name="minutes-draft")
    return _saver


def flush() -> None:
    """Every draft due written now (the window closing)."""
    if _saver is not None:
        _saver.flush(5.0)


def stored_draft(db: Any, meeting_id: int, group: str = "") -> tuple[str, str, dict[str, str]]:
    """(the meeting's title and start as typed under, its parts) kept aside; ("", "", {})
    when none."""
    raw = QSettings("BCD", "bdcq-desktop").value(draft_key(db, meeting_id, group), "")
    try:
        data = json.loads(str(raw)) if raw else {}
        edits = {str(k): str(v) for k, v in data["edits"].items()}
        return str(data.get("title", "")), str(data.get("starts_at", "")), edits
    except (ValueError, KeyError, AttributeError, TypeError):  # edited by hand: nothing kept
        return "", "", {}


def _when(starts_at: datetime | None) -> str:
    return f"{starts_at:%H:%M %d/%m/%Y}" if starts_at is not None else ""


def meetings_with_drafts(db: Any) -> list[int]:
    s = QSettings("BCD", "bdcq-desktop")
    s.beginGroup(_db_group(db))
    ids = sorted(int(k) for k in s.childKeys() if k.isdigit())
    s.endGroup()
    return ids


def changes(edits: dict[str, str]) -> dict[str, Any]:
    """The parts changed as :func:`...core.minutes_text.save_minutes` takes them."""
    items = {int(k.removeprefix("item:")): t for k, t in edits.items() if k.startswith("item:")}
    return {"opening": edits.get("opening"), "closing": edits.get("closing"), "items": items}


# Reads the database's identity, the meetings list and the meeting before anything is asked:
# refused (a locked file, the server gone), it says the data was not read.
@reading()
def open_first_draft(window: Any) -> bool:
    """A start: the meetings tab on the first meeting with a draft kept aside, its Biên bản
    in front (which then offers it back). False when there is none."""
    for meeting_id in meetings_with_drafts(window.db):
        window.tabs.setCurrentWidget(window.meetings_tab)
        if window.meetings_tab.show_meeting(meeting_id):
            pane = window.meetings_tab.view.pane
            pane.sections.setCurrentWidget(pane.section("minutes"))
            return True
        saver().submit(draft_key(window.db, meeting_id), "")  # the meeting is gone
    return False


class MinutesDrafts:
    """The Biên bản section's drafts (see the module doc). Needs the section's ``detail``,
    ``host``, ``draft``, ``originals``, ``edits``, ``_edits_of``, ``save``, ``is_locked``
    and the redraws."""

    detail: Any
    host: Any
    draft: Any
    originals: dict[str, str]
    edits: dict[str, str]
    _edits_of: dict[int, dict[str, str]]
    _stale: bool
    draft_question: QMessageBox | None = None

    def save_quietly(self) -> BcdError | None: ...
    def is_locked(self) -> bool: ...
    def not_held(self) -> bool: ...
    def _show_part(self) -> None: ...
    def _mark_edited(self) -> None: ...
    def update_buttons(self) -> None: ...

    def _init_drafts(self) -> None:
        self._titles: dict[int, str] = {}  # of the meetings with parts typed
        self._offered: set[int] = set()  # asked about once a run
        self._group = ""  # the database's drafts, read with the minutes (not at each key)

    def read_draft_group(self) -> None:
        self._group = _db_group(self.host.db)

    def keep_draft(
        self,
        meeting_id: int,
        edits: dict[str, str],
        title: str = "",
        starts_at: datetime | None = None,
    ) -> None:
        # The meeting's title and start kept with the parts: offered back only on it.
        data = {"title": title, "starts_at": _when(starts_at), "edits": edits}
        text = json.dumps(data, ensure_ascii=False) if edits else ""
        if title:
            self._titles[meeting_id] = title
        key = draft_key(self.host.db, meeting_id, self._group)
        _this_run.add(key)
        saver().submit(key, text)

    def _title_of(self, meeting_id: int) -> str:
        return self._titles.get(meeting_id, "") or str(meeting_id)

    # -- asked when the window goes (:mod:`..unsaved_work`) -------------------------------------
    def unsaved_work(self) -> list[Unsaved]:
        work = []
        d = self.detail
        if d is not None and self.edits and not self.is_locked():
            # The section's own save when its draft is the meeting's as read for the screen; a
            # section not shown since another meeting was selected has not read it yet.
            shown = self.draft is not None and self.draft.meeting_id == d.id and not self._stale
            save = self._save_shown if shown else (lambda i=d.id: self._save_other(i))
            work.append(Unsaved(self._named(d.title), save, lambda i=d.id: self.discard(i)))
        for meeting_id, edits in self._edits_of.items():
            if edits:
                work.append(
                    Unsaved(
                        self._named(self._title_of(meeting_id)),
                        lambda i=meeting_id: self._save_other(i),
                        lambda i=meeting_id: self.discard(i),
                    )
                )
        return work

    @staticmethod
    def _named(title: str) -> str:
        return _tr("Biên bản cuộc họp “{title}”").format(title=title)

    @staticmethod
    def _why(exc: BcdError) -> str:
        # A conflict's short form: the quit's box lists it among others.
        return exc.happened if isinstance(exc, ConflictError) else exc.message

    def _save_shown(self) -> str:
        refused = self.save_quietly()
        return self._why(refused) if refused is not None else ""

    def _save_other(self, meeting_id: int) -> str:
        """The parts typed under a meeting whose minutes are not on screen now: the same one
        core call as "Lưu bản sửa", over the minutes as they are now (as "Lưu bản sửa" would
        save them once shown). "" once saved, else the core's refusal (not shown here)."""
        from ...core.minutes_text import minutes_draft, save_minutes  # loaded with the section

        current = self.detail is not None and self.detail.id == meeting_id
        edits = self.edits if current else self._edits_of.get(meeting_id, {})
        db = self.host.db
        try:
            version = minutes_draft(db, meeting_id).version
            save_minutes(db, meeting_id, expected_version=version, **changes(edits))
        except BcdError as exc:
            return self._why(exc)
        self.discard(meeting_id)  # saved: nothing left unsaved, no draft kept
        return ""

    def discard(self, meeting_id: int) -> None:
        if self.detail is not None and self.detail.id == meeting_id:
            self.edits.clear()
            self._show_part()
            self._mark_edited()
            self.update_buttons()
        else:
            self._edits_of.pop(meeting_id, None)
        self.keep_draft(meeting_id, {})

    def _showing(self, meeting_id: int) -> bool:
        d = self.detail
        return d is not None and d.id == meeting_id and not self.is_locked() and not self.not_held()

    # -- offered back ----------------------------------------------------------------------------
    def offer_draft(self) -> None:
        """A draft kept aside for the meeting shown, nothing typed on screen: asked once."""
        d = self.detail
        if d is None or self.draft is None or self.edits or self.is_locked() or self.not_held():
            return
        if d.id in self._offered or draft_key(self.host.db, d.id, self._group) in _this_run:
            return
        title, when, kept = stored_draft(self.host.db, d.id, self._group)
        kept = {
            k: t
            for k, t in kept.items()
            if k in self.originals and k not in READ_ONLY and self.originals[k] != t
        }
        if not kept:
            return
        self._offered.add(d.id)
        role = QMessageBox.ButtonRole
        meeting_id = d.id

        def answered(answer: str | None) -> None:
            self.draft_question = None
            if answer == "dropDraft":
                self.keep_draft(meeting_id, {})
            elif answer == "restoreDraft" and self._showing(meeting_id):
                self.edits.update(kept)
                self._show_part()
                self._mark_edited()
                self.update_buttons()

        text = _tr(
            "Biên bản cuộc họp “{title}” có phần đã gõ nhưng chưa lưu ở lần làm việc "
            "trước (ứng dụng đã đóng khi chưa lưu)."
        ).format(title=d.title)
        if (title, when) != (d.title, _when(d.starts_at)):
            # The same meeting of the same database, since changed: say what it was then.
            text += "\n" + _tr(
                "Phần đó được gõ khi cuộc họp là “{title}” ({when}); nay cuộc họp là “{now}” "
                "({now_when})."
            ).format(title=title or "?", when=when or "?", now=d.title, now_when=_when(d.starts_at))
        self.draft_question = self.host.last_dialog = messages.ask(
            self,  # type: ignore[arg-type]
            _tr("Khôi phục biên bản chưa lưu"),
            text,
            [
                messages.Answer("restoreDraft", _tr("&Khôi phục"), role.AcceptRole),
                messages.Answer("dropDraft", _tr("&Bỏ"), role.DestructiveRole),
            ],
            default="restoreDraft",
            # Esc never throws away what was typed: "Bỏ" takes its Alt letter or a click.
            escape="restoreDraft",
            on_answer=answered,
            informative=_tr(
                "Khôi phục: các phần đó hiện lại (có dấu *), bấm “Lưu bản sửa” để lưu. "
                "Bỏ: xóa phần đã gõ đó."
            ),
            name="minutesDraftQuestion",
        )
