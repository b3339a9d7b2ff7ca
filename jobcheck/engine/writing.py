"""Writing a fixed file: atomically, keeping everything about the file but its text.

Kept: the mode bits (setuid, setgid and sticky included: the owner is restored before the mode,
since a change of owner clears them), the owner where allowed, extended attributes where the
platform has them, and hard links (a file with more than one link is rewritten in place, since
replacing it would split the link). Just before the file is replaced, it is compared with what
was read (size, mtime, content hash): an edit made while the fix ran is never overwritten.
"""

from __future__ import annotations

import os
import stat
import tempfile

from ..model.source import Stamp


class FileChanged(OSError):
    """The file changed after it was read: nothing was written."""

    def __init__(self) -> None:
        super().__init__("the file changed while it was being fixed; nothing was written (run again)")

    def __str__(self) -> str:
        return self.args[0]


def write_atomically(path: str, data: bytes, expected: Stamp | None = None) -> None:
    """Replace the file's content; through symlinks. With `expected`, refuse (FileChanged) when
    the file is no longer what was read."""
    target = os.path.realpath(path)
    st = os.stat(target)
    if not st.st_mode & 0o222:
        raise PermissionError(13, "the file is read-only (no write permission bits)")
    special = stat.S_IMODE(st.st_mode) & (stat.S_ISUID | stat.S_ISGID)
    if st.st_nlink > 1 or (special and not _may_own_as(st)):
        # Replacing would split a hard link, or leave setuid/setgid bits on a file owned by us.
        _write_in_place(target, data, expected)
        return
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(target), suffix=".jobcheck", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed to give the file away: keeping our own ownership is the best we can do
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        _copy_xattrs(target, tmp)
        if expected is not None:
            _check_unchanged(target, expected)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _may_own_as(st: os.stat_result) -> bool:
    """Whether a new file of ours can carry the old file's owner (so its setuid bit means the same)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or geteuid() in (0, st.st_uid)


def _write_in_place(target: str, data: bytes, expected: Stamp | None) -> None:
    with open(target, "r+b") as handle:
        if expected is not None:
            _check_unchanged(target, expected)
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _check_unchanged(target: str, expected: Stamp) -> None:
    info = os.stat(target)
    if (info.st_size, info.st_mtime_ns) != (expected.size, expected.mtime_ns):
        raise FileChanged()
    with open(target, "rb") as handle:
        if handle.read(expected.size + 1) != expected.content:
            raise FileChanged()


def _copy_xattrs(source: str, destination: str) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(destination, name, os.getxattr(source, name))
        except OSError:
            pass  # e.g. a security.* attribute this user may not set
