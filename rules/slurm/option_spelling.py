from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.frontends.slurm_header import resolve_long
from jobcheck.knowledge import release_key, sbatch_options

from .directives import header_uses, release


class AmbiguousOption(Rule):
    """
    ## What it does
    Finds abbreviated long options that match more than one sbatch option.

    ## Why is this bad?
    sbatch accepts unique abbreviations (getopt_long) but refuses an ambiguous one, and with it
    the script:

        sbatch: option '--tim=5' is ambiguous; possibilities: '--time' '--time-min'

    ## Example
        #SBATCH --mem-per=4G

    Use instead:

        #SBATCH --mem-per-cpu=4G

    ## Fix safety
    No fix: only the author knows which option was meant.
    """

    code = "JC104"
    name = "sbatch-ambiguous-option"
    severity = Severity.ERROR
    summary = "Ambiguous abbreviation of an sbatch option: sbatch refuses the script"
    languages = ("shell", "python")

    def check(self, script, settings):
        for use in header_uses(script):
            o = use.option
            if o.kind == "ambiguous":
                listed = " ".join("'--%s'" % c for c in o.candidates)
                yield Diagnostic(o.start, o.start + len(o.spelled),
                                 "`%s` is an abbreviation of several options: sbatch stops with \"option '%s' is "
                                 "ambiguous; possibilities: %s\"" % (o.spelled, o.spelled, listed))


class AbbreviatedOption(Rule):
    """
    ## What it does
    Finds long options written as an abbreviation (`--job-n`, `--partit`).

    ## Why is this bad?
    sbatch accepts a unique prefix of a long option, so this works today; but the meaning depends
    on the Slurm release. `--extra` means `--extra-node-info` on Slurm 22.05 and is an option of
    its own from 23.02; a new option can make an abbreviation ambiguous and the script refused.

    ## Example
        #SBATCH --partit=gpu

    Use instead:

        #SBATCH --partition=gpu

    ## Fix safety
    Writing the full name of the option sbatch already uses is safe.

    Severity: info; warning when a newer Slurm release reads the same spelling differently.
    """

    code = "JC105"
    name = "sbatch-abbreviated-option"
    severity = Severity.INFO
    summary = "Abbreviated sbatch option: works, but its meaning depends on the Slurm release"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        table = sbatch_options()
        target = release(settings)
        for use in header_uses(script):
            o = use.option
            if o.kind == "unknown" or o.name is None or not o.spelled.startswith("--") or o.spelled[2:] == o.name:
                continue
            spelled = o.spelled[2:]
            message = "`--%s` is an abbreviation of `--%s`" % (spelled, o.name)
            later = table.first_release(spelled)
            changes = _changes_meaning(table, target, spelled, o.name)
            if later is not None:
                message += ("; on the target Slurm %s sbatch reads it as `--%s`, while from %s `--%s` is an "
                            "option of its own" % (target, o.name, later, spelled))
            elif changes is not None:
                message += "; from Slurm %s it is ambiguous and sbatch refuses it" % changes
            else:
                message += "; write it in full, a newer Slurm may add an option that makes it ambiguous"
            end = o.start + len(o.spelled)
            yield Diagnostic(o.start, end, message,
                             Fix.safe("write `--%s`" % o.name, Edit(o.start, end, "--" + o.name)),
                             severity=Severity.WARNING if later is not None or changes is not None else None)


def _changes_meaning(table, target: str, spelled: str, name: str) -> str | None:
    """The first release after `target` where `--spelled` no longer means `--name`."""
    for candidate in table.releases:
        if release_key(candidate) <= release_key(target):
            continue
        option, _ = resolve_long(spelled, table.for_release(candidate))
        if option is None or option.name != name:
            return candidate
    return None
