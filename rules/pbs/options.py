from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from ..slurm.crlf import crlf_finding
from ..slurm.late_directive import late_directives, line_after
from ..directive_templates import is_template, template_file
from .common import nqsv, pbs_uses, pbspro_fact_severity

# What people bring from Slurm, LSF or Grid Engine, and what PBS calls it.
FOREIGN = {
    "--time": "`-l walltime=`", "--mem": "`-l mem=` (Torque) or `-l select=1:mem=` (PBS Pro)",
    "--job-name": "`-N`", "--output": "`-o`", "--error": "`-e`", "--array": "`-J` (PBS Pro) or `-t` (Torque)",
    "--nodes": "`-l select=N` (PBS Pro) or `-l nodes=N` (Torque)", "--ntasks": "`-l select=1:ncpus=N` or `-l nodes=1:ppn=N`",
    "--cpus-per-task": "`ncpus=` in `-l select=` (PBS Pro) or `ppn=` (Torque)", "--partition": "`-q`",
    "--account": "`-A`", "--mail-type": "`-m`", "--mail-user": "`-M`", "--gres": "`ngpus=` (PBS Pro) or `gpus=` (Torque)",
    "-cwd": "`cd \"$PBS_O_WORKDIR\"` in the script", "-pe": "`-l select=1:ncpus=N` or `-l nodes=1:ppn=N`",
}


def trailing_comment(directive):
    """The first word of a `# ...` comment written after the options, or None."""
    for option in directive.options:
        if option.kind == "positional" and option.spelled.startswith("#"):
            return option
    return None


class UnknownOption(Rule):
    """
    ## What it does
    Checks the words of every `#PBS` line qsub reads the way its getopt does: options neither
    PBS Pro nor Torque has, options without their value, unmatched quotes (errors everywhere),
    and words after the options (one finding per line: an error when the scheduler setting is
    `pbspro`, a warning when the flavour is open or only inferred from the job, nothing for a
    Torque job). Slurm, LSF and Grid Engine spellings (`--time`, `-cwd`, `-pe`) get the PBS
    equivalent. Lines with a template placeholder (`-N {{ name }}`) are JC312's.

    ## Why is this bad?
    qsub refuses the whole submission: `qsub: directive error: <the line's words>` (an unmatched
    quote: `qsub: unmatched`). Stray words are refused by PBS Pro/OpenPBS and Torque before 4;
    Torque 4 and later drop them silently (its getopt moves them to the end), so on Torque
    `-N my run` names the job `my`.

    ## Example
        #PBS --time=01:00:00
        #PBS -l walltime=1:00:00 extra

    Use instead:

        #PBS -l walltime=01:00:00

    ## Fix safety
    No fix.
    """

    code = "JC701"
    name = "pbs-unknown-option"
    severity = Severity.ERROR
    summary = "A word in a #PBS line qsub's getopt refuses: the submission fails with 'directive error'"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive in {d.start: d for d, _ in pbs_uses(script, words=True)}.values():
            if directive.error:
                last = directive.tokens[-1]
                yield Diagnostic(last.start, directive.end, "an unmatched `%s` in a #PBS line: qsub stops with "
                                 "\"qsub: unmatched\"" % directive.error[-1])
            comment = trailing_comment(directive)
            words = " ".join(t.text for t in directive.tokens)
            stray = []
            for option in directive.options:
                if comment is not None and option.start >= comment.start:
                    break
                if option.kind == "positional":
                    stray.append(option)
                elif option.kind == "missing-value":
                    yield Diagnostic(option.start, option.end, "`%s` needs a value: qsub stops with \"qsub: "
                                     "directive error: %s\"" % (option.spelled, words))
                elif option.kind == "unknown":
                    flag = option.spelled.split("=")[0]
                    message = "`%s` is not a qsub option (PBS Pro or Torque): qsub stops with \"qsub: directive " \
                              "error: %s\"" % (flag, words)
                    if flag in FOREIGN:
                        message += "; in PBS it is %s" % FOREIGN[flag]
                    yield Diagnostic(option.start, option.end, message)
            severity = pbspro_fact_severity(script) if stray else None
            if severity is not None:
                text = script.text[stray[0].start:stray[-1].end]
                yield Diagnostic(stray[0].start, stray[-1].end, "`%s` is not an option or a value: %s (\"qsub: "
                                 "directive error\")%s" % (text, refusers(script), dropped(script)),
                                 severity=severity)


def refusers(script) -> str:
    if script.pbs_flavor == "pbspro":
        return "qsub refuses the line"
    return "PBS Pro/OpenPBS and Torque before 4 refuse the line"


def dropped(script) -> str:
    return "" if script.pbs_flavor == "pbspro" else "; Torque 4 and later drop the words"


class TrailingComment(Rule):
    """
    ## What it does
    Finds a comment written after the options of a `#PBS` line: an error when the scheduler
    setting is `pbspro`, a warning when the flavour is open or only inferred from the job
    (`select=`, `-J`, `place=`), nothing for a Torque job (`nodes=N:ppn=M`, `-t`, `-d`, `procs=`,
    or the setting `torque`).

    ## Why is this bad?
    PBS directives have no comment syntax: `#PBS -N run # the test run` hands qsub the words
    `#`, `the`, `test`, `run` as stray arguments. PBS Pro/OpenPBS and Torque before 4 refuse
    the whole submission with `qsub: directive error`; Torque 4 and later drop the words (so the
    comment works there, and the script breaks when it moves to PBS Pro).

    ## Example
        #PBS -l walltime=02:00:00  # two hours

    Use instead:

        # two hours
        #PBS -l walltime=02:00:00

    ## Fix safety
    Moving the comment to a line of its own above the directive is safe (a comment line does
    not end the header). No fix when the comment itself holds `PBS` right after its `#`.
    """

    code = "JC702"
    name = "pbs-trailing-comment"
    severity = Severity.ERROR
    summary = "A comment after the options of a #PBS line: PBS Pro's qsub fails with 'directive error'"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        severity = pbspro_fact_severity(script)
        if severity is None:
            return
        text = script.text
        for directive in {d.start: d for d, _ in pbs_uses(script, words=True)}.values():
            comment = trailing_comment(directive)
            if comment is None or directive.error:
                continue
            cut = comment.start
            while cut > directive.start and text[cut - 1] in " \t":
                cut -= 1
            note = text[comment.start:directive.end]
            fix = None
            if "\n" not in note and not note.lstrip("#").lstrip().startswith("PBS"):
                fix = Fix.safe("move the comment to its own line above",
                               Edit.insert(directive.start, note + script.source.newline), Edit.delete(cut, directive.end))
            yield Diagnostic(comment.start, directive.end, "PBS directives have no comments: `%s` is more words, and "
                             "%s (\"qsub: directive error\")%s" % (note.replace("\n", " "), refusers(script),
                                                                    dropped(script)), fix, severity=severity)


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#PBS` lines after the first executable line of the script.

    ## Why is this bad?
    qsub reads directives only until the first line whose first non-blank character is not
    `#` (lines starting with `:` aside); every `#PBS` line after it is a plain comment, so its
    walltime, memory or queue silently does not apply. Late lines that do not read as options
    only (prose such as `#PBS -t x-y: the bounds`, a bare `#PBS`), indented late lines (an
    example inside a comment block or a nested snippet), lines after a second `#!` line
    (another script pasted into the same file) are comments their author meant, and templates
    are rewritten before qsub reads them: none of these is reported.

    ## Example
        #PBS -N train
        cd "$PBS_O_WORKDIR"
        #PBS -l walltime=04:00:00

    Use instead:

        #PBS -N train
        #PBS -l walltime=04:00:00
        cd "$PBS_O_WORKDIR"

    ## Fix safety
    Moving the line into the header is unsafe: the option then takes effect.
    """

    code = "JC703"
    name = "pbs-directive-after-command"
    severity = Severity.ERROR
    summary = "A #PBS line after the first command: qsub never reads it"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        if script.scheduler != "pbs" or nqsv(script) or is_template(script) or template_file(script):
            return  # a template's text is rewritten before qsub reads it
        text = script.text
        second_script = SECOND_SHEBANG_RE.search(text)
        lost = [d for d in script.pbs_directives if d.in_header or (
            _clean_options(d) and text[d.start] == "#"
            and (second_script is None or d.start < second_script.start()))]
        yield from late_directives(script, lost, script.pbs_header_end,
                                   "qsub ignores this line: it reads `#PBS` lines only up to line %(line)d "
                                   "(`%(text)s`), the first command")


# A `#!` line after the first: what follows is another script pasted in (notes, a collection).
SECOND_SHEBANG_RE = re.compile(r"(?<=\n)[ \t]*#![ \t]*/")


def _clean_options(directive) -> bool:
    """A line that reads as options only: a late `#PBS` line of prose (`#PBS -t x-y: the array
    bounds`) or a bare `#PBS` is a comment its author meant, not a lost request."""
    return bool(directive.options) and not directive.error and all(
        o.kind == "option" for o in directive.options)


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a PBS job.

    ## Why is this bad?
    qsub refuses the script: PBS Pro/OpenPBS with `qsub: script contains cr, lf`, Torque with
    `qsub:  script is written in DOS/Windows text format`.

    ## Example
    A job script saved with CRLF line endings.

    Use instead: the same script with LF line endings (`dos2unix job.sh`).

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC704"
    name = "pbs-crlf-line-endings"
    severity = Severity.ERROR
    summary = "Windows (CRLF) line endings in a PBS job: qsub refuses the script"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        if script.scheduler != "pbs":
            return
        found = crlf_finding(script.text, "the job", "qsub refuses it (\"qsub: script contains cr, lf\")")
        if found is not None:
            yield found


class PrefixOptionInScript(Rule):
    """
    ## What it does
    Finds `-C` (the directive prefix) in a `#PBS` line.

    ## Why is this bad?
    qsub chooses the prefix before it reads the script (from `-C` on the command line, else
    `$PBS_DPREFIX`, else `#PBS`); a `-C` inside the script changes nothing.

    ## Example
        #PBS -C "#MYPBS"

    Use instead: `qsub -C "#MYPBS" job.sh`, or drop the option.

    ## Fix safety
    Removing the option is safe: it has no effect.
    """

    code = "JC705"
    name = "pbs-prefix-option-in-script"
    severity = Severity.WARNING
    summary = "-C in a #PBS line: qsub has chosen the prefix already, it has no effect"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        text = script.text
        for directive, option in pbs_uses(script, words=True):
            if option.spelled != "-C" or option.kind != "option":
                continue
            if len(directive.options) == 1:
                edit = Edit.delete(directive.start, line_after(text, directive.end))
            else:
                cut = option.start
                while cut > directive.start and text[cut - 1] in " \t":
                    cut -= 1
                edit = Edit.delete(cut, option.end)
            yield Diagnostic(option.start, option.end, "`-C` in a `#PBS` line has no effect: qsub picks the prefix "
                             "before reading the script (use `qsub -C`)", Fix.safe("remove `-C`", edit))
