"""Shared fixtures: a corpus store on SQLite and on a real PostgreSQL server (started here)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

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
