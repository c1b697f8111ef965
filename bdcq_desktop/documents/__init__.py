"""Official documents (Decree 30/2020/NĐ-CP format) rendered to PDF.

Concrete documents (invitation, minutes, notices, reports) describe themselves with the data
classes re-exported here and call :func:`render`; the layout rules live in one place.
"""

from bdcq_desktop.documents.blocks import (
    Block,
    Bullets,
    Context,
    Heading,
    Labelled,
    LegalBasis,
    NewPage,
    Para,
    Space,
    Title,
)
from bdcq_desktop.documents.data_tables import Column, DataTable
from bdcq_desktop.documents.fonts import active_font, register_fonts
from bdcq_desktop.documents.layout import (
    Document,
    Header,
    Recipients,
    SignatureBlock,
    build_story,
    render,
)
from bdcq_desktop.documents.page import PageSettings
from bdcq_desktop.documents.text import (
    Span,
    Text,
    format_date,
    format_number,
    format_number_symbol,
    format_place_date,
    nfc,
    with_closing_mark,
)

__all__ = [
    "Block",
    "Bullets",
    "Column",
    "Context",
    "DataTable",
    "Document",
    "Header",
    "Heading",
    "Labelled",
    "LegalBasis",
    "NewPage",
    "PageSettings",
    "Para",
    "Recipients",
    "SignatureBlock",
    "Space",
    "Span",
    "Text",
    "Title",
    "active_font",
    "build_story",
    "format_date",
    "format_number",
    "format_number_symbol",
    "format_place_date",
    "nfc",
    "register_fonts",
    "render",
    "with_closing_mark",
]
