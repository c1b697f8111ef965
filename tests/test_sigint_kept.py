"""The suite's guard on Ctrl+C (tests/conftest.py ``_sigint_kept``): a test that leaves SIGINT
ignored fails, naming it, and the next test finds it as it was; the children a later test
starts would otherwise inherit it ignored and never hear a Ctrl+C sent to them."""

from __future__ import annotations

import signal

import pytest

from tests.conftest import _sigint_ignored, sigint_kept


def test_sigint_left_ignored_fails_the_test_and_is_put_back() -> None:
    before, ignored = signal.getsignal(signal.SIGINT), _sigint_ignored()
    with pytest.raises(pytest.fail.Exception, match="SIGINT left changed"), sigint_kept():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    assert signal.getsignal(signal.SIGINT) == before
    assert _sigint_ignored() == ignored


def test_sigint_changed_and_put_back_within_the_test_passes() -> None:
    with sigint_kept():
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGINT, previous)
