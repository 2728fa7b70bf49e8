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
