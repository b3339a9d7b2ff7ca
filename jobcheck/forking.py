"""What the two places that fork a helper process for one large file share: moving bytes
through a pipe, and making sure the helper is gone."""

from __future__ import annotations

import os
import signal


def fork_with_pipe(child) -> tuple[int, int] | None:
    """Fork; the child calls `child(write_fd)`, which must end with os._exit. This process gets
    (child pid, the pipe's read end), or None when the system cannot fork now."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:
        os.close(read_fd)
        child(write_fd)
        os._exit(1)  # `child` returned instead of exiting
    os.close(write_fd)
    return pid, read_fd


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_all(fd: int) -> bytes:
    """Everything until the writer closes its end (or exits)."""
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def stop(pid: int) -> None:
    """Kill the child if it still runs, and collect it."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass  # already collected
