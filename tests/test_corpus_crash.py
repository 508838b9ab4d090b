"""Crash safety: SIGKILL an ingest mid-run, run it again, and every article is stored exactly once
with a complete analysis; SQLite's integrity check passes."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from corpus_articles import records, write_jsonl
from presslens.corpus import Corpus


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


def test_sigkill_mid_ingest_then_resume(tmp_path: Path) -> None:
    base = records()
    recs = [dict(r, id=f"{r['id']}-{n}", text=r["text"] + f"\nUpdate number {n}.\n")
            for n in range(3) for r in base]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    db = tmp_path / "corpus.db"
    cli = [str(Path(sys.executable).parent / "presslens"), "ingest", str(src), "--db", str(db)]
    proc = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while _stored(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    killed_at = _stored(db)
    assert 3 <= killed_at < len(recs), "the kill should land mid-run"

    done = subprocess.run(cli, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{len(recs) - killed_at} added, {killed_at} already stored" in done.stderr

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in conn.execute("SELECT external_id FROM articles")]
        assert sorted(ids) == sorted(r["id"] for r in recs)  # each exactly once
        for aid, analysis, n_voices, n_fts in conn.execute(
                "SELECT a.id, a.analysis, (SELECT count(*) FROM voices v "
                "WHERE v.article_id = a.id), (SELECT count(*) FROM articles_fts f "
                "WHERE f.rowid = a.id) FROM articles a"):
            data = json.loads(analysis)
            assert data["voices"], f"article {aid} lost its analysis"
            assert n_voices == len(data["voices"])
            assert n_fts == 1
        runs = [r[0] for r in conn.execute("SELECT status FROM ingest_runs ORDER BY id")]
        assert runs == ["running", "done"]  # the killed run is visible as never finished
    with Corpus(db) as corpus:
        assert sum(s.n_articles for s in corpus.stories()) == len(recs)
