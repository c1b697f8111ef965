"""Hostile input into the newer create and update services: working-group sessions, their
participants, attendance and outputs; reporting regimes, rounds and submissions; stored files;
the organisation's settings and the officer's name. Every call runs whole, committed in a
real SQLite file (a copy of the demo database), and what it stored is read back
(tests/hostile_calls.py); a refusal must name the field and leave every table as it was."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from sqlalchemy import select

from bdcq_desktop.core import regimes, rounds, submissions
from bdcq_desktop.core import session_outputs as so
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import (
    ReportingRegime,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    Submission,
    Unit,
)
from bdcq_desktop.core.name_case import title_case_name
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.core.stored_files import check_upload, read_upload
from tests.hostile_calls import run_calls
from tests.hostile_strategies import (
    Tally,
    assert_clean_message,
    assert_refused,
    date_text,
    far_dates,
    hostile,
    hostile_call_text,
    memory_copy,
    often,
    plain_or,
    row_counts,
    visible,
)

T = hostile_call_text
N = int(__import__("os").environ.get("HOSTILE_N", "120"))  # cases per call


@pytest.fixture
def demo(demo_template: Path) -> Iterator[Any]:
    yield from memory_copy(demo_template)


def _one(db: Any, query: Any) -> Any:
    with db.session() as s:
        return s.scalars(query).first()


# -- working-group sessions ---------------------------------------------------------------------
def test_session_create_and_update(demo: Any) -> None:
    anchor = _one(demo, select(SessionParticipant.session_id))

    def act(v: dict[str, Any]) -> Any:
        text = dict(title=v["title"], place=v["place"], notes=v["notes"])
        text["result_summary"] = v["summary"]
        if v["update"]:
            version = get_session(demo, anchor).version
            wg.update_session(demo, anchor, expected_version=version, **text)
            sid = anchor
        else:
            start = v["start"]
            # Any day drawn, a holiday or a Sunday too: the text is what is tried here.
            sid = wg.create_session(
                demo, purpose="proposal", starts_on=start, ends_on=start, confirm_days_off=True,
                **text,
            )
        d = get_session(demo, sid)
        yield d.title, v["title"], False
        if visible(v["place"]):
            yield d.place, v["place"], False
        yield d.notes, v["notes"], True
        yield d.result_summary, v["summary"], True

    dates = st.one_of(far_dates, st.dates(date(2026, 1, 1), date(2027, 6, 1)))
    run_calls(
        demo,
        N,
        dict(title=T, place=T, notes=T, summary=T, start=dates, update=st.booleans()),
        act,
    )


def test_session_dates_typed(demo: Any) -> None:
    """Dates as typed text: far past and future, impossible days, hostile text."""
    counts = row_counts(demo)

    def act(v: dict[str, Any]) -> Any:
        sid = wg.create_session(
            demo, purpose="review", title="Rà soát", starts_on=v["a"], ends_on=v["b"]
        )
        d = get_session(demo, sid)
        assert d.starts_on <= d.ends_on
        return ()

    tally = run_calls(demo, N, dict(a=date_text, b=date_text), act, stored=False)
    assert tally.refused and row_counts(demo)[0] >= counts[0]


def test_session_experts_added(demo: Any) -> None:
    sid = _one(demo, select(SessionParticipant.session_id))

    def act(v: dict[str, Any]) -> Any:
        version = get_session(demo, sid).version
        expert = {"full_name": v["name"], "position": v["position"], "agency": v["agency"]}
        # A name drawn twice is a namesake the dialog asks about: here the text is what counts.
        sp.add_participants(
            demo, sid, new_experts=[expert], expected_version=version, confirm_namesake=True
        )
        row = get_session(demo, sid).participants[-1]
        yield row.name, title_case_name(v["name"]), False  # a person's name
        yield row.position, v["position"], False
        if visible(v["agency"]):
            yield row.agency, v["agency"], False

    run_calls(demo, N, dict(name=T, position=T, agency=T), act)


def test_session_attendance(demo: Any) -> None:
    sid = _one(demo, select(SessionParticipant.session_id))

    def act(v: dict[str, Any]) -> Any:
        d = get_session(demo, sid)
        row = d.participants[0]
        days = (v["day"],) if v["present"] else ()
        sp.set_attendance(
            demo,
            sid,
            [{"participant_id": row.id, "days": days, "absence_reason": v["reason"]}],
            expected_version=d.version,
        )
        after = next(p for p in get_session(demo, sid).participants if p.id == row.id)
        if not days:
            yield after.absence_reason, v["reason"], False

    day = st.one_of(far_dates, st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    run_calls(demo, N, dict(reason=T, day=day, present=st.booleans()), act)


def test_session_outputs(demo: Any) -> None:
    sid = _one(demo, select(SessionOutput.session_id))

    def act(v: dict[str, Any]) -> Any:
        version = get_session(demo, sid).version
        if v["update"]:
            oid = get_session(demo, sid).outputs[0].id
            so.update_output(
                demo, oid, expected_version=version, title=v["title"], version_label=v["label"]
            )
        else:
            upload = check_upload(v["file"], v["data"]) if v["data"] else None
            oid = so.add_output(
                demo,
                sid,
                expected_version=version,
                upload=upload,
                title=v["title"],
                kind="proposal",
                version_label=v["label"],
            )
        row = next(o for o in get_session(demo, sid).outputs if o.id == oid)
        yield row.title, v["title"], False
        yield row.version_label, v["label"], False

    run_calls(
        demo,
        N,
        dict(title=T, label=T, file=T, data=st.binary(max_size=40), update=st.booleans()),
        act,
    )


# -- stored files -------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", ["bytes", "path"])
def test_stored_file_names(reader: str, tmp_path: Path) -> None:
    """Any name (folders, device names, controls, 100,000 characters) gives a safe name to
    show, or a refusal naming the file; an empty file is refused."""
    tally = Tally()

    @hostile(150, name=T, data=st.binary(max_size=30))
    def case(name: str, data: bytes) -> None:
        try:
            if reader == "bytes":
                upload = check_upload(name, data)
            else:
                safe = "".join(c for c in name if c.isalnum())[:40] or "x"
                path = tmp_path / (safe + ".pdf")
                path.write_bytes(data)
                upload = read_upload(path)
        except BcdError as exc:
            assert_refused(exc)
            assert not data or reader == "path"
            tally.refused += 1
            return
        assert data and upload.data == data
        assert upload.name and len(upload.name) <= 120
        assert "/" not in upload.name and "\\" not in upload.name
        assert not any(
            unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in upload.name
        )
        tally.stored += 1

    case()
    tally.check()


# -- reporting ----------------------------------------------------------------------------------
def test_regime_create_and_update(demo: Any) -> None:
    anchor = _one(demo, select(ReportingRegime.id))

    def act(v: dict[str, Any]) -> Any:
        fields = dict(name=v["name"], content=v["content"], receiving_body=v["body"])
        if v["update"]:
            with demo.session() as s:
                version = s.get(ReportingRegime, anchor).version
            regimes.update_regime(demo, anchor, expected_version=version, **fields)
            rid = anchor
        else:
            rid = regimes.create_regime(demo, frequency="quarterly", due_day=v["day"], **fields)
        with demo.session() as s:
            r = s.get(ReportingRegime, rid)
            yield r.name, v["name"], False
            yield r.content, v["content"], True
            yield r.receiving_body, v["body"], False

    days = st.one_of(st.integers(-5, 40), st.sampled_from(["15", "abc", "", "1.5", "٣"]))
    run_calls(demo, N, dict(name=T, content=T, body=T, day=days, update=st.booleans()), act)


def test_rounds_opened(demo: Any) -> None:
    units = [u for u in _units(demo)][:2]
    regime = _one(demo, select(ReportingRegime.id))

    def act(v: dict[str, Any]) -> Any:
        if v["ad_hoc"]:
            rid = rounds.open_ad_hoc_round(
                demo,
                title=v["title"],
                due_date=v["due"],
                unit_ids=units,
                request_reference=v["ref"],
                requested_on=v["requested"],
            )
            with demo.session() as s:
                r = s.get(ReportingRound, rid)
                yield r.title, v["title"], False
                yield r.request_reference, v["ref"], False
        else:
            rounds.open_round(
                demo, regime_id=regime, year=v["year"], number=v["number"], opened_on=v["requested"]
            )

    numbers = st.one_of(st.integers(-3, 10_000), st.sampled_from(["2027", "x", "", "1e3"]))
    run_calls(
        demo,
        N,
        dict(
            title=plain_or(st.just("Báo cáo đột xuất"), T),
            ref=plain_or(st.just(""), T),
            due=plain_or(st.just("15/12/2026"), date_text),
            requested=plain_or(st.none(), date_text),
            year=st.one_of(st.sampled_from([2026, "2027", 2028]), numbers),
            number=st.one_of(st.sampled_from([1, "2", 3, 4]), numbers),
            # A regime's round of a period opens once: the ad hoc ones are those stored.
            ad_hoc=often,
        ),
        act,
        examples=[
            dict(title="Báo cáo đột xuất về chuyển đổi số", ref="123/VP-KT", due="15/12/2026",
                 requested="20/11/2026", year=2027, number=1, ad_hoc=True),
        ],
    )


def _units(db: Any) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Unit.id).where(Unit.active.is_(True)).order_by(Unit.id)))


def test_submissions_recorded(demo: Any) -> None:
    today = date(2026, 11, 29)
    with demo.session() as s:
        sub = s.scalars(select(Submission).order_by(Submission.id)).first()
        round_id, sub_id = sub.round_id, sub.id

    def act(v: dict[str, Any]) -> Any:
        with demo.session() as s:  # a submission is guarded by its round's version
            version = s.get(Submission, sub_id).round.version
        if v["by_name"]:
            submissions.receive(
                demo, round_id, v["unit"], received_on=v["on"], summary=v["summary"], today=today
            )
            return
        if v["plausible"]:  # a day and number the round takes, so that some cases are stored
            v = {**v, "on": "20/11/2026", "number": "12/BC-SYT", "summary": v["summary"][:500]}
        submissions.record_submission(
            demo,
            sub_id,
            expected_version=version,
            received_on=v["on"],
            document_number=v["number"],
            summary=v["summary"],
            today=today,
        )
        with demo.session() as s:
            got = s.get(Submission, sub_id)
            yield got.document_number, v["number"], False
            yield got.summary, v["summary"], True

    run_calls(
        demo,
        N,
        dict(
            unit=T,
            number=st.one_of(T, st.just("12/BC-SYT")),
            summary=st.one_of(T, st.just("Đã nộp")),
            on=st.one_of(date_text, st.just("20/11/2026"), st.just("2026-11-21")),
            by_name=st.booleans(),
            plausible=st.booleans(),
        ),
        act,
    )


# -- settings -----------------------------------------------------------------------------------
ORG_TEXT = ("parent_body", "committee_name", "abbreviation", "place_name", "address")


def test_organisation_settings(demo: Any) -> None:
    def act(v: dict[str, Any]) -> Any:
        version = get_organisation(demo).version
        update_organisation(demo, expected_version=version, **{v["key"]: v["value"]})
        got = getattr(get_organisation(demo), v["key"])
        if v["key"] in ORG_TEXT:
            yield got, v["value"], False
        else:
            assert got in (None, "") or (isinstance(got, int) and got > 0) or visible(got)

    keys = st.sampled_from([*ORG_TEXT, "phone", "email", "standing_agency_id", "default_signer_id"])
    run_calls(demo, N, dict(key=keys, value=st.one_of(T, st.integers(-5, 10**12).map(str))), act)


def test_officer_name() -> None:
    from bdcq_desktop.core.officer import officer_name, set_officer_name

    tally = Tally()

    @hostile(150, name=T)
    def case(name: str) -> None:
        try:
            stored = set_officer_name(name)
        except BcdError as exc:
            assert_refused(exc)
            assert_clean_message(exc.message)
            tally.refused += 1
            return
        assert stored == officer_name() or not stored
        from tests.hostile_strategies import assert_stored

        assert_stored(stored, name)
        tally.stored += 1

    case()
    tally.check()


# -- defects the generated cases found, kept as plain examples ----------------------------------
def test_organisation_ids_typed_wrong_are_refused(demo: Any) -> None:
    before = row_counts(demo)
    for key, value in [
        ("default_signer_id", "abc"),
        ("default_signer_id", "9" * 40),
        ("default_deputy_signer_id", 99_999),
        ("standing_agency_id", "99999"),
    ]:
        with pytest.raises(BcdError) as caught:
            update_organisation(
                demo, expected_version=get_organisation(demo).version, **{key: value}
            )
        assert_refused(caught.value)
    assert row_counts(demo) == before


def test_unit_named_with_controls_and_at_length_is_refused_in_one_short_line(demo: Any) -> None:
    round_id = _one(demo, select(Submission.round_id))
    for name in ("\x00Sở\nKhông Có\u202e", "ư" * 5000):
        with pytest.raises(BcdError) as caught:
            submissions.receive(demo, round_id, name, received_on="20/11/2026")
        assert_refused(caught.value)


def test_numbers_beyond_the_database_range_are_refused() -> None:
    from bdcq_desktop.core import validation as v

    with pytest.raises(BcdError) as caught:
        v.positive_int(str(2**63), "unit_id", "Đơn vị")
    assert_refused(caught.value)
    with pytest.raises(BcdError) as caught:
        v.positive_int("1\n2\x00", "unit_id", "Đơn vị")
    assert_refused(caught.value)


def test_a_file_name_of_line_separators_shows_on_one_line() -> None:
    name = check_upload("báo\u2028cáo\u2029.pdf", b"%PDF").name
    assert name == "báocáo.pdf"
