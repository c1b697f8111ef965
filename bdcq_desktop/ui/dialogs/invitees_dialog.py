"""Invite more people to a meeting: units (their head is invited, with a snapshot of name,
position and agency as they are today), experts and other people on record, and a guest typed
in. Everything ticked is sent in one call, :func:`bdcq_desktop.core.invitees.invite`; someone
already invited is left as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import invitees as core_invitees
from ...core import meetings, members, units
from ...core.db import Database
from ...core.enums import InviteeCategory, PersonKind
from ...core.labels import label
from ...core.text import SearchQuery, exact_text, fold, unit_search_text
from ..forms import CHOICE, FieldSpec, FormWidget
from ..record_dialog import RecordDialog

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
ALSO_ROLE = Qt.ItemDataRole.UserRole + 2  # more the search finds an item by (a short name)


def _tr(text: str) -> str:
    return QCoreApplication.translate("invitees_dialog", text)


def typed_person_fields(name_label: str, *, required: bool = False) -> list[FieldSpec]:
    """The fields of someone typed in rather than picked (a guest invited, a walk-in): name,
    position, agency and the group they are counted in (not a member: members are picked)."""
    return [
        FieldSpec("guest_name", name_label, required=required),
        FieldSpec("position", _tr("Chức vụ")),
        FieldSpec("unit_name", _tr("Cơ quan, đơn vị")),
        FieldSpec(
            "category",
            _tr("Thành phần"),
            CHOICE,
            [
                (InviteeCategory.GUEST, label(InviteeCategory.GUEST)),
                (InviteeCategory.EXPERT, label(InviteeCategory.EXPERT)),
                (InviteeCategory.AGENCY_HEAD, label(InviteeCategory.AGENCY_HEAD)),
            ],
            allow_empty=False,
        ),
    ]


class CheckList(QWidget):
    """A search line over a list of check boxes (Space ticks the current one)."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}List")
        self.search.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        self.top = QHBoxLayout()  # the search line, and the buttons of add_select_buttons
        self.top.addWidget(self.search, 1)
        layout.addLayout(self.top)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.search)
        self.setFocusPolicy(self.search.focusPolicy())  # a heading's Alt letter reaches it
        # Each item's text folded once, on the first search: with 5,600 people on record,
        # folding every name again at each letter took 50 ms a letter.
        self._texts: list[tuple[str, str]] | None = None
        self._fold_due = False

    def add(
        self, value: Any, text: str, *, enabled: bool = True, also: str = ""
    ) -> QListWidgetItem:
        """An item showing ``text``, found by the search by ``also`` too (a unit's short
        name: officers type "BHXH", "Sở KH&CN")."""
        if self._texts is not None or not self._fold_due:
            self._texts = None
            self._fold_due = True  # folded once the dialog is shown, before the first letter
            QTimer.singleShot(0, self._fold)
        item = QListWidgetItem(text, self.list)
        item.setData(VALUE_ROLE, value)
        if also:
            item.setData(ALSO_ROLE, also)
        item.setCheckState(Qt.CheckState.Unchecked)
        if not enabled:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        return item

    def checked(self) -> list[Any]:
        return [
            self.list.item(i).data(VALUE_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check(self, value: Any, on: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(VALUE_ROLE) == value:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def add_select_buttons(self, groups: Sequence[tuple[str, Collection[Any]]] = ()) -> None:
        """"Chọn tất cả" and "Bỏ chọn" beside the search line (the items shown: typing in the
        search first narrows them), and with ``groups`` ((label, values) pairs: units by kind)
        "Chọn theo loại", whose menu ticks a group's items. Tab reaches each button; Space or
        Enter opens the menu, the arrows go through it."""
        self.all_button = QPushButton(_tr("Chọn tất cả"), self)
        self.all_button.setObjectName("checkAllButton")
        self.all_button.setToolTip(_tr("Đánh dấu mọi mục đang hiện (ô tìm thu hẹp danh sách)"))
        self.all_button.clicked.connect(lambda: self.check_shown(True))
        self.none_button = QPushButton(_tr("Bỏ chọn"), self)
        self.none_button.setObjectName("checkNoneButton")
        self.none_button.setToolTip(_tr("Bỏ đánh dấu mọi mục đang hiện"))
        self.none_button.clicked.connect(lambda: self.check_shown(False))
        for b in (self.all_button, self.none_button):
            b.setAutoDefault(False)  # Enter in the search line does not press them
            self.top.addWidget(b)
        self.group_button: QToolButton | None = None
        if groups:
            button = QToolButton(self)
            button.setObjectName("checkGroupButton")
            button.setText(_tr("Chọn theo loại"))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            menu = QMenu(button)
            for text, values in groups:
                action = menu.addAction(f"{text} ({len(values)})")
                action.triggered.connect(lambda _c=False, v=tuple(values): self.check_values(v))
            button.setMenu(menu)
            self.top.addWidget(button)
            self.group_button = button
        # Tab goes search line, buttons, list: as the eye reads.
        chain = [self.search, self.all_button, self.none_button]
        chain += [self.group_button] if self.group_button else []
        for first, second in zip([*chain, self.list][:-1], [*chain, self.list][1:], strict=True):
            QWidget.setTabOrder(first, second)

    def check_shown(self, on: bool) -> int:
        """Tick (``on``) or untick every enabled item the search leaves shown; how many."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        n = 0
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not item.isHidden() and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(state)
                n += 1
        return n

    def check_values(self, values: Collection[Any]) -> None:
        """Tick the items of ``values`` (a group), keeping those ticked already."""
        wanted = set(values)
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(VALUE_ROLE) in wanted and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked)

    def _fold(self) -> list[tuple[str, str]]:
        self._fold_due = False
        if self._texts is None:
            items = [self.list.item(i) for i in range(self.list.count())]
            texts = [f"{item.text()} {item.data(ALSO_ROLE) or ''}" for item in items]
            self._texts = [(fold(t), exact_text(t)) for t in texts]
        return self._texts

    def _filter(self, text: str) -> None:
        """Show the rows matching ``text``; the first shown that can be ticked becomes the
        current row (none if there is none), so Space after Tab ticks what is in view, never a
        row the search hid."""
        query = SearchQuery(text)  # the search boxes' rule: diacritics typed must match
        first: QListWidgetItem | None = None
        for i, (folded, exact) in enumerate(self._fold()):
            hidden = not query.matches(folded, exact)
            item = self.list.item(i)
            if item.isHidden() != hidden:  # only the rows that change: no repaint of the rest
                item.setHidden(hidden)
            if first is None and not hidden and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
            self.list.clearSelection()
        else:
            self.list.setCurrentItem(first)
            self.list.scrollToItem(first)


class InviteDialog(RecordDialog):
    """Units, people and a guest to invite to one meeting, in one save."""

    def __init__(self, db: Database, meeting_id: int, parent: QWidget | None = None) -> None:
        self.db = db
        self.meeting_id = meeting_id
        detail = meetings.get_meeting(db, meeting_id)
        self.version = detail.version
        guest_fields = typed_person_fields(_tr("Họ và tên khách mời"))
        super().__init__(
            _tr("Mời dự họp: {title}").format(title=detail.title),
            [],
            self._save,
            reload=self._reload,
            intro=_tr(
                "Đánh dấu (phím cách) các cơ quan, đơn vị (mời người đứng đầu) và những người "
                "cần mời; có thể thêm một khách mời chưa có trong danh sách. Người đã được mời "
                "được giữ nguyên."
            ),
            save_text=_tr("Mời"),
            key="invite",
            parent=parent,
        )
        self.setObjectName("inviteDialog")
        invited_people = {i.person_id for i in detail.invitees if i.person_id is not None}
        invited_units = {i.unit_id for i in detail.invitees if i.unit_id is not None}

        self.units = CheckList("units", _tr("Tìm cơ quan, đơn vị (không cần dấu)…"), self)
        for u in units.list_units(db):
            head = u.head or _tr("chưa có người đứng đầu")
            done = u.id in invited_units or (u.head_id is not None and u.head_id in invited_people)
            text = f"{u.name} — {head}" + (_tr(" (đã mời)") if done else "")
            also = unit_search_text("", u.short_name)
            self.units.add(u.id, text, enabled=not done, also=also)

        self.people = CheckList("people", _tr("Tìm người (không cần dấu)…"), self)
        order = {PersonKind.EXPERT: 0, PersonKind.SCIENTIST: 0, PersonKind.GUEST: 1}
        rows = sorted(members.person_choices(db), key=lambda p: order.get(PersonKind(p.kind), 2))
        kinds = {k.value: label(k) for k in PersonKind}
        for p in rows:
            detail_text = ", ".join(x for x in (p.position, p.unit) if x)
            text = f"{p.full_name} ({kinds[p.kind]})" + (f" — {detail_text}" if detail_text else "")
            done = p.id in invited_people
            # Found by their unit's short name too, as on the roster ("BHXH", "Sở KHCN").
            also = unit_search_text("", p.unit_short)
            text += _tr(" (đã mời)") if done else ""
            self.people.add(p.id, text, enabled=not done, also=also)

        self.guest = FormWidget(guest_fields, self)
        self.guest.set_values({"category": InviteeCategory.GUEST.value})
        guest_page = QWidget(self)
        guest_layout = QVBoxLayout(guest_page)
        guest_layout.addWidget(self.guest)
        guest_layout.addStretch(1)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("invitePages")
        self.pages.addTab(self.units, _tr("Cơ quan, đơn vị"))
        self.pages.addTab(self.people, _tr("Chuyên gia, nhà khoa học, người khác"))
        self.pages.addTab(guest_page, _tr("Khách mời mới"))
        self.add_section(self.pages, "invitees", stretch=1)
        self.presents = QCheckBox(_tr("Những người được chọn là báo cáo viên"), self)
        self.presents.setObjectName("presents")
        self.add_section(self.presents)
        self.count_label = QLabel(self)
        self.add_section(self.count_label)
        self.resize(760, 600)

    def invitations(self) -> list[core_invitees.Invitation]:
        presents = self.presents.isChecked()
        out = [core_invitees.Invitation(unit_id=u, presents=presents) for u in self.units.checked()]
        out += [
            core_invitees.Invitation(person_id=p, presents=presents) for p in self.people.checked()
        ]
        guest = self.guest.values()
        if (guest.get("guest_name") or "").strip():
            out.append(
                core_invitees.Invitation(
                    guest_name=guest["guest_name"],
                    position=guest["position"] or None,
                    unit_name=guest["unit_name"] or None,
                    category=guest["category"],
                    presents=presents,
                )
            )
        return out

    def collect(self) -> dict[str, Any]:
        return {"invitations": self.invitations()}

    def _save(self, values: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the record dialog's yes to the core's question when the convocation
        # or the invitation that would name them is issued (core.invitee_papers).
        added = core_invitees.invite(
            self.db,
            self.meeting_id,
            values["invitations"],
            expected_version=self.version,
            **confirmed,
        )
        self.added = added
        return self.meeting_id

    def _reload(self) -> dict[str, Any]:
        self.version = meetings.get_meeting(self.db, self.meeting_id).version
        return {}

    # "Tải lại" reads only the meeting's version: what is ticked and typed here stays, and
    # someone invited meanwhile is left as they are by the save (core.invitees.invite).
    def reload_note(self) -> str:
        return _tr(
            "Bấm “Tải lại” rồi “Mời” lần nữa: những gì bạn đã đánh dấu và nhập ở đây vẫn giữ "
            "nguyên; ai đã được mời thì giữ như cũ."
        )

    def reload_values(self) -> bool:
        if not super().reload_values():  # not read: the refusal stays said, not "Đã đọc lại"
            return False
        self.show_banner(
            _tr("Đã đọc lại cuộc họp; những gì bạn đã đánh dấu và nhập vẫn giữ nguyên. Bấm “Mời”.")
        )
        return True
