"""Register the serif family every official PDF is set in.

Decree 30/2020 asks for Times New Roman. It is not free to redistribute, so the application
ships Liberation Serif (SIL OFL), which has the same advance widths and therefore the same line
breaks, and uses Times New Roman only when the machine already has it.

Both are TrueType fonts registered with reportlab's ``TTFont``: reportlab then embeds a subset of
each font in every PDF, which the decree requires (no base-14 fonts, text extracts as Unicode).
Whatever file is used, the family is registered under the fixed names below, so the layout code
never needs to know which font won.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.resources import resource_path

FAMILY = "DocSerif"
REGULAR = "DocSerif"
BOLD = "DocSerif-Bold"
ITALIC = "DocSerif-Italic"
BOLD_ITALIC = "DocSerif-BoldItalic"

TIMES_NEW_ROMAN = "Times New Roman"
LIBERATION_SERIF = "Liberation Serif"

# The order of every 4-tuple below: regular, bold, italic, bold italic.
_STYLES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)

_BUNDLED_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)

# File names Times New Roman is installed under: Windows and most Linux packagings
# (Fedora msttcore, Arch TTF) use the short names; Debian's ttf-mscorefonts-installer uses the
# underscored ones; macOS the spaced ones.
_TNR_NAME_SETS = (
    ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
    ("Times.TTF", "Timesbd.TTF", "Timesi.TTF", "Timesbi.TTF"),
    (
        "Times_New_Roman.ttf",
        "Times_New_Roman_Bold.ttf",
        "Times_New_Roman_Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
    ),
    (
        "Times New Roman.ttf",
        "Times New Roman Bold.ttf",
        "Times New Roman Italic.ttf",
        "Times New Roman Bold Italic.ttf",
    ),
)

# Letters that only a font built for Vietnamese has. Very old Times New Roman files (and some
# look-alikes that happen to share the file name) lack them; such a font would print blanks or
# boxes, so it is skipped in favour of the bundled one.
_VIETNAMESE_PROBE = (
    "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹ"
    "ẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)

_lock = threading.Lock()
_active: tuple[str, tuple[Path, ...]] | None = None


def _system_font_dirs() -> list[Path]:
    """Folders where an installed Times New Roman may live on this platform."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed "for this user only" since Windows 10 1809
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplementary"),
            Path("/System/Library/Fonts"),
        ]
    else:
        dirs += [
            Path("/usr/share/fonts/truetype/msttcorefonts"),
            Path("/usr/share/fonts/msttcore"),
            Path("/usr/share/fonts/msttcorefonts"),
            Path("/usr/share/fonts/TTF"),
            Path("/usr/share/fonts/truetype"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return dirs


def find_times_new_roman(dirs: Iterable[Path] | None = None) -> tuple[Path, ...] | None:
    """Return the four Times New Roman files found together in one folder, or ``None``."""
    for folder in _system_font_dirs() if dirs is None else dirs:
        for names in _TNR_NAME_SETS:
            paths = tuple(folder / name for name in names)
            if all(path.is_file() for path in paths):
                return paths
    return None


def bundled_font_files() -> tuple[Path, ...]:
    """The Liberation Serif files shipped in ``bdcq_desktop/assets/fonts``."""
    return tuple(resource_path("fonts", name) for name in _BUNDLED_FILES)


def _load(paths: tuple[Path, ...]) -> list[TTFont]:
    """Read the four files as TTFonts, refusing a set that cannot set Vietnamese."""
    fonts = [TTFont(name, str(path)) for name, path in zip(_STYLES, paths, strict=True)]
    for font in fonts:
        cmap = font.face.charToGlyph
        missing = [ch for ch in _VIETNAMESE_PROBE if ord(ch) not in cmap]
        if missing:
            raise TTFError(f"{font.face.filename}: no glyph for {''.join(missing[:5])}")
    return fonts


def _install(fonts: list[TTFont]) -> None:
    for font in fonts:
        pdfmetrics.registerFont(font)
    # The family mapping lets Paragraph markup (<b>, <i>) pick the right face.
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)


def register_fonts(prefer_system: bool = True) -> str:
    """Register the ``DocSerif`` family and return the name of the font used.

    With ``prefer_system`` (the default) an installed Times New Roman is used when all four
    styles are present and cover Vietnamese; otherwise, or with ``prefer_system=False`` (tests
    and anyone who wants byte-reproducible output across machines), the bundled Liberation
    Serif. Calling again with the same choice is cheap; a different choice re-registers.
    """
    global _active
    with _lock:
        candidates: list[tuple[str, tuple[Path, ...]]] = []
        if prefer_system:
            tnr = find_times_new_roman()
            if tnr is not None:
                candidates.append((TIMES_NEW_ROMAN, tnr))
        candidates.append((LIBERATION_SERIF, bundled_font_files()))

        last_error: Exception | None = None
        for label, paths in candidates:
            if _active == (label, paths):
                return label
            try:
                fonts = _load(paths)
            except (OSError, TTFError) as exc:  # unreadable or unsuitable: try the next one
                last_error = exc
                continue
            _install(fonts)
            _active = (label, paths)
            return label
        raise BcdError(
            tr("Không tìm thấy phông chữ để in văn bản (cài đặt bị thiếu tệp): {error}").format(
                error=last_error
            )
        )


def ensure_fonts() -> str:
    """Register the default family unless some family is registered already."""
    if _active is not None:
        return _active[0]
    return register_fonts()


def active_font() -> str | None:
    """Name of the font registered as ``DocSerif`` (``None`` before registration)."""
    return None if _active is None else _active[0]
