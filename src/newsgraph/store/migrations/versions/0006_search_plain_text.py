"""PostgreSQL search indexes the stored text as plain text: ``<`` and ``>``
are read as spaces, so an unclosed "<script>" or "<style>" in an article's
text no longer hides everything after it from the index (PostgreSQL's text
search parser reads markup-like text as tags). SQLite's FTS5 already reads
them as separators: nothing changes there.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _search_column(plain: bool) -> list[str]:
    def field(name: str) -> str:
        value = f"coalesce({name}, '')"
        return f"translate({value}, '<>', '  ')" if plain else value

    return [
        "DROP INDEX IF EXISTS ix_articles_search",
        "ALTER TABLE articles DROP COLUMN IF EXISTS search",
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('english', {field('headline')}), 'A') || "
        f"setweight(to_tsvector('english', {field('text')}), 'B')) STORED",
        "CREATE INDEX ix_articles_search ON articles USING gin (search)",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _search_column(plain=True):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _search_column(plain=False):
            op.execute(statement)
