"""A save guarded by a version goes through only with the very number read."""

from __future__ import annotations

from typing import Any

import pytest

from bdcq_desktop.core import units
from bdcq_desktop.core.errors import ConflictError


@pytest.mark.parametrize("stale", [True, False, 1.5, "1", 0, 2])
def test_a_value_that_is_not_the_version_read_is_refused(db: Any, stale: object) -> None:
    uid = units.create_unit(db, name="Sở Tư pháp")
    assert units.get_unit(db, uid).version == 1
    with pytest.raises(ConflictError):
        units.rename_unit(db, uid, "Sở Tư pháp tỉnh", expected_version=stale)  # type: ignore[arg-type]
    assert units.get_unit(db, uid).name == "Sở Tư pháp"


def test_the_version_read_saves(db: Any) -> None:
    uid = units.create_unit(db, name="Sở Tư pháp")
    units.rename_unit(db, uid, "Sở Tư pháp tỉnh", expected_version=1)
    got = units.get_unit(db, uid)
    assert (got.name, got.version) == ("Sở Tư pháp tỉnh", 2)
