"""The `jobcheck` command line."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass

from . import __version__, plugins
from .discovery import discover
from .engine import FileResult, Linter
from .fixer import FixOutcome, fix_source, write_atomically
from .frontends import SHELL_PARSERS
from .knowledge import sbatch_options
from .profile import ProfileError, import_scontrol, to_toml
from .profile import load as load_profile
from .reporters import REPORTERS
from .reporters._clean import printable
from .rule import Applicability
from .settings import CONTAINER_RUNTIMES, Settings
from .source import Source

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _slurm_release(value: str) -> str:
    releases = sbatch_options().releases
    wanted = value.strip()
    parts = wanted.split(".")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        wanted = "%d.%02d" % (int(parts[0]), int(parts[1]))
    if wanted in releases:
        return wanted
    raise argparse.ArgumentTypeError("unknown Slurm release %r; known: %s" % (value, ", ".join(releases)))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jobcheck",
        description="Lint, check and fix HPC batch job scripts (Slurm, apptainer/singularity) before they queue.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="job scripts or folders to check ('-' reads standard input; default: .)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply (or show) unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes or names to check (default: ALL)")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes or names to skip")
    p.add_argument("--explain", metavar="CODE", help="print the documentation of a rule and exit")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--parser", choices=SHELL_PARSERS, help="force a shell front end (default: bashlex, then tree-sitter)")
    p.add_argument("--slurm-version", metavar="X.Y", type=_slurm_release,
                   help="the Slurm release of the target cluster, e.g. 22.05 (default: %s)" % sbatch_options().newest)
    p.add_argument("--apptainer-version", metavar="X.Y",
                   help="the cluster's Apptainer release, e.g. 1.2: newer flags are reported (default: newest)")
    p.add_argument("--profile", metavar="TOML", help="a cluster profile: turns on the checks against its "
                   "partitions and nodes")
    p.add_argument("--import-profile", nargs="+", metavar="FILE",
                   help="print a cluster profile made from `scontrol show partition --oneliner` and `scontrol show "
                   "node --oneliner` output ('-' reads standard input), then exit")
    p.add_argument("--container-runtime", choices=CONTAINER_RUNTIMES, default="either",
                   help="what `singularity` is on the target cluster (default: either)")
    p.add_argument("--stdin-filename", metavar="PATH", help="the name to report for standard input")
    p.add_argument("--version", action="version", version="jobcheck %s" % __version__)
    return p


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    fixable: int = 0          # fixes the current mode would apply
    unsafe_only: int = 0      # fixes that need --unsafe-fixes
    fixed: int = 0
    errors: int = 0           # files that could not be read
    mode: str = "check"       # 'check', 'fix' or 'diff'

    def line(self) -> str:
        files = _plural(self.files, "file")
        notes = []
        if self.fixable and self.mode == "check":
            notes.append("%d fixable with `jobcheck --fix`" % self.fixable)
        if self.unsafe_only:
            notes.append("%d %swith `--fix --unsafe-fixes`" % (self.unsafe_only, "more " if notes else "fixable "))
        notes_text = " (%s)" % "; ".join(notes) if notes else ""
        if self.mode == "fix":
            text = "Fixed %s; %s remain%s in %s." % (
                _plural(self.fixed, "problem"), self.findings or "none", "s" if self.findings == 1 else "",
                files) if self.fixed else "No fixes applied; %s in %s." % (
                _plural(self.findings, "problem") if self.findings else "no problems", files)
            text = text[:-1] + notes_text + "."
        elif self.findings:
            text = "Found %s in %s%s." % (_plural(self.findings, "problem"), files, notes_text)
        else:
            text = "All checks passed (%s)." % files
        if self.errors:
            text += " %s could not be read or written." % _plural(self.errors, "file")
        return text


def _plural(count: int, noun: str) -> str:
    return "%d %s%s" % (count, noun, "" if count == 1 else "s")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    registry = plugins.load()
    for error in registry.errors:
        print("jobcheck: warning: %s" % error, file=sys.stderr)

    if args.import_profile:
        return import_profile(args.import_profile)
    if args.list_rules:
        return list_rules(registry)
    profile = None
    if args.profile:
        try:
            profile = load_profile(args.profile)
        except ProfileError as exc:
            print("jobcheck: error: %s" % exc, file=sys.stderr)
            return EXIT_ERROR
    if args.explain:
        return explain(registry, args.explain)

    settings = Settings(
        select=_codes(args.select) or ("ALL",),
        ignore=_codes(args.ignore),
        parser=args.parser,
        slurm_version=args.slurm_version,
        apptainer_version=args.apptainer_version,
        profile=profile,
        container_runtime=args.container_runtime,
    )
    plugins.configure(registry, settings)
    linter = Linter(registry, settings)
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    summary = Summary(mode=mode)
    results: list[FileResult] = []
    changed_any = False
    stdout = sys.stdout
    report_stream = sys.stderr if (mode == "diff" or (mode == "fix" and "-" in args.paths)) else stdout

    for target in discover(args.paths or ["."]):
        source, error = _read(target.path, args.stdin_filename)
        if source is None:
            results.append(FileResult(args.stdin_filename or target.path if target.path == "-" else target.path,
                                      error=error))
            summary.errors += 1
            continue
        result = linter.check_source(source)
        if mode != "check" and not source.is_binary:
            outcome = fix_source(source, lambda s: linter.check_source(s).findings, args.unsafe_fixes,
                                 parses=linter.parses)
            if outcome.rolled_back or not outcome.converged:
                print("jobcheck: warning: %s: %s" % (printable(source.path), outcome.rolled_back or
                      "fixes did not settle after %d passes; the last pass is kept" % outcome.passes),
                      file=sys.stderr)
            if mode == "diff":
                if outcome.changed:
                    changed_any = True
                    stdout.write(printable(_diff(source, outcome)))
            elif outcome.changed:
                write_error = _write(target.path, source, outcome, stdout)
                if write_error:
                    result.error = write_error
                    summary.errors += 1
                    results.append(result)
                    continue
                summary.fixed += len(outcome.applied)
                result = linter.check_source(source.derive(outcome.text))
            elif target.path == "-":
                stdout.write(source.text)
        results.append(result)

    for result in results:
        summary.files += 1
        summary.findings += len(result.findings)
        for f in result.findings:
            if f.fix is None:
                continue
            if f.fix.applicability == Applicability.SAFE or args.unsafe_fixes:
                summary.fixable += 1
            else:
                summary.unsafe_only += 1

    reporter = REPORTERS[args.format](report_stream, unsafe_fixes=args.unsafe_fixes)
    if mode == "diff":
        report_stream.write(_diff_summary(results, changed_any) + "\n")
    else:
        reporter.report(results, summary)

    if summary.errors:
        return EXIT_ERROR
    if mode == "diff":
        return EXIT_FINDINGS if changed_any else EXIT_CLEAN
    return EXIT_FINDINGS if summary.findings else EXIT_CLEAN


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


def _read(path: str, stdin_name: str | None) -> tuple[Source | None, str | None]:
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


def _write(path: str, source: Source, outcome: FixOutcome, stdout) -> str | None:
    data = source.encode(outcome.text)
    if path == "-":
        stdout.write(data.decode("utf-8", "surrogateescape") if source.encoding == "utf-8" else outcome.text)
        return None
    try:
        write_atomically(path, data)
    except OSError as exc:
        return "cannot write the fixes: %s" % (exc.strerror or exc)
    return None


def _diff(source: Source, outcome: FixOutcome) -> str:
    before = source.text.splitlines(keepends=True)
    after = outcome.text.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, "a/" + source.path.lstrip("/"), "b/" + source.path.lstrip("/"))
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text


def _diff_summary(results, changed_any: bool) -> str:
    if not changed_any:
        return "No fixes to apply."
    return "Would fix problems in %d of %d files (--diff writes nothing)." % (
        sum(1 for r in results if r.findings), len(results))


def import_profile(files: list[str]) -> int:
    texts = []
    for name in files:
        try:
            if name == "-":
                texts.append(sys.stdin.read())
            else:
                with open(name, encoding="utf-8", errors="replace") as handle:
                    texts.append(handle.read())
        except OSError as exc:
            print("jobcheck: error: cannot read %s: %s" % (name, exc.strerror or exc), file=sys.stderr)
            return EXIT_ERROR
    try:
        sys.stdout.write(to_toml(import_scontrol(texts)))
    except ProfileError as exc:
        print("jobcheck: error: %s" % exc, file=sys.stderr)
        return EXIT_ERROR
    return EXIT_CLEAN


def list_rules(registry) -> int:
    rows = [(r.code, r.name, r.severity.value, r.fix_availability, r.plugin, r.summary) for r in registry.rules]
    widths = [max(len(str(row[i])) for row in rows + [("code", "name", "severity", "fix", "plugin", "")])
              for i in range(5)]
    header = ("code", "name", "severity", "fix", "plugin", "summary")
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    return EXIT_CLEAN


def explain(registry, code: str) -> int:
    rule = registry.find(code)
    if rule is None:
        print("jobcheck: error: no rule %r (see --list-rules)" % code, file=sys.stderr)
        return EXIT_ERROR
    print("# %s (%s)\n" % (rule.code, rule.name))
    print("Severity: %s. Fix: %s. From plugin: %s.\n" % (rule.severity.value, rule.fix_availability, rule.plugin))
    print(rule.summary + "\n")
    print(rule.docs())
    return EXIT_CLEAN
