"""runs.pid, runs.host, runs.updated_at: which process a run is, and when it
last committed, so that a run killed with no chance to say so (kill -9, power
loss) is found and marked interrupted instead of staying ``running``

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer, nullable=True))
        batch.add_column(sa.Column("host", sa.String(255), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("host")
        batch.drop_column("pid")
