"""Where the shared evaluation material lives, and loading its scorers as modules.

Benchmarks, training scripts and the CI accuracy gate all score with the shared scorers
(``../shared/eval/score_*.py``) so that numbers are comparable with other systems; this module
is the one place that finds them. ``PRESSLENS_SHARED`` points at the shared folder when it is
not beside the checkout. Nothing here is needed to analyse articles.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from .errors import InputError

__all__ = ["load_scorer", "shared_dir"]

# src/presslens/evaluation.py -> the checkout's parent, where ``shared/`` sits beside it
_DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def shared_dir() -> Path:
    """The shared folder: ``$PRESSLENS_SHARED`` if set, else ``shared/`` beside the checkout."""
    env = os.environ.get("PRESSLENS_SHARED")
    return Path(env) if env else _DEFAULT_SHARED


def load_scorer(name: str | Path) -> ModuleType:
    """Import a scorer script as a module: ``"score_attributions"`` (from ``eval/`` in the
    shared folder) or a path to any scorer file.

    Raises :class:`~presslens.errors.InputError` when the file is missing or cannot be imported.
    """
    path = Path(name) if isinstance(name, Path) or name.endswith(".py") else (
        shared_dir() / "eval" / f"{name}.py")
    if not path.is_file():
        raise InputError(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise InputError(f"cannot import scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
