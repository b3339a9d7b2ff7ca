"""--format concise: one line per finding, `path:line:col: CODE message`."""

from __future__ import annotations

from ._clean import printable


class ConciseReporter:
    def __init__(self, stream, unsafe_fixes: bool = False, **_):
        self.stream = stream
        self.unsafe_fixes = unsafe_fixes

    def report(self, results, summary) -> None:
        for result in results:
            if result.error:
                self.stream.write(printable("%s: error: %s\n" % (result.path, result.error)))
            for f in result.findings:
                applies = f.fix is not None and (f.fix.applicability.value == "safe" or self.unsafe_fixes)
                mark = " [*]" if applies else ""
                self.stream.write(printable("%s:%d:%d: %s%s %s\n" % (f.path, f.line, f.column, f.code, mark, f.message)))
        self.stream.write(summary.line() + "\n")
