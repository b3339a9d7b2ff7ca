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
                in_cell = result.source.display(f) if hasattr(result.source, "display") else None
                where = in_cell[0] if in_cell else "%d:%d" % (f.line, f.column)
                self.stream.write(printable("%s:%s: %s%s %s\n" % (f.path, where, f.code, mark, f.message)))
        self.stream.write(summary.line() + "\n")
