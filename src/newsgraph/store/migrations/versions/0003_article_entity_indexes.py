"""article_entities indexed by (entity, article) and (article, entity): the
entity pages' co-mention counts and profiles read them constantly

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_article_entities_entity_article", "article_entities", ["entity_id", "article_id"]
    )
    op.create_index(
        "ix_article_entities_article_entity", "article_entities", ["article_id", "entity_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_article_entities_article_entity", table_name="article_entities")
    op.drop_index("ix_article_entities_entity_article", table_name="article_entities")
