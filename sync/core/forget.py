"""History that forgets: the earlier texts an edit took out of a field leave the op log too.

A version of a free-text field is forgotten (its text in the logged op blanked to "") once a
later version replaces it (names it in `prev`) without containing it: a redaction, or any edit
that removed words. A version whose text lives on whole in what replaced it is kept (it tells
nothing the current text does not), unless what replaced it is forgotten in turn. Blanking a
replaced version never changes the merged state (`fold` shows only versions no edit replaced),
and the forgotten set depends only on which ops a store holds, so every device forgets the same.

Copies elsewhere are noted for rewriting: this device's folder bundles holding a forgotten op
(sync.rewrite) and server rows of ops already on the PostgreSQL server (sync.forget_server).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, and_, bindparam, or_, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.entities import Meta
from sync.core.codec import encode_body
from sync.core.ops import ADD, PUT, Op, OpRef
from sync.core.schema import SyncBundle, SyncBundleRewrite, SyncOp, SyncServerRewrite
from sync.core.tables import BY_ENTITY

BLANK = ""
_CHUNK = 400


def forgotten(ops: Iterable[Op], text_fields: frozenset[str]) -> dict[OpRef, frozenset[str]]:
    """The text fields of which logged ops must be blank (a pure function of the ops)."""
    by_ref = {op.ref: op for op in ops}
    replacers: dict[tuple[OpRef, str], list[OpRef]] = {}
    for op in by_ref.values():
        if op.kind not in (PUT, ADD):
            continue
        for name, refs in op.prev.items():
            if name in text_fields:
                for ref in refs:
                    replacers.setdefault((ref, name), []).append(op.ref)
    blank: set[tuple[OpRef, str]] = set()
    changed = True
    while changed:  # a version forgotten may make what it replaced forgotten too
        changed = False
        for (ref, name), by in replacers.items():
            if (ref, name) not in blank and _outlived(by_ref, ref, name, by, blank):
                blank.add((ref, name))
                changed = True
    found: dict[OpRef, set[str]] = {}
    for ref, name in blank:
        found.setdefault(ref, set()).add(name)
    return {ref: frozenset(names) for ref, names in found.items()}


def _outlived(
    by_ref: Mapping[OpRef, Op],
    ref: OpRef,
    name: str,
    replaced_by: Sequence[OpRef],
    blank: set[tuple[OpRef, str]],
) -> bool:
    """Whether this version's text is missing from some version that replaced it."""
    op = by_ref.get(ref)
    old = op.values.get(name) if op is not None else None
    if not isinstance(old, str) or old == BLANK:
        return False  # nothing (left) to forget
    for other in replaced_by:
        new = BLANK if (other, name) in blank else by_ref[other].values.get(name)
        if not isinstance(new, str) or old not in new:
            return True
    return False


def blanked(op: Op, names: frozenset[str]) -> Op:
    """The op with these text fields blanked (the same op otherwise)."""
    values = {name: (BLANK if name in names else value) for name, value in op.values.items()}
    return Op(op.ref, op.hlc, op.entity, op.key, op.kind, values, op.prev)


def forget_replaced(
    connection: Connection, text_fields: frozenset[str], logged: Mapping[str, Sequence[Op]]
) -> list[Op]:
    """Blank, in the log, the versions the ops of these keys have forgotten; return them."""
    changed: list[Op] = []
    for ops in logged.values():
        if not any(op.prev for op in ops):
            continue
        forgets = forgotten(ops, text_fields)
        for op in ops:
            names = forgets.get(op.ref)
            if names and any(op.values.get(name) != BLANK for name in names):
                changed.append(blanked(op, names))
    if changed:
        connection.execute(
            update(SyncOp)
            .where(
                SyncOp.device_id == bindparam("d"),
                SyncOp.changeset == bindparam("c"),
                SyncOp.idx == bindparam("i"),
            )
            .values(body=bindparam("b")),
            [
                {"d": op.ref[0], "c": op.ref[1], "i": op.ref[2], "b": encode_body(op)}
                for op in changed
            ],
        )
        note_copies(connection, [op.ref for op in changed], server=True)
    return changed


def forget_after_edits(
    connection: Connection, ops: Sequence[Op], logged: Mapping[str, Mapping[str, Sequence[Op]]]
) -> None:
    """After local ops are logged: what their text edits replaced, the log forgets if due.
    `logged` holds every logged op (these included) of the keys they edit, by entity."""
    for entity, by_key in logged.items():
        spec = BY_ENTITY[entity]
        edited = {
            op.key
            for op in ops
            if op.entity == entity and op.kind == PUT and spec.text_fields.intersection(op.prev)
        }
        if edited:
            forget_replaced(connection, spec.text_fields, {key: by_key[key] for key in edited})


def note_copies(connection: Connection, refs: Sequence[OpRef], *, server: bool) -> None:
    """Note where copies of these ops' old content may remain: this device's published bundles
    (its own ops, and ops it relayed from the server) and, if asked, the server's rows."""
    me = connection.scalar(select(Meta.value).where(Meta.key == "device_id"))
    seqs: set[int] = set()
    on_server: list[OpRef] = []
    for start in range(0, len(refs), _CHUNK):
        chunk = [tuple(ref) for ref in refs[start : start + _CHUNK]]
        rows = connection.execute(
            select(SyncOp.device_id, SyncOp.changeset, SyncOp.idx, SyncOp.bundle_seq)
            .add_columns(SyncOp.on_server)
            .where(tuple_(SyncOp.device_id, SyncOp.changeset, SyncOp.idx).in_(chunk))
        )
        for device_id, changeset, idx, bundle_seq, pushed in rows:
            if bundle_seq and (device_id == me or pushed):
                seqs.add(bundle_seq)  # a relayed op is checked against the file itself
            if pushed:
                on_server.append((device_id, changeset, idx))
    if seqs:
        published = connection.scalars(
            select(SyncBundle.seq).where(
                SyncBundle.direction == "out",
                SyncBundle.device_id == me,
                SyncBundle.seq.in_(sorted(seqs)),
            )
        ).all()
        if published:
            connection.execute(
                sqlite_insert(SyncBundleRewrite).on_conflict_do_nothing(),
                [{"seq": seq} for seq in published],
            )
    if server and on_server:
        connection.execute(
            sqlite_insert(SyncServerRewrite).on_conflict_do_nothing(),
            [{"device_id": d, "changeset": c, "idx": i} for d, c, i in on_server],
        )


def note_purged(connection: Connection, entity: str, key: str) -> None:
    """A purge is about to blank a key's ops: note this device's bundles that hold them (the
    server erases its own copies when the purge reaches it)."""
    refs = [
        (d, c, i)
        for d, c, i in connection.execute(
            select(SyncOp.device_id, SyncOp.changeset, SyncOp.idx).where(
                SyncOp.entity == entity,
                SyncOp.key == key,
                and_(SyncOp.kind != "purge", or_(SyncOp.body != "{}", SyncOp.body.is_(None))),
            )
        )
    ]
    if refs:
        note_copies(connection, refs, server=False)


__all__ = [
    "BLANK",
    "blanked",
    "forget_after_edits",
    "forget_replaced",
    "forgotten",
    "note_copies",
    "note_purged",
]
