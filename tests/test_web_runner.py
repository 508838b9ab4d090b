"""The web app's analysis runner: work in another process, stopped when it runs too long.

The targets here are module-level functions (the worker process imports them by name); they
stand in for an analysis so the timing is exact and no model is loaded.
"""

from __future__ import annotations

import os
import time

import pytest

from presslens.config import Settings
from presslens.errors import InputError
from presslens.schema import Analysis, Article
from presslens.web.runner import AnalysisRunner, AnalysisTimeout, Job


def _echo_or_stall(job: Job, settings: Settings) -> Analysis:
    """'sleep' stalls, 'bad' is unreadable input, 'die' kills the worker, else an analysis."""
    text = (job.data or b"").decode()
    if text == "sleep":
        time.sleep(60)
    if text == "bad":
        raise InputError("input is binary")
    if text == "die":
        os._exit(3)
    return Analysis(article=Article(text=f"{text} from {os.getpid()}"))


@pytest.fixture
def runner():
    r = AnalysisRunner(Settings(), timeout=3, workers=1, target=_echo_or_stall, warm=False)
    yield r
    r.close()


def _pid(result: Analysis) -> str:
    return result.article.text.rsplit(" ", 1)[1]


def test_work_runs_in_another_process(runner):
    out = runner.analyze(Job(data=b"hello"))
    assert out.article.text.startswith("hello from ")
    assert _pid(out) != str(os.getpid())


def test_a_runaway_analysis_is_stopped_and_the_next_one_runs(runner):
    first = _pid(runner.analyze(Job(data=b"a")))
    t0 = time.monotonic()
    with pytest.raises(AnalysisTimeout, match="longer than 3 s"):
        runner.analyze(Job(data=b"sleep"))
    assert time.monotonic() - t0 < 10
    after = runner.analyze(Job(data=b"b"))  # a fresh worker took the stopped one's place
    assert after.article.text.startswith("b from ") and _pid(after) != first


def test_named_errors_cross_the_process_boundary(runner):
    with pytest.raises(InputError, match="binary"):
        runner.analyze(Job(data=b"bad"))
    assert runner.analyze(Job(data=b"ok")).article.text.startswith("ok")


def test_a_dead_worker_is_replaced(runner):
    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        runner.analyze(Job(data=b"die"))
    assert runner.analyze(Job(data=b"again")).article.text.startswith("again")


def test_a_url_job_is_fetched_through_the_guard(tmp_path):
    """The analyse page's URL path: fetched by the worker's job, refused for loopback unless the
    server's settings allow private addresses (as for a local test server here)."""
    import http.server
    import threading
    from functools import partial

    from presslens.errors import FetchError
    from presslens.web.runner import analyze_job

    (tmp_path / "a.html").write_text(
        "<html><head><title>Ferry fares rise</title></head><body><article><h1>Ferry fares "
        "rise</h1><p>\"Fares must cover fuel,\" the operator's director, Olga Brandt, said on "
        "Friday.</p></article></body></html>", encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/a.html"
    try:
        with pytest.raises(FetchError, match="non-public address"):
            analyze_job(Job(url=url), Settings())
        result = analyze_job(Job(url=url), Settings(allow_private=True))
    finally:
        server.shutdown()
    assert result.article.url == url and result.article.headline == "Ferry fares rise"
    assert "Fares must cover fuel" in result.article.body
