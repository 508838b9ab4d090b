"""Shared fixtures: a corpus store on SQLite and on a real PostgreSQL server (started here)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

import pgserver
from presslens.corpus.store import database_url

_db_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[pgserver.PgServer]:
    """One PostgreSQL server for the whole session (fails, never skips, when it cannot start)."""
    server = pgserver.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    server: pgserver.PgServer = request.getfixturevalue("postgres")
    name = f"presslens_test_{next(_db_numbers)}"
    admin = create_engine(database_url(server.url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.url(name)


# --------------------------------------------------------------------------- web


@pytest.fixture(scope="session")
def web_runner() -> Iterator[Any]:
    """One warm analysis worker process for every web test (spaCy loads once in it)."""
    from presslens.config import Settings
    from presslens.web.runner import AnalysisRunner

    runner = AnalysisRunner(Settings(), timeout=120, workers=1)
    try:
        yield runner
    finally:
        runner.close()


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small corpus ingested with ``presslens ingest`` from our invented JSONL records."""
    from presslens.config import Settings
    from presslens.corpus import Corpus
    from presslens.corpus.ingest import IngestOptions, ingest_sources
    from web_helpers import write_story_jsonl

    root = tmp_path_factory.mktemp("web")
    db = str(root / "corpus.db")
    with Corpus(db) as corpus:
        report = ingest_sources(corpus, [str(write_story_jsonl(root / "story.jsonl"))],
                                settings=Settings(), options=IngestOptions(workers=1))
    assert report.errors == 0 and report.added == 4, report
    return db
