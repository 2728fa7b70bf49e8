"""`skyslate plan` and `skyslate demo` in-process, every schedule re-checked here independently."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

import pytest
from tests.plan.conftest import EXAMPLE


def parse(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert moment.tzinfo is not None, text
    return moment


def check_schedule(plan: dict, production) -> None:
    """An independent validator: each scene once, inside its windows and everyone's hours, no double booking."""
    jobs = {s.number: s for s in production.scenes}
    people = {p.name: p for p in production.people}
    placed = defaultdict(list)
    busy = defaultdict(list)  # resource -> [(start, end, what)]
    for day in plan["days"]:
        for scene in day["scenes"]:
            start, end = parse(scene["start"]), parse(scene["end"])
            job = jobs[scene["number"]]
            placed[job.number].append((start, end))
            assert job.allowed.contains(start, end), (job.number, start, end)
            for board_id in job.cast:
                member = production.cast_member(board_id)
                assert member.availability is None or member.availability.contains(start, end)
                busy[f"cast {board_id}"].append((start, end, job.number))
            for name in job.people:
                person = people[name]
                assert person.availability is None or person.availability.contains(start, end)
                busy[name].append((start, end, job.number))
            busy[f"set {job.set}"].append((start, end, job.number))
            assert sorted(scene["cast"]) == sorted(job.cast) and scene["needs"] == job.needs
        for task in day["tasks"]:
            busy[task["person"]].append((parse(task["start"]), parse(task["end"]), task["kind"]))
    unscheduled = {u["number"] for u in plan["unscheduled"]}
    for number, job in jobs.items():
        if number in unscheduled:
            continue
        total = sum((end - start).total_seconds() for start, end in placed[number]) / 60
        assert abs(total - job.duration_minutes) < 0.5, number
    for resource, spans in busy.items():
        spans.sort()
        for (_s1, e1, a), (s2, _e2, b) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, f"{resource} double-booked: {a} and {b}"
    cost = plan["cost"]
    parts = cost["cast"] + cost["overtime"] + cost["moves"] + cost["days"]
    assert cost["total"] == pytest.approx(parts, abs=0.05)
    assert cost["cast"] == pytest.approx(
        sum(m["pay_days"] * m["rate_per_day"] for m in plan["cast"]), abs=0.05
    )
    assert cost["days"] == pytest.approx(len(plan["days"]) * production.rules.cost_per_shoot_day)
    if plan["lower_bound"] is not None:
        assert plan["lower_bound"] <= cost["total"] + 1e-6


def test_plan_json_keeps_the_contract_and_every_rule(run_cli, demo_production):
    code, out, err = run_cli("plan", EXAMPLE, "--format", "json", "--time-limit", "2")
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert set(plan) >= {
        "production",
        "cost",
        "lower_bound",
        "optimal",
        "gap",
        "locations",
        "cast",
        "days",
        "unscheduled",
    }
    assert plan["production"] == "The Challenge" and plan["unscheduled"] == []
    assert plan["locations"][0] == {
        "name": "ISS",
        "kind": "orbit",
        "lat": None,
        "lon": None,
        "tz": "UTC",
        "element_sets": "iss-2021-10.tle",
    }
    check_schedule(plan, demo_production)
    # the orbit block fits between docking and undocking, the landing is shot on the landing day
    dates = {scene["number"]: day["date"] for day in plan["days"] for scene in day["scenes"]}
    assert all(
        "2021-10-05" <= dates[n] <= "2021-10-16" for n in ("14", "15", "16", "17", "19", "23")
    )
    assert dates["25"] == "2021-10-17"


def test_plan_table_and_out_folder(run_cli, tmp_path):
    code, out, err = run_cli(
        "plan", EXAMPLE / "skyslate.toml", "--time-limit", "1", "--out", tmp_path
    )
    assert code == 0
    assert out.startswith("The Challenge: ") and "Day 1  2021-09-" in out and "Cast" in out
    assert out.splitlines()[-1].split(", ")[0].endswith("shoot days")
    assert json.loads((tmp_path / "schedule.json").read_text())["production"] == "The Challenge"
    assert (tmp_path / "schedule.txt").read_text().startswith("The Challenge: ")


def test_a_bad_baseline_is_reported(run_cli, tmp_path):
    baseline = tmp_path / "old.json"
    baseline.write_text("[1, 2]")
    code, out, err = run_cli(
        "plan", EXAMPLE, "--baseline", baseline, "--freeze-through", "2021-09-20"
    )
    assert (code, out) == (1, "")
    assert err == f"Error: {baseline}: baseline is not a schedule.json (no 'days' list)\n"


def test_demo_end_to_end(run_cli, tmp_path, monkeypatch):
    import skyslate.cli.demo as demo_module
    import skyslate.report

    written = []
    # the reports have their own tests; here only that the demo hands them the plan
    monkeypatch.setattr(
        skyslate.report,
        "write_reports",
        lambda plan, breakdown, out: written.append(plan) or [],
        raising=False,
    )
    monkeypatch.setattr(demo_module, "DEMO_TIME_LIMIT_SECONDS", 1.0)
    code, out, err = run_cli("demo", "--out", tmp_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "breakdown  THE CHALLENGE: 27 scenes, 13 2/8 pages"
    assert lines[1].startswith("sky        ISS: contact:MOSCOW ")
    assert any(line.startswith("plan       ") and "shoot days, cost " in line for line in lines)
    assert len(written) == 1 and written[0]["production"] == "The Challenge"
    assert (tmp_path / "schedule.txt").exists()


def test_rescheduling_keeps_the_frozen_days(run_cli, tmp_path):
    code, _out, err = run_cli(
        "plan", EXAMPLE, "--time-limit", "2", "--out", tmp_path, "--format", "json"
    )
    assert code == 0, err
    first = json.loads((tmp_path / "schedule.json").read_text())
    code, out, err = run_cli(
        "plan", EXAMPLE, "--time-limit", "2", "--format", "json",
        "--baseline", tmp_path / "schedule.json", "--freeze-through", "2021-09-16",
    )  # fmt: skip
    assert code == 0, err
    second = json.loads(out)

    def shot(plan):
        return [
            (day["date"], sorted(s["number"] for s in day["scenes"]))
            for day in plan["days"]
            if day["date"] <= "2021-09-16"
        ]

    assert shot(second) == shot(first) and shot(first)
