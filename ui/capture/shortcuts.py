"""The capture keyboard map, in one place: used by the widgets and by the help text."""

from __future__ import annotations

from collections.abc import Iterable
from string import ascii_uppercase

from PySide6.QtCore import QCoreApplication

from domain.note_fields import FLAG_FIELDS, SAFEGUARDING
from domain.vocabulary import Consent, label, prompt

SAVE = ("Ctrl+Return", "Ctrl+Enter")
NEXT_KIND, PREVIOUS_KIND = "Alt+K", "Alt+Shift+K"
NEXT_SENTIMENT, PREVIOUS_SENTIMENT = "Alt+S", "Alt+Shift+S"
# The key that toggles each of a note's flags, in the capture box and the notes list alike.
# A flag added to NoteFields without one here gets a free Alt+letter of its label (flag_keys).
FLAG_KEYS = {Consent.TO_QUOTE: "Alt+Q", Consent.TO_SHARE: "Alt+H", SAFEGUARDING: "Alt+A"}
GROUP_PICKER = "Alt+G"
SERVICE_PICKER = "Alt+I"
MORE_TAGS = "Alt+M"  # show or hide the principles, groups and services controls
REDACT = "Alt+R"
CLEAR_REVIEW = "Alt+C"  # a reviewer found nothing identifying in a note kept for review
CLEAR_CARRIED = "Alt+X"  # the groups and principles kept from the last note
BACK_TO_TEXT = "Escape"
# Alt+1 … Alt+9, Alt+0: principles 1 … 10.
PRINCIPLES = tuple(f"Alt+{n % 10}" for n in range(1, 11))
# Ctrl+1 … Ctrl+5: five groups, in the order first used; fixed for the whole activity.
RECENT_GROUPS = tuple(f"Ctrl+{n}" for n in range(1, 6))
DELETE_NOTE = "Delete"
RESTORE_NOTE = "Ctrl+R"
EDIT_NOTE = "F2"
EDIT_NOTE_FULLY = "Return"  # in the notes list: every field of the note, in a dialog
# Moving between the capture box and the notes list, and sharing the room between them.
SWITCH_PANE = "F6"
GROW_NOTES_LIST = "Ctrl+Shift+Up"
GROW_CAPTURE_BOX = "Ctrl+Shift+Down"


# Alt+letters the menu bar and the capture page's labels take (their underlined letters).
_MNEMONICS = ("Alt+F", "Alt+E", "Alt+V", "Alt+P", "Alt+N", "Alt+B", "Alt+D", "Alt+T")


def _taken() -> set[str]:
    """Every key this map gives out, and the mnemonics."""
    taken = {*_MNEMONICS, *FLAG_KEYS.values()}
    for name, value in globals().items():
        if name.isupper() and isinstance(value, str):
            taken.add(value)
        elif name.isupper() and isinstance(value, tuple):
            taken.update(value)
    return taken


def flag_keys(flags: Iterable[str] = FLAG_FIELDS) -> dict[str, str]:
    """Each flag's key: its own in FLAG_KEYS, else the first free Alt+letter (one of its
    label's if free), so a flag declared in NoteFields is toggled from the keyboard as soon
    as it has a box."""
    taken, found = _taken(), {}
    for flag in flags:
        letters = label(flag).upper() + ascii_uppercase  # its own letters first
        free = (f"Alt+{c}" for c in letters if c.isalpha() and f"Alt+{c}" not in taken)
        key = FLAG_KEYS.get(flag) or next(free, None)
        if key is not None:
            found[flag] = key
            taken.add(key)
    return found


def _tr(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


def keyboard_help_text() -> str:
    rows = [
        ("Ctrl+Enter", "save the note and start the next one"),
        (f"{NEXT_KIND} / {PREVIOUS_KIND}", "next / previous kind of note"),
        (f"{NEXT_SENTIMENT} / {PREVIOUS_SENTIMENT}", "next / previous sentiment"),
        *((key, f"{prompt(flag).lower()}, on or off") for flag, key in flag_keys().items()),
        ("Alt+1 … Alt+0", "principle 1 … 10, on or off"),
        (GROUP_PICKER, "choose a group by typing part of its name; Enter adds it"),
        ("Ctrl+1 … Ctrl+5", "group key 1 … 5 (shown beside the groups), on or off"),
        (CLEAR_CARRIED, "clear the groups and principles kept from the last note"),
        (SERVICE_PICKER, "choose a service by typing part of its name; Enter adds it"),
        (MORE_TAGS, "show or hide the principle, group and service controls"),
        (REDACT, "replace possible names, phone numbers, emails, NHS numbers and postcodes"),
        (BACK_TO_TEXT, "back to the note text"),
        ("Ctrl+Enter, twice", "keep a note with possible personal details for review"),
        (CLEAR_REVIEW, "on the review page: clear the selected note for reports"),
        (EDIT_NOTE, "in the notes list: edit the selected note's text"),
        ("Enter", "in the notes list: edit every field of the selected note"),
        (SWITCH_PANE, "move between the capture box and the notes list"),
        (GROW_NOTES_LIST, "give the notes list more room"),
        (GROW_CAPTURE_BOX, "give the capture box more room"),
        (DELETE_NOTE, "in the notes list: move the selected note to the bin"),
        (RESTORE_NOTE, "in the bin: restore the selected note"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo captures, edits, tags and deletes"),
        ("Ctrl+L", "lock now"),
        ("Ctrl+F", "find notes"),
        ("Ctrl+T", "in a notes list: add the selected notes to a theme"),
    ]
    return "\n".join(f"{keys}: {_tr(what)}" for keys, what in rows)
