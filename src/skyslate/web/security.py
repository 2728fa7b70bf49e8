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
