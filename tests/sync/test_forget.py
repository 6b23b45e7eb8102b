"""History that forgets, over a shared folder: a redacted or removed text leaves every op log and
every bundle, devices joining later still converge, and nothing is taken for a cloned device."""

from __future__ import annotations

import subprocess
import sys
import types
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.erasure import erase
from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, update_note
from domain.review import redact_for_review
from models.database import Store
from sync.bundles import open_bundle
from sync.core.forget import forgotten
from sync.core.ops import PUT, Hlc, Op
from sync.core.schema import SyncBundle, SyncQuarantine
from sync.digest import state_digest
from sync.exchange import apply_received
from sync.folder import SyncFolder
from sync.folder_sync import sync_now
from sync.receive import receive_bundles
from sync.report import SyncReport
from tests.sync.conftest import MakeDevice
from tests.sync.traces import found_in_folder, found_in_store

PHONE = "07700 900123"
FIRST = f"Said her son's number is {PHONE}; the GP would not listen"
ADDED = " and the receptionist laughed at the Wrenfeather estate"


def _op(n: int, body: str, replaces: tuple[int, ...] = ()) -> Op:
    prev = {"body": tuple(("d", i, 0) for i in replaces)} if replaces else {}
    return Op(("d", n, 0), Hlc(n, 0), "note", "k", PUT, {"body": body}, prev)


def test_only_versions_whose_text_an_edit_removed_are_forgotten() -> None:
    fields = frozenset({"body"})
    grown = [_op(1, "a"), _op(2, "a b", (1,))]
    assert forgotten(grown, fields) == {}
    cut = [*grown, _op(3, "b", (2,))]
    # "a b" is gone from the current text; "a" lived on only inside it, so it goes too.
    assert forgotten(cut, fields) == {("d", 1, 0): fields, ("d", 2, 0): fields}
    # A concurrent version nobody replaced stays (it is a head: a conflict to resolve).
    assert forgotten([_op(1, "a"), _op(2, "b")], fields) == {}


def _digests(*stores: Store) -> set[str]:
    found = set()
    for store in stores:
        with store.session() as session:
            found.add(state_digest(session))
    return found


def _sync(folder: Path, key: bytes, *stores: Store) -> None:
    for store in stores:
        report = sync_now(store, folder, key)
        assert not report.problems, report.problems


def _one_file_per_bundle(folder: Path) -> None:
    for device, files in SyncFolder(folder).list_bundles().items():
        seqs = [file.seq for file in files]
        assert len(seqs) == len(set(seqs)), device


def test_a_redacted_identifier_leaves_every_log_and_bundle(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    with a.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
        ).id
        note = create_note(
            session, activity_id=activity, fields=NoteFields(body=FIRST), needs_review=True
        ).id
    _sync(sync_folder, org_key, a, b, c)
    with b.session() as session:  # another laptop adds to it: the number is in two versions
        update_note(session, note_id=note, edit=NoteEdit.of(body=FIRST + ADDED))
    _sync(sync_folder, org_key, b, a, c)
    assert found_in_folder(sync_folder, org_key, PHONE)

    with a.session() as session:
        redact_for_review(session, note_id=note)
    _sync(sync_folder, org_key, a, b, c, a)

    for store in (a, b, c):
        assert found_in_store(store, PHONE) == [], store.path
        with store.session() as session:
            body = get_note(session, note_id=note).body
            assert "[phone number removed]" in body and "Wrenfeather" in body
            assert session.scalar(select(func.count()).select_from(SyncQuarantine)) == 0
    assert found_in_folder(sync_folder, org_key, PHONE) == []
    _one_file_per_bundle(sync_folder)
    with a.session() as session:
        assert session.scalar(select(func.max(SyncBundle.revision))) == 1

    late = make_device("late")  # joins after the rewrites: reads the rewritten bundles only
    _sync(sync_folder, org_key, late)
    assert found_in_store(late, PHONE) == []
    assert len(_digests(a, b, c, late)) == 1


def test_an_edit_that_removes_words_forgets_them_and_one_that_adds_keeps_history(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 2)
        ).id
        note = create_note(
            session, activity_id=activity, fields=NoteFields(body="Met Mrs Thistlewood at the bus")
        ).id
    _sync(sync_folder, org_key, a, b)
    with b.session() as session:
        update_note(
            session,
            note_id=note,
            edit=NoteEdit.of(body="Met Mrs Thistlewood at the bus stop today"),
        )
    _sync(sync_folder, org_key, b, a)
    with a.session() as session:  # nothing removed: no bundle is rewritten
        assert session.scalar(select(func.max(SyncBundle.revision))) == 0
    with b.session() as session:
        assert session.scalar(select(func.max(SyncBundle.revision))) == 0

    with a.session() as session:
        update_note(
            session, note_id=note, edit=NoteEdit.of(body="Met a woman at the bus stop today")
        )
    _sync(sync_folder, org_key, a, b, a)
    for store in (a, b):
        assert found_in_store(store, "Thistlewood") == []
    assert found_in_folder(sync_folder, org_key, "Thistlewood") == []
    assert len(_digests(a, b)) == 1


def test_an_erased_note_leaves_no_bundle_and_a_late_device_converges(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    with a.session() as session:
        activity = create_activity(
            session, title="Group", kind="focus_group", starts_at=datetime(2026, 5, 3)
        ).id
        body = "Orrinwold told us about her flat"
        note = create_note(session, activity_id=activity, fields=NoteFields(body=body)).id
        create_note(session, activity_id=activity, fields=NoteFields(body="Buses are too dear"))
    _sync(sync_folder, org_key, a, b, c)
    with c.session() as session:
        update_note(
            session,
            note_id=note,
            edit=NoteEdit.of(body="Orrinwold told us about her flat and landlord"),
        )
    _sync(sync_folder, org_key, c, b, a)
    erase(b, [note])
    _sync(sync_folder, org_key, b, a, c, b)
    assert found_in_folder(sync_folder, org_key, "Orrinwold") == []
    _one_file_per_bundle(sync_folder)
    late = make_device("late")
    _sync(sync_folder, org_key, late)
    for store in (a, b, c, late):
        assert found_in_store(store, "Orrinwold") == [], store.path
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(SyncQuarantine)) == 0
    assert len(_digests(a, b, c, late)) == 1


# The release before rewrites: its bundle reader must still open a rewritten bundle.
_BEFORE_REWRITES = "73a92a92cf072cbb01d7eb89bb13cb5a5f10db89"


def _reader_before_rewrites() -> Any:
    root = Path(__file__).resolve().parents[2]
    try:
        source = subprocess.run(
            ["git", "-C", str(root), "show", f"{_BEFORE_REWRITES}:sync/bundles.py"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the earlier release's source is not in this checkout's history")
    module = types.ModuleType("bundles_before_rewrites")
    sys.modules[module.__name__] = module  # its dataclasses look their module up
    exec(compile(source, "bundles_before_rewrites.py", "exec"), module.__dict__)
    return module


def test_a_reader_from_before_rewrites_opens_a_rewritten_bundle(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a = make_device("a")
    with a.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 4)
        ).id
        note = create_note(session, activity_id=activity, fields=NoteFields(body=FIRST)).id
    _sync(sync_folder, org_key, a)
    with a.session() as session:
        update_note(session, note_id=note, edit=NoteEdit.of(body="Said the GP would not listen"))
    _sync(sync_folder, org_key, a)
    first = SyncFolder(sync_folder).list_bundles()[a.device_id][0]
    data = first.path.read_bytes()
    assert open_bundle(data, key=org_key, name=first.name).header.revision == 1
    old = _reader_before_rewrites().open_bundle(data, key=org_key, name=first.name)
    bodies = [op.values.get("body") for op in old.ops if op.entity == "note"]
    assert bodies == [""]  # the version it holds is blanked, the op itself is all there


def test_a_bundle_replaced_while_another_laptop_reads_the_folder_is_only_read_later(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5)
        ).id
        note = create_note(
            session, activity_id=activity, fields=NoteFields(body="Met Mr Gorsebrook at the bus")
        ).id
    _sync(sync_folder, org_key, a, b)
    late = make_device("late")
    transport = SyncFolder(sync_folder)
    listed = transport.list_bundles()  # what the late laptop saw, before a replaces the file
    for body in ("Met Mr Gorsebrook at the stop", "Met a man at the stop"):
        with a.session() as session:
            update_note(session, note_id=note, edit=NoteEdit.of(body=body))
        _sync(sync_folder, org_key, a)
        if body.startswith("Met Mr"):
            listed_by_b = transport.list_bundles()  # b sees the first rewrite, then it goes too
    report = SyncReport()
    apply_received(late, receive_bundles(late, transport, org_key, report, listed)[0], report)
    assert report.applied == 0 and "removed while this sync read the folder" in report.problems[0]
    report = SyncReport()
    apply_received(b, receive_bundles(b, transport, org_key, report, listed_by_b)[0], report)
    with b.session() as session:  # b had applied the bundle: its replacement is no clone
        assert session.scalar(select(func.count()).select_from(SyncQuarantine)) == 0
    _sync(sync_folder, org_key, late, b)
    assert found_in_store(late, "Gorsebrook") == [] and found_in_store(b, "Gorsebrook") == []
    assert len(_digests(a, b, late)) == 1
