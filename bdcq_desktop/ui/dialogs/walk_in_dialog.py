"""Thêm người dự (không có trong danh sách): someone who came to the meeting without being
invited, added to its list as such (a walk-in, counted apart from the invited) and checked in
by one call, :func:`bdcq_desktop.core.walk_in.add_walk_in`: by the clock (present, or late with
the time; the core decides), or as chosen in "Điểm danh": present, late (offered only while the
meeting may be sitting), online (someone who joined the meeting's link).

The name typed finds people on record as the app's searches do (diacritics may be left out):
the list under it shows them with their position and agency, those already on the meeting's
list greyed out. ↑/↓ in the name box pick one; the first row, "Người mới", takes the name,
position and agency typed instead (a guest, or the category chosen). Enter saves. Opened from
the Điểm danh section and from the live window, with what was typed in their check-in box.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from ...core import held_times, members, walk_in
from ...core.db import Database
from ...core.enums import InviteeCategory, PersonKind
from ...core.errors import ValidationError
from ...core.held_times import HeldTimes
from ...core.invitees import Invitation
from ...core.labels import label
from ...core.meetings import MeetingDetail, get_meeting
from ...core.read_scope import reading
from ...core.text import SearchQuery, exact_text, fold
from ..forms import CHOICE, FieldSpec
from ..record_dialog import RecordDialog
from .invitees_dialog import typed_person_fields

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
# Enough rows to pick from; a longer list means typing another letter.
SHOWN = 30
# "Điểm danh": by the clock (the core's rule), or one of the walk-in's attending marks.
AUTO = "auto"


def _tr(text: str) -> str:
    return QCoreApplication.translate("walk_in_dialog", text)


class WalkInDialog(RecordDialog):
    """See the module doc. ``added`` holds the core's :class:`WalkIn` once saved."""

    # Opened from a pane's button or the live window, not by a list's action (which marks its
    # opening a read): opening reads the meeting and the people to pick from, so a refusal
    # then says the data was not read, not "chưa lưu được gì".
    @reading()
    def __init__(
        self,
        db: Database,
        meeting_id: int,
        typed: str = "",
        parent: QWidget | None = None,
        *,
        live: bool = False,
    ) -> None:
        self.db, self.meeting_id = db, meeting_id
        # From the live window: past the planned end the meeting is still sitting (core rule).
        self.live = live
        detail = get_meeting(db, meeting_id)
        self.version = detail.version
        self.added: walk_in.WalkIn | None = None
        fields = typed_person_fields(_tr("Họ và tên"), required=True)
        marks: list[tuple[Any, str]] = [
            (AUTO, _tr("Theo giờ đến: có mặt, hoặc đến muộn nếu đã bắt đầu một lúc")),
            ("present", _tr("Có mặt")),
        ]
        if sitting(detail, datetime.now()):  # else nobody can arrive now: not offered
            marks.append(("late", _tr("Đến muộn (lúc này)")))
        marks.append(("online", _tr("Dự trực tuyến")))
        fields.append(FieldSpec("status", _tr("Điểm danh"), CHOICE, marks, allow_empty=False))
        super().__init__(
            _tr("Thêm người dự (không có trong danh sách): {title}").format(title=detail.title),
            fields,
            self._save,
            values={
                "guest_name": typed.strip(),
                "category": InviteeCategory.GUEST.value,
                "status": AUTO,
            },
            reload=self._reload,
            intro=_tr(
                "Người đến dự mà không có trong danh sách mời: gõ tên để tìm người đã có trong "
                "hồ sơ (không cần dấu), ↑↓ để chọn; hoặc chọn “Người mới” và ghi chức vụ, cơ "
                "quan. Lưu: thêm vào danh sách là người dự không theo giấy mời (biên bản ghi "
                "riêng, không tính vào số được mời) và điểm danh như chọn ở “Điểm danh”. Giấy "
                "mời, giấy triệu tập đã ban hành giữ nguyên."
            ),
            save_text=_tr("Thêm và điểm danh"),
            key="walk-in",
            parent=parent,
        )
        self.setObjectName("walkInDialog")
        invited = {i.person_id for i in detail.invitees if i.person_id is not None}
        kinds = {k.value: label(k) for k in PersonKind}
        choices = members.person_choices(db)
        self.people = [
            (
                p.id,
                f"{p.full_name} ({kinds[p.kind]})"
                + (f" — {', '.join(x for x in (p.position, p.unit) if x)}" if p.position or p.unit
                   else ""),
                p.id in invited,
            )
            for p in choices
        ]
        # Each line folded once (the list is filtered at each letter), and the name alone: a
        # name found ranks before a position that holds the word ("Nguyên Chủ tịch…").
        self.folded = [(fold(text), exact_text(text)) for _id, text, _done in self.people]
        self.names = [(fold(p.full_name), exact_text(p.full_name)) for p in choices]
        self.list = QListWidget(self)
        self.list.setObjectName("walkInPeople")
        self.list.currentItemChanged.connect(lambda *_: self._picked())
        self.add_section(self.list, "invitees", stretch=1)
        self.name_box: QLineEdit = self.form.fields["guest_name"].editor  # type: ignore[assignment]
        self.name_box.textChanged.connect(self.find)
        # ↑/↓ in the name box walk the list (the box keeps the focus, to type on).
        for key, step in (("Down", 1), ("Up", -1)):
            move = QAction(self.name_box)
            move.setShortcut(QKeySequence(key))
            move.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            move.triggered.connect(lambda _c=False, s=step: self._step(s))
            self.name_box.addAction(move)
        self.find(self.name_box.text())
        self.resize(720, 560)

    # -- finding -------------------------------------------------------------------------------
    def find(self, typed: str) -> None:
        """The people on record matching the name typed; the best one selected."""
        query = SearchQuery(typed)
        self.list.blockSignals(True)
        self.list.clear()
        new = QListWidgetItem(
            _tr("+ Người mới (chưa có trong hồ sơ): ghi họ tên, chức vụ, cơ quan ở trên")
        )
        new.setData(PERSON_ROLE, None)
        self.list.addItem(new)
        first: QListWidgetItem | None = None
        if query:
            by_name, elsewhere = [], []
            for n, (folded, exact) in enumerate(self.folded):
                if query.matches(*self.names[n]):
                    by_name.append(n)
                elif query.matches(folded, exact):
                    elsewhere.append(n)
            named = set(by_name)
            for n in (by_name + elsewhere)[:SHOWN]:
                pid, text, done = self.people[n]
                item = QListWidgetItem(text + (_tr(" (đã có trong danh sách)") if done else ""))
                item.setData(PERSON_ROLE, pid)
                if done:
                    # Already invited: checked in from the list, not added twice.
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                elif first is None and n in named:
                    # Picked for the officer only when the name matches; else "Người mới".
                    first = item
                self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentItem(first or new)
        self._picked()

    def person_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(PERSON_ROLE) if item is not None else None

    def _picked(self) -> None:
        # A person on record brings their own position and agency: the typed ones are for a
        # new person only.
        on_record = self.person_id() is not None
        for key in ("position", "unit_name", "category"):
            self.form.fields[key].editor.setEnabled(not on_record)

    def _step(self, delta: int) -> None:
        row = self.list.currentRow()
        n = self.list.count()
        for _ in range(n):
            row = (row + delta) % n
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(row)
                return

    # -- saving --------------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        values = self.form.values()
        status = values.get("status")
        status = None if status in (None, "", AUTO) else str(status)
        person = self.person_id()
        if person is not None:
            return {"invitation": Invitation(person_id=person), "status": status}
        return {
            "status": status,
            "invitation": Invitation(
                # Blank stays blank, not None: the core then refuses it on "Họ và tên".
                guest_name=values.get("guest_name") or "",
                position=values.get("position") or None,
                unit_name=values.get("unit_name") or None,
                category=values.get("category") or None,
            )
        }

    def _save(self, values: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the core's question answered (an arrival far past the planned end).
        try:
            self.added = walk_in.add_walk_in(
                self.db,
                self.meeting_id,
                values["invitation"],
                expected_version=self.version,
                live=self.live,
                status=values.get("status"),
                **confirmed,
            )
        except ValidationError as exc:
            if exc.field != "arrived_at":
                raise
            # The time of arrival is now, not a field of this form: "late now" was chosen while
            # the meeting sat, and it has not started yet, or ended since (recorded elsewhere).
            raise ValidationError("status", self._not_sitting_text()) from exc
        return self.meeting_id

    def _not_sitting_text(self) -> str:
        start = held(get_meeting(self.db, self.meeting_id)).start
        if datetime.now() <= start:
            return _tr(
                "Cuộc họp chưa bắt đầu ({start}): chưa ai đến muộn được; chọn “Có mặt” hoặc "
                "“Theo giờ đến”."
            ).format(start=f"{start:%H:%M %d/%m/%Y}")
        return _tr(
            "Cuộc họp đã kết thúc: không ghi “đến muộn lúc này” được; chọn “Có mặt” hoặc "
            "“Theo giờ đến”."
        )

    def _reload(self) -> dict[str, Any]:
        self.version = get_meeting(self.db, self.meeting_id).version
        return {}


def held(d: MeetingDetail) -> HeldTimes:
    """The start and end the core judges the meeting's arrivals against (:class:`..core.
    held_times.HeldTimes`: the recorded start, else the planned one)."""
    minutes = d.minutes
    opened = minutes.opened_at if minutes is not None else None
    return HeldTimes.of(d.starts_at, opened, minutes.closed_at if minutes is not None else None)


def sitting(d: MeetingDetail, now: datetime) -> bool:
    """The meeting may be sitting ``now``, as the core judges an arrival then
    (:func:`..core.held_times.sitting`)."""
    return held_times.sitting(held(d), d.starts_at, d.ends_at, now)


def saved_text(added: walk_in.WalkIn) -> str:
    """The line a window says once a walk-in is saved."""
    if added.status == "online":
        mark = _tr("Dự trực tuyến")
    elif added.arrived_at:
        mark = _tr("Đến muộn {at}").format(at=f"{added.arrived_at:%H:%M}")
    else:
        mark = _tr("Có mặt")
    return _tr("Đã thêm (dự không theo giấy mời) và điểm danh: {name} — {mark}.").format(
        name=added.name, mark=mark
    )
