"""Polite fetching: one request per host per delay, robots.txt read once per site and obeyed."""

from __future__ import annotations

import pytest

from presslens import load_settings
from presslens.corpus import polite
from presslens.errors import FetchError
from presslens.ingest.fetch import FetchedPage


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_per_host_delay_and_robots(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fake_fetch(url: str, *, settings: object) -> FetchedPage:
        fetched.append(url)
        if url.endswith("/robots.txt"):
            if "b.example" in url:
                raise FetchError("HTTP 404")
            return FetchedPage(url=url, content=b"User-agent: *\nDisallow: /private/\n",
                               content_type="text/plain")
        return FetchedPage(url=url, content=b"<html></html>", content_type="text/html")

    monkeypatch.setattr(polite, "fetch_url", fake_fetch)
    clock = _Clock()
    f = polite.PoliteFetcher(load_settings(), delay=2.0, clock=clock.time, sleep=clock.sleep)
    f.fetch("https://a.example/1")          # robots.txt, then the page 2 s later
    f.fetch("https://a.example/2")          # 2 s after that
    f.fetch("https://b.example/1")          # another host: no wait for a.example's slot
    with pytest.raises(FetchError, match=r"robots\.txt"):
        f.fetch("https://a.example/private/x")
    assert fetched == ["https://a.example/robots.txt", "https://a.example/1",
                       "https://a.example/2", "https://b.example/robots.txt",
                       "https://b.example/1"]
    assert clock.slept == [2.0, 2.0, 2.0]  # a.example twice; b.example's page after its robots
