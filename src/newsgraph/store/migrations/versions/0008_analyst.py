"""the analyst's workflow: full-text search over quote text (SQLite FTS5
external-content table with triggers, or a PostgreSQL tsvector column with a
GIN index), the knowledge base's version (one row, bumped by every write),
and the aggregates entity pages draw, precomputed (counts per entity and
month, co-mention counts), filled from what is stored

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]
POSTGRES_FTS = [
    "ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "to_tsvector('english', translate(coalesce(text, ''), '<>', '  '))) STORED",
    "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
]


def _month(dialect: str) -> str:
    if dialect == "postgresql":
        return "coalesce(to_char(a.published, 'YYYY-MM'), '')"
    return "coalesce(substr(a.published, 1, 7), '')"


def _backfill(dialect: str) -> list[str]:
    month = _month(dialect)
    return [
        "INSERT INTO kb_version (id, version) VALUES (1, 0)",
        "INSERT INTO entity_months (entity_id, month, articles, mentions, quotes, events) "
        "SELECT entity_id, month, sum(n_articles), sum(n_mentions), sum(n_quotes), sum(n_events) "
        "FROM ("
        f"SELECT ae.entity_id AS entity_id, {month} AS month, "
        "count(DISTINCT ae.article_id) AS n_articles, 0 AS n_mentions, 0 AS n_quotes, "
        "0 AS n_events FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
        "GROUP BY 1, 2 "
        f"UNION ALL SELECT m.entity_id, {month}, 0, count(*), 0, 0 "
        "FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY 1, 2 "
        f"UNION ALL SELECT q.speaker_id, {month}, 0, 0, count(*), 0 "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_id IS NOT NULL GROUP BY 1, 2 "
        f"UNION ALL SELECT e.source_entity_id, {month}, 0, 0, 0, count(*) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.source_entity_id IS NOT NULL GROUP BY 1, 2 "
        f"UNION ALL SELECT e.target_entity_id, {month}, 0, 0, 0, count(*) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.target_entity_id IS NOT NULL AND (e.source_entity_id IS NULL "
        "OR e.source_entity_id <> e.target_entity_id) GROUP BY 1, 2"
        ") AS counts GROUP BY entity_id, month",
        "INSERT INTO co_mentions (entity_id, other_id, shared) "
        "SELECT one.entity_id, two.entity_id, count(DISTINCT one.article_id) "
        "FROM article_entities one JOIN article_entities two "
        "ON two.article_id = one.article_id AND two.entity_id <> one.entity_id "
        "GROUP BY one.entity_id, two.entity_id",
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "kb_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_version")),
    )
    op.create_table(
        "entity_months",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_entity_months_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "month", name=op.f("pk_entity_months")),
    )
    op.create_table(
        "co_mentions",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("shared", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_co_mentions_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["entities.id"],
            name=op.f("fk_co_mentions_other_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "other_id", name=op.f("pk_co_mentions")),
    )
    op.create_index(op.f("ix_co_mentions_other_id"), "co_mentions", ["other_id"])
    op.create_index("ix_co_mentions_entity_shared", "co_mentions", ["entity_id", "shared"])
    for statement in _backfill(dialect):
        op.execute(statement)
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("quotes_fts_insert", "quotes_fts_delete", "quotes_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_quotes_search")
        op.execute("ALTER TABLE quotes DROP COLUMN IF EXISTS search")
    op.drop_index("ix_co_mentions_entity_shared", table_name="co_mentions")
    op.drop_index(op.f("ix_co_mentions_other_id"), table_name="co_mentions")
    op.drop_table("co_mentions")
    op.drop_table("entity_months")
    op.drop_table("kb_version")
