"""URL → bytes, safely: http(s) only, SSRF-guarded, time- and size-limited, redirects checked.

Owns :func:`fetch_url`. Every hop (the first request and each redirect, at most
``_MAX_REDIRECTS``) is checked before it is sent: the scheme must be http or https, and the
host must be — or resolve only to — public addresses (every address DNS returns is checked,
so one private record among public ones is refused). Private, loopback, link-local, shared,
reserved, multicast and unspecified addresses are refused unless ``settings.allow_private``.

The connection then goes to one of exactly those vetted addresses: httpx is given a network
backend (:class:`_VettedBackend`) that never resolves names itself, it maps the hop's host and
port to the addresses vetted for it and opens the TCP socket to one of them, refusing any host
it was not told about. DNS is asked once per hop, so a second, different answer (DNS
rebinding) cannot steer the request elsewhere. The URL is left as it is, so the ``Host``
header, TLS SNI and certificate verification all still use the hostname. (Earlier versions
checked the peer address after connecting; with the socket opened to a vetted IP literal that
check can only repeat the vetting, and it came after the request had been sent, so it is gone.)
A keep-alive connection reused by a later hop to the same host and port leads to an address
vetted earlier in the same fetch, under the same settings.

Environment proxies are ignored on purpose: through a proxy the address checks would test the
proxy, not the site. The body is streamed and cut off at ``settings.fetch_max_bytes``.

One wall-clock deadline, ``settings.fetch_timeout`` seconds from the start, covers the whole
fetch: every connect, TLS handshake, header and body read of every hop. The network backend hands
out streams (:class:`_DeadlineStream`) whose every socket operation gets only the time left, and
fails once none is left, so a server that drips its headers or body a byte at a time cannot
hold the fetch open past the deadline (httpx's own timeouts apply per operation only).
Every failure is one :class:`~presslens.errors.FetchError` with a one-line message.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
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
    """Every IP address ``host`` resolves to (IPv4 and IPv6), in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    # The resolver's order is the order to try connecting in (RFC 6724 preference).
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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


def _vet(url: str, *, allow_private: bool) -> tuple[str, int, list[str]]:
    """Check one hop's URL; return the host and port httpx will connect to, and the addresses."""
    try:
        # urlsplit refuses what httpx lets through (port 99999, "[zz"); httpx decides the rest.
        _ = urlsplit(url).port
        target = httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
    scheme = target.scheme
    if scheme not in _SCHEMES:
        raise FetchError(f"only http and https URLs can be fetched, not {scheme or 'no'} scheme")
    # httpx's own idea of the host (lower-case, IDNA-encoded) is what it hands to the network
    # backend, so that is the name resolved and vetted: no second parser can disagree about it.
    host = target.raw_host.decode("ascii")
    if not host:
        raise FetchError(f"URL has no host: {url!r}")
    port = target.port or (443 if scheme == "https" else 80)
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addresses = [host.replace("%25", "%", 1)]  # a zone id arrives percent-encoded
    except ValueError:
        addresses = resolve_host(host, port)
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address")
    for ip in addresses:
        check_address(ip, allow_private=allow_private)
    return host, port, addresses


def check_url(url: str, *, allow_private: bool) -> list[str]:
    """Check one hop's URL (scheme, host, every resolved address); return the addresses."""
    return _vet(url, allow_private=allow_private)[2]


class _Deadline:
    """The wall-clock end of one fetch; each socket operation gets only the time left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self, timeout: float | None, error: type[Exception]) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise error(f"deadline of {self.seconds:g} s passed")
        return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read, write and TLS handshake ends by the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      self._deadline.left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _VettedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the addresses vetted for a host and port, never by name.

    Every stream it opens ends by ``deadline`` (see :class:`_DeadlineStream`).
    """

    def __init__(self, *, allow_private: bool, deadline: _Deadline | None = None) -> None:
        self._allow_private = allow_private
        self._deadline = deadline or _Deadline(float("inf"))
        self._tcp = httpcore.SyncBackend()
        self._vetted: dict[tuple[str, int], list[str]] = {}

    def vet(self, url: str) -> None:
        """Check ``url`` (see :func:`check_url`) and let the next connection to it use those IPs."""
        host, port, addresses = _vet(url, allow_private=self._allow_private)
        self._vetted[(host, port)] = addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._vetted.get((host, port))
        if not addresses:
            # Fail closed: a host nobody vetted is refused, never looked up here.
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        # Every address passed the checks; try them in the resolver's order, as a lookup would.
        for ip in addresses[:-1]:
            try:
                return self._connect(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue
        return self._connect(addresses[-1], port, timeout, local_address, socket_options)

    def _connect(self, ip: str, port: int, timeout: float | None, local_address: str | None,
                 socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
                 ) -> httpcore.NetworkStream:
        stream = self._tcp.connect_tcp(
            ip, port, timeout=self._deadline.left(timeout, httpcore.ConnectTimeout),
            local_address=local_address, socket_options=socket_options)
        return _DeadlineStream(stream, self._deadline)


def _ssl_context() -> ssl.SSLContext:
    """Certificate-verifying TLS context (certifi roots; SSL_CERT_* variables ignored)."""
    return httpx.create_ssl_context(trust_env=False)


class _VettedTransport(httpx.HTTPTransport):
    """httpx's own transport, connecting through a :class:`_VettedBackend`."""

    def __init__(self, backend: _VettedBackend) -> None:
        context = _ssl_context()
        super().__init__(verify=context, trust_env=False)
        # httpx 0.28 offers no argument for a network backend, so the pool it just built (with
        # no connections yet) is swapped for the same pool on ours; handle_request, exception
        # mapping and streaming stay httpx's. tests/test_fetch.py fails if this stops working.
        limits = httpx.Limits()  # httpx's defaults, which its own pool would have had
        self._pool = httpcore.ConnectionPool(
            ssl_context=context, network_backend=backend,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
        )


def _read_body(response: httpx.Response, *, url: str, max_bytes: int,
               deadline: _Deadline) -> bytes:
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
        if time.monotonic() > deadline.end:
            raise FetchError(f"timed out after {deadline.seconds:g} s reading {url}")
    return bytes(body)


def fetch_url(url: str, *, settings: Settings) -> FetchedPage:
    """Fetch ``url`` (following up to 5 checked redirects) and return its body."""
    timeout = settings.fetch_timeout
    headers = {"User-Agent": settings.user_agent,
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    deadline = _Deadline(timeout)  # one budget for the whole exchange, every hop included
    backend = _VettedBackend(allow_private=settings.allow_private, deadline=deadline)
    current = url
    try:
        with httpx.Client(transport=_VettedTransport(backend), timeout=timeout, headers=headers,
                          follow_redirects=False, trust_env=False) as client:
            for _hop in range(_MAX_REDIRECTS + 1):
                backend.vet(current)
                with client.stream("GET", current) as response:
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
