"""Page previews of a PDF: its pages rendered to images, and the widget that shows them.

Pages are rendered with the first renderer available: Qt PDF (not part of
PySide6-Essentials), pdfium (``pypdfium2``), poppler's ``pdftoppm``; without any of them the
preview shows the document's text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 80
# Pages shown as images at most. The decade's tasks report runs to 481 pages: rendered whole
# (about 2.5 MB an image), its preview took 17-31 s to build, froze the window 0.6-3.7 s to
# show and held 2.3 GB; the layout shows in the first pages, and the whole document opens in
# the PDF viewer ("Mở bằng trình xem") or is saved whole.
MAX_PAGES = 20

# Translation context of the preview's words: they were the document dialog's, and stay so.
_CONTEXT = "DocumentDialog"


# --- page images -------------------------------------------------------------------------------


@dataclass
class PagePreview:
    """What the preview shows: page images, or (no renderer) the document's text."""

    images: list[QImage] = field(default_factory=list)
    text: str = ""
    renderer: str = ""
    total: int = 0  # the document's pages (more than the images when it is cut short)


def _render_qtpdf(pdf: bytes, dpi: float, pages: int = MAX_PAGES) -> list[QImage] | None:
    try:
        from PySide6.QtPdf import QPdfDocument  # absent from PySide6-Essentials
    except ImportError:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready:
        return None
    images = []
    for i in range(min(doc.pageCount(), pages)):
        size = doc.pagePointSize(i) * (dpi / 72)
        images.append(doc.render(i, size.toSize()))
    doc.close()
    return images


def _render_pdfium(pdf: bytes, dpi: float, pages: int = MAX_PAGES) -> list[QImage] | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for i in range(min(len(doc), pages)):
            bitmap = doc[i].render(scale=dpi / 72, rev_byteorder=True)  # RGB, 3 bytes a pixel
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())  # own the pixels: the buffer goes with the bitmap
        return images
    finally:
        doc.close()


def _render_pdftoppm(pdf: bytes, dpi: float, pages: int = MAX_PAGES) -> list[QImage] | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    with tempfile.TemporaryDirectory(prefix="bcd-preview-") as tmp:
        source = Path(tmp) / "document.pdf"
        source.write_bytes(pdf)
        prefix = str(Path(tmp) / "p")  # pdftoppm writes p-01.png, p-02.png…
        subprocess.run(
            [exe, "-png", "-r", str(round(dpi)), "-l", str(pages), str(source), prefix],
            check=True,
            capture_output=True,
            timeout=120,
            creationflags=flags,
        )
        # pdftoppm pads the page numbers to one width, so the names sort in page order.
        return [QImage(str(p)) for p in sorted(Path(tmp).glob("p-*.png"))]


def _pdf_text(pdf: bytes) -> str:
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return ""
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    return "\n\n".join(f"— Trang {i} —\n{text}" for i, text in enumerate(pages, 1))


RENDERERS: list[tuple[str, Callable[[bytes, float, int], list[QImage] | None]]] = [
    ("Qt PDF", _render_qtpdf),
    ("pdfium", _render_pdfium),
    ("pdftoppm", _render_pdftoppm),
]


def page_count(pdf: bytes) -> int:
    """The pages of ``pdf``: its page objects (``/Type /Page``, not the ``/Pages`` tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def render_pages(pdf: bytes, dpi: float = PREVIEW_DPI, pages: int = MAX_PAGES) -> PagePreview:
    """Images of the first ``pages`` pages of ``pdf`` from the first renderer that works; its
    text as a last resort. Safe off the GUI thread (QImage, unlike QPixmap, may be made in any
    thread)."""
    total = page_count(pdf)
    for name, renderer in RENDERERS:
        try:
            images = renderer(pdf, dpi, pages)
        except Exception:  # a broken renderer must not cost the preview: try the next one
            continue
        if images and all(not image.isNull() for image in images):
            return PagePreview(images=images, renderer=name, total=max(total, len(images)))
    return PagePreview(text=_pdf_text(pdf), renderer="text", total=total)


# --- the widget --------------------------------------------------------------------------------


class PreviewArea(QScrollArea):
    """A scrolling column of page images on grey, like a PDF viewer; or, instead of pages, the
    document's text or an error message. ``pages`` is the column's widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewArea")
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages.setStyleSheet("#previewPages { background: #7a7a7a; }")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setContentsMargins(16, 16, 16, 16)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.pages)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def clear(self) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # gone from the dialog now, not at the next event loop
                widget.deleteLater()

    def show_preview(self, preview: PagePreview) -> None:
        """The pages of ``preview`` (or its text), scrolled to the top."""
        self.clear()
        for i, image in enumerate(preview.images, 1):
            page = QLabel(self.pages)
            page.setObjectName("previewPage")
            pixmap = QPixmap.fromImage(image)
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.size() + QSize(2, 2))  # never squeezed by the layout
            page.setToolTip(QCoreApplication.translate(_CONTEXT, "Trang {n}").format(n=i))
            page.setStyleSheet("background: white; border: 1px solid #4b4b4b;")
            self.pages_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        if preview.images and preview.total > len(preview.images):
            more = QLabel(
                QCoreApplication.translate(
                    _CONTEXT,
                    "Bản xem trước có {shown} trang đầu trong {total} trang. Văn bản lưu ra hoặc "
                    "mở bằng trình xem có đủ {total} trang.",
                ).format(shown=len(preview.images), total=preview.total),
                self.pages,
            )
            more.setObjectName("previewMore")
            more.setWordWrap(True)
            more.setStyleSheet("background: white; padding: 16px;")
            self.pages_layout.addWidget(more)
        if not preview.images:
            text = preview.text or QCoreApplication.translate(
                _CONTEXT,
                "Máy này không có công cụ dựng trang PDF thành ảnh. Bấm “Mở bằng trình xem” để "
                "xem văn bản.",
            )
            note = QLabel(text, self.pages)
            note.setObjectName("previewText")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note.setStyleSheet("background: white; padding: 24px;")
            self.pages_layout.addWidget(note)
        self.pages_layout.activate()  # size the pages' column now, not at the next layout pass
        self.verticalScrollBar().setValue(0)

    def show_error(self, text: str) -> None:
        """No pages, only ``text`` (why the document could not be built)."""
        self.clear()
        note = QLabel(text, self.pages)
        note.setObjectName("previewError")
        note.setWordWrap(True)
        note.setStyleSheet("background: white; padding: 24px; color: #9a3412;")
        self.pages_layout.addWidget(note)

    def page_count(self) -> int:
        return len(self.pages.findChildren(QLabel, "previewPage"))
