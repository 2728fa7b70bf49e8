"""Projects, files, boards, revisions, jobs and report files.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("created_utc", WHEN, nullable=False),
        sa.Column("updated_utc", WHEN, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("settings_toml", sa.Text, nullable=False),
        sa.Column("script_name", sa.String(300), nullable=False),
        sa.Column("script_bytes", sa.LargeBinary, nullable=False),
        sa.Column("breakdown_json", sa.Text, nullable=False),
    )
    op.create_table(
        "project_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("project_id", "name"),
    )
    op.create_table(
        "boards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_utc", WHEN, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.UniqueConstraint("project_id", "name"),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_utc", WHEN, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("days_json", sa.Text, nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("cost_total", sa.Float, nullable=True),
        sa.Column("project_version", sa.Integer, nullable=False),
        sa.UniqueConstraint("board_id", "number"),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("progress", sa.Float, nullable=True),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("best_cost", sa.Float, nullable=True),
        sa.Column("bound", sa.Float, nullable=True),
        sa.Column("error_json", sa.Text, nullable=True),
        sa.Column("result_revision", sa.Integer, nullable=True),
        sa.Column("created_utc", WHEN, nullable=False),
        sa.Column("updated_utc", WHEN, nullable=False),
    )
    op.create_table(
        "report_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "revision_id",
            sa.Integer,
            sa.ForeignKey("revisions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_utc", WHEN, nullable=False),
        sa.UniqueConstraint("revision_id", "name"),
    )


def downgrade() -> None:
    for table in ("report_files", "jobs", "revisions", "boards", "project_files", "projects"):
        op.drop_table(table)
