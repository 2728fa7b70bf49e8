"""Fixtures for the web tests: an app over a temporary SQLite file and the demo project."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "skyslate" / "examples" / "the-challenge"


def client_class():
    """Starlette's TestClient, imported without its httpx deprecation notice failing the run."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # StarletteDeprecationWarning: httpx vs httpx2
        from fastapi.testclient import TestClient
    return TestClient


def demo_files() -> dict:
    """The multipart fields that create the demo production."""
    return {
        "script": ("the-challenge.fountain", (EXAMPLE / "the-challenge.fountain").read_bytes()),
        "settings": ("skyslate.toml", (EXAMPLE / "skyslate.toml").read_bytes()),
        "files": ("iss-2021-10.tle", (EXAMPLE / "iss-2021-10.tle").read_bytes()),
    }


def wait_for_job(client, job_id: str, timeout_seconds: float = 60.0) -> dict:
    """Poll a job until it ends."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still running after {timeout_seconds} s")


@pytest.fixture
def make_client(tmp_path):
    """Build a TestClient over a fresh SQLite file; extra arguments go to create_app."""
    from skyslate.web.app import create_app

    clients = []

    def make(**options):
        client = client_class()(create_app(f"sqlite:///{tmp_path / 'web.db'}", **options))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One app with the demo project and a hand-made order (two scenes a day, script order)
    saved as revision 1 of its Main board; tests copy that board to edit it."""
    from skyslate.web.app import create_app

    folder = tmp_path_factory.mktemp("demo")
    client = client_class()(create_app(f"sqlite:///{folder / 'demo.db'}"))
    with client:
        project = client.post("/api/projects", files=demo_files()).json()
        numbers = [scene["number"] for scene in project["breakdown"]["scenes"]]
        days = [numbers[i : i + 2] for i in range(0, len(numbers), 2)]
        saved = client.put(
            f"/api/projects/{project['id']}/schedule", json={"revision": 0, "days": days}
        )
        assert saved.status_code == 200, saved.text
        yield client, project["id"], project["boards"][0]["id"]


@pytest.fixture
def scenario(demo, request):
    """A fresh board copied from the optimised Main board: (client, project id, board id)."""
    client, project_id, main = demo
    answer = client.post(
        f"/api/projects/{project_id}/boards", json={"name": request.node.name, "copy_from": main}
    )
    assert answer.status_code == 201, answer.text
    return client, project_id, answer.json()["id"]


@pytest.fixture(name="demo_files")
def demo_files_fixture():
    """The function that gives the demo's multipart fields."""
    return demo_files


@pytest.fixture(name="wait_for_job")
def wait_for_job_fixture():
    """The function that polls a job until it ends."""
    return wait_for_job
