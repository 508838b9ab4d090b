"""Outside text made safe to show: terminal messages, reports and JSON lines.

Owns the three ways presslens neutralises characters that could mislead a reader:

* :func:`plain_message` — for one-line messages that carry outside text (URLs, ``Location``
  headers, file names, record ids): control characters, line breaks and bidirectional formatting
  characters become visible ``\\uXXXX`` escapes, so a message cannot rewrite the terminal, start
  a fake second line, or reverse the order of what the user reads. The CLI prints the result as
  plain text (never as Rich markup), so ``[bold]`` in a URL is just text.
* :func:`neutralise_bidi` — for reports (text, Markdown, HTML): each bidi embedding, override or
  isolate character (U+202A–U+202E, U+2066–U+2069) becomes U+FFFD, so article text cannot
  reorder the report around it ("Trojan Source"-style). The marks U+200E/U+200F change no
  order beyond themselves and are kept.
* :func:`escape_json_controls` — for JSON text: DEL, C1 controls and the bidi characters are
  written as ``\\uXXXX`` escapes (JSON already escapes C0), so ``cat out.jsonl`` is safe and
  every value stays the same.
"""

from __future__ import annotations

import re

__all__ = ["BIDI", "escape_json_controls", "neutralise_bidi", "neutralise_controls",
           "plain_message"]

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 but tab/LF/CR, DEL, C1: never printed raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_MESSAGE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                             "\u200e\u200f\u061c]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def plain_message(text: str, limit: int = 2000) -> str:
    """``text`` on one line, every control/bidi/line-separator character shown as ``\\uXXXX``."""
    out = _MESSAGE_UNSAFE.sub(_escape, text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def neutralise_bidi(text: str) -> str:
    """Replace every bidi embedding/override/isolate character with U+FFFD (one for one)."""
    return BIDI.sub("\ufffd", text)


def neutralise_controls(text: str) -> str:
    """Replace terminal control characters and bidi controls with U+FFFD (one for one)."""
    return neutralise_bidi(_CONTROL.sub("\ufffd", text))


def escape_json_controls(json_text: str) -> str:
    """JSON text with DEL, C1 and bidi characters escaped (the decoded values are unchanged)."""
    return _JSON_UNSAFE.sub(_escape, json_text)
