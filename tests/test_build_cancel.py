"""A build no longer wanted stops at its next page (documents.layout.cancellable): a preview
whose dialog closed, or whose officer picked another kind. A decade's tasks report takes
some 20 s to build, and every document after it waited for it (21.1 s for a meeting's
convocation; 3.3 s now)."""

from __future__ import annotations

import threading

import pytest

from bdcq_desktop.documents.fonts import register_fonts
from bdcq_desktop.documents.layout import BuildCancelled, cancellable, render
from bdcq_desktop.documents.sample import sample_invitation


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts(prefer_system=False)


def test_an_unwanted_build_stops_and_a_wanted_one_is_whole() -> None:
    pdf = render(sample_invitation())
    asked: list[bool] = []

    def still_wanted() -> bool:
        asked.append(True)
        return False

    with cancellable(still_wanted):
        assert render(sample_invitation()) == pdf  # the same bytes: nothing else changes
    assert asked  # asked at each page
    with cancellable(lambda: True), pytest.raises(BuildCancelled):
        render(sample_invitation())
    assert render(sample_invitation()) == pdf  # outside the block: never asked


def test_the_question_belongs_to_the_thread_that_asks_it() -> None:
    """The GUI's builds run in pool threads: one preview's cancellation stops only its own."""
    results: dict[str, object] = {}
    inside = threading.Event()
    release = threading.Event()

    def cancelled_build() -> None:
        with cancellable(lambda: True):
            inside.set()
            release.wait(10)
            try:
                render(sample_invitation())
            except BuildCancelled as exc:
                results["cancelled"] = exc

    thread = threading.Thread(target=cancelled_build)
    thread.start()
    assert inside.wait(10)
    results["other"] = render(sample_invitation())  # this thread: not cancelled
    release.set()
    thread.join(30)
    assert isinstance(results["cancelled"], BuildCancelled)
    assert isinstance(results["other"], bytes) and results["other"].startswith(b"%PDF")
