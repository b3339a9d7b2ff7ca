"""`--add-suppressions`: adopt jobcheck on an existing repository in one step.

Every current finding gets a `# jobcheck: disable=CODE` comment where the suppression
mechanism will find it: at the end of the finding's line, or of the last line of the command it
is part of (bash allows a comment only there); a finding on the shebang line gets a
`# jobcheck: disable-file=CODE` line right after it (a comment on the shebang line would
become an argument of the interpreter). Lines inside heredoc bodies cannot take a comment and
are left as they are (and counted).
"""

from __future__ import annotations

import sys

from ..documents.kinds import is_document
from ..engine import suppressions
from ..engine.writing import write_atomically
from ..patterns import lazy
from ..reporters._clean import printable
from .discovery import checkable, discover
from .run import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, plural, read

# qsub refuses a #PBS line with anything after its options ("directive error"), and bsub's
# reading of trailing words is not established; sbatch and Grid Engine end a directive at `#`.
DIRECTIVE_LINE_RE = lazy(r"[ \t]*#(?:PBS|BSUB)")
EXISTING_RE = lazy(r"(#\s*jobcheck:\s*disable\s*=\s*)([A-Za-z0-9_,\-\s]*?)(\s*(?:--.*)?)$")


def add_suppressions(args, resolver) -> int:
    added = files = skipped = errors = 0
    for target in checkable(
        discover(args.paths or ["."], resolver.excludes, args.only_job_scripts, args.force_exclude, headers_only=True)
    ):
        if target.path == "-":
            print("jobcheck: error: --add-suppressions needs files, not standard input", file=sys.stderr)
            return EXIT_ERROR
        if is_document(target.path):
            # A comment added to a guide's code block would be shown to every reader: not done.
            print(
                "jobcheck: note: %s: documents get no suppressions; left as it is" % printable(target.path),
                file=sys.stderr,
            )
            continue
        source, _ = read(target.path, None)
        if source is None or source.is_binary:
            errors += source is None
            continue
        result = resolver.linter_for(target.path).check_source(source)
        if not result.findings:
            continue
        text, count, left = annotate(result.script, result.findings)
        skipped += left
        if count:
            try:
                write_atomically(target.path, source.encode(text), source.stamp)
            except OSError as exc:
                print(
                    "jobcheck: error: %s: cannot write: %s" % (printable(target.path), exc.strerror or exc),
                    file=sys.stderr,
                )
                errors += 1
                continue
            added += count
            files += 1
    print(
        "Added %s to %s.%s"
        % (
            plural(added, "suppression"),
            plural(files, "file"),
            " %s inside heredocs could not be suppressed." % plural(skipped, "finding") if skipped else "",
        )
    )
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if skipped else EXIT_CLEAN


def annotate(script, findings) -> tuple[str, int, int]:
    """The text with suppression comments added, how many codes were added, and how many could not be."""
    source = script.source
    by_line: dict[int, list[str]] = {}
    file_level: list[str] = []
    skipped = 0
    ends = _command_end_lines(script)
    for finding in findings:
        if finding.line == 1 and script.shebang is not None:
            _add(file_level, finding.code)
            continue
        offset = source.offset(finding.line, 1)
        if any(doc.body_start <= offset < doc.body_end for doc in script.heredocs):
            skipped += 1
            continue
        _add(by_line.setdefault(ends.get(finding.line, finding.line), []), finding.code)
    lines = source.text.split("\n")
    count = 0
    before: dict[int, list[str]] = {}
    for line_no, codes in by_line.items():
        index = line_no - 1
        line = lines[index]
        cr = "\r" if line.endswith("\r") else ""
        body = line[:-1] if cr else line
        existing = EXISTING_RE.search(body)
        if DIRECTIVE_LINE_RE.match(body) and not existing:
            # the scheduler would read a trailing comment as words of the directive: its own line
            before[index] = codes
            count += len(codes)
            continue
        if existing:
            known = [c.strip() for c in existing.group(2).split(",") if c.strip()]
            merged = known + [c for c in codes if c not in known]
            body = body[: existing.start(2)] + ",".join(merged) + body[existing.end(2) :]
        else:
            body = body + "  # jobcheck: disable=" + ",".join(codes)
        lines[index] = body + cr
        count += len(codes)
    for index in sorted(before, reverse=True):
        cr = "\r" if lines[index].endswith("\r") else ""
        lines.insert(index, "# jobcheck: disable-next-line=" + ",".join(before[index]) + cr)
    if file_level:
        newline = "\r" if lines[0].endswith("\r") else ""
        lines.insert(1, "# jobcheck: disable-file=" + ",".join(file_level) + newline)
        count += len(file_level)
    return "\n".join(lines), count, skipped


def _add(codes: list[str], code: str) -> None:
    if code not in codes:
        codes.append(code)


def _command_end_lines(script) -> dict[int, int]:
    """Each line of a multi-line command -> the command's last line (where a comment can go)."""
    ends: dict[int, int] = {}
    spans = suppressions.command_line_spans(script)
    for last, lines in spans.items():
        for line in lines:
            ends[line] = max(ends.get(line, last), last)
    return ends
