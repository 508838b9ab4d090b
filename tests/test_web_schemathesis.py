"""The JSON API against its own OpenAPI schema, fuzzed by schemathesis (in-process, ASGI).

Every operation of ``/openapi.json`` gets generated requests — valid ones and, in a second mode,
invalid ones — and each answer must be no server error and conform to the schema (status codes,
content types, response bodies). The run is bounded (a few dozen examples per operation and
mode) so it fits in CI; ``POST /api/analyze`` really analyses what it is sent, in the shared
worker process. (schemathesis's own pytest plugin does not run under pytest 9, so the
operations are parametrized here and driven through its Python API with Hypothesis.)

Two checks are relaxed where a schema cannot say what the API needs: generated ``url`` bodies are
left out (they would fetch from the internet; the SSRF guard has its own tests), and valid-by-
schema requests may be refused (422) by ``POST /api/analyze`` (text that is no article: binary,
empty) and ``GET /api/compare`` (which needs ``story`` or ``q``, a choice OpenAPI query
parameters cannot express). Server errors and schema violations are never excused.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from presslens.corpus import Corpus
from presslens.web import WebConfig, create_app

OPERATIONS = [
    ("POST", "/api/analyze"),
    ("GET", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"),
    ("GET", "/api/compare"),
    ("GET", "/api/outlets"),
    ("GET", "/api/outlets/{outlet_id}"),
]
NO_PARAMETERS = {("GET", "/api/outlets")}  # nothing to make invalid
CONTENT_CHECKED = {("POST", "/api/analyze"), ("GET", "/api/compare")}


@pytest.fixture(scope="module")
def api_schema(story_db: str, web_runner: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("fuzz") / "corpus.db"
    with Corpus(story_db) as c, c.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(story_db, target)
    app = create_app(WebConfig(db=str(target), max_body=100_000), runner=web_runner)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_api_operation_is_fuzzed(api_schema: Any) -> None:
    found = sorted((r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations())
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_schema_without_server_errors(api_schema: Any, method: str,
                                                          path: str, mode: Any) -> None:
    if mode == GenerationMode.NEGATIVE and (method, path) in NO_PARAMETERS:
        pytest.skip("the operation has no parameters or body to make invalid")
    operation = api_schema[path][method]
    examples = 12 if method == "POST" else 25  # each POST runs a real analysis
    excluded = [positive_data_acceptance] if (method, path) in CONTENT_CHECKED else []
    cases = operation.as_strategy(generation_mode=mode).filter(
        lambda c: not (isinstance(c.body, dict) and c.body.get("url")))

    @given(case=cases)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(excluded_checks=excluded)

    run()
