"""A document's settings as they stood on its date.

The settings are loaded once per draft or issue (:func:`.service.draft`), before the builder
knows the date its document speaks for. Each builder then takes, for that date, the
organisation's fields it prints as the change log says they stood
(:func:`..core.settings_on.settings_on`): the parent body and the issuing body in the header,
the place name of the place-date line, the committee's name in running text, the office's
phone and e-mail. An issued document is never drawn again, so this changes drafts and what is
issued from now on only.

Which date, one per document, the same for its draft (and the window's preview) and for the
document issued from it, so that what the officer approves is what goes out:

* every kind but the minutes: the date it carries, :attr:`.kinds.BuildContext.day` (its date
  of issue, the one chosen for a draft too, else today): the convocation, invitation, agenda,
  attendance list and notice of conclusions of a meeting, a session's convocation and report,
  the reports, the reminder, the roster. Its signer and recipients are read on that day too;
  the people a meeting or session names stay those of its day (:mod:`.meeting_data`);
* the minutes: the meeting's day, drafted or issued, whenever they are issued: they are
  written at the meeting and carry no place-date line.

The document settings kept as key/value (:func:`..core.settings_on.stored_on`) are read on
that day too, by the same rule: the signing of each kind (its authority lines, its signer
rule, whether it is signed), its recipients and archive line, the page, the typed issuing
body. A rule changed today does not reach a document dated before the change: a convocation
of last month drafted or issued now prints last month's signer and recipients.

Not dated: the body's abbreviation and the type abbreviations (the symbol the register
records at issue: numbers run per year and abbreviation, and a document of an earlier day
printing the abbreviation changed since would open a second series in the year); the
settings' default signers (a fallback only: the signer is read on the roster of the
document's date, see :mod:`.signers`). A typed issuing body with no change logged after the
day may be older than the log: it is printed only on days the committee bore today's name;
on a day of another name the header derives from that name, as the text does.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from ..core.db import Database
from ..core.settings_on import settings_on, stored_on
from ..core.text import clean
from .issuing_body import ISSUING_BODY_KEY, default_issuing_body
from .kinds import BuildContext
from .settings import DocumentSettings, stored_fields
from .text import nfc, upper


def settings_of(db: Database, settings: DocumentSettings, day: date) -> DocumentSettings:
    """``settings`` with the organisation's printed fields and the key/value settings of
    ``day`` (see the module doc)."""
    with db.session() as s:
        then = settings_on(s, day)
        kept = stored_on(s, day, "documents.")
    name = clean(then.committee_name)
    typed = settings.issuing_body if settings.issuing_typed else ""
    fields: dict[str, Any] = {}
    if kept.changed:  # else the day's values are today's: nothing to read again
        fields = stored_fields(db, {k: json.loads(v) for k, v in kept.values.items()})
        del fields["abbreviations"]  # the register's series: today's (see the module doc)
        issuing = fields.pop("issuing")
        typed = upper(issuing) if issuing else ""
    # A typed issuing body whose value of that day the log gives stood that day; one with no
    # change logged since may predate the log (see the module doc): it stands while the
    # committee bears today's name, else the header derives from the name of the day, as the
    # running text does, so the two never name two bodies.
    typed_then = bool(typed) and (
        ISSUING_BODY_KEY in kept.changed or name == settings.committee_name
    )
    fields["issuing_typed"] = typed_then
    # Same spelling as .settings.load gives today's values.
    return replace(
        settings,
        parent_body=nfc(then.parent_body.upper()),
        issuing_body=typed if typed_then else default_issuing_body(then.committee_name),
        place=then.place_name,
        committee_name=name,
        phone=then.phone,
        email=then.email,
        **fields,
    )


def setting_on(db: Database, key: str, day: date, default: Any = None) -> Any:
    """One key/value setting a builder reads on its own (the roster's working group), as it
    stood on ``day`` by the same rule (``default``: not set then)."""
    with db.session() as s:
        text = stored_on(s, day, key).values.get(key)
    return json.loads(text) if text is not None else default


def dated(db: Database, ctx: BuildContext, day: date) -> BuildContext:
    """``ctx`` whose settings are those of ``day``, the date the document speaks for (see the
    module doc for which)."""
    return replace(ctx, settings=settings_of(db, ctx.settings, day))
