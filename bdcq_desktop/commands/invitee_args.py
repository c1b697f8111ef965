"""The invitee a ``bdcq meetings`` command acts on (attend, remove-walk-in, uninvite,
presenters): ``--invitee N``, or the same ids written after the meeting id, read alike by
every command that takes one."""

from __future__ import annotations

import argparse

from ..core.errors import BcdError
from .common import id_arg

INVITEE_HELP = 'mã người được mời ("Mã" trong danh sách mời của meetings show) / invitee id'


def invitee_arguments(p: argparse.ArgumentParser, *, many: bool) -> None:
    """The invitee a meetings command acts on: ``--invitee N`` (repeated where several are
    taken), or the same ids written after the meeting id; :func:`take_invitees` reads them."""
    p.add_argument(
        "invitee_given",
        type=id_arg,
        nargs="*" if many else "?",
        metavar="INVITEE_ID",
        help="như --invitee / the same as --invitee",
    )
    p.add_argument(
        "--invitee",
        dest="invitee_option",
        type=id_arg,
        action="append" if many else "store",
        metavar="INVITEE_ID",
        help=INVITEE_HELP + (" (lặp lại / repeat)" if many else ""),
    )


def take_invitees(args: argparse.Namespace, *, many: bool, required: bool = True) -> None:
    """``args.invitee``: the ids of :func:`invitee_arguments` (a list if ``many``, else one);
    none where one is ``required``, or two different single ones, refused naming --invitee."""
    given = args.invitee_given if many else [args.invitee_given]
    option = args.invitee_option if many else [args.invitee_option]
    ids = [i for i in [*(given or []), *(option or [])] if i is not None]
    if not many and len(set(ids)) > 1:
        raise BcdError(
            "--invitee: ghi một mã người được mời (mã ghi sau mã cuộc họp và --invitee khác "
            "nhau) / one invitee id, not two"
        )
    if required and not ids:
        raise BcdError(
            "--invitee: chưa ghi mã người được mời (“Mã” trong danh sách mời của meetings "
            "show) / the invitee id is missing"
        )
    args.invitee = list(dict.fromkeys(ids)) if many else (ids[0] if ids else None)
