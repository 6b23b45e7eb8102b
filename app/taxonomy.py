"""Editing the groups and services lists (the principles are fixed)."""

from __future__ import annotations

from app.changes import Changes, returning
from domain import taxonomy

TAXONOMY = Changes(taxonomy=True)

add_group = returning(TAXONOMY, taxonomy.add_group)
rename_group = returning(TAXONOMY, taxonomy.rename_group)
move_group = returning(TAXONOMY, taxonomy.move_group)
retire_group = returning(TAXONOMY, taxonomy.retire_group)
reinstate_group = returning(TAXONOMY, taxonomy.reinstate_group)
add_service = returning(TAXONOMY, taxonomy.add_service)
rename_service = returning(TAXONOMY, taxonomy.rename_service)
retire_service = returning(TAXONOMY, taxonomy.retire_service)
reinstate_service = returning(TAXONOMY, taxonomy.reinstate_service)
