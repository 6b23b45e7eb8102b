"""Alembic environment: runs on the connection the store hands over (never opens its own)."""

from alembic import context

import sync.core.schema  # noqa: F401  (its tables belong to the metadata too)
from models.entities import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through models.migrate, on an open store connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=lambda obj, name, type_, reflected, compare_to: (
        not (type_ == "table" and (name or "").startswith("note_search"))
    ),
)
with context.begin_transaction():
    context.run_migrations()
