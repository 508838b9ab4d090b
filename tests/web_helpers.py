"""Fixtures for the web tests: a small corpus of our own invented articles, a hostile article,
and a uvicorn server running the app in a thread (for the browser tests).

Every article here was written for these tests: the towns, people and outlets are invented.
Three outlets cover one event (the Marlow Bridge closure in Port Calder) on consecutive days;
a fourth outlet covers something else, so it is the one that "did not cover" the story.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STORY_RECORDS: list[dict[str, Any]] = [
    {
        "id": "gazette-bridge", "outlet": "Calder Gazette", "published": "2026-05-04",
        "url": "https://calder-gazette.example.org/news/marlow-bridge-closed",
        "text": (
            "Marlow Bridge closed after engineers find cracks\n\n"
            "By Ada Brennan\n\n"
            "PORT CALDER — The Marlow Bridge over the Calder estuary was closed to all traffic "
            "on Monday after engineers found cracks in two of its steel supports.\n\n"
            "\"We cannot take any risk with a structure that carries twenty thousand cars a "
            "day,\" Mayor Ines Okafor said at a press conference in Port Calder.\n\n"
            "Tomas Reyes, a structural engineer at the Calder Institute of Technology, said the "
            "cracks were serious but could be repaired within weeks.\n\n"
            "Commuters face detours of up to forty minutes while the Marlow Bridge is closed.\n\n"
            "A spokesperson for the regional transport authority declined to comment on the "
            "cost of repairs."
        ),
    },
    {
        "id": "ledger-bridge", "outlet": "Northern Ledger", "published": "2026-05-04",
        "url": "https://northern-ledger.example.org/calder/marlow-bridge-cracks",
        "text": (
            "Chaos in Port Calder as crumbling Marlow Bridge shut\n\n"
            "By Piet Lindgren\n\n"
            "PORT CALDER — Commuters were thrown into chaos on Monday when the crumbling Marlow "
            "Bridge was shut after engineers found cracks in its steel supports.\n\n"
            "\"This is a disgrace. The council ignored every warning,\" said Hana Volkova, a "
            "shop owner who crosses the Marlow Bridge every day.\n\n"
            "Mayor Ines Okafor said the closure was a precaution and that the bridge would "
            "reopen as soon as engineers judged it safe.\n\n"
            "Residents of Port Calder have complained about the state of the bridge for years."
        ),
    },
    {
        "id": "wire-bridge", "outlet": "Valley Wire", "published": "2026-05-05",
        "url": "https://valley-wire.example.org/2026/05/05/marlow-bridge",
        "text": (
            "Port Calder's Marlow Bridge to stay closed for repairs, mayor says\n\n"
            "PORT CALDER — The Marlow Bridge in Port Calder will stay closed for at least three "
            "weeks while engineers repair cracks found in its steel supports, Mayor Ines Okafor "
            "said on Tuesday.\n\n"
            "\"Safety comes first, and the repairs will be done properly,\" Okafor told "
            "reporters at the Port Calder town hall.\n\n"
            "Tomas Reyes, an engineer at the Calder Institute of Technology, said the cracks "
            "had probably formed over several winters."
        ),
    },
    {
        "id": "review-school", "outlet": "Harbour Review", "published": "2026-05-10",
        "url": "https://harbour-review.example.org/education/school-board-vote",
        "text": (
            "Lakeside school board elects new chair\n\n"
            "By Mira Castellanos\n\n"
            "LAKESIDE — The Lakeside school board elected Julien Moreau as its chair on "
            "Saturday after a four-hour meeting.\n\n"
            "\"Our first task is to fix the library roof,\" Moreau said after the vote."
        ),
    },
]

# Every way we know for article text to try to become markup: a script element, an image with
# an error handler, a javascript: link, and quotes that would end an attribute.
HOSTILE_TEXT = (
    "Hostile <script>window.__pwned = 1; alert(1)</script> headline \"><b>bold</b>\n\n"
    "DUNMORE — The council said <img src=x onerror=\"window.__pwned = 2; alert(2)\"> "
    "the budget was \"fine\" and '><svg onload=alert(3)>' nothing else.\n\n"
    "\"Click <a href=\"javascript:window.__pwned=3\">here</a> for \" onmouseover=\"alert(4)\" "
    "details,\" Mayor Lena Fisk said.\n\n"
    "Read more at javascript:alert(5) and \" autofocus onfocus=\"alert(6)."
)
HOSTILE_MARKERS = ("<script>window.__pwned = 1; alert(1)</script>",
                   "<img src=x onerror=\"window.__pwned = 2; alert(2)\">",
                   "<a href=\"javascript:window.__pwned=3\">")


def write_story_jsonl(path: Path) -> Path:
    """The story records as a JSONL batch file (the format ``presslens ingest`` reads)."""
    path.write_text("".join(json.dumps(r) + "\n" for r in STORY_RECORDS), encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
