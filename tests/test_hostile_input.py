"""Hostile input through the CLI: one clear error line and a non-zero exit, or a graceful result.

Never a traceback, never unbounded work, never terminal control sequences copied from the article
into the report. Inputs are built here (random bytes, odd encodings, broken HTML …); size limits
are lowered through the environment so the tests stay small.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app

runner = CliRunner()

ARTICLE = (
    "World › Politics\n\n"
    "Ministers meet again over river dispute\n\n"
    "By Jane Doe\n\n"
    'The minister said the talks would continue. "We are close," she told reporters.\n\n'
    "The talks resume on Monday.\n"
)


def _run(args: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None):
    res = runner.invoke(app, args, input=stdin, env=env)
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    if res.exception is not None:
        assert isinstance(res.exception, SystemExit), repr(res.exception)
    return res


def _one_error_line(res, *needles: str) -> str:
    assert res.exit_code == 1, (res.exit_code, res.output, res.stderr)
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: ")
    for n in needles:
        assert n in lines[0], lines[0]
    assert res.stdout == ""
    return lines[0]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# --------------------------------------------------------------------------- refused inputs


def _junk(n: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("junk.bin", _junk(4000), "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + _junk(2000), "binary"),
        ("gzip.txt", b"\x1f\x8b\x08\x00" + _junk(2000, seed=3), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n\t \r\n", "empty"),
        ("nothing.html", b"<html><body><script>var a = 1;</script></body></html>", "no article"),
    ],
)
def test_unreadable_files_are_one_error_line(tmp_path, name, data, needle):
    _one_error_line(_run(["analyze", _write(tmp_path, name, data)]), needle)


def test_binary_and_empty_stdin_are_refused():
    _one_error_line(_run(["analyze", "-"], stdin=_junk(3000)), "binary")
    _one_error_line(_run(["analyze", "-"], stdin=b""), "empty")


def test_missing_file_and_directory(tmp_path):
    _one_error_line(_run(["analyze", str(tmp_path / "nope.txt")]), "cannot read", "nope.txt")
    _one_error_line(_run(["analyze", str(tmp_path)]), "directory")


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("http://127.0.0.1/article", "non-public address"),
        ("http://0x7f000001/", "non-public address"),  # loopback spelled as one hex number
        ("http://[::1]/", "non-public address"),
        ("http://", "no host"),
        ("http://localhost:99999/", "invalid URL"),
        ("http://[zz/", "invalid URL"),
    ],
)
def test_bad_and_private_urls_fail_fast_without_network(url, needle):
    _one_error_line(_run(["analyze", url]), needle)


def test_100_mb_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    _one_error_line(_run(["analyze", str(big)]), "over the limit")


def test_oversized_stdin_is_refused_with_the_limit_named():
    env = {"PRESSLENS_MAX_INPUT_BYTES": "5000"}
    line = _one_error_line(_run(["analyze", "-"], stdin=b"word " * 2000, env=env),
                           "standard input", "over the limit")
    assert "5,000" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_read_with_a_bound():
    # /dev/zero reports size 0 and never ends: the read must stop at the limit.
    env = {"PRESSLENS_MAX_INPUT_BYTES": "100000"}
    _one_error_line(_run(["analyze", "/dev/zero"], env=env), "over the limit")


def test_unwritable_output_and_bad_settings(tmp_path):
    _one_error_line(_run(["analyze", "--sample", "-o", str(tmp_path)]), "cannot write")
    _one_error_line(_run(["analyze", "--sample", "-o", str(tmp_path / "no" / "dir.html")]),
                    "cannot write")
    _one_error_line(_run(["analyze", "--sample"], env={"PRESSLENS_MAX_INPUT_BYTES": "lots"}),
                    "max_input_bytes")
    _one_error_line(_run(["analyze", "--sample", "--model", "no_such_pipeline_pkg"]),
                    "no_such_pipeline_pkg")


def test_long_error_messages_are_not_wrapped(tmp_path):
    deep = tmp_path.joinpath(*(["a-rather-long-directory-name"] * 6)) / "missing-article.txt"
    line = _one_error_line(_run(["analyze", str(deep)]), "cannot read")
    assert str(deep) in line


# --------------------------------------------------------------------------- graceful results


def _analysis(res) -> dict:
    assert res.exit_code == 0, (res.output, res.stderr)
    return json.loads(res.stdout)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1252.txt", ARTICLE.replace("Jane", "Renée").replace("close", "très close")
         .encode("cp1252")),
        ("utf16-bom.txt", ARTICLE.encode("utf-16")),
        ("utf16-nobom.txt", ARTICLE.encode("utf-16-le")),
        ("bad-utf8.txt", ARTICLE.encode() + b"\xff\xfe\xed\xa0\x80 tail"),
        ("one-char.txt", b"a"),
        ("punctuation.txt", b'"""\'\'\xe2\x80\x9c\xe2\x80\x9c\n\n"\n'),
        ("unbalanced.txt", ('He said "this never ends.\n\n' * 40 + "\u201cand\u201d \u201cthen")
         .encode()),
        ("truncated.html", b"<html><head><title>T</title></head><body><article><h1>T</h1>"
         + b"<p>The minister said the talks would go on.</p>" * 5 + b'<p>She said "unfin'),
        ("meta-utf16.html", b'<html><head><meta charset="utf-16"><title>T</title></head><body>'
         b"<article><p>The minister said the talks would continue on Monday.</p>"
         b"<p>Critics called the plan \xe2\x80\x9cunworkable\xe2\x80\x9d.</p></article></body>"
         b"</html>\n"),  # even length: a UTF-16 decode would "succeed" with mojibake
    ],
)
def test_odd_but_readable_input_gives_a_result(tmp_path, name, data):
    out = _analysis(_run(["analyze", _write(tmp_path, name, data), "-f", "json"]))
    text = out["article"]["text"]
    assert text.strip()
    if name.startswith(("cp1252", "utf16")):
        assert "minister" in text and "\x00" not in text
    if name == "cp1252.txt":
        assert "Renée" in text
    if name == "meta-utf16.html":  # read as UTF-8, as browsers do, not as UTF-16 mojibake
        assert "minister" in text and "“unworkable”" in text


def test_absurdly_deep_html_is_a_result_or_one_clear_error(tmp_path):
    # lxml stops building the tree at depth 255; whatever is lost, the user gets a clear answer.
    page = (b"<html><body>" + b"<div>" * 20000
            + b"<p>The minister said the talks would continue on Monday in the capital.</p>")
    res = _run(["analyze", _write(tmp_path, "deep.html", page), "-f", "json"])
    if res.exit_code == 0:
        assert "minister" in json.loads(res.stdout)["article"]["text"]
    else:
        _one_error_line(res, "no article text")


def test_stdin_text_is_analysed():
    out = _analysis(_run(["analyze", "-", "-f", "json"], stdin=ARTICLE.encode()))
    assert out["article"]["headline"] == "Ministers meet again over river dispute"


def test_long_input_is_cut_before_nlp_with_a_warning(tmp_path):
    body = "\n\n".join(f"The council met for the {i}th time on Monday." for i in range(400))
    env = {"PRESSLENS_MAX_BODY_CHARS": "2000"}
    out = _analysis(_run(["analyze", _write(tmp_path, "long.txt", body.encode()), "-f", "json"],
                         env=env))
    assert any("cut to 2,000 characters" in w for w in out["warnings"])
    assert all(f["end"] <= 2000 for f in out["findings"])
    assert all(s[1] <= 2000 for a in out["attributions"] for s in a["content"])


ESCAPES = ("\x1b[2J\x1b]0;owned\x07", "\u009b31m", "\x7f")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_control_sequences_never_reach_the_terminal(tmp_path, fmt):
    text = ARTICLE.replace("The talks", "The \x1b[2J\x1b]0;owned\x07 talks \u009b31m\x7f")
    html = (
        "<html><head><title>T</title></head><body><article><h1>T &#27;[2J</h1>"
        "<p>The minister &#27;[31m said the talks would continue &#155;1m on Monday.</p>"
        "<p>Officials confirmed the date of the next meeting in the capital.</p>"
        "</article></body></html>"
    )
    for name, data in (("esc.txt", text.encode()), ("esc.html", html.encode())):
        res = _run(["analyze", _write(tmp_path, name, data), "-f", fmt])
        assert res.exit_code == 0, res.stderr
        for ch in "\x1b\x07\x7f\u009b":
            assert ch not in res.stdout, (name, fmt, repr(ch))
        if fmt == "json":
            json.loads(res.stdout)


# --------------------------------------------------------------------------- batch


def test_batch_reports_each_bad_record_and_keeps_going(tmp_path):
    good = {"id": "good", "text": ARTICLE}
    records = [
        "\x00\x01\x02 not json at all",
        json.dumps({"id": "dir", "path": str(tmp_path)}),
        json.dumps({"id": "missing", "path": str(tmp_path / "nope.txt")}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": "blank-html", "html": "<html><body></body></html>"}),
        json.dumps({"id": "huge", "text": "word " * 3000}),
        json.dumps({"id": "private", "url": "http://127.0.0.1:9/article"}),
        json.dumps({"id": "junk-file", "path": _write(tmp_path, "junk.bin", _junk(3000))}),
        json.dumps(good),
        json.dumps({"text": "No id given, but a readable sentence said Kim."}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _run(["batch", str(src), "-o", str(out), "--stages", "ingest"],
               env={"PRESSLENS_MAX_INPUT_BYTES": "10000"})
    assert res.exit_code == 0, res.stderr
    recs = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == len(records)
    by_id = {r["id"]: r for r in recs}
    for rid in ("line-1", "dir", "missing", "number", "nothing", "blank-html", "huge",
                "private", "junk-file"):
        err = by_id[rid]["error"]
        assert err["type"] in {"InputError", "FetchError"}, (rid, err)
        assert err["message"] and "\n" not in err["message"]
    assert "error" not in by_id["good"] and "error" not in by_id["line-11"]
    assert by_id["good"]["analysis"]["article"]["headline"].startswith("Ministers")
    assert "11 records, 9 errors" in res.stderr


def test_batch_survives_lone_surrogates_in_text_and_id(tmp_path):
    # JSON may spell lone surrogates ("\ud800"); they cannot be written as UTF-8.
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "s", "text": "Kim said \ud800 the talks \udfff would go on."}),
        json.dumps({"id": "\udc80-id", "text": "The talks resume on Monday."}),
        json.dumps({"id": "after", "text": "The talks resume on Tuesday."}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _run(["batch", str(src), "-o", str(out), "--stages", "ingest"])
    assert res.exit_code == 0, res.stderr
    recs = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["s", "?-id", "after"]
    text = recs[0]["analysis"]["article"]["text"]
    assert text == "Kim said \ufffd the talks \ufffd would go on."  # one for one: offsets hold


def test_batch_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    before = src.read_bytes()
    _one_error_line(_run(["batch", str(src), "-o", str(src)]), "overwritten")
    assert src.read_bytes() == before


def test_batch_bad_input_paths(tmp_path):
    _one_error_line(_run(["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o")]),
                    "cannot read")
    _one_error_line(_run(["batch", str(tmp_path), "-o", str(tmp_path / "o.jsonl")]),
                    "cannot read")
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    _one_error_line(_run(["batch", str(src), "-o", str(tmp_path)]), "cannot write")


def test_batch_of_binary_file_gives_error_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(_junk(5000) + b"\n" + _junk(5000, seed=2))
    out = tmp_path / "out.jsonl"
    res = _run(["batch", str(src), "-o", str(out), "--stages", "ingest"])
    assert res.exit_code == 0, res.stderr
    recs = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert recs and all(r["error"]["type"] == "InputError" for r in recs)

