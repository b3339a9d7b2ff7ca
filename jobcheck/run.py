"""One run over the files: check, or fix / diff, then report and pick the exit status."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass

from .discovery import discover
from .engine import FileResult
from .fixer import FixOutcome, fix_source, write_atomically
from .reporters import reporter
from .reporters._clean import printable
from .rule import Applicability
from .source import Source

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_FROM = 50   # files: below this no progress bar is worth drawing
RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    fixable: int = 0          # fixes the current mode would apply
    unsafe_only: int = 0      # fixes that need --unsafe-fixes
    fixed: int = 0
    errors: int = 0           # files that could not be read or written
    mode: str = "check"       # 'check', 'fix' or 'diff'
    changed_files: int = 0    # --diff: files with a change to show

    def line(self) -> str:
        files = plural(self.files, "file")
        notes = []
        if self.fixable and self.mode == "check":
            notes.append("%d fixable with `jobcheck --fix`" % self.fixable)
        if self.unsafe_only:
            notes.append("%d %swith `--fix --unsafe-fixes`" % (self.unsafe_only, "more " if notes else "fixable "))
        notes_text = " (%s)" % "; ".join(notes) if notes else ""
        if self.mode == "fix":
            text = "Fixed %s; %s remain%s in %s." % (
                plural(self.fixed, "problem"), self.findings or "none", "s" if self.findings == 1 else "",
                files) if self.fixed else "No fixes applied; %s in %s." % (
                plural(self.findings, "problem") if self.findings else "no problems", files)
            text = text[:-1] + notes_text + "."
        elif self.mode == "diff":
            text = ("Would fix %s (--diff writes nothing)." % plural(self.changed_files, "file")
                    if self.changed_files else "No fixes to apply.")
        elif self.findings:
            text = "Found %s in %s%s." % (plural(self.findings, "problem"), files, notes_text)
        else:
            text = "All checks passed (%s)." % files
        if self.errors:
            text += " %s could not be read or written." % plural(self.errors, "file")
        return text


def plural(count: int, noun: str) -> str:
    return "%d %s%s" % (count, noun, "" if count == 1 else "s")


def run(args, resolver, registry) -> int:
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    summary = Summary(mode=mode)
    results: list[FileResult] = []
    fail_levels: list[str] = []
    stdout = sys.stdout
    targets = discover(args.paths or ["."], resolver.excludes, args.only_job_scripts)
    progress = _progress(len(targets), args)
    for target in targets:
        if progress is not None:
            progress.advance()
        result, fail_on = _one(target, args, resolver, mode, summary, stdout)
        result.script = None  # the model is done with: keeping 2,000 of them costs gigabytes
        results.append(result)
        fail_levels.append(fail_on)
    if progress is not None:
        progress.stop()
    _count(results, summary, args.unsafe_fixes)
    _report(args, registry, results, summary, mode)
    if summary.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if mode == "diff":
        return EXIT_FINDINGS if summary.changed_files else EXIT_CLEAN
    failing = any(RANK[f.severity.value] >= RANK[level] for result, level in zip(results, fail_levels)
                  for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _one(target, args, resolver, mode, summary, stdout) -> tuple[FileResult, str]:
    source, error = read(target.path, args.stdin_filename)
    display = (args.stdin_filename or "-") if target.path == "-" else target.path
    if source is None:
        summary.errors += 1
        return FileResult(display, error=error), "info"
    linter = resolver.linter_for(args.stdin_filename or target.path if target.path == "-" else target.path)
    result = linter.check_source(source)
    if mode == "check" or source.is_binary:
        return result, linter.settings.fail_on
    outcome = fix_source(source, lambda s: linter.check_source(s).findings, args.unsafe_fixes, parses=linter.parses)
    for reason in outcome.rolled_back:
        print("jobcheck: warning: %s: %s" % (printable(source.path), reason), file=sys.stderr)
    if not outcome.converged:
        print("jobcheck: warning: %s: fixes did not settle after %d passes; the last pass is kept"
              % (printable(source.path), outcome.passes), file=sys.stderr)
    if mode == "diff":
        if outcome.changed:
            summary.changed_files += 1
            stdout.write(printable(diff(source, outcome)))
        return result, linter.settings.fail_on
    if outcome.changed:
        write_error = write(target.path, source, outcome, stdout)
        if write_error:
            result.error = write_error
            summary.errors += 1
            return result, linter.settings.fail_on
        summary.fixed += len(outcome.applied)
        if getattr(args, "show_fixes", False):
            for finding in outcome.applied:
                print("fixed %s:%d:%d: %s %s" % (printable(source.path), finding.line, finding.column, finding.code,
                                               printable(finding.fix.message)), file=sys.stderr)
        result = linter.check_source(source.derive(outcome.text))
    elif target.path == "-":
        stdout.write(source.text)
    return result, linter.settings.fail_on


def _count(results, summary, unsafe) -> None:
    for result in results:
        summary.files += 1
        summary.findings += len(result.findings)
        for f in result.findings:
            if f.fix is None:
                continue
            if f.fix.applicability == Applicability.SAFE or unsafe:
                summary.fixable += 1
            else:
                summary.unsafe_only += 1


def _report(args, registry, results, summary, mode) -> None:
    to_file = args.output_file is not None
    stream = open(args.output_file, "w", encoding="utf-8") if to_file else (
        sys.stderr if mode == "diff" or (mode == "fix" and "-" in args.paths) else sys.stdout)
    try:
        if args.statistics:
            statistics(stream, results, args.format)
        elif mode == "diff":
            stream.write(summary.line() + "\n")
        else:
            reporter(args.format)(stream, unsafe_fixes=args.unsafe_fixes, registry=registry).report(results, summary)
    finally:
        if to_file:
            stream.close()


def statistics(stream, results, fmt: str) -> None:
    counts: dict[str, list] = {}
    for result in results:
        for f in result.findings:
            entry = counts.setdefault(f.code, [0, f.name, 0])
            entry[0] += 1
            entry[2] += 1 if f.fix is not None else 0
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    if fmt == "json":
        import json

        stream.write(json.dumps([{"code": code, "name": name, "count": count, "fixable": fixable}
                                 for code, (count, name, fixable) in rows], indent=2) + "\n")
        return
    for code, (count, name, fixable) in rows:
        stream.write("%5d  %s  %-34s %s\n" % (count, code, name, "[*] %d fixable" % fixable if fixable else ""))


def read(path: str, stdin_name: str | None) -> tuple[Source | None, str | None]:
    if path == "-":
        return Source.from_bytes(sys.stdin.buffer.read(), stdin_name or "-"), None
    try:
        with open(path, "rb") as handle:
            return Source.from_bytes(handle.read(), path), None
    except IsADirectoryError:
        return None, "is a directory"
    except FileNotFoundError:
        return None, "no such file"
    except OSError as exc:
        return None, "cannot read: %s" % (exc.strerror or exc)


def write(path: str, source: Source, outcome: FixOutcome, stdout) -> str | None:
    data = source.encode(outcome.text)
    if path == "-":
        stdout.write(data.decode("utf-8", "surrogateescape") if source.encoding == "utf-8" else outcome.text)
        return None
    try:
        write_atomically(path, data)
    except OSError as exc:
        return "cannot write the fixes: %s" % (exc.strerror or exc)
    return None


def diff(source: Source, outcome: FixOutcome) -> str:
    before = source.text.splitlines(keepends=True)
    after = outcome.text.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, "a/" + source.path.lstrip("/"), "b/" + source.path.lstrip("/"))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _progress(count: int, args):
    if count < PROGRESS_FROM or args.no_progress or not sys.stderr.isatty():
        return None
    return _Progress(count)


class _Progress:
    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from rich.console import Console

        self.progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), transient=True,
                                 console=Console(stderr=True))
        self.task = self.progress.add_task("check", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


