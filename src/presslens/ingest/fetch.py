"""URL → bytes, safely: http(s) only, SSRF-guarded, time- and size-limited, redirects checked.

Owns :func:`fetch_url`. Every hop (the first request and each redirect, at most
``_MAX_REDIRECTS``) is checked before it is sent: the scheme must be http or https, and the
host must be — or resolve only to — public addresses (every address DNS returns is checked,
so one private record among public ones is refused). Private, loopback, link-local, shared,
reserved, multicast and unspecified addresses are refused unless ``settings.allow_private``.
After connecting, the address actually connected to is checked again (closing the window in
which DNS could answer differently the second time) before any of the body is read.

Environment proxies are ignored on purpose: through a proxy the address checks would test the
proxy, not the site. The body is streamed and cut off at ``settings.fetch_max_bytes``; the whole
fetch, redirects included, must finish within ``settings.fetch_timeout`` seconds per hop.
Every failure is one :class:`~presslens.errors.FetchError` with a one-line message.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import Settings
from ..errors import FetchError

__all__ = ["FetchedPage", "check_address", "check_url", "fetch_url", "resolve_host"]

_MAX_REDIRECTS = 5
_SCHEMES = {"http", "https"}


@dataclass(frozen=True)
class FetchedPage:
    """A fetched response body with its final URL (after redirects) and content type."""

    url: str
    content: bytes
    content_type: str | None
    status: int = 200


def resolve_host(host: str, port: int) -> list[str]:
    """Every IP address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


def check_address(ip: str, *, allow_private: bool) -> None:
    """Raise FetchError unless ``ip`` is a public unicast address (or private is allowed)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError as exc:
        raise FetchError(f"not an IP address: {ip!r}") from exc
    if isinstance(addr, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address are judged by that address:
        # "::ffff:127.0.0.1" (mapped), "2002:7f00:1::" (6to4), Teredo's client address
        embedded = addr.ipv4_mapped or addr.sixtofour or (addr.teredo or (None, None))[1]
        if embedded is not None:
            addr = embedded
    if allow_private:
        return
    if not addr.is_global or addr.is_multicast or addr.is_reserved or addr.is_unspecified:
        raise FetchError(
            f"refusing to fetch from non-public address {addr} (private, loopback, link-local "
            "or reserved); use --allow-private to allow it"
        )


def check_url(url: str, *, allow_private: bool) -> list[str]:
    """Check one hop's URL (scheme, host, every resolved address); return the addresses."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise FetchError(f"only http and https URLs can be fetched, not {scheme or 'no'} scheme")
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url!r}")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addresses = [host]
    except ValueError:
        addresses = resolve_host(host, port or (443 if scheme == "https" else 80))
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address")
    for ip in addresses:
        check_address(ip, allow_private=allow_private)
    return addresses


def _peer_address(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        peer = stream.get_extra_info("server_addr")
    except (AttributeError, OSError):
        return None
    return str(peer[0]) if isinstance(peer, tuple) and peer else None


def _read_body(response: httpx.Response, *, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url} is {int(declared):,} bytes, over the limit of {max_bytes:,}")
    body = bytearray()
    # No chunk size: a fixed size would make httpx wait for that many bytes before the deadline
    # is checked again, so a server dripping one byte at a time could hold the fetch open.
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"{url} is larger than the limit of {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out reading {url}")
    return bytes(body)


def fetch_url(url: str, *, settings: Settings) -> FetchedPage:
    """Fetch ``url`` (following up to 5 checked redirects) and return its body."""
    allow = settings.allow_private
    timeout = settings.fetch_timeout
    headers = {"User-Agent": settings.user_agent,
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    current = url
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False,
                          trust_env=False) as client:
            for _hop in range(_MAX_REDIRECTS + 1):
                check_url(current, allow_private=allow)
                deadline = time.monotonic() + timeout
                with client.stream("GET", current) as response:
                    peer = _peer_address(response)
                    if peer is not None:
                        check_address(peer, allow_private=allow)
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{current} redirects without a Location header")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{current} returned HTTP {response.status_code}")
                    body = _read_body(response, url=current, max_bytes=settings.fetch_max_bytes,
                                      deadline=deadline)
                    return FetchedPage(url=str(response.url), content=body,
                                       content_type=response.headers.get("content-type"),
                                       status=response.status_code)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g} s fetching {current}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL {current!r}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch {current}: {exc}") from exc
    raise FetchError(f"too many redirects (more than {_MAX_REDIRECTS}) fetching {url}")
