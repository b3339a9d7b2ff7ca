from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.code_words import CODE_TAKING

# Commands whose words are messages (usage text shows placeholders on purpose).
MESSAGES = frozenset({"echo", "printf", "cat", "usage", "die", "error", "warn", "log", "info", "print_usage"})
MESSAGE_NAME = lazy(r"usage|help|msg|message|text|txt|doc", re.IGNORECASE)
# Placeholders of templates, as they appear in commands (narrower than in directive values: a
# body has `<` redirections, XXX in file names and TODO in echo lines).
PLACEHOLDER_RE = lazy(
    r"/path/to/[^\s\"';|&):$]*|\bpath/to/your[^\s\"';|&):$]*|CHANGE[_-]?ME|\bYOUR[_-][A-Z][A-Z0-9_]*|"
    r"\byour[_-][a-z][a-z0-9_-]*|<your[^<>\n]*>|"
    r"<[a-z _-]*\b(?:path|dir|directory|folder|name|file|env|arguments?)\b[^<>\n]*>|"
    r"\[your [^\]\n]*\]|\bADD (?:SCRIPT|COMMAND|CODE)[A-Z ]* HERE\b"
)
# A text each placeholder above holds (`[your ` holds `your`, `/path/to/` holds `path/to/`), and
# none of them overlaps another, so a search for them finds every place one could be.
PLACEHOLDER_START_RE = lazy(r"path/to/|CHANGE|YOUR|your|<|ADD ")


class BodyPlaceholder(Rule):
    """
    ## What it does
    Finds template placeholders left in the commands of a job: `/path/to/...`,
    `your_conda_env`, `YOUR_USERNAME`, `CHANGE_ME`, `<your directory>`, `[your folder]`,
    `ADD SCRIPT TO RUN HERE` (each placeholder once). JC126 and JC312 do the same for
    directive values.

    ## Why is this bad?
    The job waits in the queue, then fails at the first one: `cd /path/to/pipeline` has no
    such folder, `conda activate your_env` no such environment, and a `<...>` is read as a
    redirection from a file that does not exist.

    ## Example
        cd /path/to/project
        conda activate your_env

    Use instead: the real folder and environment:

        cd /home/alice/project
        conda activate torch-2.3

    ## Fix safety
    No fix: the real value is the author's.
    """

    code = "JC018"
    name = "body-placeholder"
    severity = Severity.WARNING
    summary = "A template placeholder left in a command of the job (/path/to/..., your_env, CHANGE_ME)"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        # Where a placeholder could start: a command without one is not searched (most commands).
        candidates = [m.start() for m in PLACEHOLDER_START_RE.finditer(text)]
        if not candidates:
            return
        reported = set()
        for command in sorted(script.commands, key=lambda c: c.start):
            if command.embedded or command.basename in MESSAGES or command.basename in CODE_TAKING:
                continue
            first = bisect.bisect_left(candidates, command.start)
            if first == len(candidates) or candidates[first] >= command.end:
                continue
            for m in PLACEHOLDER_RE.finditer(text, command.start, command.end):
                placeholder = m.group(0)
                if placeholder in reported or _in_comment(text, m.start()) or _in_message(command, m.start()):
                    continue
                if text[max(m.start() - 2, 0) : m.start()].endswith(("$", "${")) or any(
                    a.name_start == m.start() for a in command.assignments
                ):
                    continue  # `your_dir=/real/path`, `$your_dir`: a variable of that name, not a placeholder
                reported.add(placeholder)
                yield Diagnostic(
                    m.start(),
                    m.end(),
                    "`%s` is a template placeholder left in the job: as it is, "
                    "the command that uses it fails or does the wrong thing; replace it with the real "
                    "value before submitting" % placeholder,
                )


def _in_message(command, at: int) -> bool:
    """Inside `USAGE="..."`, `HELP_TEXT=...`: text shown to a person, placeholders on purpose."""
    return any(a.start <= at < a.end and MESSAGE_NAME.search(a.name) for a in command.assignments)


def _in_comment(text: str, at: int) -> bool:
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return line.lstrip().startswith("#") or " #" in line
