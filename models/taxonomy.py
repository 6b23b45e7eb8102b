"""Seeds the 10 principles, the default excluded-groups taxonomy and services from resources/."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Group, Principle, Service


def load_taxonomy(name: str) -> dict[str, Any]:
    text = resources.files("resources").joinpath("taxonomy", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def seed_reference_data(session: Session) -> None:
    """Add whatever reference rows are missing; existing (possibly edited) rows are kept."""
    have_principles = set(session.scalars(select(Principle.number)))
    for item in load_taxonomy("principles.json")["principles"]:
        if item["number"] not in have_principles:
            session.add(Principle(number=item["number"], short=item["short"], text=item["text"]))

    groups = load_taxonomy("excluded-groups.json")
    have_groups = set(session.scalars(select(Group.key)))
    position = 0

    def add_groups(items: list[dict[str, Any]], parent: Group | None) -> None:
        nonlocal position
        for item in items:
            position += 1
            group = Group(
                key=item["key"],
                label=item["label"],
                note=item.get("note", ""),
                source="default taxonomy",
                position=position,
                parent_id=parent.id if parent else None,
            )
            if item["key"] not in have_groups:
                session.add(group)
                session.flush()
            else:
                group = session.scalars(select(Group).where(Group.key == item["key"])).one()
            add_groups(item.get("children", []), group)

    add_groups(groups["groups"], None)

    have_services = set(session.scalars(select(Service.key)))
    for position, item in enumerate(load_taxonomy("services.json")["services"], start=1):
        if item["key"] not in have_services:
            session.add(Service(key=item["key"], label=item["label"], position=position))
