"""The sample data's actions and Easy Read titles, by topic (see domain.sample_data)."""

from __future__ import annotations

from domain.vocabulary import ActionStatus

# Topic → (what we did, status, Easy Read summary, why it is late if it is).
ACTIONS: dict[str, tuple[str, str, str, str]] = {
    "gp_access": (
        "The practice added 30 appointments a day that open at 2pm.",
        ActionStatus.DONE,
        "The doctors' surgery now has more appointments in the afternoon.",
        "",
    ),
    "interpreters": (
        "Interpreters are now booked when the appointment is made.",
        ActionStatus.IN_PROGRESS,
        "We are booking interpreters earlier.",
        "The new booking system starts in January; until then reception books by phone.",
    ),
    "mental_health": (
        "A peer support worker joins the crisis line at weekends.",
        ActionStatus.PLANNED,
        "A helper who has been through it will answer the phone at weekends.",
        "",
    ),
    "travel": (
        "A second bus route to the hospital.",
        ActionStatus.NOT_POSSIBLE,
        "We cannot add a new bus route.",
        "",
    ),
}
# Topic → the short heading Easy Read uses for its theme.
EASY_READ_TITLES = {
    "gp_access": "Seeing a doctor",
    "interpreters": "Help with language",
    "mental_health": "Help with mental health",
    "digital": "Apps and the internet",
    "travel": "Getting to hospital",
    "respect": "Being listened to",
    "housing": "Homes and health",
    "carers": "People who care for family",
    "maternity": "Having a baby",
    "dentist": "Finding a dentist",
    "pharmacy": "Getting your medicine",
    "cost_of_living": "Money and health",
}

# Topic → the plain-language summary of what people said ("You said").
SUMMARIES = {
    "gp_access": "It is hard to get through on the phone, and appointments are gone within "
    "minutes of the lines opening.",
    "interpreters": "Interpreters are not always booked, so family members, sometimes "
    "children, translate about health and money.",
    "mental_health": "People wait months for mental health help and do not know where to "
    "turn while they wait.",
    "digital": "Apps and online forms shut out people without a smartphone, data or the "
    "confidence to use them.",
    "travel": "Getting to hospital takes two buses or a taxi people cannot afford.",
    "respect": "People want staff to listen, to believe them and to explain what happens next.",
    "housing": "Damp, cold and overcrowded homes are making adults and children ill.",
    "carers": "Unpaid carers are rarely asked how they are and do not know what help exists.",
    "maternity": "Women want to see the same midwife and to have things explained clearly.",
    "dentist": "No NHS dentist near people is taking on new patients.",
    "pharmacy": "Medicines are often out of stock, and people go back again and again.",
    "cost_of_living": "Money worries mean people skip meals, heating and trips to the doctor.",
}
