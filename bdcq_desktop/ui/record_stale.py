"""What a :class:`.record_dialog.RecordDialog` does when its save is refused as stale (someone
saved the record first): the comparison of what the other officer saved with what was typed,
the officer's choice (keep mine, take theirs, merge, back), and "Tải lại". A part of the dialog
(one of its bases), kept apart from the form and the saving: see the dialog's module doc for
the behaviour as a whole.

The newest version is only read (:meth:`StaleSave.read_newest`): a storage refusal met then (a
locked file, the server gone) says the data was not read, not the save's "chưa lưu được gì".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.errors import BcdError, ValidationError
from ..core.read_scope import reading
from .conflict_dialog import ConflictDialog, conflict_rows, merged_texts, shown_value


class StaleSave:
    """The conflict and reload handling of a record dialog (``self`` is the dialog)."""

    # What the dialog provides (see RecordDialog).
    form: Any
    reload_fn: Callable[[], dict[str, Any]] | None
    save_button: Any
    conflict: ConflictDialog | None
    _loaded: dict[str, Any]
    _stale: bool
    mark_unchanged: Callable[[], None]

    def _field_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, f in self.form.fields.items():
            try:
                out[key] = f.value()
            except ValidationError:  # a half-typed date: compared as "nothing"
                out[key] = None
        return out

    def _shown(self, key: str, value: Any) -> str:
        return shown_value(self.form.fields[key].editor, value)

    def compares_conflicts(self) -> bool:
        """Whether a stale save shows what the other officer saved beside what was typed
        (:meth:`ask_conflict`): a form with a ``reload``. A table dialog that compares its
        own rows overrides both."""
        return self.reload_fn is not None and bool(self.form.fields)

    def reload_note(self) -> str:
        """Said after a stale save's message by a dialog that does not compare: what its
        "Tải lại" does; never "Tải lại" without the button."""
        if self.reload_fn is None:
            return self.tr("Chưa lưu được gì: đóng cửa sổ này rồi mở lại để làm trên bản mới nhất.")
        return self.tr("Bấm “Tải lại” để xem bản mới nhất (những gì vừa nhập ở đây sẽ được thay).")

    def read_newest(self) -> dict[str, Any]:
        """The record as saved now (``reload_fn``, which takes its version too): a read, after
        another officer's save or on "Tải lại", so its refusal says the data was not read."""
        assert self.reload_fn is not None
        with reading():
            return self.reload_fn()

    def newest_not_read(self, message: str, exc: BcdError) -> None:
        """A stale save whose reading of the newest version was refused: what happened, the
        refusal (a read's words), and that the next "Lưu" reads it again. Nothing typed is
        lost; the save was refused by the other officer's, not by the read."""
        happened = message or self.tr("Bản ghi vừa được người khác sửa.")
        again = self.tr("Những gì bạn nhập vẫn còn đây; bấm “Lưu” để đọc lại bản mới nhất.")
        self.show_banner(f"{happened} {exc.message} {again}")

    def _reset(self, fresh: dict[str, Any]) -> None:
        """The form as the newest version has it: the record's fields as ``fresh`` holds them,
        the dialog's own (not in it) as opened."""
        own = {k: v for k, v in self._loaded.items() if k not in fresh}
        self.form.set_values({**own, **fresh})

    def ask_conflict(self, message: str) -> None:
        """Show what the other officer saved beside what was typed (see the module doc)."""
        assert self.reload_fn is not None
        typed = self._field_values()
        try:
            fresh = self.read_newest()
        except BcdError as exc:
            self.newest_not_read(message, exc)
            return
        # Read the newest values through the form itself, so both sides compare alike (codes,
        # dates, picks); then the typed values go straight back.
        self._reset(fresh)
        theirs = self._field_values()
        for key, value in typed.items():
            self.form.fields[key].set_value(value)
        if not fresh:  # no field of the record on this form: nothing to compare, to choose
            self._keep_mine(fresh, typed, theirs, said=message)
            return
        specs = {key: f.spec for key, f in self.form.fields.items()}
        rows = conflict_rows(specs, self._loaded, theirs, typed, self._shown)
        text = message or self.tr("Bản ghi vừa được người khác sửa.")
        box = ConflictDialog(text, rows, self)
        box.accepted.connect(lambda: self._keep_mine(fresh, typed, theirs))
        box.theirs_taken.connect(lambda: self._take_theirs(fresh, theirs))
        merged = merged_texts(rows, theirs, typed)
        box.merge_taken.connect(
            lambda: self._keep_mine(fresh, {**typed, **merged}, theirs, merged=True)
        )
        box.rejected.connect(self.back_to_form)
        self.conflict = box
        box.open()

    def _keep_mine(
        self,
        fresh: dict[str, Any],
        typed: dict[str, Any],
        theirs: dict[str, Any],
        *,
        merged: bool = False,
        said: str | None = None,
    ) -> None:
        """Newest values, with the fields the officer changed put back as typed. ``said``:
        the stale save's message, when there was nothing to choose (no question asked)."""
        mine = {k: v for k, v in typed.items() if v != self._loaded.get(k)}
        self._reset(fresh)  # the saves send what differs from these
        for key, value in mine.items():
            self.form.fields[key].set_value(value)
        self._loaded = theirs
        self.mine_kept(merged=merged, said=said)

    def mine_kept(self, *, merged: bool = False, said: str | None = None) -> None:
        """The newest version is taken and what was typed put back on it: say so."""
        self.conflict = None
        self._stale = False
        if merged:
            text = self.tr("Đã gộp văn bản hai bên: sửa lại cho gọn, xóa dòng đánh dấu rồi bấm")
        else:
            text = self.tr("Đã tải bản mới nhất và giữ phần bạn đã nhập. Kiểm tra lại rồi bấm")
        if said is not None:  # nothing of theirs on the form (a cancelled meeting's reason)
            text = " ".join(
                (said or self.tr("Bản ghi vừa được người khác sửa."),
                 self.tr("Người kia không sửa gì có trên cửa sổ này."), text)
            )  # fmt: skip
        self.show_banner(f"{text} “{self.save_button.text().replace('&', '')}”.")

    def _take_theirs(self, fresh: dict[str, Any], theirs: dict[str, Any]) -> None:
        """The newest values as the other officer saved them; what was typed is dropped."""
        self._reset(fresh)
        self._loaded = theirs
        self.mark_unchanged()  # what was typed is gone: nothing of the officer's to ask about
        self.theirs_taken()

    def theirs_taken(self) -> None:
        self.conflict = None
        self._stale = False
        self.show_banner(self.tr("Đã tải bản của người kia; phần bạn đã nhập đã bỏ."))

    def back_to_form(self) -> None:
        self.conflict = None
        self.show_banner(
            self.tr(
                "Chưa lưu: bản ghi đã được người khác sửa. Những gì bạn nhập vẫn còn đây; "
                "bấm “Lưu” để xem lại và tải bản mới nhất."
            )
        )

    def reload_values(self) -> bool:
        """What "Tải lại" does: the newest values on the form; False when they could not be
        read (the refusal said in the banner, the form left as it was), so a dialog that says
        more after it ("Đã đọc lại…") says nothing untrue."""
        if self.reload_fn is None:
            return False
        try:
            values = self.read_newest()
        except BcdError as exc:  # "Tải lại" stays, to try again
            self.show_banner(exc.message, can_reload=True)
            return False
        self.clear_errors()
        self.form.set_values(values)
        self._loaded = self._field_values()
        self.mark_unchanged()
        self._stale = False
        return True
