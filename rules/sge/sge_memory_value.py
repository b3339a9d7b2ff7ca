from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sge_values import MEMORY_KEYS

from .sge_directives import requested_resources

MEMORY_RE = lazy(r"(0x[0-9a-fA-F]+|\d+(\.\d+)?)([kKmMgGtT])?")


class MemoryValue(Rule):
    """
    ## What it does
    Checks memory resources (`h_vmem`, `mem_free`, ...): a number with an optional unit letter.
    `2GB` is refused; a number without a unit is bytes.

    ## Why is this bad?
    `h_vmem=2GB` makes qsub refuse the job ("attribute \\"h_vmem\\" is not a memory value");
    `h_vmem=2048` is 2048 bytes: the job is killed at once. (Grid Engine's lower-case `2g` is
    2x10^9 bytes, upper-case `2G` 2x2^30.)

    ## Example
        #$ -l h_vmem=4GB

    Use instead:

        #$ -l h_vmem=4G

    ## Fix safety
    Dropping the `B` of `4GB` is safe.
    """

    code = "JC605"
    name = "sge-memory-value"
    severity = Severity.ERROR
    summary = "A memory resource qsub refuses (2GB) or reads as bytes (2048)"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, value, start, end in requested_resources(script):
            if key not in MEMORY_KEYS or not value:
                continue
            if re.fullmatch(r"\d+(\.\d+)?[kKmMgGtT][bB]", value):
                yield Diagnostic(
                    start,
                    end,
                    '`%s=%s` is refused: "attribute \\"%s\\" is not a memory value"; '
                    "write `%s`" % (key, value, key, value[:-1]),
                    Fix.safe("write `%s`" % value[:-1], Edit(end - 1, end, "")),
                )
            elif not MEMORY_RE.fullmatch(value):
                yield Diagnostic(
                    start,
                    end,
                    "`%s=%s` is not a Grid Engine memory value (a number and K, M, G or "
                    "T): the job is refused" % (key, value),
                )
            elif value.isdigit() and int(value) < 1024 * 1024:
                yield Diagnostic(
                    start,
                    end,
                    "`%s=%s` has no unit, so it is %s bytes: the job runs out of memory "
                    "at once; write e.g. `%s=%sM`" % (key, value, value, key, value),
                    severity=Severity.WARNING,
                )
