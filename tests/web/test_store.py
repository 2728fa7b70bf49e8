"""The store: migrations, atomic revision saves, durability across reopening, days of a plan."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from skyslate.store import StaleRevisionError, Store
from skyslate.web.core import days_from_plan


@pytest.fixture
def store(tmp_path):
    opened = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def new_project(store: Store):
    return store.create_project(
        title="T",
        settings_toml="[production]\n",
        script_name="t.fountain",
        script_bytes=b"INT. ROOM - DAY\n",
        breakdown={"title": "T", "scenes": []},
        files={"a.tle": b"x"},
    )


def test_migrations_build_every_table_and_run_twice(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    Store(url).close()
    store = Store(url)  # a second start migrates nothing and loses nothing
    tables = set(inspect(store.engine).get_table_names())
    assert tables >= {"projects", "project_files", "boards", "revisions", "jobs", "report_files"}
    with store.engine.connect() as connection:
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar() == "0001"
        )
    store.close()


def test_a_project_starts_with_an_empty_main_board(store):
    project = new_project(store)
    assert [(b.name, b.revision) for b in project.boards] == [("Main", 0)]
    assert project.created_utc.tzinfo is not None
    assert store.revision(project.boards[0].id) is None


def test_saves_based_on_an_old_revision_are_refused(store):
    board = new_project(store).boards[0]
    first = store.save_revision(
        board.id,
        base_revision=0,
        days=[["1"]],
        plan={"cost": {"total": 5}},
        note="a",
        kind="edit",
        project_version=1,
    )
    assert (first.number, first.cost_total) == (1, 5)
    with pytest.raises(StaleRevisionError) as refused:
        store.save_revision(
            board.id,
            base_revision=0,
            days=[["2"]],
            plan={},
            note="b",
            kind="edit",
            project_version=1,
        )
    assert refused.value.current == 1
    assert refused.value.to_dict()["revision"] == 1
    assert [r.number for r in store.revisions(board.id)] == [1]


def test_of_many_concurrent_saves_on_one_revision_exactly_one_wins(store):
    board = new_project(store).boards[0]
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def save(index: int) -> None:
        start.wait()
        try:
            store.save_revision(
                board.id,
                base_revision=0,
                days=[[str(index)]],
                plan={},
                note="",
                kind="edit",
                project_version=1,
            )
            outcomes.append("saved")
        except StaleRevisionError:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved"] + ["stale"] * 5
    assert store.board(board.project_id, board.id).revision == 1


def test_an_acknowledged_save_is_there_after_reopening(tmp_path):
    url = f"sqlite:///{tmp_path / 'durable.db'}"
    store = Store(url)
    board = new_project(store).boards[0]
    store.save_revision(
        board.id,
        base_revision=0,
        days=[["7"]],
        plan={},
        note="kept",
        kind="edit",
        project_version=1,
    )
    store.close()  # no clean shutdown beyond what a commit already did
    reopened = Store(url)
    assert reopened.revision(board.id).note == "kept"
    assert reopened.project(board.project_id).files[0].data == b"x"
    reopened.close()


def test_unfinished_jobs_are_failed_when_the_server_starts_again(store):
    project = new_project(store)
    store.create_job("j1", project_id=project.id, board_id=None, kind="optimise")
    assert store.interrupt_unfinished_jobs() == 1
    job = store.job("j1")
    assert job.state == "failed"
    assert "server stopped" in job.error_json


FIRST = date(2021, 9, 13)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=20))
def test_days_of_a_plan_put_every_scene_on_its_shoot_date(day_of_scene):
    shoot_dates = [FIRST + timedelta(days=i) for i in range(10)]
    plan_days = {}
    for scene, day in enumerate(day_of_scene):
        plan_days.setdefault(day, []).append({"number": str(scene)})
    plan = {
        "days": [
            {"date": shoot_dates[d].isoformat(), "number": n + 1, "scenes": plan_days[d]}
            for n, d in enumerate(sorted(plan_days))
        ]
    }
    days = days_from_plan(plan, shoot_dates)
    assert days[-1]  # no trailing free dates
    for scene, day in enumerate(day_of_scene):
        assert str(scene) in days[day]
    assert sum(len(d) for d in days) == len(day_of_scene)


def test_a_split_scene_is_named_once_in_the_order():
    dates = [FIRST, FIRST + timedelta(days=1)]
    plan = {
        "days": [
            {
                "date": dates[0].isoformat(),
                "number": 1,
                "scenes": [{"number": "5", "part": [1, 2]}],
            },
            {
                "date": dates[1].isoformat(),
                "number": 2,
                "scenes": [{"number": "5", "part": [2, 2]}, {"number": "6"}],
            },
        ]
    }
    assert days_from_plan(plan, dates) == [["5"], ["6"]]


def orders(scenes: int, days: int):
    """Boards of `scenes` numbered scenes over `days` days, each scene once, random order."""
    return st.permutations([str(n) for n in range(1, scenes + 1)]).flatmap(
        lambda order: st.lists(
            st.integers(0, days - 1), min_size=len(order), max_size=len(order)
        ).map(
            lambda where: [
                [n for n, d in zip(order, where, strict=True) if d == day] for day in range(days)
            ]
        )
    )


@settings(max_examples=80, deadline=None)
@given(orders(8, 4), orders(8, 4))
def test_moved_scenes_are_exactly_those_on_another_day(before, after):
    from skyslate.web.service import moved_scenes

    moved, reordered = moved_scenes(before, after)
    day_of = lambda days: {n: d for d, day in enumerate(days) for n in day}  # noqa: E731
    a, b = day_of(before), day_of(after)
    assert {m["number"] for m in moved} == {n for n in a if a[n] != b[n]}
    for m in moved:
        assert (m["from_day"], m["to_day"]) == (a[m["number"]] + 1, b[m["number"]] + 1)
    assert moved_scenes(before, before) == ([], [])
    for day in reordered:
        kept = [n for n in after[day - 1] if a[n] == day - 1]
        assert kept != [n for n in before[day - 1] if b[n] == day - 1]


def test_the_migrations_compile_for_postgresql_without_a_server():
    from skyslate.store.db import migration_sql

    sql = migration_sql("postgresql://user:secret@db.example/skyslate")
    for table in ("projects", "project_files", "boards", "revisions", "jobs", "report_files"):
        assert f"CREATE TABLE {table} (" in sql
    assert "script_bytes BYTEA NOT NULL" in sql
    assert "created_utc TIMESTAMP WITH TIME ZONE NOT NULL" in sql
    assert "REFERENCES boards (id) ON DELETE CASCADE" in sql
