"""What the API and pages do with a project: build it once, save boards, compare and restore."""

from __future__ import annotations

import json
import threading
import tomllib
from collections import OrderedDict

from skyslate.errors import ProjectError
from skyslate.store import StaleRevisionError, Store
from skyslate.store.models import Board, Project, Revision
from skyslate.web import core
from skyslate.web.errors import BadOrder, NoSchedule, WebError
from skyslate.web.localtime import local_violation_times

CACHE_SIZE = 8


class Workspace:
    """The store plus a small cache of built Productions, keyed by project id and version.

    Building a Production computes every scene's light windows, which takes far
    longer than evaluating an order; the cache is what keeps a board save fast.
    """

    def __init__(self, store: Store):
        self.store = store
        self._productions: OrderedDict[tuple[int, int], object] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[int, int], threading.Lock] = {}
        self._evaluating = threading.Lock()

    # -- building -------------------------------------------------------------

    def breakdown(self, project: Project):
        return core.breakdown_from_dict(json.loads(project.breakdown_json))

    def files(self, project: Project) -> dict[str, bytes]:
        return {f.name: f.data for f in project.files}

    def production(self, project: Project):
        """The project's Production, built once per settings version."""
        key = (project.id, project.version)
        with self._lock:
            if key in self._productions:
                self._productions.move_to_end(key)
                return self._productions[key]
            build_lock = self._building.setdefault(key, threading.Lock())
        with build_lock:
            with self._lock:
                if key in self._productions:
                    return self._productions[key]
            production = core.build_production(
                project.settings_toml, self.breakdown(project), self.files(project)
            )
            with self._lock:
                self._productions[key] = production
                self._building.pop(key, None)
                while len(self._productions) > CACHE_SIZE:
                    self._productions.popitem(last=False)
            return production

    # -- projects -------------------------------------------------------------

    def create_project(
        self, *, script_name: str, script_bytes: bytes, settings_toml: str, files: dict[str, bytes]
    ) -> Project:
        """Read the script, check the settings against it, then store both."""
        breakdown = core.read_script(script_name, script_bytes)
        production = core.build_production(settings_toml, breakdown, files)
        project = self.store.create_project(
            title=production.title or breakdown.title or script_name,
            settings_toml=settings_toml,
            script_name=script_name,
            script_bytes=script_bytes,
            breakdown=core.breakdown_to_dict(breakdown),
            files=files,
        )
        with self._lock:
            self._productions[(project.id, project.version)] = production
        return project

    def update_settings(
        self, project_id: int, settings_toml: str, files: dict[str, bytes]
    ) -> Project:
        """New settings (and files), checked by building the Production before they are saved."""
        project = self.store.project(project_id)
        merged = {**self.files(project), **files}
        production = core.build_production(settings_toml, self.breakdown(project), merged)
        project = self.store.update_project(
            project_id, settings_toml=settings_toml, files=files, title=production.title
        )
        with self._lock:
            self._productions[(project.id, project.version)] = production
        return project

    def edit_scene(self, project_id: int, number: str, edit: dict) -> Project:
        """Change a scene's eighths/elements (breakdown) or duration/needs (settings overrides)."""
        project = self.store.project(project_id)
        breakdown = json.loads(project.breakdown_json)
        scene = next((s for s in breakdown["scenes"] if str(s.get("number")) == number), None)
        if scene is None:
            raise WebError(f"no scene {number} in the breakdown", status=404)
        if edit.get("eighths") is not None:
            scene["eighths"] = int(edit["eighths"])
        if edit.get("elements") is not None:
            scene["elements"] = {k: list(v) for k, v in edit["elements"].items() if v}
        settings = project.settings_toml
        if "duration_minutes" in edit or "needs" in edit:
            settings = _override_scene(settings, number, edit)
        production = core.build_production(
            settings, core.breakdown_from_dict(breakdown), self.files(project)
        )
        project = self.store.update_project(project_id, settings_toml=settings, breakdown=breakdown)
        with self._lock:
            self._productions[(project.id, project.version)] = production
        return project

    # -- boards ---------------------------------------------------------------

    def schedule_document(
        self, project: Project, board: Board, revision: Revision, plan: dict | None = None
    ) -> dict:
        """The plan json of a revision plus what the board needs around it."""
        if plan is not None:
            plan = dict(plan)
        else:
            # Revisions saved before the texts were localised are shown the same way.
            plan = local_violation_times(json.loads(revision.plan_json))
        production = self.production(project)
        plan.update(
            {
                "revision": revision.number,
                "board": {"id": board.id, "name": board.name},
                "note": revision.note,
                "kind": revision.kind,
                "saved_utc": revision.created_utc.isoformat().replace("+00:00", "Z"),
                "stale": revision.project_version != project.version,
                "shoot_dates": [d.isoformat() for d in production.shoot_dates],
                "order": json.loads(revision.days_json),
            }
        )
        return plan

    def schedule(self, project_id: int, board_id: int | None) -> dict:
        """The latest revision of a board; NoSchedule when nothing was saved yet."""
        project = self.store.project(project_id)
        board = self.store.board(project_id, board_id)
        revision = self.store.revision(board.id)
        if revision is None:
            raise NoSchedule(
                f"board {board.name!r} has no schedule yet: optimise, or save an order",
                revision=board.revision,
                board={"id": board.id, "name": board.name},
            )
        return self.schedule_document(project, board, revision)

    def save_days(
        self,
        project_id: int,
        board_id: int | None,
        *,
        base_revision: int,
        days: list[list[str]],
        note: str,
        kind: str = "edit",
    ) -> dict:
        """Evaluate an order by hand (no re-optimisation) and save it as the next revision."""
        project = self.store.project(project_id)
        board = self.store.board(project_id, board_id)
        if board.revision != base_revision:
            # Cheap early answer; the store checks again atomically when saving.
            raise StaleRevisionError(
                f"board {board.name!r} is at revision {board.revision}, not {base_revision}: "
                "someone saved it meanwhile; reload to see their change",
                current=board.revision,
            )
        days = [list(day) for day in days]
        _refuse_repeats(days)
        while days and not days[-1]:
            days.pop()  # trailing free dates say nothing; the calendar may end there
        production = self.production(project)
        # The core keeps per-process caches (the last instance built); one evaluation at a
        # time keeps them consistent, and at ~30 ms each the queue stays short.
        with self._evaluating:
            plan = core.plan_json(core.evaluate(production, days), production)
        revision = self.store.save_revision(
            board.id,
            base_revision=base_revision,
            days=days,
            plan=plan,
            note=note,
            kind=kind,
            project_version=project.version,
        )
        return self.schedule_document(project, board, revision, plan)

    def save_plan(self, project_id: int, board_id: int, plan: dict, note: str) -> Revision:
        """Save a solver's plan as the next revision of a board (on top of whatever is there)."""
        project = self.store.project(project_id)
        production = self.production(project)
        days = core.days_from_plan(plan, production.shoot_dates)
        return self.store.save_revision(
            board_id,
            base_revision=None,
            days=days,
            plan=plan,
            note=note,
            kind="optimise",
            project_version=project.version,
        )

    def restore(self, project_id: int, board_id: int, *, number: int, base_revision: int) -> dict:
        """Save an old revision's order again as the newest revision (re-evaluated)."""
        old = self.store.revision(board_id, number)
        if old is None:
            raise WebError(f"board {board_id} has no revision {number}", status=404)
        return self.save_days(
            project_id,
            board_id,
            base_revision=base_revision,
            days=json.loads(old.days_json),
            note=f"restored revision {number}",
            kind="restore",
        )

    def compare(self, board_id: int, a: int, b: int) -> dict:
        """Two revisions side by side: each cost, the difference, and the scenes that moved day."""
        first, second = self.store.revision(board_id, a), self.store.revision(board_id, b)
        for number, found in ((a, first), (b, second)):
            if found is None:
                raise WebError(f"board {board_id} has no revision {number}", status=404)
        cost_a = json.loads(first.plan_json).get("cost") or {}
        cost_b = json.loads(second.plan_json).get("cost") or {}
        moved, reordered = moved_scenes(json.loads(first.days_json), json.loads(second.days_json))
        return {
            "a": {"revision": a, "cost": cost_a, "note": first.note},
            "b": {"revision": b, "cost": cost_b, "note": second.note},
            "cost_change": {
                term: round(cost_b[term] - cost_a[term], 2)
                for term in cost_b
                if isinstance(cost_b.get(term), int | float)
                and isinstance(cost_a.get(term), int | float)
            },
            "moved": moved,
            "reordered_days": reordered,
        }


def _refuse_repeats(days: list[list[str]]) -> None:
    """A scene twice on one board is a malformed request, refused before any work or saving.

    (The core would evaluate it, ignoring the repeats; a client sending 200,000 copies of
    one scene made the server evaluate for seconds and store the copies as a revision.)
    """
    seen: set[str] = set()
    repeated: list[str] = []
    for day in days:
        for number in day:
            if number in seen and number not in repeated:
                repeated.append(number)
            seen.add(number)
    if repeated:
        shown = ", ".join(repeated[:10]) + (" …" if len(repeated) > 10 else "")
        raise BadOrder(
            f"each scene may appear once on a board; repeated: {shown}", repeated=repeated[:100]
        )


def moved_scenes(before: list[list[str]], after: list[list[str]]) -> tuple[list[dict], list[int]]:
    """Scenes on another day (or added/dropped) between two orders, and days whose order changed."""
    where_a, where_b = _positions(before), _positions(after)
    moved = []
    for number in sorted(set(where_a) | set(where_b), key=_scene_key):
        old, new = where_a.get(number), where_b.get(number)
        if old is None or new is None or old[0] != new[0]:
            moved.append(
                {
                    "number": number,
                    "from_day": old[0] + 1 if old else None,
                    "to_day": new[0] + 1 if new else None,
                }
            )
    # A day is reordered when the scenes it kept are no longer in the same relative order.
    reordered = []
    for day in range(len(after)):
        kept = [n for n in after[day] if n in where_a and where_a[n][0] == day]
        if kept != sorted(kept, key=lambda n: where_a[n][1]):
            reordered.append(day + 1)
    return moved, reordered


def _positions(days: list[list[str]]) -> dict[str, tuple[int, int]]:
    return {number: (d, i) for d, scenes in enumerate(days) for i, number in enumerate(scenes)}


def _scene_key(number: str):
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, number)


def _override_scene(settings_toml: str, number: str, edit: dict) -> str:
    """The settings with `[scenes."N"]` duration_minutes / needs set (or removed when empty).

    The file is rewritten from its parsed form, so comments in it are not kept.
    """
    import tomli_w

    try:
        document = tomllib.loads(settings_toml)
    except tomllib.TOMLDecodeError as error:
        raise ProjectError(str(error), path="skyslate.toml") from None
    scene = document.setdefault("scenes", {}).setdefault(number, {})
    for key in ("duration_minutes", "needs"):
        if key in edit:
            value = edit[key]
            if value in (None, ""):
                scene.pop(key, None)
            else:
                scene[key] = int(value) if key == "duration_minutes" else str(value)
    if not scene:
        document["scenes"].pop(number)
    if not document["scenes"]:
        document.pop("scenes")
    return tomli_w.dumps(document)
