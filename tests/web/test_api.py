"""The JSON API in-process against a temporary SQLite file: contract, errors, revisions, jobs."""

from __future__ import annotations

import functools
import json
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "skyslate" / "examples" / "the-challenge"

ERROR_KEYS = {"error", "message", "path", "line"}


def test_openapi_lists_the_contract(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/api/projects"]) >= {"get", "post"}
    assert "get" in paths["/api/projects/{project_id}"]
    assert "post" in paths["/api/projects/{project_id}/optimise"]
    assert "get" in paths["/api/jobs/{job_id}"]
    assert set(paths["/api/projects/{project_id}/schedule"]) >= {"get", "put"}
    assert client.get("/docs").status_code == 404  # its page would fetch scripts from a CDN


def test_create_list_and_get_the_demo_project(client, demo_files):
    assert client.get("/api/projects").json() == {"projects": []}
    created = client.post("/api/projects", files=demo_files())
    assert created.status_code == 201, created.text
    project = created.json()
    assert project["title"] == "The Challenge"
    assert project["scenes"] == 27
    assert project["files"] == ["iss-2021-10.tle"]
    assert project["boards"] == [{"id": 1, "name": "Main", "revision": 0}]
    listed = client.get("/api/projects").json()["projects"]
    assert [p["id"] for p in listed] == [project["id"]]
    fetched = client.get(f"/api/projects/{project['id']}").json()
    assert fetched["settings_toml"] == (EXAMPLE / "skyslate.toml").read_text(encoding="utf-8")
    assert fetched["breakdown"]["scenes"][0]["heading"]


def test_a_settings_error_names_file_and_line(client, demo_files):
    files = demo_files()
    bad = (
        (EXAMPLE / "skyslate.toml")
        .read_text(encoding="utf-8")
        .replace("[calendar]", "[calendar]\nfirst_dya = 2021-09-13", 1)
    )
    files["settings"] = ("skyslate.toml", bad.encode())
    answer = client.post("/api/projects", files=files)
    assert answer.status_code == 422
    body = answer.json()
    assert set(body) >= ERROR_KEYS
    assert body["error"] == "ProjectError"
    assert body["path"] == "skyslate.toml"
    assert body["line"] == bad.splitlines().index("first_dya = 2021-09-13") + 1
    assert client.get("/api/projects").json() == {"projects": []}  # nothing half-created


def test_uploads_of_unknown_kinds_and_missing_settings_are_refused(client, demo_files):
    files = demo_files()
    files["script"] = ("notes.docx", b"PK\x03\x04")
    answer = client.post("/api/projects", files=files)
    assert answer.status_code == 422
    assert answer.json()["error"] == "BadUpload"
    assert ".fountain" in answer.json()["message"]
    files = demo_files()
    del files["settings"]
    answer = client.post("/api/projects", files=files)
    assert answer.status_code == 422
    assert answer.json()["message"] == "no settings: upload skyslate.toml or fill in the settings"


def test_a_path_in_an_upload_name_is_only_a_name(client, demo_files):
    files = demo_files()
    files["script"] = ("../../etc/the-challenge.fountain", files["script"][1])
    files["files"] = ("/tmp/../iss-2021-10.tle", files["files"][1])
    project = client.post("/api/projects", files=files).json()
    assert project["script"] == "the-challenge.fountain"
    assert project["files"] == ["iss-2021-10.tle"]


def test_bodies_over_the_limit_are_refused_with_413(make_client, demo_files):
    client = make_client(max_upload_bytes=10_000)
    answer = client.post("/api/projects", files=demo_files())
    assert answer.status_code == 413
    assert answer.json()["error"] == "UploadTooLarge"
    assert "0.01 MB" in answer.json()["message"]
    # A streamed body has no Content-Length: the guard counts the bytes as they arrive.
    streamed = client.put(
        "/api/projects/1/settings",
        content=(b"x" * 4096 for _ in range(5)),
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413
    assert streamed.json()["error"] == "UploadTooLarge"
    assert client.get("/api/projects").json() == {"projects": []}


def test_a_token_is_required_when_configured(make_client):
    client = make_client(token="s3cret")
    refused = client.get("/api/projects")
    assert refused.status_code == 401
    assert refused.json()["error"] == "Unauthorized"
    assert client.get("/api/projects", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert (
        client.get("/api/projects", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    )
    page = client.get("/?token=s3cret")
    assert page.status_code == 200
    assert "skyslate_token=s3cret" in page.headers["set-cookie"]
    assert client.get("/api/projects").status_code == 200  # the cookie now carries it


def test_writes_sent_from_another_web_site_are_refused(client, demo_files):
    """CSRF: a page elsewhere may POST a form to 127.0.0.1; the browser names its origin."""
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        refused = client.post("/api/projects", files=demo_files(), headers=headers)
        assert refused.status_code == 403, headers
        assert set(refused.json()) >= ERROR_KEYS
        assert refused.json()["error"] == "Forbidden"
    assert client.get("/api/projects").json() == {"projects": []}  # nothing was created
    # Reading from elsewhere is what the browser's same-origin rule already stops.
    assert client.get("/api/projects", headers={"Origin": "http://evil.example"}).status_code == 200
    same = client.post(
        "/api/projects",
        files=demo_files(),
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 201, same.text


def test_a_loopback_server_answers_only_loopback_names(make_client):
    """DNS rebinding: another site's name pointed at 127.0.0.1 arrives with its own Host."""
    client = make_client(hosts=("127.0.0.1", "localhost", "[::1]"))
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/projects", headers={"Host": host}).status_code == 200, host
    refused = client.get("/api/projects", headers={"Host": "evil.example:8000"})
    assert refused.status_code == 403
    assert refused.json()["message"] == (
        "this server answers only to 127.0.0.1, [::1], localhost, not to evil.example"
    )


def test_errors_have_one_shape(client):
    for answer, status, name in (
        (client.get("/api/projects/99"), 404, "NotFoundError"),
        (client.get("/api/nowhere"), 404, "NotFound"),
        (client.put("/api/projects/1/schedule", json={"revision": "x"}), 422, "RequestError"),
        (client.get("/api/jobs/nope"), 404, "NotFoundError"),
    ):
        assert answer.status_code == status
        assert set(answer.json()) >= ERROR_KEYS
        assert answer.json()["error"] == name


def test_a_browser_opening_a_missing_page_gets_a_page_the_api_json(client):
    html = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = client.get("/projects/999/board", headers=html)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "no project 999" in page.text and 'href="/"' in page.text
    assert client.get("/projects/abc", headers=html).headers["content-type"].startswith("text/html")
    api = client.get("/api/projects/999", headers=html)  # the API answers JSON whatever is accepted
    assert api.status_code == 404
    assert api.json()["error"] == "NotFoundError"
    assert (
        client.get("/projects/999/board").json()["error"] == "NotFoundError"
    )  # a fetch, not a page


def test_no_schedule_before_optimising_then_a_hand_order_is_revision_1(client, demo_files):
    project = client.post("/api/projects", files=demo_files()).json()
    url = f"/api/projects/{project['id']}/schedule"
    empty = client.get(url)
    assert empty.status_code == 404
    assert empty.json()["error"] == "NoSchedule"
    assert empty.json()["revision"] == 0
    saved = client.put(url, json={"revision": 0, "days": [["1", "2"], ["3"]], "note": "first try"})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["revision"] == 1
    assert body["order"] == [["1", "2"], ["3"]]
    assert body["note"] == "first try"
    assert body["cost"]["total"] > 0


def test_the_saved_cost_is_the_cores_evaluation(scenario):
    from skyslate.plan.project import parse_project
    from skyslate.script import read_script
    from skyslate.solve.evaluate import evaluate
    from skyslate.web.localtime import local_violation_times

    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    days = [list(day) for day in current["order"]]
    days[0], days[1] = days[1], days[0]  # swap the first two shoot dates
    saved = client.put(url, json={"revision": current["revision"], "days": days}).json()
    production = parse_project(
        (EXAMPLE / "skyslate.toml").read_text(encoding="utf-8"),
        breakdown=read_script(EXAMPLE / "the-challenge.fountain"),
        files={"iss-2021-10.tle": (EXAMPLE / "iss-2021-10.tle").read_bytes()},
    )
    expected = local_violation_times(
        json.loads(json.dumps(evaluate(production, days).to_json(production), default=str))
    )
    assert saved["cost"] == expected["cost"]
    # The only change the web makes: violation clock times in each scene's local time.
    assert saved["violations"] == expected["violations"]
    assert saved["revision"] == current["revision"] + 1


def test_a_stale_save_answers_409_with_the_current_revision(scenario):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    first = client.put(url, json={"revision": current["revision"], "days": current["order"]})
    assert first.status_code == 200
    stale = client.put(url, json={"revision": current["revision"], "days": current["order"][::-1]})
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"] == "StaleRevisionError"
    assert body["revision"] == current["revision"] + 1
    assert client.get(url).json()["order"] == current["order"]  # never silently overwritten


def test_an_unknown_scene_is_a_project_error(scenario):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    answer = client.put(url, json={"revision": current["revision"], "days": [["999"]]})
    assert answer.status_code == 422
    assert answer.json()["error"] == "ProjectError"
    assert "999" in answer.json()["message"]
    assert client.get(url).json()["revision"] == current["revision"]


def test_a_scene_twice_on_the_board_is_refused_before_evaluating(scenario):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    answer = client.put(
        url, json={"revision": current["revision"], "days": [["1"] * 50_000, ["2", "3", "2"]]}
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "BadOrder"
    assert answer.json()["message"] == "each scene may appear once on a board; repeated: 1, 2"
    assert answer.json()["repeated"] == ["1", "2"]
    assert client.get(url).json()["revision"] == current["revision"]  # nothing saved


def test_optimise_runs_in_the_background_and_saves_the_planners_plan(scenario, wait_for_job):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    before = client.get(url).json()["revision"]
    started = client.post(
        f"/api/projects/{project_id}/optimise", json={"board": board, "time_limit_seconds": 1}
    )
    assert started.status_code == 202
    assert client.get("/api/projects").status_code == 200  # the server answers meanwhile
    job = wait_for_job(client, started.json()["job"])
    assert job["state"] == "done", job
    assert job["progress"] == 1.0
    assert job["result"] == {"revision": before + 1}
    plan = client.get(url).json()
    assert plan["revision"] == before + 1
    assert plan["kind"] == "optimise"
    assert plan["lower_bound"] is None or plan["lower_bound"] <= plan["cost"]["total"]
    assert job["best_cost"] == plan["cost"]["total"]
    scheduled = [s["number"] for d in plan["days"] for s in d["scenes"]]
    assert sorted(scheduled) == sorted(n for day in plan["order"] for n in day)
    assert len(plan["shoot_dates"]) >= len(plan["order"])
    jobs = client.get(f"/api/projects/{project_id}/jobs").json()["jobs"]
    assert jobs[0]["id"] == job["id"]


def test_cancel_stops_an_optimisation_without_saving(scenario, wait_for_job, monkeypatch):
    from skyslate.web import jobs

    client, project_id, board = scenario
    before = client.get(f"/api/projects/{project_id}/schedule?board={board}").json()["revision"]
    url = f"/api/projects/{project_id}/optimise"
    job = client.post(url, json={"board": board, "time_limit_seconds": 600}).json()["job"]
    # While it runs: the same board is refused (409, naming the job), and past the server's
    # limit of solver processes any board is (429): a client cannot start hundreds.
    again = client.post(url, json={"board": board, "time_limit_seconds": 600})
    assert again.status_code == 409
    assert (again.json()["error"], again.json()["job"]) == ("Busy", job)
    monkeypatch.setattr(jobs, "MAX_OPTIMISATIONS", 1)
    other = client.post(f"/api/projects/{project_id}/boards", json={"name": "other " + job}).json()
    busy = client.post(url, json={"board": other["id"], "time_limit_seconds": 600})
    assert busy.status_code == 429
    assert busy.json()["jobs"] == [job]
    cancelled = client.post(f"/api/jobs/{job}/cancel")
    assert cancelled.status_code == 200
    final = wait_for_job(client, job, timeout_seconds=20)
    assert final["state"] == "cancelled"
    assert (
        client.get(f"/api/projects/{project_id}/schedule?board={board}").json()["revision"]
        == before
    )


def test_revisions_compare_and_restore(scenario):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    first = client.get(url).json()
    days = [list(day) for day in first["order"]] + [[]]
    busy = next(i for i, day in enumerate(days) if day)
    moved = days[busy].pop()
    days[busy + 1].append(moved)
    second = client.put(
        url, json={"revision": first["revision"], "days": days, "note": "move"}
    ).json()
    base = f"/api/projects/{project_id}/boards/{board}"
    listed = client.get(base + "/revisions").json()["revisions"]
    assert [r["revision"] for r in listed] == [second["revision"], first["revision"]]
    assert listed[0]["note"] == "move"
    assert listed[0]["cost"] == second["cost"]["total"]
    comparison = client.get(base + f"/compare?a={first['revision']}&b={second['revision']}").json()
    assert comparison["moved"] == [{"number": moved, "from_day": busy + 1, "to_day": busy + 2}]
    assert comparison["cost_change"]["total"] == round(
        second["cost"]["total"] - first["cost"]["total"], 2
    )
    restored = client.post(
        base + "/restore", json={"revision": first["revision"], "base_revision": second["revision"]}
    )
    assert restored.status_code == 200
    assert restored.json()["revision"] == second["revision"] + 1
    assert restored.json()["order"] == first["order"]
    assert restored.json()["kind"] == "restore"
    stale = client.post(
        base + "/restore", json={"revision": first["revision"], "base_revision": second["revision"]}
    )
    assert stale.status_code == 409


def test_board_names_are_unique_per_project(demo):
    client, project_id, _main = demo
    assert (
        client.post(f"/api/projects/{project_id}/boards", json={"name": "Plan B"}).status_code
        == 201
    )
    clash = client.post(f"/api/projects/{project_id}/boards", json={"name": "Plan B"})
    assert clash.status_code == 409
    assert clash.json()["message"] == "a board named 'Plan B' already exists in this project"


def test_breakdown_edits_change_breakdown_and_settings(client, demo_files):
    project = client.post("/api/projects", files=demo_files()).json()
    number = project["breakdown"]["scenes"][0]["number"]
    edited = client.patch(
        f"/api/projects/{project['id']}/scenes/{number}",
        json={"eighths": 9, "elements": {"Props": ["oxygen mask"]}, "duration_minutes": 45},
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["version"] == 2
    scene = body["breakdown"]["scenes"][0]
    assert scene["eighths"] == 9
    assert scene["elements"] == {"Props": ["oxygen mask"]}
    import tomllib

    assert tomllib.loads(body["settings_toml"])["scenes"][number]["duration_minutes"] == 45
    bad = client.patch(f"/api/projects/{project['id']}/scenes/{number}", json={"needs": "teleport"})
    assert bad.status_code == 422  # not a need the sky engine knows
    assert bad.json()["error"] == "ProjectError"
    assert client.get(f"/api/projects/{project['id']}").json()["version"] == 2


def test_settings_export_and_import(client, demo_files):
    project = client.post("/api/projects", files=demo_files()).json()
    exported = client.get(f"/api/projects/{project['id']}/settings.toml")
    assert exported.headers["content-disposition"] == 'attachment; filename="skyslate.toml"'
    text = exported.text.replace('title = "The Challenge"', 'title = "The Challenge (cut)"')
    saved = client.put(f"/api/projects/{project['id']}/settings", json={"settings_toml": text})
    assert saved.status_code == 200
    assert saved.json()["title"] == "The Challenge (cut)"
    assert saved.json()["version"] == 2


def test_a_core_piece_missing_answers_503_not_a_fake(scenario, monkeypatch):
    from skyslate.web import core

    client, project_id, board = scenario
    monkeypatch.setattr(core, "evaluate", lambda *_: core.core("skyslate.solve.absent", "evaluate"))
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    answer = client.put(url, json={"revision": current["revision"], "days": current["order"]})
    assert answer.status_code == 503
    assert answer.json()["error"] == "CoreUnavailable"
    assert answer.json()["missing"] == "skyslate.solve.absent.evaluate"


def test_reports_are_written_stored_and_downloadable(scenario, wait_for_job, monkeypatch):
    from skyslate.web import core

    # PDFs come from the same HTML (the report tests check them); skipping them keeps this fast.
    monkeypatch.setattr(core, "write_reports", functools.partial(core.write_reports, pdf=False))
    client, project_id, board = scenario
    started = client.post(f"/api/projects/{project_id}/reports", json={"board": board})
    assert started.status_code == 202
    job = wait_for_job(client, started.json()["job"], timeout_seconds=120)
    assert job["state"] == "done", job
    files = client.get(f"/api/projects/{project_id}/reports?board={board}").json()["files"]
    by_suffix = {f["name"].rsplit(".", 1)[-1]: f for f in files}
    assert {"html", "xlsx", "ics", "csv"} <= set(by_suffix)
    sheet = client.get(by_suffix["xlsx"]["url"] + "?download=true")
    assert sheet.status_code == 200
    assert sheet.content.startswith(b"PK")  # a zip container, as every .xlsx is
    assert sheet.headers["content-disposition"].startswith("attachment")
    calendar = client.get(by_suffix["ics"]["url"])
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert calendar.text.startswith("BEGIN:VCALENDAR")
    # Report pages hold text from uploaded scripts: viewed inline they run sandboxed.
    page = client.get(by_suffix["html"]["url"])
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"].startswith("sandbox")
    assert "content-security-policy" not in calendar.headers
    missing = client.get(by_suffix["ics"]["url"].replace(".ics", ".nope"))
    assert missing.status_code == 404


def test_a_revision_evaluated_before_a_settings_change_is_marked_stale(client, demo_files):
    project = client.post("/api/projects", files=demo_files()).json()
    url = f"/api/projects/{project['id']}/schedule"
    saved = client.put(url, json={"revision": 0, "days": [["1"], ["2"]]}).json()
    assert saved["stale"] is False
    client.patch(f"/api/projects/{project['id']}/scenes/2", json={"eighths": 12})
    assert client.get(url).json()["stale"] is True
    again = client.put(url, json={"revision": 1, "days": [["1"], ["2"]]}).json()
    assert again["stale"] is False
    assert again["days"][1]["scenes"][0]["eighths"] == 12


def test_a_script_is_broken_down_to_prefill_the_form_and_nothing_is_stored(client):
    script = (EXAMPLE / "the-challenge.fountain").read_bytes()
    answer = client.post("/api/scripts/breakdown", files={"script": ("x.fountain", script)})
    assert answer.status_code == 200
    body = answer.json()
    assert body["characters"][0] == "ZHENYA"  # the lead speaks in the most scenes
    assert len(body["scenes"]) == 27
    assert "ISS - CUPOLA" in body["sets"]
    assert client.get("/api/projects").json() == {"projects": []}
    broken = client.post(
        "/api/scripts/breakdown", files={"script": ("x.fdx", b"<FinalDraft><Oops")}
    )
    assert broken.status_code == 422
    assert broken.json()["error"] == "ScriptError"
    assert broken.json()["path"] == "x.fdx"


def test_fdx_and_uss_uploads_go_through_the_core_readers(client):
    tests = Path(__file__).resolve().parents[1]
    fdx = (tests / "data" / "scripts" / "live-link.fdx").read_bytes()
    answer = client.post("/api/scripts/breakdown", files={"script": ("live-link.fdx", fdx)})
    assert answer.status_code == 200, answer.text
    assert [s["number"] for s in answer.json()["scenes"]] == ["1", "2", "4A"]
    assert answer.json()["characters"][0] == "ZHENYA"
    uss = (tests / "report" / "data" / "hand-made.uss").read_bytes()
    answer = client.post("/api/scripts/breakdown", files={"script": ("hand-made.uss", uss)})
    assert answer.status_code == 200, answer.text
    expected = json.loads(uss)["universalScheduleStandard"]["breakdowns"]
    assert 0 < len(answer.json()["scenes"]) <= len(expected)
    broken = client.post("/api/scripts/breakdown", files={"script": ("b.uss", b"{not json")})
    assert broken.status_code == 422
    assert broken.json()["error"] == "ScriptError"
    assert broken.json()["line"] == 1


def test_file_names_in_uploaded_settings_never_reach_the_servers_disk(client, demo_files, tmp_path):
    """element_sets names a file; on the server only uploaded files exist, whatever the path."""
    secret = tmp_path / "secret.tle"
    secret.write_bytes((EXAMPLE / "iss-2021-10.tle").read_bytes())  # a real, readable file
    settings = (EXAMPLE / "skyslate.toml").read_text(encoding="utf-8")
    for name in (str(secret), "../../../../../../etc/passwd", "iss-2021-10.tle"):
        fields = demo_files()
        del fields["files"]  # nothing uploaded
        fields["settings"] = (
            "skyslate.toml",
            settings.replace('element_sets = "iss-2021-10.tle"', f"element_sets = {name!r}"),
        )
        answer = client.post("/api/projects", files=fields)
        assert answer.status_code == 422, name
        assert answer.json()["error"] == "ProjectError"
        assert answer.json()["message"] == (
            f"skyslate.toml: element-set file {name!r} is not among the project's uploaded "
            "files (none); "
            "upload it with the project: the server never reads files from its own disk"
        )
    assert client.get("/api/projects").json() == {"projects": []}


def test_the_core_is_never_offered_a_name_that_was_not_uploaded():
    """Defence in depth: the mapping given to the core answers only with uploaded bytes."""
    import pytest

    from skyslate.errors import ProjectError
    from skyslate.web.core import UploadedFiles

    files = UploadedFiles({"iss.tle": b"x"})
    assert "/etc/passwd" in files and bool(UploadedFiles({}))  # the core asks us, not its disk
    assert files["iss.tle"] == b"x"
    with pytest.raises(ProjectError, match="'/etc/passwd' is not among the project's uploaded"):
        files.get("/etc/passwd")
