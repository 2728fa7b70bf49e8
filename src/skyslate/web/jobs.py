"""Background jobs: optimise in a child process (cancellable), write reports in a thread."""

from __future__ import annotations

import json
import mimetypes
import queue as queue_module
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from skyslate.errors import SkyslateError
from skyslate.store.models import Job
from skyslate.web import core, solve_worker
from skyslate.web.errors import Busy, WebError
from skyslate.web.localtime import local_violation_times

PROGRESS_EVERY_SECONDS = 0.25
# Each optimisation is a solver process using a core fully: more at once only slows all of
# them (and a client could otherwise start hundreds). One per board, two per server.
MAX_OPTIMISATIONS = 2


def job_document(job: Job) -> dict:
    """A job as the API shows it."""
    return {
        "id": job.id,
        "project": job.project_id,
        "board": job.board_id,
        "kind": job.kind,
        "state": job.state,
        "progress": job.progress,
        "message": job.message,
        "best_cost": job.best_cost,
        "bound": job.bound,
        "error": json.loads(job.error_json) if job.error_json else None,
        "result": {"revision": job.result_revision} if job.result_revision is not None else None,
        "created_utc": job.created_utc.isoformat().replace("+00:00", "Z"),
        "updated_utc": job.updated_utc.isoformat().replace("+00:00", "Z"),
    }


class JobRunner:
    """Starts, watches and cancels jobs; their state lives in the store, so any request sees it."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.store = workspace.store
        self._cancel: dict[str, threading.Event] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._optimising: dict[str, int] = {}  # running optimisation job id -> board id
        self._starting = threading.Lock()

    def _start(self, job_id: str, target, *args) -> None:
        self._cancel[job_id] = threading.Event()
        thread = threading.Thread(
            target=target, args=(job_id, *args), daemon=True, name=f"job-{job_id}"
        )
        self._threads[job_id] = thread
        thread.start()

    def start_optimise(self, project_id: int, board_id: int, time_limit_seconds: float) -> Job:
        """Queue an optimisation of the project; its plan becomes the board's next revision."""
        core.core("skyslate.solve.planner", "solve")  # answer CoreUnavailable now, not later
        self.store.project(project_id)
        with self._starting:
            running = {
                job_id: board
                for job_id, board in self._optimising.items()
                if self._threads[job_id].is_alive()
            }
            self._optimising = running
            same = [job_id for job_id, board in running.items() if board == board_id]
            if same:
                raise Busy(
                    "this board is being optimised already; wait for that job or cancel it",
                    status=409,
                    job=same[0],
                )
            if len(running) >= MAX_OPTIMISATIONS:
                raise Busy(
                    f"{len(running)} optimisations are running already (the most this server "
                    "runs at once); wait for one to finish or cancel it",
                    status=429,
                    jobs=sorted(running),
                )
            job = self.store.create_job(
                uuid.uuid4().hex, project_id=project_id, board_id=board_id, kind="optimise"
            )
            self._start(job.id, self._optimise, project_id, board_id, time_limit_seconds)
            self._optimising[job.id] = board_id
        return job

    def start_reports(self, project_id: int, board_id: int, revision_number: int) -> Job:
        """Queue writing every report of one revision into the store."""
        core.core("skyslate.report", "write_reports")
        job = self.store.create_job(
            uuid.uuid4().hex, project_id=project_id, board_id=board_id, kind="reports"
        )
        self._start(job.id, self._reports, project_id, board_id, revision_number)
        return job

    def cancel(self, job_id: str) -> Job:
        """Ask a job to stop; the optimiser's process is ended within a fraction of a second."""
        job = self.store.job(job_id)
        if job.state in ("queued", "running") and job_id in self._cancel:
            self._cancel[job_id].set()
        elif job.state not in ("done", "failed", "cancelled"):
            self.store.update_job(job_id, state="cancelled", message="cancelled")
        return self.store.job(job_id)

    def wait(self, job_id: str, timeout_seconds: float | None = None) -> Job:
        """Block until the job's thread ends (tests and shutdown)."""
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout_seconds)
        return self.store.job(job_id)

    def shutdown(self) -> None:
        """Cancel every running job and wait for their threads."""
        for event in self._cancel.values():
            event.set()
        for thread in list(self._threads.values()):
            thread.join(10)

    # -- the work -------------------------------------------------------------

    def _fail(self, job_id: str, error: dict) -> None:
        self.store.update_job(
            job_id, state="failed", error_json=json.dumps(error), message=error.get("message", "")
        )

    def _optimise(
        self, job_id: str, project_id: int, board_id: int, time_limit_seconds: float
    ) -> None:
        cancel = self._cancel[job_id]
        process = reader = None
        try:
            project = self.store.project(project_id)
            self.store.update_job(
                job_id, state="running", progress=0.0, message="starting the optimiser"
            )
            process = subprocess.Popen(
                [sys.executable, "-m", "skyslate.web.solve_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            process.stdin.write(
                solve_worker.job_input(
                    project.settings_toml,
                    json.loads(project.breakdown_json),
                    self.workspace.files(project),
                    time_limit_seconds,
                )
            )
            process.stdin.close()
            messages: queue_module.Queue = queue_module.Queue()
            reader = threading.Thread(
                target=_read_lines, args=(process.stdout, messages), daemon=True
            )
            reader.start()
            outcome = self._watch(job_id, process, messages, cancel)
            if outcome is None:
                self.store.update_job(job_id, state="cancelled", message="cancelled")
                return
            if outcome[0] == "error":
                self._fail(job_id, outcome[1])
                return
            plan = outcome[1]
            total = (plan.get("cost") or {}).get("total")
            revision = self.workspace.save_plan(
                project_id, board_id, plan, note=f"optimised (cost {total})"
            )
            self.store.update_job(
                job_id,
                state="done",
                progress=1.0,
                message="done",
                result_revision=revision.number,
                best_cost=total,
            )
        except SkyslateError as error:
            self._fail(job_id, error.to_dict())
        except Exception as error:  # noqa: BLE001 - the job must end in a state, whatever happened
            self._fail(
                job_id,
                WebError(f"the optimise job failed: {type(error).__name__}: {error}").to_dict(),
            )
        finally:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if reader is not None:
                reader.join(5)
            if process is not None:
                process.stdout.close()

    def _watch(self, job_id: str, process, messages, cancel: threading.Event):
        """Relay progress until the child answers; None when cancelled."""
        last_write = 0.0
        pending = None
        while True:
            if cancel.is_set():
                return None
            try:
                message = messages.get(timeout=0.1)
            except queue_module.Empty:
                message = None
            if message is None:
                if pending is not None and time.monotonic() - last_write > PROGRESS_EVERY_SECONDS:
                    self.store.update_job(job_id, **pending)
                    pending, last_write = None, time.monotonic()
                continue
            if message[0] == "eof":
                process.wait()
                return (
                    "error",
                    WebError(
                        f"the optimiser stopped unexpectedly (exit code {process.returncode})"
                    ).to_dict(),
                )
            if message[0] != "progress":
                return message
            _kind, fraction, text, best_cost, bound = message
            pending = {"message": text, "best_cost": best_cost, "bound": bound}
            if fraction is not None:
                pending["progress"] = float(fraction)
            if time.monotonic() - last_write > PROGRESS_EVERY_SECONDS:
                self.store.update_job(job_id, **pending)
                pending, last_write = None, time.monotonic()

    def _reports(self, job_id: str, project_id: int, board_id: int, revision_number: int) -> None:
        try:
            self.store.update_job(
                job_id, state="running", progress=None, message="writing the reports"
            )
            project = self.store.project(project_id)
            revision = self.store.revision(board_id, revision_number)
            if revision is None:
                raise WebError(f"board {board_id} has no revision {revision_number}", status=404)
            # Revisions saved before violation times were local are written as the board shows them.
            plan = local_violation_times(json.loads(revision.plan_json))
            # The folder is the server's own temporary one; nothing from the request names a path.
            with tempfile.TemporaryDirectory(prefix="skyslate-reports-") as folder:
                core.write_reports(plan, self.workspace.breakdown(project), Path(folder))
                files = []
                for path in sorted(Path(folder).rglob("*")):
                    if path.is_file():
                        name = path.relative_to(folder).as_posix()
                        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
                        files.append((name, media, path.read_bytes()))
            self.store.replace_report_files(revision.id, files)
            self.store.update_job(
                job_id,
                state="done",
                progress=1.0,
                message=f"{len(files)} files",
                result_revision=revision_number,
            )
        except SkyslateError as error:
            self._fail(job_id, error.to_dict())
        except Exception as error:  # noqa: BLE001
            self._fail(
                job_id,
                WebError(f"the reports job failed: {type(error).__name__}: {error}").to_dict(),
            )


def _read_lines(stream, messages: queue_module.Queue) -> None:
    """Move the child's JSON lines onto a queue; ("eof",) when it closes its output."""
    for line in stream:
        try:
            messages.put(tuple(json.loads(line)))
        except ValueError:
            continue
    messages.put(("eof",))
