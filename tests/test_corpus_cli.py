"""The corpus commands as a user runs them: ingest, stories, compare, search, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from corpus_articles import records, write_jsonl
from presslens.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("cli")
    recs = records()
    # an outlet republishing its own story under another id: linked, counted once for it
    recs.append(dict(recs[0], id="ledger-dam-again"))
    recs[-1]["text"] = recs[-1]["text"] + "\nThis story was updated on Wednesday.\n"
    recs.append({"id": "broken", "text": ""})
    src = write_jsonl(root / "in.jsonl", recs)
    path = str(root / "c.db")
    res = runner.invoke(app, ["ingest", str(src), "--db", path])
    assert res.exit_code == 0, res.output
    assert "5 added, 0 already stored, 1 errors" in res.output
    assert "in.jsonl:6 (broken): InputError: input is empty" in res.output
    return path


def test_stories_json_lists_ids_titles_dates_outlets_and_external_ids(db: str) -> None:
    res = runner.invoke(app, ["stories", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    stories = json.loads(res.output)
    dam = next(s for s in stories if "courier-dam" in s["external_ids"])
    assert set(dam["external_ids"]) == {"ledger-dam", "courier-dam", "ledger-dam-again"}
    assert dam["outlets"] == ["halden-courier", "lakeport-ledger"]
    assert dam["first_date"] == "2026-03-10" and dam["title"]
    table = runner.invoke(app, ["stories", "--db", db])
    assert str(dam["id"]) in table.output


def test_compare_counts_copies_once_and_links_every_number(db: str) -> None:
    stories = json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json"]).output)
    dam = next(s for s in stories if "courier-dam" in s["external_ids"])
    res = runner.invoke(app, ["compare", "--db", db, "--story", str(dam["id"]), "-f", "json"])
    assert res.exit_code == 0, res.output
    cmp = json.loads(res.output)
    ledger = next(o for o in cmp["outlets"] if o["outlet_id"] == "lakeport-ledger")
    assert [a["external_id"] for a in ledger["articles"]] == ["ledger-dam"]
    assert len(ledger["copies_left_out"]) == 1
    assert ledger["no_comment"]["value"] == 1
    assert "declined to comment" in ledger["no_comment"]["evidence"][0]["text"]
    varga = [e["note"] for e in ledger["voices_by_role"]["official"]["evidence"]]
    assert "Helena Varga" in varga
    assert cmp["silent_outlets"] == []

    html = runner.invoke(app, ["compare", "--db", db, "--story", str(dam["id"]), "-f", "html"])
    page = html.output
    assert "<svg" in page and "<script" not in page and "http" not in page.split("<body>")[0]
    # every linked number has its evidence block on the page
    import re
    targets = set(re.findall(r'href="#(ev-[^"]+)"', page))
    assert targets and all(f'id="{t}"' in page for t in targets)
    table = runner.invoke(app, ["compare", "--db", db, "--story", str(dam["id"])])
    assert "Halden Courier" in table.output and "no comment" in table.output


def test_compare_of_an_unknown_story_is_one_error_line(db: str) -> None:
    res = runner.invoke(app, ["compare", "--db", db, "--story", "999"])
    assert res.exit_code == 1
    assert res.output.strip() == "error: no story with id 999"


def test_search_with_filters(db: str) -> None:
    res = runner.invoke(app, ["search", "Northmark", "--db", db, "-f", "json",
                              "--outlet", "lakeport-ledger"])
    hits = json.loads(res.output)
    assert [h["article"]["external_id"] for h in hits] == ["ledger-election"]
    res = runner.invoke(app, ["search", "--db", db, "-f", "json", "--voice", "Lindqvist",
                              "--from", "2026-04-01", "--to", "2026-04-30"])
    assert {h["article"]["external_id"] for h in json.loads(res.output)} <= {
        "ledger-election", "courier-election"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_formats(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    res = runner.invoke(app, ["export", "--db", db, "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    if fmt == "csv":
        with out.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    elif fmt == "jsonl":
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    else:
        rows = pq.read_table(out).to_pylist()
    assert len(rows) == 5
    copy = next(r for r in rows if r["external_id"] == "ledger-dam-again")
    assert copy["duplicate_of"] not in (None, "")
    assert {"voices", "findings", "story_id", "outlet_id"} <= set(rows[0])
