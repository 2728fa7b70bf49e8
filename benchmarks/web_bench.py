"""PUT /schedule latency: a hand edit of a 150-scene board, evaluated and saved, end to end.

Baseline (same run): the core alone, `evaluate(production, days)` + `to_json`, which is
the least any front end must do. The web adds the HTTP round trip (in-process ASGI),
JSON, the revision check and one SQLite transaction (synchronous=FULL). Target: < 100 ms.

    .venv/bin/python benchmarks/web_bench.py [--scenes 150] [--edits 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=150)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from skyslate.plan.synthetic import synthetic_project
    from skyslate.web import core
    from skyslate.web.app import create_app

    text, breakdown = synthetic_project(args.seed, args.scenes, 30, 10, 8, 35)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(f"sqlite:///{Path(folder) / 'bench.db'}")
        workspace = app.state.workspace
        started = time.perf_counter()
        project = workspace.store.create_project(
            title="synthetic",
            settings_toml=text,
            script_name="synthetic.fountain",
            script_bytes=b"",
            breakdown=core.breakdown_to_dict(breakdown),
            files={},
        )
        production = workspace.production(project)
        build_seconds = time.perf_counter() - started
        dates = len(production.shoot_dates)
        numbers = [job.number for job in production.scenes]
        per_day = -(-len(numbers) // dates)
        days = [numbers[i : i + per_day] for i in range(0, len(numbers), per_day)]

        def edited(days: list[list[str]]) -> list[list[str]]:
            """Move one random strip to a random place on another random day."""
            days = [list(day) for day in days]
            source = rng.choice([i for i, day in enumerate(days) if day])
            scene = days[source].pop(rng.randrange(len(days[source])))
            target = rng.randrange(len(days))
            days[target].insert(rng.randrange(len(days[target]) + 1), scene)
            return days

        core_ms, evaluate_ms = [], []
        order = days
        for _ in range(args.edits):
            order = edited(order)
            t0 = time.perf_counter()
            schedule = core.evaluate(production, order)
            t1 = time.perf_counter()
            core.plan_json(schedule, production)
            core_ms.append((time.perf_counter() - t0) * 1000)
            evaluate_ms.append((t1 - t0) * 1000)

        web_ms = []
        with TestClient(app) as client:
            url = f"/api/projects/{project.id}/schedule"
            revision = client.put(url, json={"revision": 0, "days": days}).json()["revision"]
            order = days
            for _ in range(args.edits):
                order = edited(order)
                t0 = time.perf_counter()
                answer = client.put(url, json={"revision": revision, "days": order})
                web_ms.append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200, answer.text
                revision = answer.json()["revision"]
            get_ms = []
            for _ in range(10):
                t0 = time.perf_counter()
                client.get(url)
                get_ms.append((time.perf_counter() - t0) * 1000)

    print(f"synthetic feature: {len(numbers)} scenes, {dates} shoot dates, {args.edits} edits each")
    print(f"production built once per settings version in {build_seconds:.2f} s (then cached)\n")
    core_median = statistics.median(core_ms)
    rows = [
        ("core evaluate + to_json (baseline)", core_ms),
        ("  of which evaluate alone", evaluate_ms),
        ("PUT /api/projects/{id}/schedule", web_ms),
        ("GET /api/projects/{id}/schedule", get_ms),
    ]
    print(f"{'what':38} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} {'ratio':>6}")
    for name, values in rows:
        median = statistics.median(values)
        print(
            f"{name:38} {median:10.1f} {percentile(values, 0.9):8.1f} {max(values):8.1f} "
            f"{median / core_median:6.2f}"
        )
    verdict = "meets" if statistics.median(web_ms) < 100 else "misses"
    print(f"\nPUT median {statistics.median(web_ms):.1f} ms {verdict} the 100 ms target")


if __name__ == "__main__":
    main()
