"""argparse's own usage errors said in Vietnamese as well as English.

The command line speaks Vietnamese first and English second ("vi / en"), but argparse words
its refusals (a missing argument, an unknown option, a value not among the choices) in English
only. Its messages come from a handful of fixed templates; each is recognised here and said
again in Vietnamese, keeping the names of the arguments and the refused value as typed.
An unknown wording (another Python's argparse) is left as it is: English beats nothing.
"""

from __future__ import annotations

import re

# argparse's templates (Python 3.11–3.13), as regular expressions over the finished message.
_WHOLE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), vi)
    for pattern, vi in (
        (r"the following arguments are required: (?P<names>.+)", "thiếu tham số bắt buộc: {names}"),
        (r"unrecognized arguments: (?P<names>.+)", "không nhận ra tham số: {names}"),
        (r"one of the arguments (?P<names>.+) is required", "cần một trong các tham số {names}"),
        (
            r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
            "tùy chọn {option} không rõ: có thể là {matches}",
        ),
    )
)
# What follows "argument NAME: ".
_OF_ARGUMENT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), vi)
    for pattern, vi in (
        (
            r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
            "giá trị {value} không hợp lệ (chọn một trong: {choices})",
        ),
        (r"expected one argument", "cần một giá trị"),
        (r"expected at least one argument", "cần ít nhất một giá trị"),
        (r"expected at most one argument", "chỉ nhận nhiều nhất một giá trị"),
        (r"expected (?P<count>\d+) arguments?", "cần {count} giá trị"),
        (r"invalid (?P<type>\w+) value: (?P<value>.+)", "giá trị {value} không phải {type}"),
        (r"not allowed with argument (?P<other>.+)", "không dùng được cùng với {other}"),
        (r"ignored explicit argument (?P<value>.+)", "không nhận giá trị {value}"),
    )
)
_TYPES = {"int": "số nguyên", "float": "số"}
_ARGUMENT = re.compile(r"argument (?P<name>\S+): (?P<rest>.+)", re.DOTALL)


def bilingual(message: str) -> str:
    """``message`` (argparse's) as "Vietnamese / English"; unchanged when its wording is not
    known, and when it already carries Vietnamese (an argument type's own refusal)."""
    for pattern, vi in _WHOLE:
        found = pattern.fullmatch(message)
        if found:
            return f"{vi.format(**found.groupdict())} / {message}"
    found = _ARGUMENT.fullmatch(message)
    if found is None:
        return message
    name, rest = found["name"], found["rest"]
    for pattern, vi in _OF_ARGUMENT:
        inner = pattern.fullmatch(rest)
        if inner:
            fields = inner.groupdict()
            if "type" in fields:
                fields["type"] = _TYPES.get(fields["type"], f"kiểu {fields['type']}")
            # The choices, said once: the English half names the refused value only.
            english = message.split(" (choose from ", 1)[0] if "choices" in fields else message
            return f"tham số {name}: {vi.format(**fields)} / {english}"
    # An argument type's own refusal (year_arg, date_arg…) is already "vi / en".
    return f"tham số {name}: {rest}" if " / " in rest else message
