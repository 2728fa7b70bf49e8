"""The tables skyslate keeps: projects, their files, boards, revisions, jobs and report files."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utc_now() -> datetime:
    """The current moment, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A datetime stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the store")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Project(Base):
    """A production: its script, its settings (skyslate.toml text) and the edited breakdown."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Bumped on every settings or breakdown edit; cached Productions are keyed by it.
    version: Mapped[int] = mapped_column(Integer, default=1)
    settings_toml: Mapped[str] = mapped_column(Text)
    script_name: Mapped[str] = mapped_column(String(300))
    script_bytes: Mapped[bytes] = mapped_column(LargeBinary)
    breakdown_json: Mapped[str] = mapped_column(Text)

    files: Mapped[list[ProjectFile]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectFile.name"
    )
    boards: Mapped[list[Board]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Board.id"
    )


class ProjectFile(Base):
    """A file the settings refer to by name (an element-set file), kept as bytes."""

    __tablename__ = "project_files"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    project: Mapped[Project] = relationship(back_populates="files")


class Board(Base):
    """A named stripboard (scenario); `revision` is the number of its latest saved revision."""

    __tablename__ = "boards"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    revision: Mapped[int] = mapped_column(Integer, default=0)

    project: Mapped[Project] = relationship(back_populates="boards")
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="board", cascade="all, delete-orphan", order_by="Revision.number"
    )


class Revision(Base):
    """One saved order of a board: the days as scene numbers and the evaluated plan json."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("board_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    note: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))  # "optimise" | "edit" | "restore" | "copy"
    days_json: Mapped[str] = mapped_column(Text)
    plan_json: Mapped[str] = mapped_column(Text)
    cost_total: Mapped[float | None] = mapped_column(Float, nullable=True)
    project_version: Mapped[int] = mapped_column(Integer)

    board: Mapped[Board] = relationship(back_populates="revisions")


class Job(Base):
    """A background task (optimise, reports) with its progress and outcome."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # "optimise" | "reports"
    state: Mapped[str] = mapped_column(String(20), default="queued")
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    message: Mapped[str] = mapped_column(Text, default="")
    best_cost: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    error_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    result_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ReportFile(Base):
    """One document written by the reports for a revision, kept as bytes."""

    __tablename__ = "report_files"
    __table_args__ = (UniqueConstraint("revision_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
