from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import slurm_directives

from .templates import covered

# An address written for a web page, where spam robots read: `name [-at-] host`, `name (at) host`.
OBFUSCATED_ADDRESS_RE = lazy(r"^(\S+?)\s*[\[(<{]-?\s*at\s*-?[\])>}]\s*(\S+)$", re.IGNORECASE)


class StrayWord(Rule):
    """
    ## What it does
    Finds words in a `#SBATCH` line that belong to no option: usually the second half of a value
    with an unquoted space (`--job-name=my job`), or text meant as a comment without its `#`.

    ## Why is this bad?
    sbatch refuses the script: "Invalid directive found in batch script: job". (A backslash
    before the space, `my\\ job`, works only from Slurm 24.05.)

    ## Example
        #SBATCH --job-name=my job

    Use instead:

        #SBATCH --job-name="my job"

    ## Fix safety
    Quoting the value together with the words after it is unsafe: they may have been meant as a
    comment.
    """

    code = "JC108"
    name = "sbatch-stray-word"
    severity = Severity.ERROR
    summary = "A word in a `#SBATCH` line that is no option: sbatch refuses the script"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for directive in slurm_directives(script):
            if not directive.in_header:
                continue
            options = directive.options
            for index, o in enumerate(options):
                if o.kind != "positional" or covered(script, o.start, o.end):
                    continue  # (a word of a placeholder, `<your account>`, is reported as a placeholder)
                message = '`%s` is not an option: sbatch stops with "Invalid directive found in batch script: %s"' % (
                    o.spelled,
                    o.spelled,
                )
                previous = options[index - 1] if index else None
                fix = None
                if (
                    previous is not None
                    and previous.kind == "option"
                    and previous.value is not None
                    and previous.value_start is not None
                ):
                    # the words that continue this value: this one and the stray words right after it
                    run = [o]
                    for later in options[index + 1 :]:
                        if later.kind != "positional":
                            break
                        run.append(later)
                    between = script.text[previous.value_end : o.start]
                    value = " ".join([previous.value] + [w.spelled for w in run])
                    escaped = between.endswith("\\") or script.text[previous.value_end - 1] == "\\"
                    raw = script.text[previous.value_start : run[-1].end]
                    address = OBFUSCATED_ADDRESS_RE.match(value) if previous.name == "mail-user" else None
                    if address is not None:
                        written = "%s@%s" % address.groups()
                        message += "; `%s` is an address written for a web page: write `%s`" % (value, written)
                        fix = Fix.safe("write `%s`" % written, Edit(previous.value_start, run[-1].end, written))
                    elif previous.value in ("=", "") and previous.spelled.startswith("--"):
                        message += "; write `%s=%s` with no space around the `=`" % (previous.spelled, o.spelled)
                    else:
                        if escaped:
                            message += "; a backslash escapes a space only from Slurm 24.05: quote the value instead"
                        elif between.strip() == "":
                            message += "; if `%s` is one value, quote it" % value
                        if between.strip() in ("", "\\") and '"' not in raw:
                            fix = Fix.unsafe(
                                'quote the value: `"%s"`' % value,
                                Edit(previous.value_start, run[-1].end, '"%s"' % value),
                            )
                elif previous is not None and previous.kind == "positional":
                    continue  # reported with the first stray word of the run
                yield Diagnostic(o.start, o.end, message, fix)
