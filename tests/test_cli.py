"""The CLI as a user meets it: help everywhere, one clear line on bad input, machine outputs."""

from __future__ import annotations

import json

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from presslens.cli import app

runner = CliRunner()


def _commands():
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_text():
    cmds = _commands()
    assert {"analyze", "batch", "schema"} <= set(cmds)
    for name in cmds:
        cmd = get_command(app).commands[name]  # type: ignore[attr-defined]
        assert cmd.help and cmd.help.strip(), f"{name} lacks help text"
        for param in cmd.params:
            # Options and positional arguments alike: Typer keeps both helps on the param.
            assert getattr(param, "help", None), f"{name} {param.name} lacks help text"
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0, res.output
        assert cmd.help.strip().splitlines()[0] in " ".join(res.output.split())
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for name in cmds:
        assert name in top.output


def test_schema_prints_json_schema_of_outputs():
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    analysis = doc["outputs"]["Analysis"]
    assert "attributions" in analysis["properties"]
    assert "Article" in analysis["$defs"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["analyze", "/nonexistent/file.txt"], None, "cannot read"),
        (["analyze", "-"], b"", "empty"),
        (["analyze", "-"], b"\x00\x01\x02binary\x00" * 50, "binary"),
        (["analyze"], None, "SOURCE"),
        (["analyze", "ftp://example.org/a"], None, "cannot read"),
    ],
)
def test_bad_input_is_one_clear_line(args, stdin, message):
    res = runner.invoke(app, args, input=stdin)
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), res.stderr
    assert message in lines[0]
    assert "Traceback" not in res.output


def test_directory_is_refused(tmp_path):
    res = runner.invoke(app, ["analyze", str(tmp_path)])
    assert res.exit_code == 1
    assert "directory" in res.stderr


def test_batch_keeps_going_after_bad_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                "{not json",
                json.dumps({"id": "empty", "text": "   "}),
                json.dumps({"id": "two", "text": "a", "html": "<p>b</p>"}),
                json.dumps([1, 2]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["batch", str(src), "-o", str(out), "--stages", "ingest"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["line-1", "empty", "two", "line-4"]
    assert all(r["error"]["type"] == "InputError" for r in recs)
    assert "4 records, 4 errors" in res.stderr
