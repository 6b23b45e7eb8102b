"""The capture keyboard map, in one place: used by the widgets and by the help text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

SAVE = ("Ctrl+Return", "Ctrl+Enter")
NEXT_KIND, PREVIOUS_KIND = "Alt+K", "Alt+Shift+K"
NEXT_SENTIMENT, PREVIOUS_SENTIMENT = "Alt+S", "Alt+Shift+S"
CONSENT_TO_QUOTE = "Alt+Q"
CONSENT_TO_SHARE = "Alt+H"
SAFEGUARDING = "Alt+A"
GROUP_PICKER = "Alt+G"
REDACT = "Alt+R"
BACK_TO_TEXT = "Escape"
# Alt+1 … Alt+9, Alt+0: principles 1 … 10.
PRINCIPLES = tuple(f"Alt+{n % 10}" for n in range(1, 11))
# Ctrl+1 … Ctrl+5: the five most recently used groups.
RECENT_GROUPS = tuple(f"Ctrl+{n}" for n in range(1, 6))
DELETE_NOTE = "Delete"
RESTORE_NOTE = "Ctrl+R"
EDIT_NOTE = "F2"


def _tr(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


def keyboard_help_text() -> str:
    rows = [
        ("Ctrl+Enter", "save the note and start the next one"),
        (f"{NEXT_KIND} / {PREVIOUS_KIND}", "next / previous kind of note"),
        (f"{NEXT_SENTIMENT} / {PREVIOUS_SENTIMENT}", "next / previous sentiment"),
        (CONSENT_TO_QUOTE, "consent to quote anonymously, on or off"),
        (CONSENT_TO_SHARE, "consent to share, on or off"),
        (SAFEGUARDING, "safeguarding concern, on or off"),
        ("Alt+1 … Alt+0", "principle 1 … 10, on or off"),
        (GROUP_PICKER, "choose a group by typing part of its name; Enter adds it"),
        ("Ctrl+1 … Ctrl+5", "a recently used group, on or off"),
        (REDACT, "replace possible names, phone numbers, emails and postcodes"),
        (BACK_TO_TEXT, "back to the note text"),
        (EDIT_NOTE, "in the notes list: edit the selected note's text"),
        (DELETE_NOTE, "in the notes list: move the selected note to the bin"),
        (RESTORE_NOTE, "in the bin: restore the selected note"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo edits, tags and deletes"),
        ("Ctrl+L", "lock now"),
        ("Ctrl+F", "find notes"),
    ]
    return "\n".join(f"{keys}: {_tr(what)}" for keys, what in rows)
