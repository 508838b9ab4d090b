"""A throwaway PostgreSQL server for the store tests: initdb + pg_ctl into a temp directory.

Uses the Debian ``postgresql`` package's binaries (``/usr/lib/postgresql/*/bin``). PostgreSQL
refuses to run as root, so as root the server runs as the ``postgres`` system user (created by
the Debian package) via ``runuser``. It listens on a Unix socket only, in its own directory.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PORT = 55432


@dataclass
class PgServer:
    """A running server: its socket directory and how to stop it."""

    root: Path
    bindir: Path
    prefix: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={PORT}"

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D",
                        str(self.root / "data"), "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def start() -> PgServer:
    """Initialise and start a server; raise RuntimeError (with its log) when it cannot."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="presslens-pg-", dir="/tmp"))
    (root / "sock").mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        for p in (root, root / "sock"):
            os.chown(p, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    server = PgServer(root=root, bindir=bindir, prefix=prefix)
    data, log = root / "data", root / "server.log"

    def run(*args: str) -> None:
        res = subprocess.run([*prefix, *args], capture_output=True, text=True, check=False)
        if res.returncode:
            detail = log.read_text() if log.exists() else ""
            server.stop()
            raise RuntimeError(f"{args[0]} failed: {res.stderr}{res.stdout}{detail}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
        "--no-sync", "-E", "UTF8", "--locale", "C")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
        f"-k {root / 'sock'} -c listen_addresses='' -p {PORT} -F", "start")
    return server
