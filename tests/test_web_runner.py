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
