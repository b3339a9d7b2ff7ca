from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity

from .directives import header_uses, slurm_directives

FOREIGN_RE = re.compile(r"^#(BSUB|PBS)\b.*$", re.MULTILINE)
OPTION_RE = re.compile(r"(?:^|\s)-([A-Za-z])")
# The option letters sbatch's translator knows (read off sbatch 22.05.8: any other letter makes it
# stop with "invalid option").
TRANSLATED_LETTERS = {"PBS": set("acehjklmopqrtuvzACIJMNSVW"), "BSUB": set("cemnoqxJMW")}


class ForeignDirectives(Rule):
    """
    ## What it does
    Finds `#PBS` and `#BSUB` lines in a script that has `#SBATCH` lines.

    ## Why is this bad?
    sbatch translates them: it reads `#BSUB` lines (or, if there are none, `#PBS` lines) from the
    whole file, even after the first command, and applies them *after* `#SBATCH`, so
    `#PBS -l walltime=00:20:00` silently overrides `#SBATCH --time=10`, and an option it cannot
    translate (`#PBS -Q`) makes it refuse the script. Leftovers of a ported script are the usual
    source.

    ## Example
        #SBATCH --time=04:00:00
        #PBS -l walltime=00:30:00

    Use instead: delete the `#PBS` line, or add `#SBATCH --ignore-pbs`.

    ## Fix safety
    No fix.
    """

    code = "JC125"
    name = "foreign-scheduler-directives"
    severity = Severity.WARNING
    summary = "#PBS/#BSUB lines in a Slurm script are translated by sbatch and override #SBATCH"
    languages = ("shell", "python")

    def check(self, script, settings):
        if not slurm_directives(script):
            return
        if any(u.name == "ignore-pbs" for u in header_uses(script)):
            return
        lines = list(FOREIGN_RE.finditer(script.text))
        bsub = [m for m in lines if m.group(1) == "BSUB"]
        translated = bsub or lines
        for m in translated:
            family = m.group(1)
            unknown = [letter for letter in OPTION_RE.findall(m.group(0)[len(family) + 1:])
                       if letter not in TRANSLATED_LETTERS[family]]
            if unknown:
                yield Diagnostic(m.start(), m.end(),
                                 "sbatch translates `#%s` lines, and has no translation for `-%s`: it stops with "
                                 "\"invalid option -- '%s'\"; delete the line or add `#SBATCH --ignore-pbs`"
                                 % (family, unknown[0], unknown[0]), severity=Severity.ERROR)
                continue
            yield Diagnostic(m.start(), m.end(),
                             "sbatch translates `#%s` lines and applies them after `#SBATCH`, wherever they are "
                             "in the file: this one overrides the `#SBATCH` header; delete it or add "
                             "`#SBATCH --ignore-pbs`" % m.group(1))
