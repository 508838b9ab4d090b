"""The hash-pinned lock is closed under dependencies, so installing it with --no-deps is whole."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _check_lock() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_lock"] = module
    spec.loader.exec_module(module)
    return module


cl = _check_lock()
LOCK_TEXT = (ROOT / "requirements.lock").read_text(encoding="utf-8")
ROOTS = cl.project_requirements(ROOT / "pyproject.toml")


def _without(text: str, name: str) -> str:
    """The lock with one package's block (pin line and its hash lines) removed."""
    return re.sub(rf"(?ms)^{re.escape(name)}==.*?(?=^\S)", "", text)


def test_the_shipped_lock_is_closed() -> None:
    assert cl.lock_problems(cl.parse_lock(LOCK_TEXT), ROOTS) == []


def test_a_lock_missing_a_transitive_dependency_fails() -> None:
    broken = cl.parse_lock(_without(LOCK_TEXT, "lxml"))
    problems = cl.lock_problems(broken, ROOTS)
    assert any("lxml" in p.requirement and p.why == "not in the lock" for p in problems)


def test_a_dependency_needed_only_through_an_extra_is_checked() -> None:
    broken = cl.parse_lock(_without(LOCK_TEXT, "psycopg-binary"))
    problems = cl.lock_problems(broken, ROOTS)
    assert [p.requirement.split(";")[0].strip() for p in problems] == [
        next(r for r in cl.installed_requires("psycopg") if r.startswith("psycopg-binary")).split(
            ";"
        )[0].strip()
    ]


def test_a_pin_outside_the_specifier_fails() -> None:
    lock = cl.parse_lock("alpha==1.0\nbeta==0.9\n")
    requires = {"alpha": ["beta>=1"], "beta": []}
    problems = cl.lock_problems(lock, ["alpha"], requires.__getitem__)
    assert [(p.needed_by, p.why) for p in problems] == [("alpha==1.0", "the lock pins 0.9")]


def test_markers_and_extras_decide_what_is_needed() -> None:
    lock = cl.parse_lock("alpha==1.0\nbeta==1.0\n")
    requires = {
        "alpha": ['gamma; extra == "fancy"', 'delta; python_version < "3"', "beta"],
        "beta": [],
    }
    assert cl.lock_problems(lock, ["alpha"], requires.__getitem__) == []
    problems = cl.lock_problems(lock, ["alpha[fancy]"], requires.__getitem__)
    assert [p.requirement for p in problems] == ['gamma; extra == "fancy"']
