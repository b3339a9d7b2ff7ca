from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..directive_templates import placeholder

DIALECTS = ("pbs", "lsf", "sge")  # Slurm's #SBATCH values have JC126
# A placeholder job name (one word) only names the job: info.
NAME_OPTIONS = {"pbs": ("`#PBS -N`",), "lsf": ("`#BSUB -J`",), "sge": ("`#$ -N`",)}


class DirectivePlaceholder(Rule):
    """
    ## What it does
    Finds template placeholders in `#PBS`, `#BSUB` and `#$` lines, once per line: values a
    person must fill in (`<your_project>`, `YOUR_EMAIL`, `CHANGEME`, `XXX`, `[job name]`,
    `user@example.com`) as a warning (as info in a job name, which only names the job), and the
    marks of a template a tool fills in (`{{ name }}`, `{0}`, `@NTASKS@`, `__MEM__`, `#PPN#`,
    `!TBG_wallTime`, `<TMPL_VAR ...>`, upper-case words in the values of a file named as a
    template: `job.sh.in`, `run.tpl`) as one info for the whole file. JC126 does the same for
    `#SBATCH`.

    The value rules of the PBS, LSF and Grid Engine packs leave a template's values alone: a
    placeholder is reported as a placeholder, never as "not a time" or as stray words.

    ## Why is this bad?
    Submitted as it is, the scheduler refuses a project, account or queue that does not exist,
    or a value that is not a number; mail to a placeholder address goes nowhere. Found before
    submission, it is a one-word edit. A file filled by a tool is fine as long as the tool runs
    first: the info only says that its values were not checked.

    ## Example
        #PBS -A <your_project>

    Use instead:

        #PBS -A proj1234

    ## Fix safety
    No fix: the real value is the author's.
    """

    code = "JC312"
    name = "directive-placeholder-value"
    severity = Severity.WARNING
    summary = "A template placeholder in a #PBS, #BSUB or #$ line (a tool's template mark: info)"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler not in DIALECTS:
            return
        tool_marks = []
        for directive in script.scheduler_directives:
            found = placeholder(script, directive)
            if found is None:
                continue
            if found.by_tool:
                tool_marks.append(found)
                continue
            more = " (and %d more)" % found.more if found.more else ""
            where = next(
                (
                    "`%s %s`" % (directive.prefix, o.spelled)
                    for o in directive.options
                    if o.start <= found.start < o.end and o.kind == "option"
                ),
                "this `%s` line" % directive.prefix,
            )
            if where in NAME_OPTIONS.get(script.scheduler, ()) and not any(c.isspace() for c in found.text):
                yield Diagnostic(
                    found.start,
                    found.end,
                    "`%s`%s in %s is a placeholder: as it is, the job runs under that name" % (found.text, more, where),
                    severity=Severity.INFO,
                )
                continue
            yield Diagnostic(
                found.start,
                found.end,
                "`%s`%s in %s is a placeholder to fill in before submitting: as "
                "it is, the scheduler gets it literally" % (found.text, more, where),
            )
        if tool_marks:
            first = tool_marks[0]
            lines = " and %d more lines" % (len(tool_marks) - 1) if len(tool_marks) > 1 else ""
            yield Diagnostic(
                first.start,
                first.end,
                "`%s`: this job is a template (this line%s), filled in by a tool "
                "before submission; its `%s` values are not checked"
                % (first.text, lines, script.scheduler_directives[0].prefix),
                severity=Severity.INFO,
            )
