"""Reading and writing projects, boards, revisions, jobs and report files, each write one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from skyslate.store.db import make_engine, session_factory, upgrade
from skyslate.store.errors import ConflictError, NotFoundError, StaleRevisionError
from skyslate.store.models import (
    Board,
    Job,
    Project,
    ProjectFile,
    ReportFile,
    Revision,
    utc_now,
)

MAIN_BOARD = "Main"


class Store:
    """The database behind `skyslate serve`; migrated to the newest schema when opened."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        upgrade(self.engine)
        self.session = session_factory(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- projects -------------------------------------------------------------

    def create_project(
        self,
        *,
        title: str,
        settings_toml: str,
        script_name: str,
        script_bytes: bytes,
        breakdown: dict,
        files: dict[str, bytes],
    ) -> Project:
        """A new project with its files and an empty board named Main."""
        with self.session.begin() as session:
            project = Project(
                title=title,
                settings_toml=settings_toml,
                script_name=script_name,
                script_bytes=script_bytes,
                breakdown_json=json.dumps(breakdown),
                version=1,
            )
            project.files = [ProjectFile(name=name, data=data) for name, data in files.items()]
            project.boards = [Board(name=MAIN_BOARD, revision=0)]
            session.add(project)
            session.flush()
            project_id = project.id
        return self.project(project_id)

    def projects(self) -> list[Project]:
        """Every project, newest first, with boards loaded."""
        with self.session() as session:
            query = (
                select(Project).options(selectinload(Project.boards)).order_by(Project.id.desc())
            )
            return list(session.scalars(query))

    def project(self, project_id: int) -> Project:
        """The project with its files and boards; NotFoundError if absent."""
        with self.session() as session:
            query = (
                select(Project)
                .where(Project.id == project_id)
                .options(selectinload(Project.files), selectinload(Project.boards))
            )
            project = session.scalars(query).first()
            if project is None:
                raise NotFoundError(f"no project {project_id}")
            return project

    def update_project(
        self,
        project_id: int,
        *,
        settings_toml: str | None = None,
        breakdown: dict | None = None,
        title: str | None = None,
        files: dict[str, bytes] | None = None,
    ) -> Project:
        """Change settings, breakdown, title or files; the version goes up by one."""
        with self.session.begin() as session:
            project = session.get(Project, project_id)
            if project is None:
                raise NotFoundError(f"no project {project_id}")
            if settings_toml is not None:
                project.settings_toml = settings_toml
            if breakdown is not None:
                project.breakdown_json = json.dumps(breakdown)
            if title is not None:
                project.title = title
            for name, data in (files or {}).items():
                existing = session.scalars(
                    select(ProjectFile).where(
                        ProjectFile.project_id == project_id, ProjectFile.name == name
                    )
                ).first()
                if existing is None:
                    session.add(ProjectFile(project_id=project_id, name=name, data=data))
                else:
                    existing.data = data
            project.version += 1
            project.updated_utc = utc_now()
        return self.project(project_id)

    def delete_project(self, project_id: int) -> None:
        """Remove a project and everything under it."""
        with self.session.begin() as session:
            project = session.get(Project, project_id)
            if project is None:
                raise NotFoundError(f"no project {project_id}")
            session.delete(project)

    # -- boards and revisions -------------------------------------------------

    def board(self, project_id: int, board_id: int | None = None) -> Board:
        """A board of the project (its first one when board_id is None)."""
        with self.session() as session:
            query = select(Board).where(Board.project_id == project_id)
            if board_id is not None:
                query = query.where(Board.id == board_id)
            board = session.scalars(query.order_by(Board.id)).first()
            if board is None:
                what = (
                    f"board {board_id} in project {project_id}"
                    if board_id
                    else f"project {project_id}"
                )
                raise NotFoundError(f"no {what}")
            return board

    def create_board(self, project_id: int, name: str, copy_from: int | None = None) -> Board:
        """A new named board, empty or starting from another board's latest revision."""
        self.project(project_id)
        with self.session.begin() as session:
            clash = session.scalars(
                select(Board).where(Board.project_id == project_id, Board.name == name)
            ).first()
            if clash is not None:
                raise ConflictError(f"a board named {name!r} already exists in this project")
            board = Board(project_id=project_id, name=name, revision=0)
            session.add(board)
            session.flush()
            if copy_from is not None:
                source = session.get(Board, copy_from)
                if source is None or source.project_id != project_id:
                    raise NotFoundError(f"no board {copy_from} in project {project_id}")
                latest = self._revision(session, source.id, source.revision)
                if latest is not None:
                    session.add(
                        Revision(
                            board_id=board.id,
                            number=1,
                            note=f"copied from {source.name} revision {latest.number}",
                            kind="copy",
                            days_json=latest.days_json,
                            plan_json=latest.plan_json,
                            cost_total=latest.cost_total,
                            project_version=latest.project_version,
                        )
                    )
                    board.revision = 1
            board_id = board.id
        return self.board(project_id, board_id)

    @staticmethod
    def _revision(session, board_id: int, number: int) -> Revision | None:
        return session.scalars(
            select(Revision).where(Revision.board_id == board_id, Revision.number == number)
        ).first()

    def revision(self, board_id: int, number: int | None = None) -> Revision | None:
        """A revision of a board (its latest when number is None); None if the board has none."""
        with self.session() as session:
            if number is None:
                board = session.get(Board, board_id)
                if board is None:
                    raise NotFoundError(f"no board {board_id}")
                number = board.revision
            return self._revision(session, board_id, number)

    def revisions(self, board_id: int) -> list[Revision]:
        """Every revision of a board, newest first."""
        with self.session() as session:
            query = (
                select(Revision)
                .where(Revision.board_id == board_id)
                .order_by(Revision.number.desc())
            )
            return list(session.scalars(query))

    def save_revision(
        self,
        board_id: int,
        *,
        base_revision: int | None,
        days: list[list[str]],
        plan: dict,
        note: str,
        kind: str,
        project_version: int,
    ) -> Revision:
        """Append a revision; with base_revision, refuse (StaleRevisionError) unless it is the latest.

        The compare-and-swap on boards.revision happens inside the same transaction as
        the insert, so two saves based on the same revision can never both succeed.
        """
        with self.session.begin() as session:
            board = session.get(Board, board_id)
            if board is None:
                raise NotFoundError(f"no board {board_id}")
            base = board.revision if base_revision is None else base_revision
            swapped = session.execute(
                update(Board)
                .where(Board.id == board_id, Board.revision == base)
                .values(revision=base + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if swapped == 1:
                revision = Revision(
                    board_id=board_id,
                    number=base + 1,
                    note=note,
                    kind=kind,
                    days_json=json.dumps(days),
                    plan_json=json.dumps(plan),
                    cost_total=(plan.get("cost") or {}).get("total"),
                    project_version=project_version,
                )
                session.add(revision)
                return revision
            name, project_id = board.name, board.project_id
        current = self.board(project_id, board_id).revision
        raise StaleRevisionError(
            f"board {name!r} is at revision {current}, not {base}: "
            "someone saved it meanwhile; reload to see their change",
            current=current,
        )

    # -- jobs -----------------------------------------------------------------

    def create_job(self, job_id: str, *, project_id: int, board_id: int | None, kind: str) -> Job:
        with self.session.begin() as session:
            job = Job(
                id=job_id, project_id=project_id, board_id=board_id, kind=kind, state="queued"
            )
            session.add(job)
        return job

    def update_job(self, job_id: str, **fields) -> None:
        """Set job fields (state, progress, message, best_cost, bound, error_json, result_revision)."""
        with self.session.begin() as session:
            job = session.get(Job, job_id)
            if job is None:
                raise NotFoundError(f"no job {job_id}")
            for name, value in fields.items():
                setattr(job, name, value)
            job.updated_utc = utc_now()

    def job(self, job_id: str) -> Job:
        with self.session() as session:
            job = session.get(Job, job_id)
            if job is None:
                raise NotFoundError(f"no job {job_id}")
            return job

    def jobs(self, project_id: int) -> list[Job]:
        """The project's jobs, newest first."""
        with self.session() as session:
            query = select(Job).where(Job.project_id == project_id).order_by(Job.created_utc.desc())
            return list(session.scalars(query))

    def interrupt_unfinished_jobs(self) -> int:
        """Jobs left queued or running by a server that stopped are failed, with that reason."""
        error = json.dumps(
            {
                "error": "Interrupted",
                "message": "the server stopped while this job ran",
                "path": None,
                "line": None,
            }
        )
        with self.session.begin() as session:
            return session.execute(
                update(Job)
                .where(Job.state.in_(("queued", "running")))
                .values(
                    state="failed", error_json=error, message="interrupted", updated_utc=utc_now()
                )
            ).rowcount

    # -- report files ---------------------------------------------------------

    def replace_report_files(
        self, revision_id: int, files: Iterable[tuple[str, str, bytes]]
    ) -> list[ReportFile]:
        """Store (name, media type, bytes) as the reports of a revision, replacing older ones."""
        with self.session.begin() as session:
            for old in session.scalars(
                select(ReportFile).where(ReportFile.revision_id == revision_id)
            ):
                session.delete(old)
            session.flush()
            for name, media_type, data in files:
                session.add(
                    ReportFile(revision_id=revision_id, name=name, media_type=media_type, data=data)
                )
        return self.report_files(revision_id)

    def report_files(self, revision_id: int) -> list[ReportFile]:
        """The report files of a revision, by name (data not loaded lazily: they are small)."""
        with self.session() as session:
            query = (
                select(ReportFile)
                .where(ReportFile.revision_id == revision_id)
                .order_by(ReportFile.name)
            )
            return list(session.scalars(query))

    def report_file(self, file_id: int) -> ReportFile:
        with self.session() as session:
            found = session.get(ReportFile, file_id)
            if found is None:
                raise NotFoundError(f"no report file {file_id}")
            return found
