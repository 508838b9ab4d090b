"""Check that requirements.lock is closed under dependencies.

Starting from the project's own requirements (pyproject's dependencies and its `dev` extra, with
the extras they ask for), every requirement of every locked package whose environment marker
holds here must name a package that is in the lock, at a version its specifier accepts. The
metadata of each locked package is read from the installed distribution (the lock's exact
version must be installed, which `scripts/bootstrap` guarantees).

    .venv/bin/python scripts/check_lock.py [requirements.lock]

Exits 1 and lists every problem when the lock is not closed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)

RequiresOf = Callable[[str], list[str]]


@dataclass(frozen=True)
class LockProblem:
    """One requirement the lock does not satisfy."""

    needed_by: str
    requirement: str
    why: str

    def __str__(self) -> str:
        return f"{self.needed_by} needs {self.requirement}: {self.why}"


def parse_lock(text: str) -> dict[str, Version]:
    """Pinned name → version of a pip-compile lock file."""
    return {canonicalize_name(m[1]): Version(m[2]) for m in _PIN.finditer(text)}


def project_requirements(pyproject: Path) -> list[str]:
    """The project's runtime dependencies plus its `dev` extra."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project.get("optional-dependencies", {}).get("dev", [])]


def installed_requires(name: str) -> list[str]:
    """Requires-Dist of an installed distribution."""
    return list(metadata.requires(name) or [])


def lock_problems(
    lock: dict[str, Version], roots: Iterable[str], requires_of: RequiresOf = installed_requires
) -> list[LockProblem]:
    """Every requirement reachable from ``roots`` that the lock does not satisfy."""
    problems: list[LockProblem] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, Requirement]] = [("pyproject.toml", Requirement(r)) for r in roots]
    while todo:
        parent, req = todo.pop()
        name = canonicalize_name(req.name)
        if name not in lock:
            problems.append(LockProblem(parent, str(req), "not in the lock"))
            continue
        if not req.specifier.contains(lock[name], prereleases=True):
            problems.append(LockProblem(parent, str(req), f"the lock pins {lock[name]}"))
            continue
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        for line in requires_of(name):
            child = Requirement(line)
            envs = [{"extra": ""}, *({"extra": e} for e in req.extras)]
            if child.marker is None or any(child.marker.evaluate(env) for env in envs):
                todo.append((f"{name}=={lock[name]}", child))
    return problems


def main(argv: list[str]) -> int:
    lock_path = Path(argv[1]) if len(argv) > 1 else ROOT / "requirements.lock"
    lock = parse_lock(lock_path.read_text(encoding="utf-8"))
    problems = lock_problems(lock, project_requirements(ROOT / "pyproject.toml"))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{lock_path.name} is not closed under dependencies", file=sys.stderr)
        return 1
    print(f"{lock_path.name}: {len(lock)} pins, closed under dependencies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
