"""events indexed by reported_by: an entity's page lists the events it
reported (``reported_by`` is its name or an alias), which read every event
without the index

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_reported_by", "events", ["reported_by"])


def downgrade() -> None:
    op.drop_index("ix_events_reported_by", table_name="events")
