"""Alembic environment: runs on the connection ``migrations.upgrade`` gives."""

from __future__ import annotations

from alembic import context

from newsgraph.store.schema import Base


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Full-text tables and triggers are made by hand in the migrations."""
    return not (type_ == "table" and (name or "").startswith(("articles_fts", "quotes_fts")))


connection = context.config.attributes.get("connection")
if connection is None:  # the alembic command line: use sqlalchemy.url from the ini
    from sqlalchemy import create_engine

    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        context.configure(
            connection=connection, target_metadata=Base.metadata, include_object=include_object
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection, target_metadata=Base.metadata, include_object=include_object
    )
    with context.begin_transaction():
        context.run_migrations()
