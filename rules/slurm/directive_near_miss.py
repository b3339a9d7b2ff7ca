from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import sbatch_options
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import slurm_directives
from jobcheck.semantics.slurm_directives import pair_options, resolve_long, tokenize
from jobcheck.semantics.suggest import distance

# a comment line that looks like a directive: optional blanks, '#', optional blanks, a word, an option
CANDIDATE_RE = lazy(r"^([ \t]*)#([ \t]*)([A-Za-z]+)[ \t]*(--?[A-Za-z][A-Za-z-]*)", re.MULTILINE)


class DirectiveNearMiss(Rule):
    """
    ## What it does
    Finds comment lines that were evidently meant as `#SBATCH` directives but that sbatch does
    not read: `# SBATCH`, an indented `  #SBATCH`, `#sbatch`, misspellings such as `#SBTACH`,
    and the legacy `#SLURM` prefix.

    ## Why is this bad?
    sbatch matches the exact bytes `#SBATCH` at the start of a line. Anything else is a comment,
    skipped without a word, so the option never applies. (`#SLURM` is read, but sbatch prints an
    error-looking message asking to change it.) `##SBATCH`, the usual way to switch a directive
    off, is not reported.

    ## Example
        # SBATCH --time=02:00:00
        #SBTACH --mem=8G

    Use instead:

        #SBATCH --time=02:00:00
        #SBATCH --mem=8G

    ## Fix safety
    Rewriting `#SLURM` to `#SBATCH` is safe (sbatch reads both). The other fixes are unsafe:
    they switch on an option that was not in effect.

    Not reported: `##SBATCH` and a letter in front (`#xSBATCH`, `#NOSBATCH`), the usual ways to
    switch a directive off; `# sbatch ...` in lower case and usage examples such as
    `#SBATCH -p short job.sh` (the command, in a note; they name a script, which no directive
    does); lines in text written for another script; and, in a file that evidently switches
    options off this way, any of them: one that sets an option the header sets for real (or one
    that stands for it: `--mem` and `--mem-per-cpu`, `--gres` and `--gpus`), or with a comment
    nearby that says such lines are optional or off ("remove the space to enable").

    Severity: warning for a misspelt prefix (`#SBTACH`), which nobody writes on purpose. Info
    for `# SBATCH`, `#sbatch` and an indented `#SBATCH`: many authors switch options off that
    way, so only they know; and info for `#SLURM`, which works.
    """

    code = "JC102"
    name = "directive-near-miss"
    severity = Severity.WARNING
    summary = "A comment that looks like `#SBATCH` but is not read by sbatch"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for d in slurm_directives(script):
            if d.prefix == "#SLURM":
                yield Diagnostic(
                    d.start,
                    d.start + len("#SLURM"),
                    '`#SLURM` is an old prefix: sbatch still reads it but prints "Change from #SLURM '
                    'to #SBATCH in your script"',
                    Fix.safe("use `#SBATCH`", Edit(d.start, d.start + 6, "#SBATCH")),
                    severity=Severity.INFO,
                )
        header_end = script.header_end
        candidates = []
        for m in CANDIDATE_RE.finditer(text):
            indent, gap, word, option = m.groups()
            start = m.start()
            if text.startswith(("#SBATCH", "#SLURM"), start) or script.in_other_script(start) or word == "sbatch":
                continue  # `# sbatch ...` is the command, written in a note
            name = _sbatch_option(option)
            if name is None or _is_command_line(text, m.start(4)):
                continue
            candidates.append((m, name))
        set_in_header = _set_in_header(script)
        # A file that switches one option off this way (the header sets it for real) does it on purpose.
        switching = any(_alternative(name, set_in_header) for _, name in candidates)
        for m, name in candidates:
            indent, gap, word, option = m.groups()
            start = m.start()
            upper = word.upper()
            if upper == "SBATCH":
                if switching or _said_to_be_off(text, start):
                    continue
                what, severity = self._describe(indent, gap, word), Severity.INFO
            elif _misspelt(word) and not _alternative(name, set_in_header):
                what, severity = "`#%s` is a misspelling of `#SBATCH`" % word, Severity.WARNING
            else:
                continue
            prefix_end = m.start(3) + len(word)
            if start >= header_end:
                where = "; it comes after the first command, so it would be ignored even if spelt right"
            elif severity is Severity.INFO:
                where = " (if it is switched off on purpose, `##SBATCH` says so)"
            else:
                where = ""
            yield Diagnostic(
                start,
                prefix_end,
                "%s: sbatch reads this line as a plain comment and the option is not applied%s" % (what, where),
                Fix.unsafe("write `#SBATCH`", Edit(start, prefix_end, "#SBATCH")),
                severity=severity,
            )

    @staticmethod
    def _describe(indent: str, gap: str, word: str) -> str:
        if indent and not gap:
            return "`#SBATCH` must start at the first column, but this one is indented"
        return "`# %s` has a blank after `#`" % word


def _is_command_line(text: str, options_start: int) -> bool:
    """`# sbatch -p short -t 60 job.sh`: a usage example, not a directive: its words end in
    something that is neither an option nor an option's value (the script to submit)."""
    end = text.find("\n", options_start)
    end = len(text) if end < 0 else end
    tokens, _, _ = tokenize(text, options_start, end)
    table = sbatch_options()
    longs = table.for_release("master")
    shorts = {o.short: o for o in longs.values() if o.short}
    return any(option.kind == "positional" for option in pair_options(tokens, longs, shorts))


def _misspelt(word: str) -> bool:
    """`#SBTACH`, `#SBACTH`, `#SBATC`: letters swapped, changed or lost. A letter put in front
    (`#xSBATCH`, `#NOSBATCH`) is the usual way to switch a directive off, not a typo."""
    upper = word.upper()
    if not upper.startswith("S") or len(upper) > len("SBATCH"):
        return False
    d = distance(upper, "SBATCH", 2)
    return d == 1 or (d == 2 and sorted(upper) == sorted("SBATCH"))


def _sbatch_option(option: str) -> str | None:
    """The sbatch option `--opt`/`-x` names (its long name), or None when it names none."""
    table = sbatch_options()
    longs = table.for_release("master")
    if option.startswith("--"):
        found, candidates = resolve_long(option[2:], longs)
        return found.name if found is not None else (candidates[0] if candidates else None)
    if len(option) == 2:
        return next((o.name for o in longs.values() if o.short == option[1]), None)
    return None


# Options that stand for one another: a line that sets one of them while the header sets another
# is an alternative kept switched off, not a directive gone wrong.
EXCLUSIVE = [
    {"mem", "mem-per-cpu", "mem-per-gpu"},
    {"gres", "gpus", "gpus-per-node", "gpus-per-task", "gpus-per-socket"},
    {"ntasks", "ntasks-per-node"},
    {"nodes", "nodelist"},
]


def _set_in_header(script) -> set:
    return {o.name for d in slurm_directives(script) if d.in_header for o in d.options if o.name}


def _alternative(name: str, set_in_header: set) -> bool:
    if name in set_in_header:
        return True
    return any(name in group and group & set_in_header for group in EXCLUSIVE)


# Words around switched-off lines that say so: "remove the space to enable", "optional", ...
SAID_OFF_RE = lazy(
    r"(?i)\b(?:remove|delete)\s+the\s+(?:space|blank|#)|\bnot\s+(?:be\s+)?(?:applied|used|active)"
    r"|\boptional\b|\buncomment|\bdisabled?\b|\bto\s+enable\b|\bcommented\b|\binactive\b"
)


def _said_to_be_off(text: str, start: int) -> bool:
    """A comment in the lines just above (up to 8) or the first 30 lines of the file says that
    such lines are switched off or optional."""
    above = text[:start].split("\n")
    comments = [line.strip().lstrip("#") for line in above[-9:-1] + above[:30] if line.lstrip().startswith("#")]
    return bool(SAID_OFF_RE.search(" ".join(comments)))  # a sentence may run over two comment lines
