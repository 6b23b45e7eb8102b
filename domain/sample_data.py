"""A deterministic generator of realistic sample activities, notes, themes and actions.

Used by `--demo`, `python main.py demo` and the benchmarks; the same seed gives the same store.
Rows are inserted in bulk (one statement per table and batch) so 100,000 notes take seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain import audit
from domain.progress import NoProgress, Progress
from domain.vocabulary import ActivityKind, NoteKind, Sentiment, choices
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)
from models.ids import new_id

PLACES = [
    ("Harehills community centre", "Harehills", "LS8"),
    ("Chapeltown mosque hall", "Chapeltown", "LS7"),
    ("Beeston food bank", "Beeston", "LS11"),
    ("Seacroft library", "Seacroft", "LS14"),
    ("Armley family hub", "Armley", "LS12"),
    ("City centre day shelter", "City centre", "LS1"),
    ("Gipton Traveller site", "Gipton", "LS9"),
    ("Holbeck wellbeing café", "Holbeck", "LS11"),
]
PARTNERS = [
    "Healthwatch",
    "Refugee support charity",
    "Food bank",
    "Carers' centre",
    "Mosque committee",
    "Housing association",
    "Deaf community group",
]
LEADS = ["Amira K.", "Jordan P.", "Siobhan R.", "Tomasz W.", "Grace O."]
ADJUSTMENTS = [
    "Interpreter (Urdu)",
    "Interpreter (Polish)",
    "BSL interpreter",
    "Easy Read materials",
    "Step-free access",
    "Quiet room",
    "Childcare",
]
SPEAKERS = [
    "woman in her 40s",
    "young carer",
    "older man",
    "parent of two",
    "person seeking asylum",
    "man in his 20s",
    "carer for a partner",
    "volunteer",
    "",
]

# Topic → (activity topic, what people say, linked services, theme title, Easy Read summary).
TOPICS: dict[str, dict[str, Any]] = {
    "gp_access": {
        "topic": "Getting a GP appointment",
        "services": ["gp-and-primary-care", "nhs-111"],
        "says": [
            "You ring at eight and by ten past all the GP appointments have gone.",
            "The online booking form only works in English, so my mum cannot use it.",
            "I was told to register online but I have no phone credit most weeks.",
            "The receptionist was kind and found me a same-day slot.",
            "Without a fixed address the surgery would not register me.",
        ],
        "theme": "Getting a GP appointment is too hard",
        "easy": "It is hard to get an appointment with a doctor.",
    },
    "interpreters": {
        "topic": "Interpreters and language",
        "services": ["hospital-outpatients", "gp-and-primary-care"],
        "says": [
            "My daughter had to interpret my diagnosis, she is eleven.",
            "The phone interpreter dropped out halfway through the appointment.",
            "When they booked a face-to-face interpreter I finally understood my treatment.",
            "Letters come in English only and I throw them away without knowing.",
        ],
        "theme": "People need interpreters they can rely on",
        "easy": "People need help in their own language.",
    },
    "mental_health": {
        "topic": "Mental health support",
        "services": [
            "community-mental-health-team",
            "nhs-talking-therapies",
            "mental-health-crisis-services",
        ],
        "says": [
            "The waiting list for talking therapies is longer than a year.",
            "In a crisis nobody answered the number on the leaflet.",
            "The peer support group at the café is the only thing that helps.",
            "Staff at the crisis team listened and called me back the next day.",
        ],
        "theme": "Mental health help comes too late",
        "easy": "People wait too long for help with their mental health.",
    },
    "digital": {
        "topic": "Digital access",
        "services": ["gp-and-primary-care", "nhs-111"],
        "says": [
            "Everything is an app now and I do not have a smartphone.",
            "The library helped me set up the NHS App, now I can see my results.",
            "Codes sent by text never arrive on my phone.",
        ],
        "theme": "Not everyone can use apps and websites",
        "easy": "Some people cannot use apps or the internet.",
    },
    "travel": {
        "topic": "Getting to appointments",
        "services": ["transport-to-appointments", "hospital-outpatients"],
        "says": [
            "Two buses to the hospital and I miss the appointment if one is late.",
            "Patient transport was refused because I can walk a little.",
            "The new clinic in the community centre saves me a whole day.",
        ],
        "theme": "Appointments are hard to get to",
        "easy": "It is hard to travel to the hospital.",
    },
    "respect": {
        "topic": "Being treated with respect",
        "services": ["aande-and-urgent-care", "gp-and-primary-care"],
        "says": [
            "At A&E they assumed I was drunk because of where I live.",
            "The nurse asked my pronouns and used them, it meant a lot.",
            "Staff talk to my carer instead of me because I use a wheelchair.",
            "They did not believe my pain until I brought my brother.",
        ],
        "theme": "People want to be listened to and believed",
        "easy": "People want staff to listen to them.",
    },
    "housing": {
        "topic": "Housing and health",
        "services": ["housing", "gp-and-primary-care"],
        "says": [
            "Damp in the flat makes my son's asthma worse every winter.",
            "The council moved us three times this year; each time we lose the health visitor.",
            "A housing officer came to the drop-in and sorted the repair within a week.",
            "Temporary accommodation has no cooker, so we live on takeaways.",
        ],
        "theme": "Poor housing is harming people's health",
        "easy": "Damp and cold homes make people ill.",
    },
    "carers": {
        "topic": "Support for unpaid carers",
        "services": ["adult-social-care", "gp-and-primary-care"],
        "says": [
            "Nobody asked whether I could cope looking after my husband at home.",
            "Respite care was cancelled twice with a day's notice.",
            "The carers' centre helped me claim the allowance I was owed.",
            "I am sixteen and I look after my mum; school does not know.",
        ],
        "theme": "Unpaid carers are not noticed or supported",
        "easy": "People who care for family need more help.",
    },
    "maternity": {
        "topic": "Maternity care",
        "services": ["maternity", "hospital-outpatients"],
        "says": [
            "My midwife changed at every visit and I had to retell my story.",
            "No one explained the scan results in Arabic.",
            "The birth partner scheme meant I was not alone on the ward.",
            "Antenatal classes are only in the evenings when I work.",
        ],
        "theme": "Maternity care needs continuity and clear explanations",
        "easy": "Pregnant women want the same midwife each time.",
    },
    "dentist": {
        "topic": "Finding an NHS dentist",
        "services": ["dentistry"],
        "says": [
            "No dentist within twenty miles is taking NHS patients.",
            "I pulled my own tooth because the emergency dentist line was full.",
            "The mobile dental van at the shelter was brilliant.",
        ],
        "theme": "People cannot find an NHS dentist",
        "easy": "It is hard to find a dentist.",
    },
    "pharmacy": {
        "topic": "Pharmacy and medicines",
        "services": ["pharmacy"],
        "says": [
            "The pharmacy keeps running out of my epilepsy tablets.",
            "Prescription charges mean I skip some medicines at the end of the month.",
            "The pharmacist explained my inhaler properly, nobody had before.",
        ],
        "theme": "Getting medicines is unreliable",
        "easy": "Sometimes the chemist does not have people's medicine.",
    },
    "cost_of_living": {
        "topic": "Cost of living",
        "services": ["adult-social-care", "voluntary-and-community-sector-support"],
        "says": [
            "I choose between heating and eating, and my chest is getting worse.",
            "Bus fares to the clinic cost more than our weekly food shop.",
            "The warm space at the library is where I get my health advice now.",
        ],
        "theme": "Money worries stop people looking after their health",
        "easy": "Money worries make it harder to stay well.",
    },
}
# A second sentence added to some notes, so text varies as it does in real notes.
DETAILS = [
    "It happened again last month.",
    "My sister had the same problem.",
    "This has been going on for years.",
    "Several people at the session agreed.",
    "They said they would write it down for the manager.",
    "It took weeks to sort out.",
    "The volunteer helped fill in the form.",
    "Nobody phoned back.",
    "Things got better after the new manager started.",
    "We would come to another session like this.",
    "The leaflet only made sense after someone explained it.",
    "People nodded when this was said.",
]
ACTIONS = [
    (
        "The practice added 30 appointments a day that open at 2pm.",
        "done",
        "The doctors' surgery now has more appointments in the afternoon.",
    ),
    (
        "Interpreters are now booked when the appointment is made.",
        "in_progress",
        "We are booking interpreters earlier.",
    ),
    (
        "A peer support worker joins the crisis line at weekends.",
        "planned",
        "A helper who has been through it will answer the phone at weekends.",
    ),
    ("A second bus route to the hospital.", "not_possible", "We cannot add a new bus route."),
]


@dataclass(frozen=True)
class SampleSummary:
    activities: int
    notes: int
    themes: int
    actions: int


def generate_sample_data(
    session: Session,
    *,
    activities: int = 12,
    notes_per_activity: int = 15,
    seed: int = 1,
    start: date = date(2026, 3, 2),
    progress: Progress | None = None,
) -> SampleSummary:
    """Fill the store with sample data spanning every group, principle, sentiment and kind."""
    progress = progress or NoProgress()
    rng = random.Random(seed)
    groups = list(session.execute(select(Group.id, Group.key, Group.parent_id)))
    parents = {parent for _, _, parent in groups if parent}
    leaf_groups = [gid for gid, _, _ in groups if gid not in parents]
    services = dict(session.execute(select(Service.key, Service.id)).all())
    topic_keys = list(TOPICS)
    total_notes = activities * notes_per_activity
    notes_by_topic: dict[str, list[str]] = {key: [] for key in topic_keys}
    batch: dict[str, list[dict[str, Any]]] = {"notes": [], "ng": [], "np": [], "ns": []}
    made = 0

    def flush_batch() -> None:
        for model, key in (
            (Note, "notes"),
            (NoteGroup, "ng"),
            (NotePrinciple, "np"),
            (NoteService, "ns"),
        ):
            if batch[key]:
                session.execute(insert(model), batch[key])
                batch[key] = []

    for index in range(activities):
        place, area, outward = PLACES[index % len(PLACES)]
        topic_key = topic_keys[index % len(topic_keys)]
        topic = TOPICS[topic_key]
        kind = choices(ActivityKind)[index % len(choices(ActivityKind))]
        starts = datetime.combine(start + timedelta(days=3 * index), datetime.min.time())
        starts += timedelta(hours=10 + index % 6)
        activity_id = new_id()
        reached = rng.sample(leaf_groups, k=min(3, len(leaf_groups)))
        reached.append(leaf_groups[index % len(leaf_groups)])
        session.execute(
            insert(Activity),
            [
                {
                    "id": activity_id,
                    "title": f"{kind.replace('_', ' ').capitalize()}: {topic['topic']} ({area})",
                    "kind": kind,
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "place": place,
                    "area": area,
                    "postcode_outward": outward,
                    "lead": LEADS[index % len(LEADS)],
                    "partners": rng.sample(PARTNERS, k=2),
                    "topic": topic["topic"],
                    "people_reached": rng.randint(6, 60),
                    "adjustments": rng.sample(ADJUSTMENTS, k=rng.randint(0, 3)),
                    "status": "done",
                }
            ],
        )
        session.execute(
            insert(ActivityGroup),
            [
                {"activity_id": activity_id, "group_id": gid, "count": rng.randint(1, 15)}
                for gid in dict.fromkeys(reached)
            ],
        )
        for n in range(notes_per_activity):
            note_topic = topic_key if rng.random() < 0.7 else rng.choice(topic_keys)
            says = TOPICS[note_topic]["says"]
            note_id = new_id()
            made += 1
            sentiment = choices(Sentiment)[made % len(choices(Sentiment))]
            batch["notes"].append(
                {
                    "id": note_id,
                    "activity_id": activity_id,
                    "body": _note_body(rng, says[(n + index) % len(says)]),
                    "kind": choices(NoteKind)[made % len(choices(NoteKind))],
                    "sentiment": sentiment,
                    "speaker": rng.choice(SPEAKERS),
                    "consent_to_quote": rng.random() < 0.75,
                    "consent_to_share": rng.random() < 0.85,
                    "safeguarding": rng.random() < 0.02,
                    "needs_review": False,
                    "created_at": starts + timedelta(minutes=n),
                    "updated_at": starts + timedelta(minutes=n),
                }
            )
            tagged = {reached[n % len(reached)], leaf_groups[made % len(leaf_groups)]}
            batch["ng"].extend({"note_id": note_id, "group_id": gid} for gid in tagged)
            principles = {made % 10 + 1, rng.randint(1, 10)}
            batch["np"].extend({"note_id": note_id, "principle_number": p} for p in principles)
            batch["ns"].extend(
                {"note_id": note_id, "service_id": services[key]}
                for key in TOPICS[note_topic]["services"]
                if key in services
            )
            notes_by_topic[note_topic].append(note_id)
            if len(batch["notes"]) >= 2000:
                flush_batch()
                progress.report(made, total_notes, "Creating sample notes")
        flush_batch()
    themes, actions = _add_themes(session, rng, notes_by_topic)
    audit.record(session, "sample_data.generate", "store", "sample")
    progress.report(total_notes, total_notes, "Sample data ready")
    return SampleSummary(activities, made, themes, actions)


def _note_body(rng: random.Random, said: str) -> str:
    return f"{said} {rng.choice(DETAILS)}" if rng.random() < 0.5 else said


def _add_themes(
    session: Session, rng: random.Random, notes_by_topic: dict[str, list[str]]
) -> tuple[int, int]:
    themes = actions = 0
    for position, (key, note_ids) in enumerate(notes_by_topic.items()):
        if not note_ids:
            continue
        topic = TOPICS[key]
        theme_id = new_id()
        session.execute(
            insert(Theme),
            [
                {
                    "id": theme_id,
                    "title": topic["theme"],
                    "description": f"{topic['topic']}: {len(note_ids)} comments from our sessions.",
                    "easy_read_summary": topic["easy"],
                    "status": "open",
                }
            ],
        )
        linked = note_ids[:500]
        session.execute(insert(ThemeNote), [{"theme_id": theme_id, "note_id": n} for n in linked])
        themes += 1
        if position >= len(ACTIONS):
            continue  # some themes have no action yet: an open feedback loop to show
        what, status, easy = ACTIONS[position]
        session.execute(
            insert(Action),
            [
                {
                    "id": new_id(),
                    "theme_id": theme_id,
                    "what_we_did": what,
                    "easy_read_summary": easy,
                    "status": status,
                    "not_possible_reason": (
                        "The bus company decides routes; we passed your views to the council's "
                        "transport committee."
                        if status == "not_possible"
                        else ""
                    ),
                    "owner": rng.choice(LEADS),
                    "due_on": date(2026, 9, 30),
                    "completed_on": date(2026, 8, 14) if status == "done" else None,
                    "decision_forum": "Place partnership board",
                    "fed_back_on": date(2026, 9, 2) if position == 0 else None,
                    "fed_back_how": "Community newsletter and drop-in" if position == 0 else "",
                }
            ],
        )
        actions += 1
    return themes, actions
