"""Settings layering and byte decoding: the two things every entry point goes through first."""

from __future__ import annotations

import pytest

from presslens.config import load_settings
from presslens.errors import ConfigError, InputError
from presslens.ingest.decode import decode_bytes, looks_like_html


def test_env_overrides_default_and_file(tmp_path):
    cfg = tmp_path / "presslens.toml"
    cfg.write_text('[presslens]\nspacy_model = "from_file"\nfetch_timeout = 3\n')
    s = load_settings(cfg, environ={"PRESSLENS_FETCH_TIMEOUT": "7"})
    assert s.spacy_model == "from_file"
    assert s.fetch_timeout == 7.0


def test_invalid_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="fetch_timeout"):
        load_settings(environ={"PRESSLENS_FETCH_TIMEOUT": "-1"})


def test_missing_settings_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("café au lait".encode("cp1252"), "café au lait"),
        ("naïve “quotes”".encode(), "naïve “quotes”"),
        ("\ufeffwith BOM".encode(), "with BOM"),
        ("Привет, как дела сегодня утром".encode("cp1251"), "Привет, как дела сегодня утром"),
    ],
)
def test_decodes_common_encodings(raw, expected):
    assert decode_bytes(raw) == expected


@pytest.mark.parametrize(
    "raw", [b"", b"   \n\t", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n" + bytes(300)]
)
def test_refuses_empty_and_binary(raw):
    with pytest.raises(InputError):
        decode_bytes(raw)


def test_refuses_oversized_input():
    with pytest.raises(InputError, match="over the limit"):
        decode_bytes(b"a" * 2_000, max_bytes=1_000)


def test_html_sniffing():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <div class='a'>x</div>")
    assert not looks_like_html("By Jane Doe\n\nThe <b> tag appears later in text.")
