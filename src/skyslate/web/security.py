"""Two guards in front of every request: the access token and the upload size limit."""

from __future__ import annotations

import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from skyslate.web.errors import UploadTooLarge, error_body

TOKEN_COOKIE = "skyslate_token"
TOKEN_HEADER = b"x-skyslate-token"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def needs_token(host: str) -> bool:
    """Any address other than the loopback one must be protected by a token."""
    return host not in LOOPBACK


async def _send_json(send, status: int, body: dict, headers: list | None = None) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class TokenGuard:
    """Refuses (401) any request without the token in a header, the cookie or `?token=`.

    A browser opens the first page with `?token=T`; the answer sets a cookie so later
    requests (pages, fetches, downloads) carry it without putting it in every link.
    """

    def __init__(self, app, token: str):
        self.app = app
        self.token = token.encode()

    def _presented(self, scope) -> tuple[bytes | None, bool]:
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"")
        if auth.lower().startswith(b"bearer "):
            return auth[7:].strip(), False
        if TOKEN_HEADER in headers:
            return headers[TOKEN_HEADER].strip(), False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "token" in query:
            return query["token"][0].encode(), True
        if b"cookie" in headers:
            cookie = SimpleCookie(headers[b"cookie"].decode("latin-1"))
            if TOKEN_COOKIE in cookie:
                return cookie[TOKEN_COOKIE].value.encode(), False
        return None, False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        presented, from_query = self._presented(scope)
        if presented is None or not hmac.compare_digest(presented, self.token):
            await _send_json(
                send,
                401,
                error_body(
                    "Unauthorized",
                    "this server needs its access token: send 'Authorization: Bearer TOKEN' "
                    "or open any page once with ?token=TOKEN",
                ),
                [(b"www-authenticate", b"Bearer")],
            )
            return
        if not from_query:
            await self.app(scope, receive, send)
            return
        cookie = f"{TOKEN_COOKIE}={self.token.decode()}; HttpOnly; SameSite=Strict; Path=/".encode()

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SizeLimit:
    """Refuses (413) request bodies over `max_bytes`, by Content-Length or by counting."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self) -> UploadTooLarge:
        megabytes = self.max_bytes / 1_000_000
        return UploadTooLarge(
            f"the request is larger than the limit of {megabytes:g} MB "
            "(start the server with --max-upload-mb to change it)"
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_json(send, 413, self._refusal().to_dict())
            return
        received = 0

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # The app's error handlers turn this into a 413 JSON answer.
                    raise self._refusal()
            return message

        await self.app(scope, counting_receive, send)


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def _host_name(host: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '[::1]' (lower case)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SameOriginGuard:
    """Refuses (403) what another web site makes a browser send to this server.

    Cross-site writes (CSRF): a page elsewhere can POST a form to 127.0.0.1 and start
    jobs or create projects; browsers name the page's origin in `Origin` and say
    `Sec-Fetch-Site: cross-site`, so a write whose origin is not this server is refused.
    DNS rebinding: a site's name re-pointed at 127.0.0.1 reaches the server with its own
    name in `Host`; with `hosts` given (a loopback server without a token) only those
    names are served. Clients that are not browsers (curl, scripts) send neither header.
    """

    def __init__(self, app, hosts: tuple[str, ...] | None = None):
        self.app = app
        self.hosts = {h.lower() for h in hosts} if hosts else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if self.hosts is not None and _host_name(host) not in self.hosts:
            await _send_json(
                send,
                403,
                error_body(
                    "Forbidden",
                    f"this server answers only to {', '.join(sorted(self.hosts))}, "
                    f"not to {_host_name(host) or 'a request without a Host'}",
                ),
            )
            return
        if scope.get("method") in UNSAFE_METHODS:
            origin = headers.get(b"origin", b"").decode("latin-1").lower()
            site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
            foreign = origin not in ("", "null") and origin.split("://", 1)[-1] != host.lower()
            if foreign or site == "cross-site" or origin == "null":
                await _send_json(
                    send,
                    403,
                    error_body(
                        "Forbidden",
                        "a change sent from another web site is refused; "
                        "use skyslate's own pages or a non-browser client",
                    ),
                )
                return
        await self.app(scope, receive, send)
