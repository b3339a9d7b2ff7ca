from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.lsf_directives import option_table, pair_options, tokenize, wrong_case
from jobcheck.semantics.suggest import suggest

from ..slurm.directives import in_heredoc
from .common import lsf_uses

# What people bring from Slurm, PBS or Grid Engine, and what bsub calls it.
FOREIGN = {
    "--time": "`-W [HH:]MM`", "--mem": "`-M 4GB` (and `-R \"rusage[mem=4GB]\"`)", "--job-name": "`-J`",
    "--output": "`-o`", "--error": "`-e`", "--array": "`-J \"name[1-10]\"`", "--ntasks": "`-n`",
    "--nodes": "`-R \"span[ptile=N]\"` with `-n`", "--partition": "`-q`", "--account": "`-P`",
    "--gres": "`-gpu \"num=N\"`", "--gpus": "`-gpu \"num=N\"`", "-l": "`-W`, `-M` or `-R`", "-N": "`-J` (a name)",
    "-pe": "`-n N -R \"span[hosts=1]\"`", "-t": "`-J \"name[1-10]\"` (an array)", "-A": "`-P` (a project)",
}


class UnknownOption(Rule):
    """
    ## What it does
    Checks every word of the `#BSUB` lines bsub reads against bsub's options (IBM Spectrum
    LSF 10.1), with a did-you-mean; names the LSF spelling of Slurm, PBS and Grid Engine
    options; finds options without their value, stray words and unmatched quotes.

    ## Why is this bad?
    bsub refuses the job with its usage message for an option it does not know, or one without
    its value. A word that is not an option ends bsub's reading of the embedded options (the
    `#BSUB` lines are read as one argument list, and its getopt stops at the first non-option,
    as openlava's `my_getopt` does): every option after it, on that line and on the later
    `#BSUB` lines, is silently ignored. That is a warning, and only where options follow (IBM's
    own parser is closed source).

    ## Example
        #BSUB -cwdd /scratch/run
        #BSUB --time=60

    Use instead:

        #BSUB -cwd /scratch/run
        #BSUB -W 60

    ## Fix safety
    Replacing an option with the only one a single edit away is unsafe.
    """

    code = "JC801"
    name = "lsf-unknown-option"
    severity = Severity.ERROR
    summary = "A word in a #BSUB line that is not a bsub option or its value"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        flags = sorted(option_table())
        uses = lsf_uses(script, words=True)
        for directive in {d.start: d for d, _ in uses}.values():
            if directive.error:
                last = directive.tokens[-1]
                yield Diagnostic(last.start, directive.end, "an unmatched `%s` in a #BSUB line" % directive.error[-1])
            after_unknown = False
            for option in directive.options:
                if option.kind == "positional" and after_unknown:
                    after_unknown = False
                    continue  # most likely the value of the unknown option just reported
                after_unknown = option.kind == "unknown"
                if option.kind == "positional":
                    lost = [o for _, o in uses if o.start > option.start and o.kind != "positional"]
                    if lost:
                        yield Diagnostic(option.start, option.end, "`%s` is not an option or a value: bsub stops "
                                         "reading #BSUB options at it, so the %d after it (from `%s` on) are "
                                         "silently ignored" % (option.spelled, len(lost), lost[0].spelled),
                                         severity=Severity.WARNING)
                    break  # the rest of the line is not read as options
                elif option.kind == "missing-value":
                    yield Diagnostic(option.start, option.end, "`%s` needs a value" % option.spelled)
                elif option.kind == "unknown":
                    flag = option.spelled.split("=")[0]
                    message = "`%s` is not a bsub option: bsub refuses the job" % flag
                    if flag in FOREIGN:
                        yield Diagnostic(option.start, option.end, message + "; in LSF it is %s" % FOREIGN[flag])
                        continue
                    found = suggest(flag, flags, max_distance=1)
                    if found.candidates and found.unique:
                        yield Diagnostic(option.start, option.end, message + "; did you mean `%s`?" % found.best,
                                         Fix.unsafe("use `%s`" % found.best,
                                                    Edit(option.start, option.start + len(flag), found.best)))
                    else:
                        yield Diagnostic(option.start, option.end, message)


class DirectiveSpelling(Rule):
    """
    ## What it does
    Finds `#BSUB` lines written another way: indented, `# BSUB` with a space, or in another
    case (`#bsub`, `#Bsub`).

    ## Why is this bad?
    IBM's reference asks for `#BSUB` in upper case at the start of the line. A lower-case
    `#bsub` is never read: its options silently do not apply. Indented lines and `# BSUB` are
    read by the open-source parser, but not promised by IBM's documentation.

    ## Example
        #bsub -n 4
          #BSUB -W 60

    Use instead:

        #BSUB -n 4
        #BSUB -W 60

    ## Fix safety
    Normalising an indented or `# BSUB` line is safe (LSF reads it either way); changing the
    case is unsafe: the options then take effect.
    """

    code = "JC802"
    name = "lsf-directive-spelling"
    severity = Severity.WARNING
    summary = "A #BSUB line that is indented, spelled '# BSUB', or not in upper case"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        if script.scheduler != "lsf":
            return
        text = script.text
        for directive in script.lsf_directives:
            if text.startswith("#BSUB", directive.start) or in_heredoc(script, directive.start):
                continue
            at = text.index("BSUB", directive.start)
            yield Diagnostic(directive.start, at + 4, "write `#BSUB` at the start of the line: IBM's bsub reference "
                             "reads only that spelling", Fix.safe("write `#BSUB`", Edit(directive.start, at + 4, "#BSUB")))
        for start, end in wrong_case(text):
            at = text.lower().index("bsub", start)
            if in_heredoc(script, start) or _command_example(text, at + 4, end):
                continue
            yield Diagnostic(start, at + 4, "`%s` is not read: bsub looks for `#BSUB` in upper case, so these options "
                             "do not apply" % text[start:at + 4].strip(),
                             Fix.unsafe("write `#BSUB`", Edit(start, at + 4, "#BSUB")))


def _command_example(text: str, start: int, end: int) -> bool:
    """`#bsub -J x run.lsf`: a commented bsub command line (it names what to run), not a directive."""
    tokens, error = tokenize(text, start, end)
    return error is not None or any(o.kind == "positional" for o in pair_options(tokens, option_table()))


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#BSUB` lines after the first command.

    ## Why is this bad?
    LSF reads them (it has no stop rule, unlike Slurm and PBS), so they do apply when the
    script is piped to bsub (`bsub < job.sh`). But a reader expects the header to hold the whole
    request, and the same script under Slurm or PBS would lose them. Style only, so opt-in:
    on real scripts nothing went wrong with such a line.

    ## Example
        #BSUB -n 4
        module load gcc
        #BSUB -W 60

    Use instead: all `#BSUB` lines before the first command.

    ## Fix safety
    No fix.
    """

    code = "JC803"
    name = "lsf-directive-after-command"
    severity = Severity.INFO
    opt_in = True
    summary = "(opt-in) A #BSUB line after the first command (LSF reads it; keep the request in the header)"
    languages = ("shell", "python")

    def check(self, script, settings):
        if script.scheduler != "lsf":
            return
        for directive in script.lsf_directives:
            if not directive.in_header and not in_heredoc(script, directive.start):
                yield Diagnostic(directive.start, directive.end, "a `#BSUB` line after the first command: LSF reads "
                                 "it, but keep the whole request in the header")
