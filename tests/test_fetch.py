"""fetch_url: local server (allow_private) for success paths; refusals never touch the network."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from presslens.config import Settings
from presslens.errors import FetchError
from presslens.ingest import fetch
from presslens.ingest.fetch import check_address, check_url, fetch_url

PAGE = b"<html><head><title>T</title></head><body><h1>Local page</h1></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client hangs up on purpose in the timeout and size-limit tests.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(200, PAGE, {"Content-Type": "text/html; charset=utf-8",
                                   "X-UA": self.headers.get("User-Agent", "")})
        elif self.path == "/ua":
            self._send(200, self.headers.get("User-Agent", "").encode(), {
                "Content-Type": "text/plain"})
        elif self.path == "/redirect":
            self._send(302, headers={"Location": "/article"})
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._send(302, headers={"Location": f"/loop{n + 1}"})
        elif self.path == "/to-metadata":
            self._send(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
        elif self.path == "/big":
            self._send(200, b"x" * 5000, {"Content-Type": "text/html"})
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        else:
            self._send(404, b"missing")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _settings(**kw: Any) -> Settings:
    base: dict[str, Any] = {"allow_private": True, "fetch_timeout": 5.0}
    base.update(kw)
    return Settings(**base)


# --------------------------------------------------------------------------- local server


def test_fetches_page_with_content_type_and_user_agent(server: str) -> None:
    page = fetch_url(server + "/article", settings=_settings(user_agent="presslens-test/1"))
    assert page.content == PAGE
    assert page.content_type == "text/html; charset=utf-8"
    assert page.url == server + "/article"
    ua = fetch_url(server + "/ua", settings=_settings(user_agent="presslens-test/1"))
    assert ua.content == b"presslens-test/1"


def test_follows_redirect_and_reports_final_url(server: str) -> None:
    page = fetch_url(server + "/redirect", settings=_settings())
    assert page.url == server + "/article"
    assert page.content == PAGE


def test_redirect_loop_is_cut_off(server: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(server + "/loop0", settings=_settings())


def test_http_error_status(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(server + "/nothing", settings=_settings())


def test_size_cap(server: str) -> None:
    with pytest.raises(FetchError, match=r"over the limit|larger than"):
        fetch_url(server + "/big", settings=_settings(fetch_max_bytes=1000))


def test_timeout(server: str) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server + "/slow", settings=_settings(fetch_timeout=0.3))


def test_local_server_refused_without_allow_private(server: str) -> None:
    with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
        fetch_url(server + "/article", settings=_settings(allow_private=False))


def test_redirect_to_private_address_refused_at_the_hop(server: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # First hop allowed (loopback permitted only for 127.0.0.1), second hop to the metadata IP
    # must be checked again and refused.
    real = fetch.check_address

    def only_loopback(ip: str, *, allow_private: bool) -> None:
        real(ip, allow_private=ip == "127.0.0.1")

    monkeypatch.setattr(fetch, "check_address", only_loopback)
    with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch_url(server + "/to-metadata", settings=_settings(allow_private=False))


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
    "http://[::1]:8080/", "http://192.168.0.1/", "http://0.0.0.0/", "http://224.0.0.1/",
    "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
    "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo, client 192.0.2.45
])
def test_private_addresses_refused(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        fetch_url(url, settings=_settings(allow_private=False))


def test_localhost_name_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: ["127.0.0.1", "::1"])
    with pytest.raises(FetchError, match="non-public"):
        fetch_url("http://localhost/", settings=_settings(allow_private=False))


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake(host: str, port: int) -> list[str]:
        seen.append(f"{host}:{port}")
        return ["93.184.216.34", "10.0.0.5"]

    monkeypatch.setattr(fetch, "resolve_host", fake)
    with pytest.raises(FetchError, match=r"10\.0\.0\.5"):
        check_url("https://news.example/story", allow_private=False)
    assert seen == ["news.example:443"]


def test_public_resolution_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: ["93.184.216.34"])
    assert check_url("http://news.example/a", allow_private=False) == ["93.184.216.34"]


def test_redirect_hop_rechecked_with_mocked_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public site redirecting to a name that resolves privately is refused at that hop."""
    dns = {"news.example": ["93.184.216.34"], "internal.example": ["10.9.8.7"]}
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: dns[host])
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(301, headers={"Location": "http://internal.example/admin"})

    real_client = httpx.Client

    def client(**kw: Any) -> httpx.Client:
        return real_client(transport=httpx.MockTransport(handler), **kw)

    monkeypatch.setattr(fetch.httpx, "Client", client)
    with pytest.raises(FetchError, match=r"10\.9\.8\.7"):
        fetch_url("http://news.example/story", settings=_settings(allow_private=False))
    assert requested == ["http://news.example/story"]  # the private hop was never requested


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/",
                                 "javascript:alert(1)"])
def test_non_http_schemes_refused(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url, settings=_settings())


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(host: str, port: int) -> list[str]:
        raise FetchError(f"cannot resolve host {host!r}: no such host")

    monkeypatch.setattr(fetch, "resolve_host", fail)
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_url("http://no-such-host.example/", settings=_settings(allow_private=False))


def test_check_address_allow_private() -> None:
    check_address("10.0.0.1", allow_private=True)
    check_address("8.8.8.8", allow_private=False)
    with pytest.raises(FetchError):
        check_address("fe80::1", allow_private=False)
