"""Reading the user's files safely: regular files only, never more than a limit, and a stamp of
what was read so a fix can tell whether the file changed before it writes.

A FIFO, a socket or a device named as a script or a configuration would block the run or
exhaust its memory (`/dev/zero`), so the file type is checked on the opened descriptor (opened
without blocking) before a byte is read.
"""

from __future__ import annotations

import os
import stat

from ..model.source import Stamp

MAX_SCRIPT_BYTES = 64 * 1024 * 1024  # far above any job script; a larger file is refused, not read
MAX_CONFIG_BYTES = 4 * 1024 * 1024  # configuration files and cluster profiles

KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class UnreadableFile(Exception):
    """A file that is not read: not a regular file, too large, or an OS error. str() says why."""


def kind(mode: int) -> str | None:
    """What a non-regular file is ('a FIFO (named pipe)', ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    for test, name in KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str, limit: int | None = None) -> tuple[bytes, Stamp]:
    """The bytes of the regular file `path` and its stamp; UnreadableFile for anything else."""
    limit = MAX_SCRIPT_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        what = kind(info.st_mode)
        if what == "a directory":
            raise UnreadableFile("is a directory")
        if what is not None:
            raise UnreadableFile("is %s, not a regular file" % what)
        if info.st_size > limit:
            raise UnreadableFile(too_large(limit))
        data = _read_up_to(fd, limit + 1)
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UnreadableFile(too_large(limit))
    return data, Stamp.of(info, data)


def read_stream(stream, limit: int | None = None) -> bytes:
    """At most `limit` bytes of a binary stream (standard input); UnreadableFile beyond."""
    limit = MAX_SCRIPT_BYTES if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(too_large(limit))
    return data


def too_large(limit: int) -> str:
    return "is larger than %d MiB; not read" % (limit // (1024 * 1024))


def _read_up_to(fd: int, size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return "cannot read: %s" % (exc.strerror or exc)
