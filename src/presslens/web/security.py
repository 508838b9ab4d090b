"""The web app's guards, as one ASGI middleware: headers, body size, origin and write token.

Owns :class:`Guard` and :func:`is_loopback`. Every response gets a strict Content-Security-Policy
(scripts and styles only from the app's own ``/static``, no inline script or style, no frames,
forms post only to the app) and the usual hardening headers. Requests are refused before the app
sees them when:

* the body is larger than ``max_body`` bytes (413): by ``Content-Length`` up front, and by
  counting a streamed body as it arrives;
* a write (any method but GET, HEAD, OPTIONS) comes from another site: a browser's
  ``Sec-Fetch-Site`` other than ``same-origin``/``none``, or (from older browsers) an ``Origin``
  that is not this host (403);
* a write carries no valid token while a token is required (401) — required whenever the server
  listens on a non-loopback address. The token goes in ``Authorization: Bearer …`` or the
  ``X-Presslens-Token`` header; the analyse form sends it as a cookie set by ``/login``.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

__all__ = ["CSP", "LOGIN_PATH", "TOKEN_COOKIE", "Guard", "is_loopback"]

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

TOKEN_COOKIE = "presslens_token"
LOGIN_PATH = "/login"

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin: our own forms carry a real Origin; links out send no referrer.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def is_loopback(host: str) -> bool:
    """True if ``host`` (an address or 'localhost') only listens on this machine."""
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """ASGI middleware applying the checks in the module docstring."""

    def __init__(self, app: ASGIApp, *, max_body: int, token: str | None) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        refusal = self._refuse(scope, headers)
        if refusal is not None:
            await _reply(send_with_headers, *refusal)
            return
        seen = 0
        refused = False  # the streamed body passed the limit: 413 sent, the app is cut off
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    refused = True
                    if not started:
                        await _reply(send_with_headers, 413, self._too_large())
                    # The app sees a client that went away, and stops reading.
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been answered; whatever the app says is dropped
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise
            # Expected: the app failed reading the body we cut off (ClientDisconnect …).
            logger.info("request body over %d bytes refused", self.max_body)

    def _too_large(self) -> str:
        return f"request body over the limit of {self.max_body:,} bytes"

    def _refuse(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length is not None:
            try:
                if int(length) > self.max_body:
                    return 413, self._too_large()
            except ValueError:
                return 400, "invalid Content-Length"
        if scope.get("method", "GET") in _SAFE_METHODS:
            return None
        if not _same_origin(headers):
            return 403, "cross-site request refused"
        # /login checks the token it is given itself (and sets the cookie the form then sends).
        if (self.token is not None and scope.get("path") != LOGIN_PATH
                and not self._token_ok(headers)):
            return 401, "this server needs a token for writes (see presslens serve --help)"
        return None

    def _token_ok(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        given = headers.get("x-presslens-token")
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if given is None and "cookie" in headers:
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(headers["cookie"])
            except Exception:  # noqa: BLE001 - a malformed Cookie header is no token
                return False
            morsel = cookie.get(TOKEN_COOKIE)
            given = morsel.value if morsel is not None else None
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())


def _same_origin(headers: dict[str, str]) -> bool:
    """Whether a write comes from this site's own pages (or from no browser at all)."""
    site = headers.get("sec-fetch-site")
    if site is not None:  # modern browsers say where the request comes from
        return site in {"same-origin", "none"}
    origin = headers.get("origin")
    if origin is None:
        return True  # not a browser form or fetch from another page (curl, scripts, tests)
    if origin == "null":
        return False
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        return False
    return netloc.lower() == headers.get("host", "").lower()


async def _reply(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
