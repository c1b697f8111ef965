"""One wording for a meeting's chair: "Chủ trì" as its label, "người chủ trì" in a sentence, as
the Decree 30 papers name the role (/work/shared/reference/official-documents.md). "Chủ tọa" is
left only where the minutes quote form 1.9: its line "Chủ trì (chủ tọa):" and its signature
title CHỦ TỌA."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import bdcq_desktop
from bdcq_desktop.documents.settings_checks import SIGNER_LABELS
from bdcq_desktop.documents.signer_refusals import nobody_refused

ROOT = Path(bdcq_desktop.__file__).parent
# The form's own words, quoted as they are printed.
QUOTES = ("Chủ trì (chủ tọa)", "CHỦ TỌA")
# What the secretary may have typed in the minutes' opening, read to avoid printing it twice.
READ_FROM_TYPING = "_OPENING_FIELDS"


def test_the_app_names_the_chair_chu_tri_outside_the_minutes_form() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = unicodedata.normalize("NFC", line)
            if READ_FROM_TYPING in text:
                continue
            for quote in QUOTES:
                text = text.replace(quote, "")
            folded = text.casefold()
            if "chủ tọa" in folded or "chủ toạ" in folded:
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_the_chair_as_signer_is_named_as_the_settings_name_it() -> None:
    refused = nobody_refused("conclusions", "chair", date(2026, 11, 30))
    assert refused.name == SIGNER_LABELS["chair"] == "Người chủ trì cuộc họp"
