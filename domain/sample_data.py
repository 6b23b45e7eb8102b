"""A deterministic generator of realistic sample activities, notes, themes and actions.

Used by `--demo`, `python main.py demo` and the benchmarks; the same seed gives the same store.
Rows are inserted in bulk (one statement per table and batch) so 100,000 notes take seconds.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain import audit
from domain.errors import DomainError
from domain.organisation import give_sample_organisation
from domain.progress import NoProgress, Progress
from domain.sample_loop import ACTIONS, EASY_READ_TITLES, SUMMARIES
from domain.vocabulary import ActionStatus, ActivityKind, choices
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    AuditEntry,
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
    ("Bridlington seafront hub", "Bridlington", "YO15"),
    ("Otley market stall", "Otley", "LS21"),
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


def _load_scenarios() -> dict[str, dict[str, Any]]:
    text = resources.files("resources").joinpath("demo", "scenarios.json").read_text("utf-8")
    topics: dict[str, dict[str, Any]] = json.loads(text)["topics"]
    return topics


# Topic → activity topic, services, theme title, Easy Read summary and the notes people gave:
# each note's kind, sentiment, groups, principles and consent were chosen to fit its words.
TOPICS = _load_scenarios()


@dataclass(frozen=True)
class SampleSummary:
    activities: int
    notes: int
    themes: int
    actions: int


class SampleDataExists(DomainError):
    """The store already holds the sample data: adding it again would duplicate everything."""


def has_sample_data(session: Session) -> bool:
    query = select(AuditEntry.id).where(AuditEntry.action == "sample_data.generate").limit(1)
    return session.scalar(query) is not None


def _notes_for(index: int, topic_key: str, count: int) -> list[tuple[str, dict[str, Any]]]:
    """The activity's own topic first, then the other topics in turn: no note repeats until
    every scenario has been used (only the benchmarks' 100-note activities go that far)."""
    own = TOPICS[topic_key]["notes"]
    others = [key for key in TOPICS if key != topic_key]
    others = others[index % len(others) :] + others[: index % len(others)]
    order = [(topic_key, own[(index + k) % len(own)]) for k in range(len(own))]
    longest = max(len(TOPICS[key]["notes"]) for key in others)
    for k in range(longest):
        for key in others:
            notes = TOPICS[key]["notes"]
            if k < len(notes):
                order.append((key, notes[(index + k) % len(notes)]))
    return [order[n % len(order)] for n in range(count)]


def generate_sample_data(
    session: Session,
    *,
    activities: int = 12,
    notes_per_activity: int = 15,
    seed: int = 1,
    start: date = date(2026, 3, 2),
    progress: Progress | None = None,
) -> SampleSummary:
    """Fill the store with sample data spanning every group, principle, sentiment and kind.

    Raises SampleDataExists when the sample is already there (a second run would duplicate it).
    """
    if has_sample_data(session):
        raise SampleDataExists(
            "this store already has the sample data: nothing was added "
            "(use a new store, e.g. --store PATH, for another copy)"
        )
    progress = progress or NoProgress()
    rng = random.Random(seed)
    group_ids = dict(session.execute(select(Group.key, Group.id)).all())
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
        topic_key = topic_keys[index % len(topic_keys)]
        chosen = _notes_for(index, topic_key, notes_per_activity)
        activity_id, starts = _add_activity(session, rng, index, topic_key, start)
        reached = dict.fromkeys(g for _, note in chosen for g in note["groups"] if g in group_ids)
        session.execute(
            insert(ActivityGroup),
            [
                {"activity_id": activity_id, "group_id": group_ids[g], "count": rng.randint(1, 15)}
                for g in reached
            ],
        )
        for n, (note_topic, note) in enumerate(chosen):
            note_id = new_id()
            made += 1
            at = starts + timedelta(minutes=n)
            batch["notes"].append(_note_row(rng, note, note_id, activity_id, at))
            _queue_tags(batch, note_id, note, TOPICS[note_topic]["services"], group_ids, services)
            notes_by_topic[note_topic].append(note_id)
            if len(batch["notes"]) >= 2000:
                flush_batch()
                progress.report(made, total_notes, "Creating sample notes")
        flush_batch()
    themes, actions = _add_themes(session, rng, notes_by_topic)
    give_sample_organisation(session)  # so `demo` then `report` works at once
    audit.record(session, "sample_data.generate", "store", "sample")
    progress.report(total_notes, total_notes, "Sample data ready")
    return SampleSummary(activities, made, themes, actions)


def _add_activity(
    session: Session, rng: random.Random, index: int, topic_key: str, start: date
) -> tuple[str, datetime]:
    place, area, outward = PLACES[index % len(PLACES)]
    topic = TOPICS[topic_key]
    kind = choices(ActivityKind)[index % len(choices(ActivityKind))]
    if kind == ActivityKind.ONLINE_SESSION:
        place = "Video call"  # online: the area is whose it was, the place no building
    starts = datetime.combine(start + timedelta(days=3 * index), datetime.min.time())
    starts += timedelta(hours=10 + index % 6)
    activity_id = new_id()
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
    return activity_id, starts


def _queue_tags(
    batch: dict[str, list[dict[str, Any]]],
    note_id: str,
    note: dict[str, Any],
    service_keys: list[str],
    group_ids: dict[str, str],
    service_ids: dict[str, str],
) -> None:
    batch["ng"].extend(
        {"note_id": note_id, "group_id": group_ids[g]} for g in note["groups"] if g in group_ids
    )
    batch["np"].extend({"note_id": note_id, "principle_number": p} for p in note["principles"])
    batch["ns"].extend(
        {"note_id": note_id, "service_id": service_ids[k]} for k in service_keys if k in service_ids
    )


def _note_row(
    rng: random.Random, note: dict[str, Any], note_id: str, activity_id: str, at: datetime
) -> dict[str, Any]:
    return {
        "id": note_id,
        "activity_id": activity_id,
        "body": note["text"],
        "kind": note["kind"],
        "sentiment": note["sentiment"],
        "speaker": note["speaker"],
        # Most people asked agree; a few do not, so reports show what consent leaves out.
        "consent_to_quote": note["consent_to_quote"] and rng.random() < 0.9,
        "consent_to_share": rng.random() < 0.9,
        "safeguarding": note["safeguarding"],
        "needs_review": False,
        "created_at": at,
        "updated_at": at,
    }


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
                    "description": SUMMARIES.get(key, topic["topic"]),
                    "easy_read_summary": topic["easy"],
                    "easy_read_title": EASY_READ_TITLES.get(key, ""),
                    "report_back_on": date(2027, 1, 15) + timedelta(days=7 * (position % 6)),
                    "status": "open",
                }
            ],
        )
        linked = note_ids[:500]
        session.execute(insert(ThemeNote), [{"theme_id": theme_id, "note_id": n} for n in linked])
        themes += 1
        if key not in ACTIONS:
            continue  # some themes have no action yet: an open feedback loop to show
        what, status, easy, late_reason = ACTIONS[key]
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
                        if status == ActionStatus.NOT_POSSIBLE
                        else ""
                    ),
                    "owner": rng.choice(LEADS),
                    "due_on": date(2026, 9, 30),
                    "completed_on": date(2026, 8, 14) if status == "done" else None,
                    "decision_forum": "Place partnership board",
                    "fed_back_on": date(2026, 9, 2) if position == 0 else None,
                    "fed_back_how": "Community newsletter and drop-in" if position == 0 else "",
                    "late_reason": late_reason,
                }
            ],
        )
        actions += 1
    return themes, actions
