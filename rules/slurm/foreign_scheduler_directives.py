from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import header_uses, slurm_directives
from jobcheck.semantics.sbatch_translation import translation

# At a line start, looked back for after the `#` (the engine finds a leading `#` fast; a leading `^`
# is tried at every position of the text).
FOREIGN_RE = lazy(r"#(?<![^\n]#)(BSUB|PBS)\b.*$", re.MULTILINE)
OPTION_RE = lazy(r"(?:^|\s)-([A-Za-z])")
# The option letters sbatch's translator knows (read off sbatch 22.05.8: any other letter makes it
# stop with "invalid option").
TRANSLATED_LETTERS = {"PBS": set("acehjklmopqrtuvzACIJMNSVW"), "BSUB": set("cemnoqxJMW")}


class ForeignDirectives(Rule):
    """
    ## What it does
    Finds `#PBS` and `#BSUB` lines in a script that has `#SBATCH` lines, where sbatch's
    translation of them replaces a different `#SBATCH` value, or has no translation at all.

    ## Why is this bad?
    sbatch translates them: it reads `#BSUB` lines (or, if there are none, `#PBS` lines) from the
    whole file, even after the first command, and applies them *after* `#SBATCH`, so
    `#PBS -l walltime=00:20:00` silently overrides `#SBATCH --time=10`, and an option it cannot
    translate (`#PBS -Q`) makes it refuse the script. Leftovers of a ported script are the usual
    source.

    Scripts written for two schedulers at once often ask both for the same thing
    (`#SBATCH --time=01:00:00` and `#PBS -l walltime=01:00:00`): nothing changes there, and
    nothing is reported. The translation errors themselves (a PBS walltime in seconds, `#BSUB -W`
    in minutes) are JC135-JC138.

    ## Example
        #SBATCH --time=04:00:00
        #PBS -l walltime=00:30:00

    Use instead: the `#SBATCH` lines alone (or add `#SBATCH --ignore-pbs`):

        #SBATCH --time=04:00:00

    ## Fix safety
    No fix.
    """

    code = "JC125"
    name = "foreign-scheduler-directives"
    severity = Severity.WARNING
    summary = "#PBS/#BSUB lines in a Slurm script are translated by sbatch and override #SBATCH"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not slurm_directives(script):
            return
        if any(u.name == "ignore-pbs" for u in header_uses(script)):
            return
        lines = list(FOREIGN_RE.finditer(script.text))
        bsub = [m for m in lines if m.group(1) == "BSUB"]
        translated = bsub or lines
        for m in translated:
            family = m.group(1)
            unknown = [
                letter
                for letter in OPTION_RE.findall(m.group(0)[len(family) + 1 :])
                if letter not in TRANSLATED_LETTERS[family]
            ]
            if unknown:
                yield Diagnostic(
                    m.start(),
                    m.end(),
                    "sbatch translates `#%s` lines, and has no translation for `-%s`: it stops with "
                    "\"invalid option -- '%s'\"; delete the line or add `#SBATCH --ignore-pbs`"
                    % (family, unknown[0], unknown[0]),
                    severity=Severity.ERROR,
                )
                continue
        yield from _overrides(script)


def _overrides(script):
    """A translated option that replaces a different value of the same option in the header.
    Dual-header scripts that ask both schedulers for the same thing are left alone."""
    header = {use.name: use for use in header_uses(script) if use.component == 0}
    reported = set()
    for item in translation(script):
        use = header.get(item.name)
        if use is None or item.value is None or item.directive.line in reported:
            continue
        if _same(item.name, use.value, item.value):
            continue
        reported.add(item.directive.line)
        family = "#PBS" if item.family == "pbs" else "#BSUB"
        yield Diagnostic(
            item.directive.start,
            item.directive.end,
            "sbatch translates this `%s` line into `--%s=%s` and applies it after `#SBATCH`: it "
            "replaces `--%s=%s` from line %d; delete the line or add `#SBATCH --ignore-pbs`"
            % (family, item.name, item.value, item.name, use.value, use.directive.line),
        )


def _same(name: str, ours: str | None, theirs: str) -> bool:
    if ours is None:
        return False
    if ours.strip().lower() == theirs.strip().lower():
        return True
    if name == "time":
        return _seconds(ours) is not None and _seconds(ours) == _seconds(theirs)
    if name in ("mem", "mem-per-cpu"):
        return _megabytes(ours) is not None and _megabytes(ours) == _megabytes(theirs)
    return False


def _seconds(value: str) -> int | None:
    days, _, clock = value.strip().rpartition("-")
    fields = clock.split(":")
    if not all(f.isdigit() for f in fields) or not 1 <= len(fields) <= 3 or (days and not days.isdigit()):
        return None
    numbers = [int(f) for f in fields]
    if days:
        numbers += [0] * (3 - len(numbers))  # D-HH, D-HH:MM, D-HH:MM:SS
        hours, minutes, seconds = numbers
        return ((int(days) * 24 + hours) * 60 + minutes) * 60 + seconds
    if len(numbers) == 1:
        return numbers[0] * 60  # MM
    if len(numbers) == 2:
        return numbers[0] * 60 + numbers[1]  # MM:SS
    return (numbers[0] * 60 + numbers[1]) * 60 + numbers[2]


UNITS = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}


def _megabytes(value: str) -> float | None:
    value = value.strip().lower().removesuffix("b")
    unit = value[-1:] if value[-1:] in UNITS else "m"
    number = value[:-1] if value[-1:] in UNITS else value
    try:
        return float(number) * UNITS[unit]
    except ValueError:
        return None
