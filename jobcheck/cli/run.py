"""One run over the files: check, or fix / diff, then report and pick the exit status."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..documents.kinds import is_document
from ..engine.files import UnreadableFile, read_regular, read_stream
from ..engine.linter import FileResult
from ..model.source import Source, SourceExcerpt
from ..reporters import reporter
from ..reporters._clean import printable
from ..rule import Applicability, Severity
from . import gc_policy
from .discovery import checkable, discover
from .parallel import available_cpus, ordered_map

if TYPE_CHECKING:
    from ..engine.fixer import FixOutcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_FROM = 50  # files: below this no progress bar is worth drawing


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class Summary:
    """The counts a run reports at its end."""

    files: int = 0
    findings: int = 0
    fixable: int = 0  # fixes the current mode would apply
    unsafe_only: int = 0  # fixes that need --unsafe-fixes
    fixed: int = 0
    errors: int = 0  # files that could not be read or written
    mode: str = "check"  # 'check', 'fix' or 'diff'
    changed_files: int = 0  # --diff: files with a change to show

    def line(self) -> str:
        files = plural(self.files, "file")
        notes = []
        if self.fixable and self.mode == "check":
            notes.append("%d fixable with `jobcheck --fix`" % self.fixable)
        if self.unsafe_only:
            notes.append("%d %swith `--fix --unsafe-fixes`" % (self.unsafe_only, "more " if notes else "fixable "))
        notes_text = " (%s)" % "; ".join(notes) if notes else ""
        if self.mode == "fix":
            text = (
                "Fixed %s; %s remain%s in %s."
                % (plural(self.fixed, "problem"), self.findings or "none", "s" if self.findings == 1 else "", files)
                if self.fixed
                else "No fixes applied; %s in %s."
                % (plural(self.findings, "problem") if self.findings else "no problems", files)
            )
            text = text[:-1] + notes_text + "."
        elif self.mode == "diff":
            text = (
                "Would fix %s (--diff writes nothing)." % plural(self.changed_files, "file")
                if self.changed_files
                else "No fixes to apply."
            )
        elif self.findings:
            text = "Found %s in %s%s." % (plural(self.findings, "problem"), files, notes_text)
        elif self.errors:
            # nothing found, but not everything was checked: never "All checks passed"
            text = "No problems found in %s checked." % plural(self.files - self.errors, "file")
        else:
            text = "All checks passed (%s)." % files
        if self.errors:
            text += " %s could not be read or written." % plural(self.errors, "file")
        return text


def plural(count: int, noun: str) -> str:
    return "%d %s%s" % (count, noun, "" if count == 1 else "s")


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class FileOutcome:
    """What checking (or fixing) one file gives the run: built in a worker, applied in order."""

    result: FileResult
    fail_on: str
    stdout: str = ""  # --diff text
    stdin_bytes: bytes | None = None  # --fix -: the (fixed) bytes of standard input
    messages: list[str] = field(default_factory=list)  # warnings for stderr
    errors: int = 0
    changed_files: int = 0
    fixed: int = 0


def run(args, resolver, registry) -> int:
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    summary = Summary(mode=mode)
    results: list[FileResult] = []
    fail_levels: list[str] = []
    stdout = sys.stdout
    docs = True if getattr(args, "docs", False) else resolver.include_docs
    targets = checkable(
        discover(
            args.paths or ["."],
            resolver.excludes,
            args.only_job_scripts,
            docs,
            getattr(args, "force_exclude", False),
            headers_only=mode == "fix",
        )
    )
    if not targets:
        return _nothing_to_check(args)
    cache = _cache(args, registry, mode)
    progress = _progress(len(targets), args)
    work = functools.partial(_one, args=args, resolver=resolver, mode=mode, cache=cache)
    for outcome in ordered_map(work, targets, _jobs(args, targets)):
        if progress is not None:
            progress.advance()
        stdout.write(outcome.stdout)
        if outcome.stdin_bytes is not None:
            _write_bytes(stdout, outcome.stdin_bytes)
        for message in outcome.messages:
            print(message, file=sys.stderr)
        summary.errors += outcome.errors
        summary.changed_files += outcome.changed_files
        summary.fixed += outcome.fixed
        results.append(outcome.result)
        fail_levels.append(outcome.fail_on)
    if progress is not None:
        progress.stop()
    if cache is not None:
        cache.prune()
    _count(results, summary, args.unsafe_fixes)
    _report(args, registry, results, summary, mode)
    if summary.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if mode == "diff":
        return EXIT_FINDINGS if summary.changed_files else EXIT_CLEAN
    failing = any(
        f.severity.rank >= Severity(level).rank
        for result, level in zip(results, fail_levels, strict=True)
        for f in result.findings
    )
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _nothing_to_check(args) -> int:
    """No file to check. Named files that are no job scripts, under --only-job-scripts (a hook
    given other files), are a clean run; a walk that found nothing is an error, since a CI gate
    that checked nothing must not pass."""
    if args.only_job_scripts:
        print("jobcheck: no job scripts among the files given; nothing to check", file=sys.stderr)
        return EXIT_CLEAN
    print(
        "jobcheck: error: no job scripts found in %s" % ", ".join(printable(p) for p in args.paths or ["."]),
        file=sys.stderr,
    )
    return EXIT_ERROR


def _jobs(args, targets) -> int:
    if "-" in [t.path for t in targets]:
        return 1  # stdin is read by this process
    return getattr(args, "jobs", None) or available_cpus()


def _cache(args, registry, mode):
    if mode != "check" or getattr(args, "no_cache", True):
        return None
    from ..engine.cache import Cache, default_directory  # only a cached check reads or writes the cache

    return Cache(getattr(args, "cache_dir", None) or default_directory(), registry, tuple(args.paths or ["."]))


def _one(target, args, resolver, mode, cache) -> FileOutcome:
    with gc_policy.checking(_size(target.path)):
        outcome = _check_or_fix(target, args, resolver, mode, cache)
        result = outcome.result
        # Keep (and send back from a worker) only what the report reads: 2,000 whole files and
        # models cost hundreds of megabytes. Without its derived caches (cycles) the model is
        # freed right here, not by a collection that walks every object of it.
        if result.script is not None:
            result.script.forget_derived()
        result.script = None
        if isinstance(result.source, Source):
            result.source = SourceExcerpt(result.source, result.findings)
    return outcome


def _size(path: str) -> int:
    """The file's size in bytes (about its length in characters); 0 for standard input or a file
    that cannot be read (its error is reported by the check)."""
    if path == "-":
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _check_or_fix(target, args, resolver, mode, cache) -> FileOutcome:
    if target.error is not None:
        return FileOutcome(FileResult(target.path, error=target.error), "info", errors=1)
    source, error = read(target.path, args.stdin_filename)
    display = (args.stdin_filename or "-") if target.path == "-" else target.path
    if source is None:
        return FileOutcome(FileResult(display, error=error), "info", errors=1)
    name = args.stdin_filename or target.path if target.path == "-" else target.path
    linter = resolver.linter_for(name)
    fail_on = linter.settings.fail_on
    check, parses = linter.check_source, linter.parses
    document = is_document(name)
    if document:
        from ..documents import check_document, document_parses  # the guides' parsers: only for guides

        # A guide's code blocks, checked and fixed in the document's own coordinates (not cached).
        check = functools.partial(check_document, linter)
        parses = functools.partial(document_parses, linter)
    elif cache is not None and target.path != "-":
        key = cache.key(source, linter)
        stored = cache.get(key, source.line_count)
        if stored is not None:
            return FileOutcome(FileResult(source.path, parser=stored[0], findings=stored[1], source=source), fail_on)
        result = linter.check_source(source)
        if result.error is None:
            cache.put(key, result.parser, result.findings)
        return FileOutcome(result, fail_on)
    result = check(source)
    if document and result.error is not None:
        return FileOutcome(result, fail_on, errors=1)  # a notebook that is no JSON: nothing was checked
    if mode == "check" or source.is_binary:
        # `--fix -` is a filter: what it cannot fix comes out exactly as it went in
        return FileOutcome(result, fail_on, stdin_bytes=source.raw if mode == "fix" and target.path == "-" else None)
    # Only --fix and --diff pay for importing the fixer, the writer and difflib.
    from ..engine.fixer import fix_of, fix_source

    outcome = fix_source(source, lambda s: check(s).findings, args.unsafe_fixes, parses=parses)
    done = FileOutcome(result, fail_on)
    for reason in outcome.rolled_back:
        done.messages.append("jobcheck: warning: %s: %s" % (printable(source.path), reason))
    if not outcome.converged:
        done.messages.append(
            "jobcheck: warning: %s: fixes did not settle after %d passes; the last pass is kept"
            % (printable(source.path), outcome.passes)
        )
    if mode == "diff":
        if outcome.changed:
            done.changed_files = 1
            done.stdout = printable(diff(source, outcome))
        return done
    if outcome.changed:
        written, write_error = write(target.path, source, outcome)
        done.stdin_bytes = written
        if write_error:
            result.error = write_error
            done.errors = 1
            return done
        done.fixed = len(outcome.applied)
        if getattr(args, "show_fixes", False):
            for finding in outcome.applied:
                done.messages.append(
                    "fixed %s:%d:%d: %s %s"
                    % (
                        printable(source.path),
                        finding.line,
                        finding.column,
                        finding.code,
                        printable(fix_of(finding).message),
                    )
                )
        done.result = check(source.derive(outcome.text))
    elif target.path == "-":
        done.stdin_bytes = source.raw
    return done


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
    stream = (
        open_report(args.output_file)
        if to_file
        else (sys.stderr if mode == "diff" or (mode == "fix" and "-" in args.paths) else sys.stdout)
    )
    try:
        if args.statistics:
            statistics(stream, results, args.format)
        elif mode == "diff":
            stream.write(summary.line() + "\n")
        else:
            reporter(args.format)(
                stream, unsafe_fixes=args.unsafe_fixes, registry=registry, color=getattr(args, "color", "auto")
            ).report(results, summary)
    finally:
        if to_file:
            stream.close()


class ReportError(Exception):
    """The report cannot be written where it was asked to go."""


def open_report(path: str):
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ReportError("cannot write the report to %s: %s" % (printable(path), exc.strerror or exc)) from None


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

        stream.write(
            json.dumps(
                [
                    {"code": code, "name": name, "count": count, "fixable": fixable}
                    for code, (count, name, fixable) in rows
                ],
                indent=2,
            )
            + "\n"
        )
        return
    for code, (count, name, fixable) in rows:
        stream.write("%5d  %s  %-34s %s\n" % (count, code, name, "[*] %d fixable" % fixable if fixable else ""))


def read(path: str, stdin_name: str | None) -> tuple[Source | None, str | None]:
    try:
        if path == "-":
            return Source.from_bytes(read_stream(sys.stdin.buffer), stdin_name or "-"), None
        data, stamp = read_regular(path)
    except UnreadableFile as exc:
        return None, str(exc)
    source = Source.from_bytes(data, path)
    source.stamp = stamp
    return source, None


def write(path: str, source: Source, outcome: FixOutcome) -> tuple[bytes | None, str | None]:
    """Write the fixed file; returns (bytes for stdout, error). Stdin's fixed bytes go to stdout,
    in the input's encoding, BOM and line endings, as a file's would."""
    from ..engine.writing import FileChanged, write_atomically  # only --fix writes

    data = source.encode(outcome.text)
    if path == "-":
        return data, None
    try:
        write_atomically(path, data, source.stamp)
    except FileChanged as exc:
        return None, str(exc)
    except OSError as exc:
        return None, "cannot write the fixes: %s" % (exc.strerror or exc)
    return None, None


def _write_bytes(stream, data: bytes) -> None:
    """Bytes to a text stream's underlying buffer (what the file would hold, undecoded)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (a test's StringIO)
        stream.write(data.decode("utf-8", "surrogateescape"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def diff(source: Source, outcome: FixOutcome) -> str:
    import difflib

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
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(), transient=True, console=Console(stderr=True)
        )
        self.task = self.progress.add_task("check", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()
