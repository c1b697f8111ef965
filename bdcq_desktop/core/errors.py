"""Errors the core raises for the front ends to show (never as a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class BcdError(Exception):
    """Base of every error a user may see. ``message`` is Vietnamese, ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AccessError(BcdError):
    """A file or folder the operating system refused (:func:`.files.os_error`): the sentence,
    and its parts, so that a narrow place (the status bar) can say the ``reason`` first and
    only the name of ``path`` ("Không truy cập được {what} {path}: {reason}.")."""

    def __init__(self, message: str, *, reason: str, path: str, what: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.path = path
        self.what = what


class ValidationError(BcdError):
    """Refused input. ``field`` names the offending field (model attribute name). ``also``:
    the other fields refused by the same check (several required fields left empty), so a
    form shows them all at once instead of one per try; :attr:`every` is this one and those."""

    def __init__(
        self,
        field: str,
        message: str,
        *,
        label: str | None = None,
        also: tuple[ValidationError, ...] = (),
    ) -> None:
        self.field = field
        self.label = label or field
        self.also = also
        super().__init__(message)

    @property
    def every(self) -> tuple[ValidationError, ...]:
        return (self, *self.also)

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class NotFoundError(BcdError):
    """The requested record does not exist."""


class ConclusionTaskError(BcdError):
    """A task assigned by a meeting's conclusion, reached as an ad hoc task (edited or removed
    on its own): it is corrected in its conclusion. ``conclusion_id`` and ``meeting_id`` say
    where, so a front end can name the way there (a command, a tab)."""

    def __init__(self, message: str, *, task_id: int, conclusion_id: int, meeting_id: int) -> None:
        super().__init__(message)
        self.task_id = task_id
        self.conclusion_id = conclusion_id
        self.meeting_id = meeting_id


class ConflictError(BcdError):
    """Someone else saved the record first (optimistic locking). ``current_version``: the
    record's version now, when known (the command line says it: a script re-reads nothing).
    ``happened``: what happened, without what to do about it ("… vừa được người khác sửa."),
    for a window that reloads itself and says what it did instead; the message by default."""

    def __init__(
        self, message: str, current_version: int | None = None, *, happened: str = ""
    ) -> None:
        super().__init__(message)
        self.current_version = current_version
        self.happened = happened or message


class DatabaseVersionError(BcdError):
    """The database was written by a newer version of the application."""


class NotReadyError(BcdError):
    """An action that cannot be done yet (e.g. minutes of a meeting not held)."""


class ConfirmationRequired(BcdError):
    """Not an error but a warning the user must confirm: calling again with the keyword
    argument ``parameter`` set to True goes ahead."""

    parameter = ""


class DuplicatePositionWarning(ConfirmationRequired):
    """Another current member holds the same position in the same unit (a second "Giám đốc
    Sở Y tế"): usually a typo or a departure not yet recorded."""

    parameter = "confirm_duplicate_position"


@dataclass(frozen=True)
class Namesake:
    """Someone on record whose name is the one typed on line ``line`` of new people."""

    line: int
    person_id: int
    name: str
    detail: str  # position, agency


class NamesakeWarning(ConfirmationRequired):
    """A person typed in bears the name of someone on record (a committee member wanted as an
    expert): usually the same person, who would become a duplicate counted twice. ``people``:
    the namesakes, so that a dialog can offer to take them instead."""

    parameter = "confirm_namesake"

    def __init__(self, message: str, people: tuple[Namesake, ...]) -> None:
        super().__init__(message)
        self.people = people


class RoundStatusWarning(ConfirmationRequired):
    """A reporting round's deadline moved earlier makes reports recorded as on time late: a
    correction the officer may mean (a deadline typed wrong), but it changes what was judged."""

    parameter = "confirm_status_change"


class RoundWaiversWarning(ConfirmationRequired):
    """A round about to be deleted holds waivers (miễn nộp, each with the committee's reason):
    they go with it, a decision lost unless the officer means it."""

    parameter = "confirm_waivers"


class DueOnDayOffWarning(ConfirmationRequired):
    """An ad hoc request's due date falls on a weekend or a day off of the calendar: the units
    would have to send on a day the office is closed. The deadline is never moved by itself
    (a product decision): the officer keeps it or types another."""

    parameter = "confirm_day_off"


class IssuedNoticeWarning(ConfirmationRequired):
    """The conclusions notice (thông báo kết luận) of the meeting has been issued: a change to
    its conclusions makes the record differ from the document sent out. Confirmed, the notice
    is marked superseded in the same transaction, so a corrected one can be issued under a new
    number (:mod:`.issued_changes`)."""

    parameter = "confirm_after_notice"


class NumberFloorWarning(ConfirmationRequired):
    """A paper-number floor that meets the numbers the application already issued in its series
    and year: set at or above one of them, the same number now exists on paper and in the
    register (Decree 30 wants it unique); lowered or taken off below a floor the register has
    numbered past, the paper numbers in between are no longer recorded and read as a gap. The
    numbers concerned are named; confirmed, the floor is saved (``bdcq check`` then names the
    duplicates)."""

    parameter = "confirm_floor"


class RestoreIssuedWarning(ConfirmationRequired):
    """A restore over documents the live register issued after the backup was taken: the
    records they were issued for go back to the backup's state, while the documents stay in
    the register under their numbers, marked superseded (numbers are never given twice in a
    year, Decree 30/2020). Said with their count and symbols; confirmed, the restore goes on
    (:mod:`.restore_register`)."""

    parameter = "confirm_issued"


class RestoreClashWarning(RestoreIssuedWarning):
    """A restore whose backup gives the number of a document the live register issued to
    another document (a backup of another history): the register holds one document per
    number, so that entry cannot be kept and would leave the register, its PDF only left in
    the issued documents folder. Not answered by ``confirm_issued``, which keeps documents:
    only an explicit ``drop_clashing`` lets them go (:mod:`.restore_register`)."""

    parameter = "drop_clashing"


class IssuedConvocationWarning(ConfirmationRequired):
    """The convocation of a session (or of a meeting) has been issued: a change to what it
    printed (the days, the place, the people convened) makes the record differ from the paper
    people received. Confirmed, the convocation is marked superseded in the same transaction,
    so a corrected one can be issued under a new number."""

    parameter = "confirm_after_convocation"


class DoubleAttendanceWarning(ConfirmationRequired):
    """Someone marked present on a day another session already marks them present: one
    person cannot work two sessions in full on one day, so it is usually a slip, but sessions
    do overlap (half a day each). Not refused; the year's figures count the day once."""

    parameter = "confirm_double_attendance"


class SessionOnDaysOffWarning(ConfirmationRequired):
    """A session whose dates hold no working day (a weekend, Tết): it may be meant (the group
    works through a holiday), but it is as often a date typed wrong, and its convocation would
    call people in on days the office is closed, the figures counting no working day."""

    parameter = "confirm_days_off"


class DayOffAttendanceWarning(ConfirmationRequired):
    """Someone marked present in a session on a weekend day or a day off of the calendar:
    sessions do work on a Saturday, so it is asked, not refused; but a tick in a shaded column
    of the attendance grid is as often a slip, and it adds a day to the session's days of work
    and a person-day to the year's figures."""

    parameter = "confirm_day_off_attendance"


class LateRegistrationWarning(ConfirmationRequired):
    """A date of issue more than a week before today: a paper signed then and registered late
    is legitimate (Decree 30, Art. 15: the date of issue is the day it was signed and
    registered), a mistyped date is not, and its number is never given back. ``on``: the date
    asked for; ``days``: how many days before today."""

    parameter = "confirm_late"

    def __init__(self, message: str, on: date, days: int) -> None:
        super().__init__(message)
        self.on = on
        self.days = days


class UnmarkedAttendanceWarning(ConfirmationRequired):
    """Invitees of the meeting (or participants of a working-group session) whose attendance
    is not recorded: minutes (or the session's results report) issued now print "chưa điểm danh
    N" in an official record, which should say who was present and who was absent. Not refused:
    a sheet may be lost and the record still due; the officer confirms knowingly. ``names``:
    whom it is about, in the sheet's (the report's) order."""

    parameter = "confirm_unmarked"

    def __init__(self, message: str, names: tuple[str, ...]) -> None:
        super().__init__(message)
        self.names = names


class LateArrivalWarning(ConfirmationRequired):
    """An arrival more than an hour past the meeting's planned end while no actual end is
    recorded: the meeting may have run over (taken within :data:`.meeting_span.RUN_OVER`), but
    such a time is almost always a slip of the keyboard (15:00 typed for 10:00)."""

    parameter = "confirm_late_arrival"


class DaysOffNotEnteredWarning(ConfirmationRequired):
    """A document about to be issued prints a count of working days over a year whose days off
    nobody entered (:func:`.days_off.years_not_entered`): Tết and the holidays are counted as
    worked, and an official document cannot be corrected once issued. Asked, not refused: the
    secretariat may know the count is right (no holiday in the span). ``years``: those years."""

    parameter = "confirm_days_off_unknown"

    def __init__(self, message: str, years: tuple[int, ...]) -> None:
        super().__init__(message)
        self.years = years
