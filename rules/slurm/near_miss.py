from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.suggest import distance

from jobcheck.frontends.slurm_header import pair_options, resolve_long, tokenize
from jobcheck.knowledge import sbatch_options

from .directives import slurm_directives

# a comment line that looks like a directive: optional blanks, '#', optional blanks, a word, an option
CANDIDATE_RE = re.compile(r"^([ \t]*)#([ \t]*)([A-Za-z]+)[ \t]*(--?[A-Za-z][A-Za-z-]*)", re.MULTILINE)


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
    switch a directive off; usage examples such as `# sbatch -p short job.sh` (they name a
    script, which no directive does); lines in text written for another script.

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

    def check(self, script, settings):
        text = script.text
        for d in slurm_directives(script):
            if d.prefix == "#SLURM":
                yield Diagnostic(d.start, d.start + len("#SLURM"),
                                 "`#SLURM` is an old prefix: sbatch still reads it but prints \"Change from #SLURM "
                                 "to #SBATCH in your script\"", Fix.safe("use `#SBATCH`", Edit(d.start, d.start + 6, "#SBATCH")),
                                 severity=Severity.INFO)
        header_end = script.header_end
        for m in CANDIDATE_RE.finditer(text):
            indent, gap, word, option = m.groups()
            start = m.start()
            if text.startswith(("#SBATCH", "#SLURM"), start) or script.in_other_script(start):
                continue
            if not _is_sbatch_option(option) or _is_command_line(text, m.start(4)):
                continue
            upper = word.upper()
            if word == "SBATCH":
                what, severity = self._describe(indent, gap, word), Severity.INFO
            elif upper == "SBATCH":
                # `#sbatch --x` and `#Sbatch`: may be a lower-case note about the command
                what, severity = "`#%s` is not upper case" % word, Severity.INFO
            elif _misspelt(word):
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
            yield Diagnostic(start, prefix_end,
                             "%s: sbatch reads this line as a plain comment and the option is not applied%s" % (what, where),
                             Fix.unsafe("write `#SBATCH`", Edit(start, prefix_end, "#SBATCH")), severity=severity)

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


def _is_sbatch_option(option: str) -> bool:
    table = sbatch_options()
    if option.startswith("--"):
        found, candidates = resolve_long(option[2:], table.for_release("master"))
        return found is not None or bool(candidates)
    return len(option) == 2 and option[1] in table.shorts("master")
