"""The rows of a roster file as checked before an import (:mod:`.roster_check`), and the
preview that lists them: what :mod:`.roster_io` writes and the import dialog shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import CommitteeRole, Honorific
from .i18n import tr
from .labels import label


@dataclass(frozen=True)
class ImportRow:
    line: int
    full_name: str
    honorific: str  # code: "ong", "ba" or ""
    position: str
    unit: str
    role: str  # CommitteeRole code or "" (person only, no membership)
    field: str
    area: str
    phone: str
    email: str
    decision_number: str
    decision_date: date | None
    problems: list[str]
    creates_unit: bool
    existing_person_id: int | None = None  # a former member appointed again
    # The line of the row before of the same person (same name and unit): another term of theirs.
    same_person_as: int | None = None
    # The membership's first day: the row's "Từ ngày", else the day of its decision; None when
    # the row gives neither (the officer then chooses one for all such rows, see apply_import).
    start_date: date | None = None
    # To show, not to refuse: e.g. a second current "Giám đốc" of the same unit.
    warnings: tuple[str, ...] = ()
    # A term that has ended (a row of an export of every term): its last day and the decision
    # that ended it. None: the member is current.
    end_date: date | None = None
    end_decision_number: str = ""
    end_decision_date: date | None = None
    # The name the row gives a person found by their key ("Mã người") under another name: the
    # import corrects it (a typo fixed in the file). Empty: the name stays.
    new_name: str = ""
    # The row's "Mã người" when it is a uid nobody has here (a person the meeting room's copy,
    # or another database, added): the person the import makes for the row takes it, so that
    # the next import of the file finds them by it. Empty: the person made gets a new one.
    person_uid: str = ""
    # The term is recorded already, as the row gives it: nothing is added for it.
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def role_label(self) -> str:
        return label(CommitteeRole(self.role)) if self.role in set(CommitteeRole) else self.role

    @property
    def person_label(self) -> str:
        """Whom the row is, for the preview: a person already recorded (by their id), the
        person of an earlier row (another term of theirs), or someone new."""
        if self.existing_person_id is not None and self.new_name:
            return tr("đã có, ID người {id}; đổi họ tên").format(id=self.existing_person_id)
        if self.existing_person_id is not None and self.unchanged:
            return tr("đã có, ID người {id}; nhiệm kỳ đã có").format(id=self.existing_person_id)
        if self.existing_person_id is not None:
            return tr("đã có, ID người {id}").format(id=self.existing_person_id)
        if self.same_person_as is not None:
            return tr("như dòng {line}").format(line=self.same_person_as)
        return tr("người mới") if self.full_name else ""

    @property
    def honorific_label(self) -> str:
        return label(Honorific(self.honorific)) if self.honorific in set(Honorific) else ""


@dataclass(frozen=True)
class ImportPreview:
    rows: list[ImportRow]
    new_units: list[str]
    errors: int  # rows with at least one problem
    # The file's columns with data that nothing reads ('"Ngày sinh" (cột G)'): a warning, not
    # an error, but the officer must learn that these cells will not be imported.
    ignored_columns: tuple[str, ...] = ()

    @property
    def column_warning(self) -> str:
        """The sentence naming :attr:`ignored_columns`; empty when there are none."""
        if not self.ignored_columns:
            return ""
        return tr(
            "Cảnh báo: cột không nhận ra, sẽ bỏ qua khi nhập: {columns}. Nếu cần nhập các cột "
            'này, hãy đặt tiêu đề như trong tệp mẫu (ví dụ "Đơn vị", "Điện thoại", "Email").'
        ).format(columns=", ".join(self.ignored_columns))

    @property
    def ok(self) -> bool:
        return self.errors == 0 and bool(self.rows)

    @property
    def people(self) -> int:
        """The people the rows name: a person with several terms has a row for each."""
        return sum(1 for r in self.rows if r.same_person_as is None)

    @property
    def new_people(self) -> int:
        """The people the import adds: the others are already recorded."""
        return sum(
            1 for r in self.rows if r.same_person_as is None and r.existing_person_id is None
        )

    @property
    def memberships(self) -> int:
        """The terms the import adds (not those already recorded)."""
        return sum(1 for r in self.rows if r.role and not r.unchanged)

    @property
    def renamed(self) -> int:
        """The people the import renames: their key (a uid) given under another name."""
        return len({r.existing_person_id for r in self.rows if r.new_name})

    @property
    def unchanged(self) -> int:
        """The rows whose term is recorded already: left as they are."""
        return sum(1 for r in self.rows if r.unchanged)

    @property
    def undated(self) -> list[int]:
        """The lines of the rows with a role but no start date of their own. A row already
        refused (a "Từ ngày" that is no date) is not counted: its own problem says why."""
        return [r.line for r in self.rows if r.role and r.start_date is None and r.ok]

    @property
    def warnings(self) -> list[tuple[int, str]]:
        """(line, warning) for every row the officer should look at before importing."""
        return [(r.line, w) for r in self.rows for w in r.warnings]
