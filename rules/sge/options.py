from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.sge_directives import OPTIONS, near_misses
from jobcheck.semantics.suggest import suggest

from ..slurm.crlf import crlf_finding
from .common import sge_uses

# What people bring from other schedulers, and what Grid Engine calls it.
FOREIGN = {"-J": "`-t` (an array) or `-N` (a name)", "--time": "`-l h_rt=`", "-W": "`-l h_rt=`",
           "-n": "`-pe NAME N`", "--mem": "`-l h_vmem=`", "--job-name": "`-N`", "--output": "`-o`",
           "--error": "`-e`", "--array": "`-t`"}


class UnknownOption(Rule):
    """
    ## What it does
    Checks every option of the `#$` lines of a Grid Engine job against qsub's options, with a
    did-you-mean, and names the Grid Engine spelling of Slurm/PBS/LSF options (`--time`, `-J`).

    ## Why is this bad?
    qsub refuses the script before submitting: `Unable to read script file because of error:
    invalid option argument "-foo"`. A stray word (`#$ -N name extra`) gives `qsub: Unknown
    option`.

    ## Example
        #$ --time=1:00:00

    Use instead:

        #$ -l h_rt=1:00:00

    ## Fix safety
    Replacing an option with the only one a single edit away is unsafe (shown with
    `--unsafe-fixes`).
    """

    code = "JC601"
    name = "sge-unknown-option"
    severity = Severity.ERROR
    summary = "An option qsub does not know in a #$ line: qsub refuses the script"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script, words=True):
            if option.kind == "positional":
                yield Diagnostic(option.start, option.end, "`%s` is not an option or a value here: qsub stops with "
                                 "\"qsub: Unknown option\"" % option.spelled)
                continue
            if option.kind == "missing-value":
                yield Diagnostic(option.start, option.end, "`%s` needs a value: qsub stops with \"%s option must have "
                                 "argument\"" % (option.spelled, option.spelled))
                continue
            if option.kind != "unknown":
                continue
            flag = option.spelled.split("=")[0]
            message = "`%s` is not a qsub option: qsub stops with \"invalid option argument \\\"%s\\\"\"" % (
                flag, option.spelled)
            if flag in FOREIGN:
                yield Diagnostic(option.start, option.end, message + "; in Grid Engine it is %s" % FOREIGN[flag])
                continue
            found = suggest(flag, sorted(OPTIONS), max_distance=1)
            if found.candidates and found.unique:
                end = option.start + len(flag)
                yield Diagnostic(option.start, option.end, message + "; did you mean `%s`?" % found.best,
                                 Fix.unsafe("use `%s`" % found.best, Edit(option.start, end, found.best)))
            else:
                yield Diagnostic(option.start, option.end, message)


class HashInDirective(Rule):
    """
    ## What it does
    Finds a `#` that cuts a `#$` line where its author meant more: inside a value (`-N a#b`),
    inside quotes, or before more options. A ` # comment` after the options is what its author
    meant (qsub ignores it) and is not reported.

    ## Why is this bad?
    qsub cuts the line at the first `#`, even inside quotes: `#$ -N run#2` names the job `run`,
    `#$ -N a # note -q long.q` never reads `-q long.q`.

    ## Example
        #$ -N sweep#3

    Use instead:

        #$ -N sweep_3

    ## Fix safety
    No fix.
    """

    code = "JC602"
    name = "sge-hash-in-directive"
    severity = Severity.WARNING
    summary = "A '#' in a #$ line ends it there, even inside quotes"
    languages = ("shell", "python")

    def check(self, script, settings):
        seen = set()
        for directive, option in sge_uses(script, words=True):
            hash_at = directive.comment
            if hash_at is None or directive.start in seen:
                continue
            seen.add(directive.start)
            text = script.text
            rest = text[hash_at + 1:directive.end].strip()
            in_quotes = directive.error is not None  # the `#` cut an open quote
            if not in_quotes and text[hash_at - 1] in " \t" and not OPTION_WORD_RE.search(rest):
                continue  # a comment after the options, with no option in it: what its author meant
            where = " inside quotes" if in_quotes else ""
            yield Diagnostic(hash_at, directive.end, "qsub stops reading this line at `#`%s: `%s` is ignored" %
                             (where, text[hash_at:directive.end]))


OPTION_WORD_RE = re.compile(r"(?:^|\s)-[A-Za-z]")


class IndentedDirective(Rule):
    """
    ## What it does
    Finds lines that look like Grid Engine directives but are not read: an indented `#$`, or
    `# $` with a space.

    ## Why is this bad?
    qsub reads `#$` only in column 1: the options are silently not applied.

    ## Example
        if true; then
          #$ -l h_rt=1:00:00
        fi

    Use instead: `#$ -l h_rt=1:00:00` at the start of its line.

    ## Fix safety
    No fix: turning the line on changes the job.
    """

    code = "JC603"
    name = "sge-directive-not-read"
    severity = Severity.WARNING
    summary = "A #$ line qsub does not read (indented, or '# $')"
    languages = ("shell", "python")

    def check(self, script, settings):
        if script.scheduler != "sge":
            return
        for start, end in near_misses(script.text):
            yield Diagnostic(start, end, "qsub reads `#$` only at the start of a line: these options are ignored")


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a Grid Engine job.

    ## Why is this bad?
    Unlike sbatch, qsub accepts the script, and the `\\r` reaches the job: the queue's shell sees
    it at the end of every line (`$'\\r': command not found`, paths ending in `\\r`), and on a
    queue with `shell_start_mode unix_behavior` the `#!/bin/bash\\r` line makes the job fail at
    start (state Eqw).

    ## Example
    A job script saved with CRLF line endings.

    Use instead: the same script with LF line endings (`dos2unix job.sh`).

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC616"
    name = "sge-crlf-line-endings"
    severity = Severity.WARNING
    summary = "Windows (CRLF) line endings in a Grid Engine job: the \\r reaches every command"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        if not sge_uses(script, words=True):
            return  # not a Grid Engine job (a Slurm script gets JC004)
        found = crlf_finding(script.text, "the job", "qsub accepts it, but every command gets a trailing \\r")
        if found is not None:
            yield found
