"""Reading a file named by an untrusted batch record: inside one directory, regular files only.

Owns :func:`load_under`. A batch file comes from someone else; its ``path`` records must not read
``/etc/shadow``, follow a symlink out of the batch's directory, or block forever on a FIFO or a
device. The path is resolved (symlinks included) and must lie under ``base_dir``; the file is
opened without blocking and without following a final symlink, and ``fstat`` on the open file —
not a second look-up by name — decides that it is a regular file, so a swap between the check and
the read changes nothing.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..schema import Article

__all__ = ["load_under", "read_under"]

logger = logging.getLogger(__name__)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(
    os, "O_CLOEXEC", 0)


def read_under(path: str, *, base_dir: str | None, limit: int) -> bytes:
    """The bytes of regular file ``path`` (relative paths are taken from ``base_dir``).

    InputError when the file lies outside ``base_dir`` (after resolving symlinks), is not a
    regular file, cannot be read, or is over ``limit`` bytes.
    """
    base = Path(base_dir or ".").resolve()
    given = Path(path)
    real = Path(os.path.realpath(given if given.is_absolute() else base / given))
    if not real.is_relative_to(base):
        raise InputError(f"path {path!r} is outside the batch's base directory {str(base)!r} "
                         "(use --base-dir to name another)")
    try:
        fd = os.open(real, _FLAGS)
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path!r} is a directory, not an article file")
        raise InputError(f"{path!r} is not a regular file (FIFO, socket or device)")
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit:
            raise InputError(f"{path!r} is {st.st_size:,} bytes, over the limit of {limit:,}")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(f"{path!r} is over the limit of {limit:,} bytes")
    return data


def load_under(path: str, *, base_dir: str | None, url: str | None = None,
               settings: Settings) -> Article:
    """Read ``path`` with :func:`read_under` and parse it (HTML by suffix or by sniffing)."""
    from . import kind_for_path, load_bytes

    data = read_under(path, base_dir=base_dir, limit=settings.max_input_bytes)
    return load_bytes(data, kind=kind_for_path(path), url=url, settings=settings)
