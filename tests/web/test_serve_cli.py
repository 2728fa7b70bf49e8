"""`skyslate serve` refuses to open itself to the network without a token."""

from __future__ import annotations


def test_serve_help_names_every_option(run_cli):
    code, out, _err = run_cli("serve", "--help")
    assert code == 0
    for option in ("--host", "--port", "--db", "--token", "--max-upload-mb"):
        assert option in out


def test_binding_an_open_address_without_a_token_is_refused(run_cli, monkeypatch):
    monkeypatch.delenv("SKYSLATE_TOKEN", raising=False)
    code, out, err = run_cli("serve", "--host", "0.0.0.0")
    assert code == 1
    assert out == ""
    assert err == (
        "Error: binding 0.0.0.0 exposes the server to the network: give --token T "
        "(or set SKYSLATE_TOKEN) so every request must carry it\n"
    )


def test_a_bad_port_is_a_usage_error(run_cli):
    code, _out, err = run_cli("serve", "--port", "70000")
    assert code == 2
    assert "70000" in err


def test_a_killed_server_keeps_every_acknowledged_save(tmp_path, demo_files):
    """SIGKILL right after a 200: the saved revision is there when the database is opened again.

    The same real server also shows that a loopback server answers only loopback names."""
    import json
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from skyslate.store import Store

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "skyslate", "serve", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/api/projects", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        # Without a token only loopback names are served (no DNS rebinding) ...
        rebound = httpx.get(base + "/api/projects", headers={"Host": f"evil.example:{port}"})
        assert rebound.status_code == 403
        assert rebound.json()["error"] == "Forbidden"
        assert httpx.get(f"http://localhost:{port}/api/projects").status_code == 200
        project = httpx.post(base + "/api/projects", files=demo_files(), timeout=30).json()
        saved = httpx.put(
            f"{base}/api/projects/{project['id']}/schedule",
            json={"revision": 0, "days": [["1", "2"], ["3"]], "note": "before the kill"},
            timeout=30,
        )
        assert saved.status_code == 200
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    reopened = Store(url)
    board = reopened.board(project["id"])
    revision = reopened.revision(board.id)
    reopened.close()
    assert (board.revision, revision.note) == (1, "before the kill")
    assert json.loads(revision.days_json) == [["1", "2"], ["3"]]
    assert json.loads(revision.plan_json)["cost"] == saved.json()["cost"]


def test_the_readme_shows_the_real_help_and_refusal(run_cli, monkeypatch):
    """The README's `serve` examples are this command's output, so they cannot go stale."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:serve -->")[1].split("<!-- /section:serve -->")[0]
    _code, out, _err = run_cli("serve", "--help")
    shown = section.split("$ skyslate serve --help\n")[1].split("\n$ skyslate serve --port")[0]
    assert shown.split() == out.split()  # the same words; line wrapping follows the terminal
    monkeypatch.delenv("SKYSLATE_TOKEN", raising=False)
    _code, _out, err = run_cli("serve", "--host", "0.0.0.0")
    assert f"$ skyslate serve --host 0.0.0.0\n{err}```" in section
