"""Documents of a working-group session (phiên làm việc tập trung của Tổ công tác).

- ``wg-convocation``: Giấy triệu tập (template 1.7) — the group leader convenes the members and
  the mobilised experts to work together at the standing agency from one date to another
  (regulation, rule 8; a Tổ phó on a day the group has no Tổ trưởng, who then says so and
  signs ``KT. TỔ TRƯỞNG`` / ``TỔ PHÓ``); the people convened are listed in an annex.
- ``wg-report``: Báo cáo kết quả (template 1.4) — who took part and how many days, the drafts
  produced (kind, title, version, status), and the group's proposals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..core.attendance_question import is_unmarked, session_unmarked_warning
from ..core.db import Database
from ..core.errors import ConfirmationRequired
from ..core.labels import label
from ..core.models import (
    AttendanceStatus,
    GroupRole,
    OutputStatus,
    ParticipantRole,
    SessionPurpose,
    WorkingSession,
)
from ..core.session_summary import (
    session_summary,
    session_summary_text,
    year_summary,
    year_summary_text,
)
from ..core.standing_agency import standing_agency_of
from ..core.text import count_text
from .blocks import Block, Heading, Labelled, NewPage, Para, Title
from .closing import SignatureBlock
from .data_tables import Column, DataTable
from .dated import dated
from .issue_dates import after_session, before_session
from .kinds import BuildContext, document_kind
from .layout import Document
from .other_docs import (
    HeadedTable,
    annex_note,
    header_for,
    page_for,
    period_text,
    recipients_for,
    sentence,
    strip_end,
)
from .replaces import ending_with, replaces_text
from .signers import Signer, group_signature
from .text import lower_first, nfc, phone_text
from .wg_data import SessionData, _Participant, load_session

# The kinds of draft rule 8 names, as the convocation's purpose says them when the session's
# title does not already ("… (văn bản quy phạm pháp luật)"); "other" is the application's
# filing, nothing a reader is told.
KIND_NOUN = {
    SessionPurpose.PROPOSAL: "đề án",
    SessionPurpose.PROJECT: "dự án",
    SessionPurpose.REGULATION: "quy chế",
    SessionPurpose.LEGAL_DOCUMENT: "văn bản quy phạm pháp luật",
}
OUTPUT_KIND_TEXT = {
    SessionPurpose.PROPOSAL: "Đề án",
    SessionPurpose.PROJECT: "Dự án",
    SessionPurpose.REGULATION: "Quy chế",
    SessionPurpose.LEGAL_DOCUMENT: "Văn bản QPPL",
    SessionPurpose.OTHER: "Khác",
}
# The group's title of whoever convenes and chairs a session (rule 8).
_CHAIR_TITLE = {GroupRole.LEADER: "Tổ trưởng", GroupRole.DEPUTY_LEADER: "Tổ phó"}


def _period(w: SessionData, days_of: tuple[dt.date, ...]) -> str:
    """``từ ngày … đến ngày … (5 ngày làm việc)``: the days convened (the calendar's working
    days) in the convocation, the days worked in the report."""
    days = len(days_of)
    span = period_text(w.starts_on, w.ends_on)
    return f"{span} ({days} ngày làm việc)" if days > 1 else span


def _summary_convocation(w: SessionData) -> str:
    return f"Về việc triệu tập Tổ công tác làm việc tập trung {lower_first(strip_end(w.title))}"


def _summary_report(w: SessionData) -> str:
    return f"Kết quả làm việc tập trung của Tổ công tác {lower_first(strip_end(w.title))}"


def _summary_fn(build_summary):  # type: ignore[no-untyped-def]
    def summary(db: Database, record_id: int | None) -> str:
        return build_summary(load_session(db, record_id))

    return summary


def _chair_title(w: SessionData) -> str:
    """``Tổ phó`` when a Tổ phó convenes (no Tổ trưởng on the first day), else ``Tổ trưởng``."""
    return _CHAIR_TITLE.get(w.leader_role or GroupRole.LEADER, "Tổ trưởng")


def _signature(
    db: Database, ctx: BuildContext, w: SessionData, *, strict: bool | None = None
) -> SignatureBlock:
    """Signed by the session's chair (or the person chosen for this document) under the title
    held on the document's date (:attr:`.kinds.BuildContext.day`: its date of issue, else
    today, for the draft as for the issue)."""
    chair = Signer(w.leader, w.leader_id) if w.leader else None
    role = w.leader_role.value if w.leader_role is not None else None
    if strict is None:  # a draft may lack a signer's name, an issue may not
        strict = ctx.number is not None
    return group_signature(
        db, ctx.settings, ctx.kind, ctx.day, chair, role, ctx.signer_id, strict=strict
    )


def _signing(
    db: Database, record_id: int | None, ctx: BuildContext
) -> tuple[dt.date, SignatureBlock]:
    """A session document's signature by its settings and its date (:data:`.kinds.SigningOf`)."""
    w = load_session(db, record_id)
    # Strict: the choice of signer is where a rule that finds nobody is said.
    return ctx.day, _signature(db, replace(ctx, signer_id=None), w, strict=True)


def _chair_line(w: SessionData) -> Labelled:
    """``Chủ trì: Đồng chí …, <position>, Tổ trưởng Tổ công tác.``: the same line in the
    convocation and the report (whoever signs the report, the chair is who convened)."""
    chair = f"Đồng chí {w.leader}"
    if w.leader_position:
        chair += f", {w.leader_position}"
    return Labelled("Chủ trì", f"{chair}, {_chair_title(w)} Tổ công tác.")


def _groups(w: SessionData) -> str:
    """``3 thành viên Tổ công tác, 1 chuyên gia và 1 đại biểu mời``: counted and named as the
    pane counts and names them (:func:`..core.session_summary.summarise`; "chuyên gia", the
    regulation's word, rule 8), a guest or an official from outside the group never among the
    experts."""
    members = sum(p.role != ParticipantRole.EXPERT for p in w.participants)
    experts = sum(p.expert for p in w.participants)
    invited = len(w.participants) - members - experts
    parts = [f"{count_text(members)} thành viên Tổ công tác"]
    if experts:
        parts.append(f"{count_text(experts)} chuyên gia")
    if invited:
        parts.append(f"{count_text(invited)} đại biểu mời")
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else parts[0]


def _annex_title(w: SessionData) -> str:
    """Who the annex lists: "Thành viên Tổ công tác và chuyên gia …", and the guests when
    some are convened (not called experts)."""
    outside = [p for p in w.participants if p.role == ParticipantRole.EXPERT]
    if outside and not all(p.expert for p in outside):
        return "Thành viên Tổ công tác, chuyên gia và đại biểu được triệu tập"
    return "Thành viên Tổ công tác và chuyên gia được triệu tập"


def _task(w: SessionData) -> str:
    """What the group is convened to do: the session's title, with the kind of draft it
    makes when the title does not say it ("Xây dựng dự thảo Nghị quyết … (văn bản quy phạm
    pháp luật)"). Not a line "Loại nhiệm vụ: …" of its own: that is the application's field,
    which said "Nhiệm vụ khác" of a session the regulation names no kind for."""
    noun = KIND_NOUN.get(w.purpose)
    if noun is None or noun in nfc(w.title).casefold():
        return w.title
    return f"{strip_end(w.title)} ({noun})"


def _who(w: SessionData) -> str:
    return f"{_groups(w)} (có danh sách kèm theo)."


def _days_counted(db: Database, record_id: int | None) -> tuple[dt.date, dt.date] | None:
    """The session's span: both documents print its working days ("5 ngày làm việc"), the
    report its year's too, counted by the calendar of the session's years."""
    if record_id is None:
        return None
    with db.session() as s:
        w = s.get(WorkingSession, record_id)
        return (w.starts_on, w.ends_on) if w is not None else None


@document_kind(
    "wg-convocation",
    "session",
    _summary_fn(_summary_convocation),
    check_date=before_session,
    signing=_signing,
    days_counted=_days_counted,
)
def build_convocation(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    w = load_session(db, record_id)
    # The settings of the convocation's date: the committee's name, the office's phone and
    # e-mail it had then.
    ctx = dated(db, ctx, ctx.day)
    org = ctx.settings
    committee = nfc(org.committee_name or "Ban Chỉ đạo")
    body: list[Block] = [
        Para(
            f"Thực hiện Quy chế hoạt động của {committee}, {_chair_title(w)} Tổ công tác giúp "
            "việc Ban Chỉ đạo triệu tập:"
        ),
    ]
    if w.participants:
        body.append(Para(_who(w), bold=True, align="center", indent=False))
    else:
        body.append(Para("Các thành viên Tổ công tác.", bold=True, align="center", indent=False))
    body += [
        Para(f"Tập trung làm việc để {lower_first(sentence(_task(w)))}"),
        Labelled("Thời gian", sentence(_period(w, w.working_days))),
        Labelled("Địa điểm", sentence(w.place) if w.place else "cơ quan thường trực Ban Chỉ đạo."),
    ]
    if w.leader:
        body.append(_chair_line(w))
    request = (
        "Đề nghị các đồng chí có tên trong danh sách bố trí thời gian tham gia đầy đủ, mang "
        "theo tài liệu, số liệu liên quan đến lĩnh vực được phân công; thủ trưởng các cơ quan, "
        "đơn vị tạo điều kiện để cán bộ, chuyên gia hoàn thành nhiệm vụ."
    )
    # The standing agency of the convocation's date: Sở Thông tin và Truyền thông before
    # 1/3/2025 in the demo, whatever the settings name today.
    agency, _address = standing_agency_of(db, ctx.day)
    contact = ", ".join(
        x
        for x in (
            agency,
            f"điện thoại {phone_text(org.phone)}" if org.phone else "",
            f"thư điện tử {org.email}" if org.email else "",
        )
        if x
    )
    if contact:
        body += [Para(request), Para(f"Đầu mối liên hệ: {contact}.", closing=True)]
    else:
        body.append(Para(request, closing=True))
    # A corrected convocation names the one it replaces (issued, then superseded by a change).
    body = ending_with(body, replaces_text(db, ctx.kind, "session", w.id, "Giấy triệu tập"))

    annex: list[Block] = []
    if w.participants:
        annex = [
            NewPage(),
            Title(
                "Danh sách",
                _annex_title(w),
                note=annex_note(ctx),
                space_before_pt=0,
            ),
            DataTable(
                [
                    Column("TT", 0.07, "center"),
                    Column("Họ và tên", 0.26),
                    Column("Chức vụ, cơ quan, đơn vị", 0.51),
                    Column("Vai trò", 0.16, "center"),
                ],
                [
                    (str(i), p.name, w.title_of(p), p.role_label)
                    for i, p in enumerate(w.participants, 1)
                ],
            ),
        ]
    return Document(
        header=header_for(ctx),
        title=Title("Giấy triệu tập", _summary_convocation(w)),
        body=body,
        signatures=[_signature(db, ctx, w)],
        recipients=recipients_for(ctx),
        annex=annex,
        settings=page_for(ctx),
        keywords=["wg-convocation", f"session:{w.id}"],
    )


def _partial_note(w: SessionData, p: _Participant) -> str:
    """Why someone present missed some days, beside the days present as a full absence's
    reason is: "Vắng 2 ngày: họp Hội đồng nhân dân tỉnh" (the working days missed), "" without
    a reason."""
    reason = lower_first(strip_end(p.absence_reason))
    if not reason:
        return ""
    missed = len(set(w.days_worked) - set(p.days))
    return f"Vắng {missed} ngày: {reason}" if missed else f"Vắng: {reason}"


def _attendance_rows(w: SessionData) -> list[tuple[str, ...]]:
    # Out of the session's days as the pane and "Tổng hợp" count them: a Saturday worked
    # is one of them, so nobody reads "6/5".
    total_days = len(w.days_worked)
    rows = []
    for i, p in enumerate(w.participants, 1):
        if p.attendance == AttendanceStatus.ABSENT:
            reason = lower_first(strip_end(p.absence_reason))
            days, note = "0", f"Vắng: {reason}" if reason else "Vắng"
        elif is_unmarked(p.attendance, p.days_present):
            days, note = "", "Chưa điểm danh"
        else:
            present = p.days_present if p.days_present is not None else total_days
            days, note = f"{present}/{total_days}", _partial_note(w, p)
        rows.append(
            (
                str(i),
                p.name,
                w.title_of(p),
                p.role_label,
                days,
                note,
            )
        )
    return rows


def _composition(w: SessionData) -> str:
    """``4 người được triệu tập, gồm …; có mặt 2, vắng 0, chưa điểm danh 2``: present means
    marked present; those not marked are counted apart, as the minutes count them
    (:mod:`..core.attendance_groups`), never among the present."""
    absent = [p for p in w.participants if p.attendance == AttendanceStatus.ABSENT]
    unmarked = sum(is_unmarked(p.attendance, p.days_present) for p in w.participants)
    called = count_text(len(w.participants))
    text = f"{called} người được triệu tập, gồm {_groups(w)}"
    present = count_text(len(w.participants) - len(absent) - unmarked)
    text += f"; có mặt {present}, vắng {count_text(len(absent))}"
    if absent:
        names = "; ".join(
            f"{p.name}: {lower_first(strip_end(p.absence_reason))}" if p.absence_reason else p.name
            for p in absent
        )
        text += f" ({names})"
    # After the absent's names, which belong to "vắng"; the table names those not marked.
    if unmarked:
        text += f", chưa điểm danh {count_text(unmarked)}"
    return text + ". Chi tiết như sau:"


def _proposals(w: SessionData) -> list[str]:
    out: list[str] = []
    if w.result_summary:
        out.append(sentence(w.result_summary))
    pending = [o for o in w.outputs if o.status in (OutputStatus.DRAFTING, OutputStatus.CONSULTING)]
    submitted = [o for o in w.outputs if o.status == OutputStatus.SUBMITTED]
    if pending:
        titles = "; ".join(o.title for o in pending)
        out.append(
            "Đề nghị Ban Chỉ đạo, các thành viên Ban Chỉ đạo và các cơ quan, đơn vị liên quan "
            f"cho ý kiến để Tổ công tác tiếp thu, hoàn thiện: {titles}."
        )
    if submitted:
        titles = "; ".join(o.title for o in submitted)
        out.append(
            "Đề nghị Ban Chỉ đạo xem xét, trình cấp có thẩm quyền ban hành theo quy định: "
            f"{titles}."
        )
    if not out:
        out.append("Tổ công tác không có kiến nghị, đề xuất thêm.")
    return out


def _unmarked(db: Database, record_id: int | None) -> ConfirmationRequired | None:
    """The report is the official record of who worked the session: participants not marked
    are asked about before it is issued, as the minutes ask about invitees (the front ends
    ask; ``bdcq export --allow-unmarked``)."""
    return session_unmarked_warning(db, record_id) if record_id is not None else None


@document_kind(
    "wg-report",
    "session",
    _summary_fn(_summary_report),
    check_date=after_session,
    signing=_signing,
    ask=_unmarked,
    days_counted=_days_counted,
)
def build_report(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    w = load_session(db, record_id)
    ctx = dated(db, ctx, ctx.day)
    basis = w.convocation or "Quy chế hoạt động của Ban Chỉ đạo"
    body: list[Block] = [
        Para(
            f"Thực hiện {basis}, Tổ công tác giúp việc Ban Chỉ đạo đã làm việc tập trung để "
            f"{lower_first(strip_end(w.title))}. Tổ công tác báo cáo kết quả như sau:"
        ),
        Heading("Thành phần, thời gian, địa điểm", level=1, label="I"),
        Labelled("Thời gian", sentence(_period(w, w.days_worked))),
        Labelled("Địa điểm", sentence(w.place) if w.place else "cơ quan thường trực Ban Chỉ đạo."),
    ]
    if w.leader:
        body.append(_chair_line(w))
    if w.participants:
        table = DataTable(
            [
                Column("TT", 0.06, "center"),
                Column("Họ và tên", 0.20),
                Column("Chức vụ, cơ quan, đơn vị", 0.33),
                Column("Vai trò", 0.14, "center"),
                Column("Số ngày có mặt", 0.11, "center"),
                Column("Ghi chú", 0.16),
            ],
            _attendance_rows(w),
        )
        body.append(HeadedTable([Labelled("Thành phần", _composition(w))], table))
    else:
        body.append(Labelled("Thành phần", "chưa ghi nhận người tham gia phiên làm việc."))
    results = Heading("Kết quả", level=1, label="II")
    if w.outputs:
        outputs = DataTable(
            [
                Column("TT", 0.06, "center"),
                Column("Loại", 0.15, "center"),
                Column("Tên sản phẩm", 0.47),
                Column("Phiên bản", 0.14, "center"),
                Column("Tình trạng", 0.18, "center"),
            ],
            [
                (str(i), OUTPUT_KIND_TEXT[o.kind], o.title, o.version, label(o.status))
                for i, o in enumerate(w.outputs, 1)
            ],
        )
        intro = Para(f"Tổ công tác đã xây dựng {count_text(len(w.outputs))} sản phẩm, cụ thể:")
        body.append(HeadedTable([results, intro], outputs))
    else:
        body += [results, Para("Phiên làm việc chưa ghi nhận sản phẩm nào.")]
    # The figures the sessions tab shows, for this session and for its year so far.
    body.append(Labelled("Tổng hợp", sentence(session_summary_text(session_summary(db, w.id)))))
    body.append(
        Labelled(
            f"Lũy kế năm {w.starts_on.year} đến phiên này",
            sentence(
                year_summary_text(
                    year_summary(db, w.starts_on.year, until=w.starts_on), with_year=False
                )
            ),
        )
    )
    body.append(Heading("Kiến nghị, đề xuất", level=1, label="III"))
    proposals = _proposals(w)
    body += [Para(p) for p in proposals[:-1]] + [Para(proposals[-1], closing=True)]
    return Document(
        header=header_for(ctx),
        title=Title("Báo cáo", _summary_report(w)),
        body=body,
        signatures=[_signature(db, ctx, w)],
        recipients=recipients_for(ctx),
        settings=page_for(ctx),
        keywords=["wg-report", f"session:{w.id}"],
    )
