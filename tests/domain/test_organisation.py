"""Who reports come from: stored, checked, required, and given to sample stores."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.errors import InvalidInput
from domain.organisation import (
    SAMPLE_ORGANISATION,
    Organisation,
    OrganisationIncomplete,
    organisation,
    require_organisation,
    save_organisation,
)
from domain.report_content import ContactDetails
from domain.sample_data import generate_sample_data
from models.database import Store
from models.entities import Meta

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_new_store_names_what_reports_still_need(empty_store: Store) -> None:
    with empty_store.session() as session, pytest.raises(OrganisationIncomplete) as refused:
        require_organisation(session)
    assert refused.value.missing == (
        "the organisation's name",
        "a way to contact you (phone, email or postal address)",
    )
    assert "before the first report" in str(refused.value)


def test_details_round_trip_tidied_and_name_kept_for_older_readers(empty_store: Store) -> None:
    details = Organisation(
        name="  Leeds   Voices ",
        contact=ContactDetails(
            phone=" 0113 496 0000 ",
            email="hello@example.org",
            post="1 Example Street\n\n  Leeds LS1 1AA ",
            text_relay="18001 0113 496 0000",
            logo=PNG,
        ),
    )
    with empty_store.session() as session:
        save_organisation(session, details)
    with empty_store.session() as session:
        stored = require_organisation(session)
        legacy = session.scalar(select(Meta.value).where(Meta.key == "organisation"))
    assert stored.name == "Leeds Voices" == legacy
    assert stored.contact.post == "1 Example Street\nLeeds LS1 1AA"
    assert stored.contact.logo == PNG
    assert stored.contact.ways == (
        ("Phone", "0113 496 0000"),
        ("Text relay", "18001 0113 496 0000"),
        ("Email", "hello@example.org"),
        ("Post", "1 Example Street, Leeds LS1 1AA"),
    )


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (ContactDetails(email="not an address"), "email"),
        (ContactDetails(phone="call me"), "phone"),
        (ContactDetails(text_relay="relay"), "text_relay"),
        (ContactDetails(phone="0113 496 0000", logo=b"GIF89a..."), "logo"),
    ],
)
def test_bad_details_are_named_and_change_nothing(
    empty_store: Store, contact: ContactDetails, field: str
) -> None:
    with empty_store.session() as session:
        save_organisation(session, SAMPLE_ORGANISATION)
    with empty_store.session() as session:
        with pytest.raises(InvalidInput) as refused:
            save_organisation(session, Organisation(name="Other", contact=contact))
        assert refused.value.field == field
    with empty_store.session() as session:
        assert organisation(session) == SAMPLE_ORGANISATION


def test_sample_data_brings_a_sample_organisation_but_keeps_a_given_name(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        save_organisation(session, Organisation(name="Healthwatch Somewhere"))
        generate_sample_data(session, activities=2, notes_per_activity=2)
    with empty_store.session() as session:
        stored = require_organisation(session)
    assert stored.name == "Healthwatch Somewhere"
    assert stored.contact == SAMPLE_ORGANISATION.contact
