"""The worker pool: order kept, runaways stopped and replaced, --jobs 2 output identical to 1."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.batch import run_batch
from presslens.config import Settings
from presslens.ingest import load_text
from presslens.schema import Article
from presslens.workers import Outcome, Source, default_jobs, run_jobs

ARTICLE = (
    "Ministers meet again over river dispute\n\n"
    "By Jane Doe\n\n"
    'The minister said the talks would continue. "We are close," she told reporters.\n\n'
    "Critics called the plan a disaster, according to a senior official.\n"
)


def _texts(n: int) -> list[str]:
    return [ARTICLE.replace("river", f"river number {i}") for i in range(n)]


def test_outcomes_come_back_in_input_order_with_errors_in_place() -> None:
    settings = Settings()
    jobs: list[Article | Source] = [Source(kind="text", value=t) for t in _texts(5)]
    jobs.insert(2, Source(kind="text", value="   "))  # an empty article: a named error
    article = load_text(ARTICLE.replace("river", "sea"), settings=settings)
    jobs.append(article)  # an Article goes in as it is (pickled), its Analysis comes back
    out = list(run_jobs(jobs, settings=settings, n_jobs=2, nlp=False, time_budget=60))
    assert [o.index for o in out] == list(range(7))
    assert out[2].analysis is None and out[2].error is not None
    assert out[2].error.type == "InputError"
    heads = [o.analysis.article.headline for o in out[:-1] if o.analysis is not None]
    assert heads == [t.split("\n")[0] for t in _texts(5)]
    assert out[-1].analysis is not None and out[-1].analysis.article == article


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers: a job fetching it hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_a_runaway_job_is_killed_and_the_run_goes_on(silent_port: int) -> None:
    settings = Settings(allow_private=True, fetch_timeout=300)
    jobs = [Source(kind="text", value=ARTICLE),
            Source(kind="url", value=f"http://127.0.0.1:{silent_port}/hang"),
            Source(kind="text", value=ARTICLE.replace("river", "lake"))]
    out: list[Outcome] = list(run_jobs(jobs, settings=settings, n_jobs=1, nlp=False,
                                       time_budget=3))
    assert [o.index for o in out] == [0, 1, 2]
    assert out[1].error is not None and out[1].error.type == "BudgetExceeded"
    assert out[1].error.message == "analysis exceeded 3 s"
    assert out[0].analysis is not None and out[2].analysis is not None
    assert "lake" in (out[2].analysis.article.headline or "")


def test_memory_budget_stops_the_worker(silent_port: int) -> None:
    # Any worker process holds more than 1 MiB: the budget check must stop the hanging job.
    settings = Settings(allow_private=True, fetch_timeout=300)
    jobs = [Source(kind="url", value=f"http://127.0.0.1:{silent_port}/hang")]
    out = list(run_jobs(jobs, settings=settings, n_jobs=1, nlp=False, memory_budget_mb=1))
    assert out[0].error is not None and out[0].error.type == "BudgetExceeded"
    assert "1 MiB" in out[0].error.message


def test_default_jobs_is_at_least_one() -> None:
    assert default_jobs() >= 1


def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(_texts(4))]
    lines.insert(1, "{not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = run_batch(src, one, settings=Settings(), jobs=1)
    s2 = run_batch(src, two, settings=Settings(), jobs=2, time_budget=120)
    assert s1 == s2 and s1.records == 5 and s1.errors == 1
    assert one.read_bytes() == two.read_bytes()
    recs = [json.loads(x) for x in one.read_text(encoding="utf-8").splitlines()]
    assert recs[2]["attributions"], "the full analysis ran"
