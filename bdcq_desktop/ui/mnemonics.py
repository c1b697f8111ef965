"""Mnemonics: the letter after ``&`` that Alt reaches, chosen so that no two entries of a menu
share one (the Chỉnh sửa menu lists the buttons of the tab in front under its own), and so
that every labelled field of a dialog has its own Alt+letter (:func:`give_label_mnemonics`).

Only plain ASCII letters are chosen. Qt matches a mnemonic against the key's character: the
``&Đ`` of "Đơn vị" waits for a key that types "Đ", which no US keyboard has and a Vietnamese
input method (Unikey, Telex) only composes from "dd" after the fact, so Alt+D never reaches it;
likewise "&Ủ" is not Alt+U. "Đơn &vị" is.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTabBar,
    QWidget,
)


def mnemonic_of(text: str) -> str:
    """The letter after the ``&`` of a menu text, lower case ('' when there is none)."""
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if 0 <= i < len(text) - 1 else ""


def _positions(text: str) -> list[int]:
    """Where an ``&`` may go in ``text``, best first: plain letters and digits starting a
    word, then the others."""
    plain = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    starts = [i for i in plain if i == 0 or text[i - 1] == " "]
    return starts + [i for i in plain if i not in starts]


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an ``&`` before a letter not in ``used`` (word starts first); only plain
    ASCII letters, which every keyboard types with Alt whatever its Vietnamese input mode."""
    if "&" in text.replace("&&", ""):
        used.add(mnemonic_of(text))
        return text
    for i in _positions(text):
        if text[i].lower() not in used:
            used.add(text[i].lower())
            return text[:i] + "&" + text[i:]
    return text


def share_letters(texts: list[str], used: set[str]) -> list[str]:
    """``texts`` each with an ``&`` before a letter of its own, none in ``used`` (which takes
    them): as many as can have one. Vietnamese labels have few plain letters ("Thư ký": t, h,
    k), so a text whose letters the ones before took gets one of theirs, and that one moves to
    another of its own (the shortest such chain: the fewest texts lose their best letter)."""
    wanted = [[] if "&" in t.replace("&&", "") else [t[i].lower() for i in _positions(t)]
              for t in texts]  # fmt: skip
    owner: dict[str, int] = {}
    for first in range(len(texts)):
        came: dict[int, tuple[int, str] | None] = {first: None}  # who would take whose letter
        queue = deque([first])
        while queue:
            i = queue.popleft()
            free = next((x for x in wanted[i] if x not in used and x not in owner), None)
            if free is not None:
                while True:  # each along the chain takes the letter it was offered
                    owner[free] = i
                    step = came[i]
                    if step is None:
                        break
                    i, free = step
                break
            for x in wanted[i]:
                if x not in used and owner[x] not in came:
                    came[owner[x]] = (i, x)
                    queue.append(owner[x])
    out = list(texts)
    for letter, i in owner.items():
        at = next(p for p in _positions(texts[i]) if texts[i][p].lower() == letter)
        out[i] = texts[i][:at] + "&" + texts[i][at:]
    used.update(owner)
    return out


# -- labels of a dialog's fields -------------------------------------------------------------------
def mnemonics_of(widget: QWidget) -> list[str]:
    """The Alt letters ``widget`` answers to: a button's, a group's, a buddied label's (a label
    without a buddy shows its ``&`` as it is), each tab's of a tab bar."""
    if isinstance(widget, QAbstractButton):
        texts = [widget.text()]
    elif isinstance(widget, QLabel):
        texts = [widget.text()] if widget.buddy() is not None else []
    elif isinstance(widget, QGroupBox):
        texts = [widget.title()]
    elif isinstance(widget, QTabBar):
        texts = [widget.tabText(i) for i in range(widget.count())]
    else:
        texts = []
    return [m for m in map(mnemonic_of, texts) if m]


def _page_of(widget: QWidget, root: QWidget) -> QWidget:
    """The innermost page of a stack (a tab's page) ``widget`` is on below ``root``, else root:
    only one page of a stack shows at a time, so two pages may use the same letter."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent, QStackedWidget):
            return child
        child, parent = parent, parent.parentWidget()
    return root


def _needs_mnemonic(widget: QWidget) -> bool:
    """A buddied label, a check box (its own label) or a push button without an Alt letter
    yet."""
    labelled = isinstance(widget, QLabel) and widget.buddy() is not None
    return (
        (labelled or isinstance(widget, QCheckBox | QRadioButton | QPushButton))
        and "&" not in widget.text().replace("&&", "")
        and "<" not in widget.text()  # rich text: left as written
        and any(ch.isascii() and ch.isalnum() for ch in widget.text())
    )


def _in_box(widget: QWidget) -> bool:
    return isinstance(widget, QPushButton) and isinstance(widget.parentWidget(), QDialogButtonBox)


def give_label_mnemonics(root: QWidget) -> None:
    """Give each label with a buddy under ``root`` (a dialog) an Alt letter of its own, so
    Alt+letter puts the cursor in its field, each check box one that ticks it, each tab one
    that shows its page, and each push button one that presses it. The buttons of the
    dialog's button box come first (Lưu is Alt+L, Hủy Alt+H wherever they are), then the tabs,
    labels and check boxes, then the other buttons (a list's "Thêm dòng") with what is left.
    Letters already taken by the window's buttons, groups, tabs and labels are kept and
    avoided; a label on one tab page may share a letter with one on another page, never with
    what shows beside both. An ``&`` written in a text is kept; the others are given in the
    order the widgets were made (a form's: top to bottom), each its best letter still free."""
    widgets = [w for w in root.findChildren(QWidget) if w.window() is root]
    views = [w for w in widgets if isinstance(w, QAbstractItemView)]
    pages: dict[QWidget, list[QWidget]] = {root: []}
    for widget in widgets:
        pages.setdefault(_page_of(widget, root), []).append(widget)

    def give(page: QWidget, above: set[str]) -> None:
        # Avoid what shows with this page's widgets: the letters above it, and every letter
        # under it (its inner pages' too, which show with whatever this page gives).
        under = [w for w in widgets if page is root or page.isAncestorOf(w) or w is page]
        used = above | {m for w in under for m in mnemonics_of(w)}
        # The box's buttons, then the tabs (Alt+letter shows a page of the dialog), the labels
        # in order, and the other buttons.
        tabs = [(bar, i) for bar in pages[page] if isinstance(bar, QTabBar)
                for i in range(bar.count())]  # fmt: skip
        needing = [w for w in pages[page] if _needs_mnemonic(w)]
        boxed = [w for w in needing if _in_box(w)]
        labels = [w for w in needing if isinstance(w, QLabel)]
        labels += [w for w in needing if isinstance(w, QCheckBox | QRadioButton)]
        # Not a button drawn in a table's cell: the arrows reach those.
        others = [
            w
            for w in needing
            if isinstance(w, QPushButton)
            and not _in_box(w)
            and not any(v.isAncestorOf(w) for v in views)
        ]
        for widget, text in zip(boxed, share_letters([w.text() for w in boxed], used), strict=True):
            widget.setText(text)
        texts = [bar.tabText(i) for bar, i in tabs] + [label.text() for label in labels]
        given = share_letters(texts, used)
        for (bar, i), text in zip(tabs, given, strict=False):
            bar.setTabText(i, text)
        for label, text in zip(labels, given[len(tabs) :], strict=True):
            label.setText(text)
        given = share_letters([w.text() for w in others], used)
        for widget, text in zip(others, given, strict=True):
            widget.setText(text)
        mine = above | {m for w in pages[page] for m in mnemonics_of(w)}
        for inner in pages:  # the pages of the stacks on this page
            stack = inner.parentWidget()
            if inner is not root and stack is not None and _page_of(stack, root) is page:
                give(inner, mine)

    give(root, set())
