"""A note's fields are declared once (domain.note_fields.NoteFields, plus the entity's columns
and their migration): no other module lists them by hand, so adding a field or a flag touches
that declaration and every layer follows."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from domain.note_fields import EDIT_FIELDS, TAG_FIELDS
from domain.views import NoteHit, NoteView
from tests.architecture.test_house_rules import ROOT, _product_modules

# A display (tuple, list, set, dict, call, class body) naming this many of a note's fields is
# a hand list of them.
HAND_LIST = 4

# Where naming the fields one by one is the point, and why.
ALLOWED = {
    "models/entities.py": "the Note entity's columns: the store's half of the declaration",
    "domain/note_fields.py": "the declaration itself, and what it reads from a saved note",
    "domain/views.py": "the typed read views; the test below holds them to the declaration",
    "domain/errors.py": "words for every entity's fields in messages (unknown ones fall back)",
    "domain/report_themes.py": "the quote rule's inputs, named because the rule reads each one",
    "domain/report_content.py": "the quote rule's inputs, named because the rule reads each one",
    "domain/sample_data.py": "the demo recipe sets each field on purpose",
    "exporters/xlsx/template.py": "the typing-up template's worked example row",
}


def _name(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _displays(tree: ast.AST) -> Iterator[tuple[int, list[str | None]]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            yield node.lineno, [_name(element) for element in node.elts]
        elif isinstance(node, ast.Dict):
            yield node.lineno, [_name(key) for key in node.keys]
        elif isinstance(node, ast.Call):
            yield node.lineno, [k.arg for k in node.keywords] + [_name(a) for a in node.args]
        elif isinstance(node, ast.ClassDef):
            yield (
                node.lineno,
                [
                    line.target.id
                    for line in node.body
                    if isinstance(line, ast.AnnAssign) and isinstance(line.target, ast.Name)
                ],
            )


def hand_lists(source: str) -> list[int]:
    """The lines where `source` lists a note's fields by hand."""
    fields = set(EDIT_FIELDS)
    return sorted(
        line
        for line, names in _displays(ast.parse(source))
        if len(fields.intersection(n for n in names if n)) >= HAND_LIST
    )


def test_no_module_lists_a_notes_fields_by_hand() -> None:
    found = {
        path.relative_to(ROOT).as_posix(): lines
        for path in _product_modules()
        if (lines := hand_lists(path.read_text(encoding="utf-8")))
        and path.relative_to(ROOT).as_posix() not in ALLOWED
    }
    assert found == {}, f"derive these from domain.note_fields instead: {found}"


def test_the_scan_sees_a_hand_list() -> None:
    assert hand_lists("row = Row(body=b, kind=k, sentiment=s, consent_to_quote=q)") == [1]
    assert hand_lists("COLUMNS = ('body', 'kind', 'sentiment', 'safeguarding')") == [1]
    assert hand_lists("row = Row(**{name: getattr(note, name) for name in EDIT_FIELDS})") == []
    for allowed in ALLOWED:
        assert (ROOT / allowed).exists(), allowed


def test_the_read_views_carry_every_declared_field() -> None:
    for view in (NoteView, NoteHit):
        assert set(EDIT_FIELDS) <= set(view._fields), view
    tags = {"groups": "group_keys", "principles": "principle_numbers", "services": "service_keys"}
    assert set(tags) == set(TAG_FIELDS) and set(tags.values()) <= set(NoteView._fields)
