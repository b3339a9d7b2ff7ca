from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import header_uses
from jobcheck.semantics.slurm_values import parse_gres

from .templates import LABELS, placeholders

SITE_NAMES = (
    "partition",
    "account",
    "qos",
    "reservation",
    "constraint",
    "gres",
    "clusters",
    "licenses",
    "nodelist",
    "exclude",
    "wckey",
)


class PlaceholderValue(Rule):
    """
    ## What it does
    Finds template placeholders left in `#SBATCH` values, each once: left for a person
    (`<your_account>`, `[insert name here]`, `YOUR_EMAIL`, `PARTITION_NAME`, `CHANGEME`, `XXX`,
    `user@example.com`, a bare upper-case word as a count: `--nodes=NODES`) as a warning; filled
    by a tool (`{{ nodes }}`, `{0}`, `%(time)s`, `%%MEM%%`, `@@NTASKS@@`, `!TBG_wallTime`,
    `#PPN#`, `_NCPUS_`) as info, since such a file is a template, not yet a job; in a label
    (`--job-name`, `--comment`), where nothing fails, as info too. And, as info,
    non-ASCII text in names that the cluster defines (partition, account, QOS, GRES type, ...),
    which is almost always a translated placeholder.

    The other value rules stay quiet about a placeholder's text: "not a time limit" or
    "quote it" would describe the template, not the job.

    ## Why is this bad?
    Slurm refuses an account, partition or QOS that does not exist, and mails to a placeholder
    address go nowhere. Found before submission, it is a one-word edit.

    ## Example
        #SBATCH --account=<your_project>

    Use instead:

        #SBATCH --account=proj1234

    ## Fix safety
    No fix: the real value is the author's.
    """

    code = "JC126"
    name = "sbatch-placeholder-value"
    severity = Severity.WARNING
    summary = "A template placeholder left in a #SBATCH value"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        statement_lines: set[int] = set()
        for found in placeholders(script):
            if found.option is None:
                line = script.text.count("\n", 0, found.start)
                if line in statement_lines:
                    continue  # one per line: the line is a template's, whatever else it holds
                statement_lines.add(line)
                yield Diagnostic(
                    found.start,
                    found.end,
                    "`%s` is a template statement: a tool writes this `#SBATCH` "
                    "line before sbatch reads the file" % found.text,
                    severity=Severity.INFO,
                )
                continue
            name = found.option.name or found.option.spelled.lstrip("-")
            if found.by_tool:
                yield Diagnostic(
                    found.start,
                    found.end,
                    "`%s` in `--%s` is a template placeholder: a tool "
                    "must fill it in before sbatch reads this file (jobcheck checks the value once it is)"
                    % (found.text, name),
                    severity=Severity.INFO,
                )
            elif found.option.name in LABELS:
                yield Diagnostic(
                    found.start,
                    found.end,
                    "`%s` in `--%s` is a template placeholder: sbatch takes it as "
                    "written; replace it with the real value" % (found.text, name),
                    severity=Severity.INFO,
                )
            else:
                yield Diagnostic(
                    found.start,
                    found.end,
                    "`%s` in `--%s` is a template placeholder: replace "
                    "it with the real value before submitting" % (found.text, name),
                )
        covered_options = {id(p.option) for p in placeholders(script) if p.option is not None}
        for use in header_uses(script):
            value = use.value
            if value is None or use.option.kind != "option" or id(use.option) in covered_options:
                continue
            if use.name in SITE_NAMES and not value.isascii() and not _malformed(use):
                yield Diagnostic(
                    *use.value_span,
                    "`%s` in `--%s` is not ASCII: cluster-defined names almost never are; is it a "
                    "placeholder from a template?" % (value, use.name),
                    severity=Severity.INFO,
                )


def _malformed(use) -> bool:
    """A value another rule already refuses: no need to guess about placeholders too."""
    if use.name == "gres":
        return parse_gres(use.value)[1] is not None
    return False
