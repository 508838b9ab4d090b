"""A batch never loses a record: every input line gives one output record; output is atomic.

Bad lines of every kind, records with the page's address, path records confined to the base
directory, a SIGKILL mid-run (previous output intact) and Ctrl-C (SIGINT to a subprocess).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.batch import BatchStopped, parse_line, partial_path, run_batch
from presslens.cli import app
from presslens.config import Settings

runner = CliRunner()

ARTICLE = (
    "Ministers meet again over river dispute\n\n"
    "By Jane Doe\n\n"
    "The minister said the talks would continue on Monday in the capital.\n"
)
PAGE = ("<html><head><title>Ministers meet again over river dispute</title></head><body><article>"
        "<h1>Ministers meet again over river dispute</h1>"
        "<p>The minister said the talks would continue on Monday in the capital city.</p>"
        "<p>Officials confirmed the date of the next meeting after a long session.</p>"
        "</article></body></html>")

BAD_LINES = {
    "invalid-json": "{not json",
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "huge-integer": '{"id": ' + "9" * 5000 + ', "text": "a"}',
    "huge-integer-text": '{"id": "x", "text": ' + "1" * 5000 + "}",
    "non-object": "[1, 2, 3]",
    "string": '"just a string"',
    "number": "42",
    "null": "null",
    "id-object": '{"id": {"a": 1}, "text": "words"}',
    "id-bool": '{"id": true, "text": "words"}',
    "text-number": '{"id": "t", "text": 42}',
    "html-list": '{"id": "h", "html": ["<p>a</p>"]}',
    "url-object": '{"id": "u", "text": "words", "url": {"x": 1}}',
    "url-not-http": '{"id": "u2", "text": "words", "url": "file:///etc/passwd"}',
    "published-bad": '{"id": "p", "text": "words", "published": "yesterday"}',
    "published-number": '{"id": "p2", "text": "words", "published": 2024}',
    "two-contents": '{"id": "two", "text": "a", "html": "<p>b</p>"}',
    "no-content": '{"id": "none"}',
    "invalid-utf8": b'{"id": "\xff\xfe", "text": 1}'.decode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_each_bad_line_kind_is_one_input_error_record(name: str) -> None:
    raw = BAD_LINES[name].encode("latin-1" if name == "invalid-utf8" else "utf-8")
    rec = parse_line(raw, 7, base_dir="/nonexistent")
    assert rec is not None and rec.source is None and rec.error is not None
    assert rec.error.type == "InputError"
    assert rec.error.message and "\n" not in rec.error.message
    assert len(rec.error.message) < 400


def test_every_line_of_a_hostile_file_gives_exactly_one_record(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE})
    lines = [*BAD_LINES.values(), good]
    src.write_bytes(b"\n".join(x.encode("utf-8", "surrogatepass") for x in lines) + b"\n\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch(src, out, stages="ingest", settings=Settings())
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary.records == len(recs) == len(lines)
    assert summary.errors == len(BAD_LINES)
    assert all(r["error"]["type"] == "InputError" for r in recs[:-1])
    assert recs[-1]["id"] == "good" and "error" not in recs[-1]
    assert not partial_path(out).exists()


def test_a_line_over_the_size_limit_is_one_error_and_the_next_line_is_read(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 200_000})
    src.write_text(big + "\n" + json.dumps({"id": "next", "text": ARTICLE}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(src, out, stages="ingest", settings=Settings(max_input_bytes=1000))
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["line-1", "next"]
    assert "over the limit" in recs[0]["error"]["message"]
    assert "error" not in recs[1]


def test_content_with_url_uses_the_url_for_provenance_without_fetching(tmp_path: Path) -> None:
    # A registry outlet's domain; the address is not reachable here (no network): the record
    # must still succeed because nothing is fetched.
    url = "https://www.bbc.co.uk/news/world/some-story-123"
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "h", "html": PAGE, "url": url}),
        json.dumps({"id": "t", "text": ARTICLE, "url": url, "published": "2024-05-01",
                    "outlet": "Example Unlisted Gazette"}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(src, out, stages="ingest", settings=Settings())
    h, t = (json.loads(x)["analysis"]["article"] for x in out.read_text().splitlines())
    for art in (h, t):
        assert art["url"] == url
        assert art["outlet"] is not None and art["outlet"]["matched_by"] == "url_domain"
        assert art["section_path"] == ["News", "World"]
        assert any(e["rule"] == "url_path" for e in art["evidence"])
    assert t["published"] == "2024-05-01"
    assert any(e["field"] == "published" and e["rule"] == "given" for e in t["evidence"])
    assert t["site_name"] == "Example Unlisted Gazette"


def test_given_outlet_in_the_registry_is_the_outlet(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "o", "text": ARTICLE, "outlet": "BBC News"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(src, out, stages="ingest", settings=Settings())
    art = json.loads(out.read_text())["analysis"]["article"]
    assert art["outlet"]["matched_by"] == "given"
    assert art["outlet"]["name"].startswith("BBC")


def test_path_records_stay_under_the_base_dir_and_read_regular_files_only(tmp_path: Path):
    base = tmp_path / "batch"
    (base / "pages").mkdir(parents=True)
    (base / "pages" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (base / "escape.txt").symlink_to(outside)
    os.mkfifo(base / "fifo.txt")
    records = {
        "rel": "pages/a.txt",
        "abs-inside": str(base / "pages" / "a.txt"),
        "dotdot": "../secret.txt",
        "abs-outside": str(outside),
        "symlink-escape": "escape.txt",
        "fifo": "fifo.txt",
        "device": "/dev/zero",
        "dir": "pages",
    }
    src = base / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": k, "path": v}) for k, v in records.items())
                   + "\n", encoding="utf-8")
    out = base / "out.jsonl"
    run_batch(src, out, stages="ingest", settings=Settings())  # must not block on the FIFO
    by_id = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert "error" not in by_id["rel"] and "error" not in by_id["abs-inside"]
    for rid in ("dotdot", "abs-outside", "symlink-escape", "device"):
        assert "outside the batch's base directory" in by_id[rid]["error"]["message"], rid
    assert "not a regular file" in by_id["fifo"]["error"]["message"]
    assert "directory" in by_id["dir"]["error"]["message"]
    # --base-dir names another directory: now the outside file may be read.
    run_batch(src, out, stages="ingest", settings=Settings(), base_dir=tmp_path)
    by_id = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert "error" not in by_id["abs-outside"]  # relative paths are taken from --base-dir


def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"r{i}", "text": ARTICLE}) for i in range(5))
                   + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous output\n", encoding="utf-8")
    calls = []

    def stop_after_two(rid: str, ok: bool) -> None:
        calls.append(rid)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(BatchStopped) as info:
        run_batch(src, out, stages="ingest", settings=Settings(), on_record=stop_after_two)
    assert info.value.done == 2 and "interrupted" in str(info.value)
    assert out.read_text(encoding="utf-8") == "previous output\n"
    assert len(partial_path(out).read_text(encoding="utf-8").splitlines()) == 2


def _slow_batch(tmp_path: Path, n: int = 400) -> tuple[Path, Path]:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"r{i}", "text": ARTICLE * 20})
                             for i in range(n)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous output\n", encoding="utf-8")
    return src, out


def _start(src: Path, out: Path, pool: bool = False) -> subprocess.Popen[bytes]:
    args = [str(Path(sys.executable).parent / "presslens"), "batch", str(src), "-o", str(out),
            "--stages", "ingest", "--jobs", "2" if pool else "1",
            "--time-budget", "60" if pool else "0", "--memory-budget", "0"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = partial_path(out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until records are being written
        if partial.exists() and partial.stat().st_size > 0:
            break
        time.sleep(0.05)
    return proc


def test_sigkill_mid_run_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    src, out = _slow_batch(tmp_path)
    proc = _start(src, out)
    proc.kill()
    proc.wait(timeout=30)
    assert out.read_text(encoding="utf-8") == "previous output\n"


@pytest.mark.parametrize(("pool", "sig"), [(False, signal.SIGINT), (True, signal.SIGINT),
                                           (True, signal.SIGTERM)],
                         ids=["in-process", "worker-pool", "worker-pool-sigterm"])
def test_ctrl_c_says_what_was_done_and_leaves_the_output_untouched(tmp_path: Path, pool: bool,
                                                                   sig: int) -> None:
    src, out = _slow_batch(tmp_path, n=2000 if pool else 400)
    proc = _start(src, out, pool)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    message = stderr.decode()
    assert proc.returncode == 130, message
    assert "interrupted:" in message and "records done" in message and "Traceback" not in message
    assert out.read_text(encoding="utf-8") == "previous output\n"
    done = int(message.split("interrupted: ")[1].split(" records")[0])
    assert len(partial_path(out).read_text(encoding="utf-8").splitlines()) == done
    if pool:  # no worker outlives the run
        time.sleep(0.5)
        ps = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True,
                            text=True, check=False)
        assert ps.stdout.strip() == ""


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killing_the_batch_leaves_no_worker_running_a_runaway_record(tmp_path: Path) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # accepts, never answers: the record hangs in its worker
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "hang", "url": f"http://127.0.0.1:"
                               f"{listener.getsockname()[1]}/x"}) + "\n", encoding="utf-8")
    args = [str(Path(sys.executable).parent / "presslens"), "batch", str(src), "-o",
            str(tmp_path / "out.jsonl"), "--stages", "ingest", "--jobs", "1", "--allow-private",
            "--time-budget", "600"]
    env = {**os.environ, "PRESSLENS_FETCH_TIMEOUT": "600"}  # the fetch alone never ends it
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        listener.settimeout(120)
        held, _ = listener.accept()  # the worker is fetching the record now
        workers = _descendants(proc.pid)
        assert len(workers) >= 3  # resource tracker, forkserver, worker
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3]]
        assert alive == []
        held.close()
    finally:
        listener.close()


def test_a_missing_model_stops_the_batch_with_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    in_process = ["--jobs", "1", "--time-budget", "0", "--memory-budget", "0"]
    for extra in (in_process, ["--jobs", "2"]):
        res = runner.invoke(app, ["batch", str(src), "-o", str(out), *extra,
                                  "--model", "no_such_pipeline_pkg"])
        assert res.exit_code == 1, res.stderr
        assert "no_such_pipeline_pkg" in res.stderr and "is not installed" in res.stderr
        assert not out.exists()


def test_analyze_output_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(src), "-o", str(src), "-f", "json"])
    assert res.exit_code == 1 and "would be overwritten" in res.stderr
    assert src.read_text(encoding="utf-8") == ARTICLE


def test_analyze_url_option_gives_a_saved_file_its_address(tmp_path: Path) -> None:
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(src), "--url",
                              "https://www.bbc.co.uk/news/world/story-1", "-f", "json"])
    assert res.exit_code == 0, res.stderr
    art = json.loads(res.stdout)["article"]
    assert art["url"] == "https://www.bbc.co.uk/news/world/story-1"
    assert art["outlet"]["matched_by"] == "url_domain"
