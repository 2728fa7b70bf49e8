"""`skyslate serve`: the web stripboard, backed by a database."""

from __future__ import annotations

import os

import click

from skyslate.errors import SkyslateError


class ServeError(SkyslateError):
    """A server that must not start as asked (an open address without a token)."""


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind."
)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Database URL (default: SQLite under the user's data folder; "
    "postgresql+psycopg://user:pass@host/db works too).",
)
@click.option(
    "--token",
    default=None,
    envvar="SKYSLATE_TOKEN",
    help="Access token every request must carry; required when binding any address "
    "other than 127.0.0.1 (or set SKYSLATE_TOKEN).",
)
@click.option(
    "--max-upload-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Largest request body accepted, in megabytes.",
)
def serve(
    host: str, port: int, db_url: str | None, token: str | None, max_upload_mb: float
) -> None:
    """Run the web stripboard: projects, breakdown, optimise, drag strips, revisions, reports."""
    from skyslate.web.security import LOOPBACK_HOSTS, needs_token

    if needs_token(host) and not token:
        raise ServeError(
            f"binding {host} exposes the server to the network: give --token T "
            "(or set SKYSLATE_TOKEN) so every request must carry it"
        )
    import uvicorn

    from skyslate.store.db import default_db_url
    from skyslate.web.app import create_app

    url = db_url or default_db_url()
    # Without a token only the loopback names are answered: a web site whose name was
    # re-pointed at 127.0.0.1 (DNS rebinding) must not read or change the boards.
    app = create_app(
        url,
        token=token,
        max_upload_bytes=int(max_upload_mb * 1_000_000),
        hosts=None if token else LOOPBACK_HOSTS,
    )
    shown = url if "@" not in url else url.split("://", 1)[0] + "://…@" + url.rsplit("@", 1)[1]
    address = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL needs brackets
    click.echo(f"skyslate serving on http://{address}:{port}/  (database {shown})", err=True)
    if token and os.environ.get("SKYSLATE_TOKEN") != token:
        click.echo(
            f"open http://{address}:{port}/?token=<your token> once in the browser", err=True
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")
