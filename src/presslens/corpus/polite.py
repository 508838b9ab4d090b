"""Polite fetching for ingest: robots.txt obeyed, one request per host per ``delay`` seconds.

Owns :class:`PoliteFetcher`, a thin layer over the SSRF-guarded
:func:`presslens.ingest.fetch.fetch_url` (which stays the only code that opens connections).
robots.txt is read once per scheme and host; when it cannot be fetched (missing, error) every
path is allowed, as crawlers conventionally do. A disallowed URL is a FetchError for that item.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..config import Settings
from ..errors import FetchError
from ..ingest.fetch import FetchedPage, fetch_url

__all__ = ["PoliteFetcher"]

logger = logging.getLogger(__name__)


class PoliteFetcher:
    """Fetch URLs one host at a time with a minimum delay, honouring robots.txt."""

    def __init__(self, settings: Settings, *, delay: float = 1.0, robots: bool = True,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.delay = delay
        self.robots = robots
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._rules: dict[str, RobotFileParser | None] = {}

    def _wait(self, host: str) -> None:
        now = self._clock()
        due = self._next.get(host, now)
        if due > now:
            self._sleep(due - now)
        self._next[host] = max(due, now) + self.delay

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._wait(parts.netloc)
            try:
                page = fetch_url(origin + "/robots.txt", settings=self.settings)
                parser: RobotFileParser | None = RobotFileParser()
                assert parser is not None
                parser.parse(page.content.decode("utf-8", "replace").splitlines())
            except FetchError:
                parser = None  # no readable robots.txt: everything is allowed
            self._rules[origin] = parser
        rules = self._rules[origin]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def fetch(self, url: str) -> FetchedPage:
        """Fetch ``url`` politely; FetchError when refused (robots.txt, SSRF guard) or failed."""
        if self.robots and not self._allowed(url):
            raise FetchError(f"{url} is disallowed by the site's robots.txt")
        self._wait(urlsplit(url).netloc)
        return fetch_url(url, settings=self.settings)
