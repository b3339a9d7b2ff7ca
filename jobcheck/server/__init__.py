"""`jobcheck server`: a language server (LSP over standard input/output) for job scripts.

It needs the `server` extra (pygls + lsprotocol): `pip install 'jobcheck[server]'`.
"""

from __future__ import annotations

import sys

USAGE = """usage: jobcheck server

Run jobcheck as a language server over standard input and output (LSP): diagnostics, quick fixes,
hovers and completion for job scripts in any editor with an LSP client. See the README,
"Editor setup". Settings come from the same .jobcheck.toml / pyproject.toml files as the command
line, and from the editor (initializationOptions or the `jobcheck` section of its settings).
"""


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0
    argv = [a for a in argv if a != "--stdio"]  # what many editors' LSP clients add
    if argv:
        print("jobcheck server: error: unexpected argument %r\n\n%s" % (argv[0], USAGE), file=sys.stderr)
        return 2
    try:
        from .app import serve
    except ImportError as exc:
        print(
            "jobcheck server: error: the language server needs pygls and lsprotocol (%s); install them with "
            "`pip install 'jobcheck[server]'`" % exc,
            file=sys.stderr,
        )
        return 2
    return serve()
