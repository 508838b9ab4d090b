"""Bytes → str: BOM/declared/detected encoding, binary refusal, HTML sniffing.

Owns the decision "is this text at all?": binary junk and undecodable bytes become a clear
:class:`InputError` here, so no parser ever sees them.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import InputError

__all__ = ["clean_char_refs", "clean_text", "decode_bytes", "looks_like_html", "usable_charset"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
_HTML_RE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html\b|<head\b|<body\b|"
    r"<meta\b|<title\b|<article\b|<div\b|<p\b)",
    re.I | re.S,
)
# Control characters that never occur in text (tab, LF, CR, FF are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What is blanked out of decoded text: C0 controls but tab/LF/VT/FF/CR, DEL, and C1 controls.
# ESC and CSI (U+009B) would otherwise reach the user's terminal through the text and Markdown
# reports and could rewrite it; each becomes one space, so every offset stays valid.
_BLANK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# A numeric character reference, decimal or hex, with or without its ';' (HTML allows both).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _char_ref(m: re.Match[str]) -> str:
    digits = m.group(1) or m.group(2)
    if len(digits.lstrip("0")) > 7:
        return " "  # beyond U+10FFFF whatever the digits: not a character
    code = int(digits, 16 if m.group(1) else 10)
    if code in (9, 10, 13) or 0x20 <= code < 0x7F or (
            0x9F < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF):
        return m.group()
    if 0x80 <= code <= 0x9F:  # what browsers show: the Windows-1252 character (&#147; is “)
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return " "
    return " "  # NUL, other C0 controls, DEL, surrogates, out of range


def clean_char_refs(html: str) -> str:
    """Replace character references to controls (``&#1;``, ``&#x0;``, ``&#127;``) with a space.

    References in 128–159 become the Windows-1252 character browsers show for them.

    lxml's parser stops or drops text at such a reference, so a single ``&#1;`` early in a page
    could hide the whole article body; a browser shows nothing (or U+FFFD) for it. References to
    real characters are kept for the parser to decode.
    """
    return _CHAR_REF.sub(_char_ref, html) if "&#" in html else html


def looks_like_html(text: str) -> bool:
    """True when the document starts like an HTML page or fragment."""
    return bool(_HTML_RE.match(text[:4096]))


# Python codecs that are not charsets a page can be written in (or, like UTF-7, that browsers
# refuse because they smuggle markup): a page declaring one is decoded as if it declared nothing.
_NOT_CHARSETS = {"undefined", "punycode", "idna", "unicode_escape", "raw_unicode_escape",
                 "unicode_internal", "utf_7", "mbcs", "oem", "palmos", "charmap"}


def usable_charset(name: str) -> str | None:
    """The Python codec for a declared charset name, or None if Python cannot use it for a page."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_CHARSETS:
        return None
    return info.name


def _declared(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = _CHARSET_RE.search(content_type.encode("latin-1", "ignore"))
        if m and (usable := usable_charset(m.group(1).decode("ascii"))):
            return usable
    m = _CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = usable_charset(m.group(1).decode("ascii"))
    if name is None:
        return None
    # A charset found *inside* ASCII-compatible bytes cannot be UTF-16/32 (it would be full of
    # NULs); browsers read such pages as UTF-8 (WHATWG "prescan"), and so do we.
    return "utf-8" if name.lower().replace("_", "-").startswith(("utf-16", "utf-32")) else name


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text (NULs in every other byte), or None."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Latin-script UTF-16 has a NUL high byte in (nearly) every pair; binary has them anywhere.
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def clean_text(text: str, what: str = "input") -> str:
    """Refuse binary-looking text; turn each remaining control character into one space.

    Applied to decoded bytes and to text handed in directly (batch records, library callers):
    ESC or C1 codes must never reach a terminal report, and offsets stay valid (one for one).
    """
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise InputError(f"{what} looks like binary data, not an article")
    return _BLANK.sub(" ", text)


def decode_bytes(data: bytes, *, content_type: str | None = None,
                 max_bytes: int = 20_000_000) -> str:
    """Decode ``data`` to text or raise InputError (empty, too large, binary, undecodable)."""
    if not data or not data.strip():
        raise InputError("input is empty")
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return clean_text(data.decode(enc, errors="replace"), "input")
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return clean_text(data.decode(utf16, errors="replace"), "input")
        raise InputError("input contains NUL bytes: it looks like binary data, not an article")
    declared = _declared(data, content_type)
    for enc in filter(None, (declared, "utf-8")):
        try:
            return clean_text(data.decode(enc), "input")
        except (UnicodeError, LookupError):  # UnicodeError: a codec that refuses any input
            continue
    high = sum(b >= 0x80 for b in data[:65536]) / min(len(data), 65536)
    if high < 0.3:
        # Mostly ASCII with a few high bytes: detectors guess wildly on so little evidence, and
        # Windows-1252 is by far the most common legacy encoding of Western news pages.
        return clean_text(data.decode("cp1252", errors="replace"), "input")
    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError("input could not be decoded as text in any known encoding")
    return clean_text(data.decode(best.encoding, errors="replace"), "input")
