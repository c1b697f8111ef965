"""argparse's usage errors are said in Vietnamese first, then in its own English
(commands/usage_text.py): the messages come from the running Python's argparse, so a wording
it changes is caught here rather than shown to an officer in English only."""

from __future__ import annotations

import argparse

import pytest

from bdcq_desktop import cli
from bdcq_desktop.commands.common import year_arg
from bdcq_desktop.commands.usage_text import bilingual
from tests.cli_run import every_parser, run_bdcq


class _Refused(Exception):
    pass


class _Recording(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Refused(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Recording(prog="bdcq")
    parser.add_argument("--db")
    parser.add_argument("--format", choices=["table", "csv", "json"])
    parser.add_argument("--year", type=int)
    parser.add_argument("--ratio", type=float)
    parser.add_argument("--in-year", type=year_arg)
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--many", nargs="+")
    parser.add_argument("--flag", action="store_true")
    parser.add_argument("--verbose-log", action="store_true")
    parser.add_argument("--verbose-out", action="store_true")
    either = parser.add_mutually_exclusive_group(required=True)
    either.add_argument("--person")
    either.add_argument("--unit")
    parser.add_argument("ACTION", choices=["list", "export"])
    return parser


def _refusal(argv: list[str]) -> str:
    with pytest.raises(_Refused) as refused:
        _parser().parse_args(argv)
    return str(refused.value)


@pytest.mark.parametrize(
    ("argv", "vietnamese", "english"),
    [
        (["--unit", "1"], "thiếu tham số bắt buộc: ACTION", "the following arguments are required"),
        (["list"], "cần một trong các tham số --person --unit", "one of the arguments"),
        (
            ["--unit", "1", "list", "--bogus", "x"],
            "không nhận ra tham số: --bogus x",
            "unrecognized arguments",
        ),
        (
            ["--unit", "1", "lisst"],
            "tham số ACTION: giá trị 'lisst' không hợp lệ (chọn một trong: 'list', 'export')",
            "argument ACTION: invalid choice: 'lisst'",
        ),
        (
            ["--unit", "1", "list", "--format", "xml"],
            "tham số --format: giá trị 'xml' không hợp lệ (chọn một trong: 'table', 'csv', 'json')",
            "argument --format: invalid choice: 'xml'",
        ),
        (["--unit", "1", "list", "--db"], "tham số --db: cần một giá trị", "expected one argument"),
        (["--unit", "1", "list", "--many"], "tham số --many: cần ít nhất một giá trị", "at least"),
        (["--unit", "1", "list", "--pair", "a"], "tham số --pair: cần 2 giá trị", "expected 2"),
        (
            ["--unit", "1", "list", "--year", "abc"],
            "tham số --year: giá trị 'abc' không phải số nguyên",
            "invalid int value: 'abc'",
        ),
        (
            ["--unit", "1", "list", "--ratio", "x"],
            "tham số --ratio: giá trị 'x' không phải số",
            "invalid float value",
        ),
        (
            ["--unit", "1", "--person", "2", "list"],
            "tham số --person: không dùng được cùng với --unit",
            "not allowed with argument --unit",
        ),
        (
            ["--unit", "1", "list", "--flag=yes"],
            "tham số --flag: không nhận giá trị 'yes'",
            "ignored explicit argument",
        ),
        (
            ["--unit", "1", "list", "--verbose"],
            "tùy chọn --verbose không rõ: có thể là --verbose-log, --verbose-out",
            "ambiguous option",
        ),
    ],
)
def test_each_refusal_is_said_in_vietnamese_then_english(
    argv: list[str], vietnamese: str, english: str
) -> None:
    message = _refusal(argv)
    said = bilingual(message)
    assert said.startswith(vietnamese + " / "), said
    assert english in said.split(" / ", 1)[1], said


def test_the_choices_are_listed_once() -> None:
    said = bilingual(_refusal(["--unit", "1", "list", "--format", "xml"]))
    assert said.count("'json'") == 1, said


def test_a_refusal_already_in_vietnamese_gets_only_the_argument_named() -> None:
    said = bilingual(_refusal(["--unit", "1", "list", "--in-year", "x"]))
    assert said == 'tham số --in-year: năm không hợp lệ: "x" (ví dụ 2026) / not a year (e.g. 2026)'


def test_an_unknown_wording_is_left_as_it_is() -> None:
    assert bilingual("something argparse may say one day") == "something argparse may say one day"


def test_the_command_line_says_them_in_one_line() -> None:
    for args, vietnamese in (
        (["bogus"], "tham số COMMAND: giá trị 'bogus' không hợp lệ (chọn một trong: 'init',"),
        (["meetings", "list", "--year", "x"], 'tham số --year: năm không hợp lệ: "x" (ví dụ 2026)'),
        (["members", "list", "--format", "xml"], "tham số --format: giá trị 'xml' không hợp lệ"),
        (["--db"], "tham số --db: cần một giá trị / argument --db: expected one argument"),
    ):
        out = run_bdcq(args)
        assert out.returncode == 2, (args, out.stderr)
        assert out.stderr.startswith("bdcq: lỗi cú pháp / usage error: " + vietnamese), out.stderr
        assert out.stderr.count("\n") == 1, out.stderr


def test_every_help_says_argparse_words_in_vietnamese_and_names_each_argument() -> None:
    """``bdcq … --help``: the sections and -h read Vietnamese first, as the options do, and no
    argument is listed without saying what it is (ID, NAME, VALUE alone told nothing)."""
    top = cli.build_parser()
    for said, parser in [("bdcq", top), *every_parser()]:
        text = parser.format_help()
        assert "tham số / positional arguments:" in text or "positional arguments" not in text
        assert "\noptions:" not in text and "tùy chọn / options:" in text, said
        assert "in trợ giúp này rồi thoát / show this help" in text, said
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, (said, action.option_strings or action.dest)
