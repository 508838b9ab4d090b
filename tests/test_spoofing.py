"""Errors and reports cannot be spoofed; fetch deadlines, odd charsets and control references.

Outside text (file names, URLs, Location headers, record ids, article text) reaches the user as
plain, escaped text: no Rich markup, no terminal controls, no bidi reordering.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _http import serving
from presslens.batch import run_batch
from presslens.cli import app
from presslens.config import Settings
from presslens.errors import FetchError
from presslens.ingest.decode import clean_char_refs, decode_bytes
from presslens.ingest.fetch import fetch_url
from presslens.ingest.html import parse_html
from presslens.textsafe import plain_message

runner = CliRunner()
RLO = "\u202e"
ARTICLE = (
    f"Ministers meet again over {RLO}river dispute\n\n"
    "By Jane Doe\n\n"
    f'The minister said the {RLO}talks would continue. "We are {RLO}close," she told reporters.'
    "\n\nCritics called the plan a disaster.\n"
)


def test_file_names_in_errors_are_plain_text_not_markup(tmp_path: Path) -> None:
    for name in ("[bold red]fake[/] ok", "[/]", f"a\x1b[2Jb{RLO}gpj.exe"):
        res = runner.invoke(app, ["analyze", str(tmp_path / name)])
        assert res.exit_code == 1, res.stderr
        line = res.stderr.strip()
        assert line.startswith("error: cannot read")
        assert "\x1b" not in line and RLO not in line
        if name.startswith("[bold"):
            assert "[bold red]fake[/] ok" in line
        if "\x1b" in name:
            assert "\\u001b" in line and "\\u202e" in line


def test_plain_message_escapes_controls_line_breaks_and_bidi() -> None:
    msg = plain_message(f"bad\nerror: fake second line\r{RLO}x\u2066y\x9b")
    assert "\n" not in msg and "\r" not in msg and RLO not in msg and "\x9b" not in msg
    assert "\\u000a" in msg and "\\u202e" in msg and "\\u2066" in msg


class _Redirect(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/start":
            self.send_response(302)
            self.send_header("Location", "/[bold green]all-clear[/]%1b")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()




def test_location_header_in_an_error_is_shown_literally() -> None:
    with serving(_Redirect) as port:
        res = runner.invoke(app, ["analyze", f"http://127.0.0.1:{port}/start",
                                  "--allow-private"])
    assert res.exit_code == 1
    assert "[bold green]all-clear[/]" in res.stderr and "HTTP 404" in res.stderr


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_bidi_overrides_in_article_text_are_neutralised_in_reports(tmp_path: Path, fmt: str):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(src), "-f", fmt])
    assert res.exit_code == 0, res.stderr
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in res.stdout
    assert "\ufffd" in res.stdout


def test_json_keeps_bidi_values_escaped(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(src), "-f", "json"])
    assert res.exit_code == 0, res.stderr
    assert RLO not in res.stdout and "\\u202e" in res.stdout
    assert RLO in json.loads(res.stdout)["article"]["text"]  # the value itself is kept


def test_batch_jsonl_escapes_c1_controls_and_bidi(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a\u009b31m\u0085b" + RLO, "text": ARTICLE}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(src, out, stages="ingest", settings=Settings())
    raw = out.read_text(encoding="utf-8")
    for ch in ("\u009b", "\u0085", RLO):
        assert ch not in raw
    assert json.loads(raw)["id"] == "a\u009b31m\u0085b" + RLO


# --------------------------------------------------------------------------- fetch deadline


class _Drip(BaseHTTPRequestHandler):
    """Sends its status line and headers one byte every 0.1 s: each read is quick, the whole is
    endless (about 60 s)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"a" * 600
        with contextlib.suppress(OSError):
            for i in range(len(head)):
                self.wfile.write(head[i:i + 1])
                self.wfile.flush()
                time.sleep(0.1)


def test_one_deadline_covers_headers_dripped_a_byte_at_a_time() -> None:
    with serving(_Drip) as port:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetch_url(f"http://127.0.0.1:{port}/", settings=Settings(allow_private=True,
                                                                     fetch_timeout=1.5))
        assert time.monotonic() - t0 < 4


def test_deadline_covers_a_connect_that_is_never_answered() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetch_url(f"http://127.0.0.1:{listener.getsockname()[1]}/",
                      settings=Settings(allow_private=True, fetch_timeout=1.0))
        assert time.monotonic() - t0 < 3
    finally:
        listener.close()


# --------------------------------------------------------------------------- charsets, refs


PAGE = ('<html><head><meta charset="{cs}"><title>T</title></head><body><article>'
        "<p>The minister said the talks would continue, Ren\u00e9e added.</p></article>"
        "</body></html>")


@pytest.mark.parametrize("charset", ["undefined", "punycode", "unicode_escape", "rot13",
                                     "base64", "utf-7", "idna", "no-such-charset"])
def test_declared_charsets_python_cannot_use_fall_back_to_detection(charset: str) -> None:
    data = PAGE.format(cs=charset).encode("utf-8")
    text = decode_bytes(data)
    assert "Ren\u00e9e" in text and "minister" in text
    text = decode_bytes(data, content_type=f"text/html; charset={charset}")
    assert "Ren\u00e9e" in text


def test_control_character_references_cannot_hide_the_body() -> None:
    body = "<p>The minister said the talks would continue on Monday in the capital city.</p>" * 3
    for ref in ("&#1;", "&#x0;", "&#0", "&#127;", "&#xD800;", "&#99999999999;", "&#x1b;"):
        page = (f"<html><head><title>Talks</title></head><body><article><h1>Talks go on</h1>"
                f"<p>Intro {ref} text.</p>{body}</article></body></html>")
        art = parse_html(page, settings=Settings())
        assert "The minister said" in art.body, ref
    kept = "a &#147;quoted&#148; &#233; &#x41; &#60;"
    assert clean_char_refs(kept) == "a \u201cquoted\u201d &#233; &#x41; &#60;"


def test_log_lines_escape_outside_text(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from presslens.cli import configure_logging

    configure_logging(0)
    logging.getLogger("presslens.test").warning("fetched %s", f"http://x/\x1b[2J{RLO}\nfake")
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "\x1b" not in line and RLO not in line
    assert "\\u001b" in line and "\\u000a" in line
