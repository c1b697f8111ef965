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

Not dated: the body's abbreviation (the symbol the register records at issue, and its number
series, are today's); the settings' default signers (a fallback only: the signer is read on the
roster of the document's date, see :mod:`.signers`); the document settings kept as key/value
(type abbreviations, signing, recipients, a typed issuing body), whose log rows do not say
which key changed. A typed issuing body is printed only on days the committee bore today's
name: on a day of another name the header derives from that name, as the text does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..core.db import Database
from ..core.settings_on import settings_on
from ..core.text import clean
from .issuing_body import default_issuing_body
from .kinds import BuildContext
from .settings import DocumentSettings
from .text import nfc


def settings_of(db: Database, settings: DocumentSettings, day: date) -> DocumentSettings:
    """``settings`` with the organisation's printed fields of ``day``."""
    with db.session() as s:
        then = settings_on(s, day)
    name = clean(then.committee_name)
    # A typed issuing body is today's spelling of today's name, and its changes are not dated
    # (see the module doc): it stands while the committee bears that name; on a day of another
    # name the header derives from that name, as the running text does, so the two never
    # name two bodies.
    typed = settings.issuing_typed and name == settings.committee_name
    # Same spelling as .settings.load gives today's values.
    return replace(
        settings,
        parent_body=nfc(then.parent_body.upper()),
        issuing_body=settings.issuing_body if typed else default_issuing_body(then.committee_name),
        place=then.place_name,
        committee_name=name,
        phone=then.phone,
        email=then.email,
    )


def dated(db: Database, ctx: BuildContext, day: date) -> BuildContext:
    """``ctx`` whose settings are those of ``day``, the date the document speaks for (see the
    module doc for which)."""
    return replace(ctx, settings=settings_of(db, ctx.settings, day))
