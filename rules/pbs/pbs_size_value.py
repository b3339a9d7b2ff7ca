from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import requested_resources, select_chunks

SIZE_KEYS = ("mem", "vmem", "pmem", "pvmem", "file")
SIZE_RE = lazy(r"^\d+([kmgtp]?[bw]?)$", re.IGNORECASE)
BINARY_UNIT_RE = lazy(r"^(\d+)([kmgtp])i?b$", re.IGNORECASE)
DECIMAL_RE = lazy(r"^(\d*\.\d+)([kmgtp])(i?b|w)?$", re.IGNORECASE)
UNITS = "bkmgtp"


def _sized(script):
    """(key, value, start, end) of every size resource: job-wide `-l mem=` and in select chunks."""
    for key, value, start, end in requested_resources(script):
        if key in SIZE_KEYS:
            yield key, value, start, end
        elif key == "select":
            for _, items in select_chunks(value, start):
                for res, val, s, e in items:
                    if res in SIZE_KEYS:
                        yield res, val, s, e


class SizeValue(Rule):
    """
    ## What it does
    Checks the sizes of `-l mem=`, `vmem=`, `pmem=`, `pvmem=`, `file=` (also inside
    `select=` chunks) against PBS's size grammar: a whole number, an optional unit
    `k m g t p`, and an optional `b` (bytes) or `w` (words), in any case.

    ## Why is this bad?
    A number without a unit is **bytes**: `mem=4000` gives the job 4000 bytes, and it is killed
    as soon as it starts. `1.5gb`, `2GiB` and `2 gb` are refused by the server ("Illegal
    attribute or resource value").

    ## Example
        #PBS -l select=1:ncpus=4:mem=4000
        #PBS -l mem=1.5gb

    Use instead:

        #PBS -l select=1:ncpus=4:mem=4000mb
        #PBS -l mem=1536mb

    ## Fix safety
    `2GiB` -> `2gb` and `1.5gb` -> `1536mb` are safe (PBS units are powers of 1024, so the size
    is the same). A number without a unit gets no fix: the intended unit is unknown.
    """

    code = "JC706"
    name = "pbs-size-value"
    severity = Severity.ERROR
    summary = "A PBS memory size without a unit (bytes) or in a form qsub refuses (1.5gb, 2GiB)"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, value, start, end in _sized(script):
            if start is None or not value:
                continue
            if value.isdigit():
                if int(value) == 0:
                    continue
                yield Diagnostic(
                    start,
                    end,
                    "`%s=%s` is %s bytes: PBS reads a size without a unit as bytes; "
                    "write the unit, e.g. `%smb`" % (key, value, value, value),
                )
                continue
            if SIZE_RE.match(value):
                continue
            m = BINARY_UNIT_RE.match(value)
            fix = None
            if m:
                fixed = m.group(1) + m.group(2).lower() + "b"
                fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
            else:
                m = DECIMAL_RE.match(value)
                if m and (m.group(3) or "b").lower() != "w":
                    unit = UNITS.index(m.group(2).lower())
                    if unit > 1:
                        smaller = float(m.group(1)) * 1024
                        if smaller == int(smaller):
                            fixed = "%d%sb" % (int(smaller), UNITS[unit - 1])
                            fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
            hint = "; write `%s`" % fix.edits[0].content if fix else ""
            yield Diagnostic(
                start,
                end,
                "`%s=%s` is not a PBS size (a whole number, then k/m/g/t/p and b or w): the "
                'server refuses it with "Illegal attribute or resource value"%s' % (key, value, hint),
                fix,
            )
