"""The "Thiết lập" dialog: the organisation, the settings of each kind of document, the page,
and the days-off calendar (:mod:`.settings_days_off`, saved day by day, not with the rest).

Nothing about the organisation is hard-coded (committees were renamed and merged in 2025): the
names printed in every header, the abbreviations in every symbol, who signs and to whom a
document goes are edited here. Everything is checked before anything is written; a refusal is
shown at its field (its tab brought forward) and everything typed stays.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import members
from ...core import validation as v
from ...core.db import Database
from ...core.errors import ValidationError
from ...core.read_scope import reading
from ...core.settings import get_organisation
from ...documents import settings as ds
from ...documents.page import PageSettings
from ...documents.settings_checks import FIXED_SIGNING, GROUP_KINDS
from ...documents.signers import deputy_on, head_on
from .. import view_state
from ..forms import LOOKUP, FieldSpec, FormWidget
from ..help_key import add_help_key
from ..record_dialog import RecordDialog
from . import choices
from .page_panel import MARGINS, PagePanel
from .settings_days_off import DaysOffPanel
from .settings_kinds import KindsPanel
from .settings_reload import reload_keeping_typed, reload_note


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings_dialog", text)


def organisation_fields(db: Database, standing_agency_id: int | None) -> list[FieldSpec]:
    people = choices.people(db)
    return [
        FieldSpec(
            "parent_body",
            _tr("Cơ quan chủ quản"),
            required=True,
            placeholder="UBND TỈNH …",
            help=_tr("Dòng đầu góc trái của mọi văn bản, viết hoa, ví dụ: UBND TỈNH + tên tỉnh."),
        ),
        FieldSpec(
            "committee_name",
            _tr("Tên Ban Chỉ đạo"),
            required=True,
            help=_tr("Tên đầy đủ như trong quyết định thành lập; dùng trong nội dung văn bản."),
        ),
        FieldSpec(
            "issuing_body",
            _tr("Tên cơ quan ban hành"),
            help=_tr("In đậm dưới cơ quan chủ quản. Để trống: lấy tên Ban, bỏ phần tên tỉnh."),
        ),
        FieldSpec(
            "abbreviation",
            _tr("Chữ viết tắt"),
            required=True,
            placeholder="BCĐ",
            help=_tr("Phần sau dấu gạch trong số, ký hiệu: Số: 05/GM-BCĐ."),
        ),
        FieldSpec(
            "place_name",
            _tr("Địa danh"),
            required=True,
            placeholder=_tr("Tên tỉnh, thành phố"),
            help=_tr("Đứng đầu dòng ngày tháng: “<Địa danh>, ngày … tháng … năm …”."),
        ),
        FieldSpec(
            "standing_agency_id",
            _tr("Cơ quan thường trực"),
            LOOKUP,
            lambda: choices.unit_choices(db, keep=standing_agency_id),
        ),
        FieldSpec("address", _tr("Địa chỉ")),
        FieldSpec("phone", _tr("Điện thoại")),
        FieldSpec("email", _tr("Thư điện tử")),
        FieldSpec(
            "default_signer_id",
            _tr("Người ký mặc định"),
            LOOKUP,
            people,
            help=_tr(
                "Văn bản do Trưởng ban ký mang tên Trưởng ban theo danh sách thành viên vào "
                "ngày văn bản; người này chỉ ký khi ngày đó danh sách chưa có Trưởng ban."
            ),
        ),
        FieldSpec(
            "default_deputy_signer_id",
            _tr("Người ký thay mặc định"),
            LOOKUP,
            people,
            help=_tr(
                "Phó Trưởng ban ký thay (KT. TRƯỞNG BAN) khi chọn người ký “Phó Trưởng ban”; "
                "khi người này không còn là Phó Trưởng ban, Phó Trưởng ban đầu danh sách ký."
            ),
        ),
    ]


# The core's messages name where a setting is written for those who read them elsewhere (the
# command line, a document refused): inside the dialog the officer is there already.
_ELSEWHERE = re.compile(r"ghi tại Tệp › Thiết lập…, thẻ “[^”]*”")


def in_the_form(message: str) -> str:
    """``message`` as read under its field in Thiết lập: "…: bắt buộc, ghi vào ô này." rather
    than "…, ghi tại Tệp › Thiết lập…, thẻ “Tổ chức”" (where the officer already is)."""
    return _ELSEWHERE.sub(_tr("ghi vào ô này"), message)


class SettingsDialog(RecordDialog):
    """Tabs "Tổ chức", "Văn bản", "Trang in" with one Save for all three; "Ngày nghỉ", whose
    days are added and removed one by one."""

    @reading()  # Tệp › Thiết lập…: opening reads the settings and the pickers' people
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        super().__init__(
            _tr("Thiết lập"), [], self._save, reload=self._fresh, key="settings", parent=parent
        )
        self.setObjectName("settingsDialog")
        add_help_key(self, "bat-dau")  # F1: what a new database needs set
        self.form.hide()
        org = get_organisation(db)
        self.org_form = FormWidget(organisation_fields(db, org.standing_agency_id), self)
        self.org_form.setObjectName("organisationForm")
        org_tab = QWidget(self)
        org_layout = QVBoxLayout(org_tab)
        org_layout.setContentsMargins(12, 12, 12, 12)
        org_layout.addWidget(self.org_form)
        org_layout.addStretch(1)
        self.kinds = KindsPanel(self._signer_choices, self._signer_short, self._body_abbr, self)
        self.page = PagePanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(org_tab, _tr("Tổ chức"))
        self.tabs.addTab(self.kinds, _tr("Văn bản"))
        self.tabs.addTab(self.page, _tr("Trang in"))
        self.days_off = DaysOffPanel(db, self)
        # Alt+Y, written: a letter given in turn went before the first tab's eleven fields,
        # and "Thư điện tử" was left with none.
        self.tabs.addTab(self.days_off, _tr("Ngà&y nghỉ"))
        self.org_tab = org_tab
        self.add_section(self.tabs, stretch=1)
        committee = self.org_form.editor("committee_name")
        assert isinstance(committee, QLineEdit)
        committee.textChanged.connect(self._issuing_placeholder)
        abbreviation = self.org_form.editor("abbreviation")
        assert isinstance(abbreviation, QLineEdit)
        abbreviation.textChanged.connect(lambda _t: self.kinds.update_example())
        self.load_values()
        if not view_state.restore_geometry("dialog-settings", self):
            self.resize(1040, 680)

    # -- values --------------------------------------------------------------------------------
    def _fresh(self) -> dict[str, Any]:
        org = get_organisation(self.db)
        values = {
            key: getattr(org, key)
            for key in self.org_form.fields
            if key != "issuing_body" and hasattr(org, key)
        }
        values["issuing_body"] = ds.get_issuing_body(self.db)
        return values

    def load_values(self) -> None:
        """Everything from the database, on opening ("Tải lại" after a conflict reads first,
        then shows: settings_reload)."""
        self.show_settings(self.read_settings())

    @reading()  # on opening, and "Tải lại" after a conflict: only reads
    def read_settings(self) -> dict[str, Any]:
        """What the dialog shows, read from the database, nothing on screen changed yet."""
        org = get_organisation(self.db)
        settings = ds.load(self.db)
        # Whom "head" and "deputy" name today (the documents take the roster of their date).
        today = date.today()
        return {
            "version": org.version,
            "settings": settings,
            "signers": {
                "head": head_on(self.db, settings, today).name,
                "deputy": deputy_on(self.db, settings, today).name,
            },
            "people": members.person_choices(self.db),
            "organisation": self._fresh(),
        }

    def show_settings(self, read: dict[str, Any]) -> None:
        """``read`` (:meth:`read_settings`) on the tabs; its version is what Lưu is checked
        against."""
        self._version = read["version"]
        settings = read["settings"]
        self._signers = read["signers"]
        rows = read["people"]
        self._names = {p.id: p.full_name for p in rows}
        self._people = [
            (f"person:{p.id}", choices.person_label(p), choices.person_also(p.unit_short))
            for p in rows
        ]
        self.org_form.set_values(read["organisation"])
        self._issuing_placeholder()
        self._kinds = {k: ds.kind_settings(settings, k) for k in ds.KIND_NAMES}
        self.kinds.set_drafts(self._kinds)
        self._page = settings.page
        self.page.set_page(settings.page)

    def reload_note(self) -> str:
        return reload_note()

    def reload_values(self) -> bool:  # what was typed stays (settings_reload)
        return reload_keeping_typed(self)

    def collect(self) -> dict[str, Any]:
        return {
            "organisation": self.org_form.changed_values(),
            "kinds": self.kinds.drafts(),
            "page": self.page.values(),
        }

    def _save(self, values: dict[str, Any]) -> bool:
        """Check everything, then write: the organisation first (its refusal writes nothing)."""
        db = self.db
        org: dict[str, Any] = dict(values["organisation"])
        issuing = org.pop("issuing_body", None)
        if issuing is not None:
            label = _tr("Tên cơ quan ban hành")
            v.text(issuing, "issuing_body", label, max_len=300)
        if "abbreviation" in org:
            org["abbreviation"] = ds.check_body_abbreviation(org["abbreviation"])
        page = ds.check_page(self._page, **values["page"])
        kinds = {
            # The header is checked below with everything saved together, not with the place
            # and the other abbreviations as stored; the closing on the page being saved.
            kind: ds.check_kind_settings(db, draft, header=False, page=page)
            for kind, draft in values["kinds"].items()
            if draft != self._kinds[kind]
        }
        if page != self._page:  # the kinds left as they are must still fit on it
            ds.check_page_fits(db, page, saved=kinds)
        self._check_header(org, kinds, page)
        # One transaction. The organisation even with nothing changed: the core checks it
        # whole (required fields never filled on a new file are refused, not saved as they
        # are). The kinds were checked with all the rest (_check_header).
        ds.save_together(
            db,
            organisation=org,
            issuing_body=issuing,
            kinds=kinds.values(),
            page=page if page != self._page else None,
            expected_version=self._version,
        )
        return True

    def _check_header(
        self, org: dict[str, Any], kinds: dict[str, ds.KindSettings], page: PageSettings
    ) -> None:
        """The place-date line fits beside the number with everything being saved together:
        the refusal names the first of them that moves the split, the place first."""
        changed = [
            *(key for key in ("place_name", "abbreviation") if key in org),
            *(f"abbr.{kind}" for kind in kinds),
            *(name for name, *_ in MARGINS if getattr(page, name) != getattr(self._page, name)),
        ]
        if changed:
            ds.check_header_fits(
                self.db,
                changed[0],
                place=org.get("place_name"),
                body_abbr=org.get("abbreviation"),
                abbreviations={kind: ks.abbreviation for kind, ks in kinds.items()},
                page=page,
            )

    # -- the kinds tab's helpers ----------------------------------------------------------------
    def _body_abbr(self) -> str:
        editor = self.org_form.editor("abbreviation")
        return editor.text() if isinstance(editor, QLineEdit) else ""

    def _signer_text(self, kind: str, spec: str) -> str:
        if kind in FIXED_SIGNING:
            return _tr("Thư ký và người chủ trì cuộc họp")
        prefix, _, rest = spec.partition(":")
        if prefix == "person":
            return self._names.get(int(rest), _tr("(ID người {id})").format(id=rest))
        label = ds.signer_label(kind, spec)
        name = self._signers.get(spec, "") if kind not in GROUP_KINDS else ""
        return f"{label} ({name})" if name else label

    def _signer_short(self, kind: str, spec: str) -> str:
        """The signer as the table shows it: short enough for a column."""
        prefix, _, rest = spec.partition(":")
        if kind in FIXED_SIGNING:
            return _tr("Thư ký và người chủ trì")
        if kind in GROUP_KINDS and spec == "head":
            return _tr("Tổ trưởng (theo phiên)")
        name = self._signers.get(spec, "")
        short = {
            "head": _tr("Trưởng ban: {name}") if name else _tr("Trưởng ban"),
            "deputy": _tr("Phó Trưởng ban: {name}") if name else _tr("Phó Trưởng ban"),
            "caller": _tr("Người triệu tập cuộc họp"),
            "chair": _tr("Người chủ trì cuộc họp"),
            "secretary": _tr("Thư ký cuộc họp"),
            "none": _tr("(để trống)"),
            "position": _tr("Chức vụ: {name}"),
        }
        if prefix in ("person", "name"):
            return self._signer_text(kind, spec)
        return short.get(prefix, spec).format(name=rest or name)

    def _signer_choices(self, kind: str) -> list[Any]:
        current = self.kinds.model.drafts[kind].signer
        if kind in FIXED_SIGNING:
            return [(current, self._signer_text(kind, current))]
        codes = ds.signer_codes(kind)
        items = [(code, self._signer_text(kind, code)) for code in codes]
        if current not in codes and not current.startswith("person:"):
            items.append((current, self._signer_text(kind, current)))
        return items + self._people

    def _issuing_placeholder(self, *_args: Any) -> None:
        editor = self.org_form.editor("issuing_body")
        committee = self.org_form.editor("committee_name")
        assert isinstance(editor, QLineEdit) and isinstance(committee, QLineEdit)
        derived = ds.default_issuing_body(committee.text())
        editor.setPlaceholderText(_tr("Theo tên Ban: {name}").format(name=derived))

    # -- errors --------------------------------------------------------------------------------
    def show_validation_error(self, exc: ValidationError) -> None:
        if self.org_form.has_field(exc.field):
            self.tabs.setCurrentWidget(self.org_tab)
            self.org_form.show_error(exc.field, in_the_form(exc.message))
        elif exc.field.partition(".")[0] in ("abbr", "signing", "signer", "recipients"):
            self.tabs.setCurrentWidget(self.kinds)
            if not self.kinds.show_error(exc.field, exc.message):
                self.show_banner(exc.message)
        elif exc.field in self.page.errors:
            self.tabs.setCurrentWidget(self.page)
            self.page.show_error(exc.field, exc.message)
        else:
            self.show_banner(exc.message)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.org_form.clear_errors()
        self.kinds.clear_errors()
        self.page.clear_errors()
