"""Typed errors of the domain layer; every message is safe to show and never holds note text."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a use case raises on purpose."""


class NotFound(DomainError):
    def __init__(self, entity: str, entity_id: str) -> None:
        super().__init__(f"no {entity} with id {entity_id}")
        self.entity = entity
        self.entity_id = entity_id


# What people call each field: messages name fields in words, never by their internal names.
FIELD_LABELS = {
    "body": "Note text",
    "title": "Title",
    "kind": "Kind",
    "sentiment": "Sentiment",
    "speaker": "Speaker",
    "starts_at": "Starts on",
    "ends_at": "Ends at",
    "starts_before": "Date range",
    "place": "Place",
    "area": "Area",
    "postcode_outward": "Postcode",
    "lead": "Lead",
    "partners": "Partners",
    "topic": "Topic",
    "people_reached": "People reached",
    "adjustments": "Adjustments",
    "status": "Status",
    "groups_reached": "Groups reached",
    "groups": "Groups",
    "group": "Group",
    "principles": "Principles",
    "principle": "Principle",
    "services": "Services",
    "needs_review": "Review",
    "what_we_did": "What we did",
    "not_possible_reason": "Reason it is not possible",
    "easy_read_summary": "Easy Read summary",
    "due_on": "Due on",
    "completed_on": "Completed on",
    "fed_back_on": "Fed back on",
    "fed_back_how": "Fed back how",
    "decision_forum": "Decision forum",
    "owner": "Owner",
    "label": "Name",
    "parent": "Part of",
    "offset": "Page",
    "sort": "Sort order",
    "slot": "Draft",
    "quotes": "Quotes per theme",
    "variant": "Report variant",
    "out": "Output file",
    "scope": "Scope",
    "notes": "Notes",
    "entity": "Record",
    "device": "Device",
    "bundle": "Bundle",
    "to": "To",
    "from": "From",
}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


class InvalidInput(DomainError):
    """A field has a value the domain cannot accept; the message names the field in words."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field_label(field)}: {reason}")
        self.field = field
        self.reason = reason
