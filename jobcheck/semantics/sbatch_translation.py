"""What sbatch makes of `#PBS` / `#BSUB` lines (its xlate.c), for the rules and the request model.

sbatch translates one family per script: the `#BSUB` lines if there are any, else the `#PBS`
lines; never when `--ignore-pbs` is given. The translated options are applied after `#SBATCH`,
so they override it. Facts read off sbatch 22.05.8 (`sbatch -v --test-only`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model.script import Directive, DirectiveOption, derived_fact
from .sbatch_header import Use, effective, header_uses, slurm_directives

# `-l` keys and the sbatch option each becomes (None: ignored without a word).
PBS_RESOURCES = {
    "walltime": "time",
    "cput": "time",
    "pcput": "time",
    "mem": "mem",
    "ncpus": "mincpus",
    "file": "tmp",
    "mpiprocs": "ntasks-per-node",
    "naccelerators": "gres",
    "accelerator": "gres",
    "nice": "nice",
    "proc": "constraint",
    "nodes": "nodes",
    "select": "nodes",
    "arch": None,
    "host": None,
    "opsys": None,
    "other": None,
    "pmem": None,
    "pvmem": None,
    "software": None,
    "vmem": None,
}
DROPPED_RESOURCES = ("ngpus", "place", "ompthreads")  # silently lost: sbatch does not know them
PBS_LETTERS = {
    "a": "begin",
    "A": "account",
    "e": "error",
    "h": "hold",
    "J": "array",
    "t": "array",
    "m": "mail-type",
    "M": "mail-user",
    "N": "job-name",
    "o": "output",
    "p": "nice",
    "q": "partition",
    "v": "export",
    "d": "chdir",
    "w": "chdir",
}
LSF_LETTERS = {
    "J": "job-name",
    "n": "ntasks",
    "W": "time",
    "M": "mem-per-cpu",
    "q": "partition",
    "o": "output",
    "e": "error",
    "x": "exclusive",
    "m": "nodelist",
    "c": "chdir",
}
MAIL_LETTERS = {"b": "BEGIN", "e": "END", "a": "FAIL", "n": "NONE"}


class Translated(NamedTuple):
    """One sbatch option made from a `#PBS`/`#BSUB` option; reads like a header Use."""

    directive: Directive
    option: DirectiveOption  # the #PBS/#BSUB option it comes from
    name: str  # the sbatch option, e.g. 'time'
    value: str | None  # what sbatch gets
    source: str  # the foreign text it was made from, e.g. 'walltime=3600'
    start: int  # where that text is in the file
    end: int
    component: int = 0

    @property
    def family(self) -> str:
        return self.directive.scheduler

    @property
    def spelled(self) -> str:
        return self.option.spelled

    @property
    def value_span(self) -> tuple[int, int]:
        return self.start, self.end


@derived_fact
def translated_family(script) -> list:
    """The #PBS or #BSUB directives sbatch translates in this script (empty when it translates none)."""
    # A Slurm job, or a PBS/LSF script the user says Slurm runs (`--scheduler slurm`).
    if not script.foreign_directives or not (slurm_directives(script) or script.scheduler == "slurm"):
        return []
    if any(use.name == "ignore-pbs" for use in header_uses(script)):
        return []
    bsub = [d for d in script.foreign_directives if d.scheduler == "lsf"]
    return bsub or script.foreign_directives


@derived_fact
def translation(script) -> list[Translated]:
    return [t for d in translated_family(script) for t in _directive(d)]


def _directive(directive) -> list[Translated]:
    out: list[Translated] = []
    for option in directive.options:
        if option.kind != "option":
            continue
        letter = option.name
        value = option.value
        start, end = (
            (option.value_start, option.value_end) if option.value_start is not None else (option.start, option.end)
        )
        if directive.scheduler == "lsf":
            name = LSF_LETTERS.get(letter)
            if name == "ntasks" and value:
                value = value.split(",")[-1]
            elif name == "mem-per-cpu" and value and value.isdigit():
                value += "K"
            if name:
                out.append(Translated(directive, option, name, value, value or letter, start, end))
            continue
        if letter == "l" and value is not None:
            out.extend(_resources(directive, option, value, start))
        elif letter == "m" and value is not None:
            types = [MAIL_LETTERS[c] for c in value if c in MAIL_LETTERS]
            out.append(Translated(directive, option, "mail-type", ",".join(types), value, start, end))
        elif letter == "W" and value is not None:
            for item, offset in _items(value):
                key, _, rest = item.partition("=")
                if key == "depend":
                    out.append(
                        Translated(
                            directive, option, "dependency", rest, item, start + offset, start + offset + len(item)
                        )
                    )
        elif letter in PBS_LETTERS:
            out.append(Translated(directive, option, PBS_LETTERS[letter], value, value or letter, start, end))
    return out


def _items(value: str):
    """Comma-separated items with their offsets in the value."""
    offset = 0
    for item in value.split(","):
        yield item, offset
        offset += len(item) + 1


def _resources(directive, option, value: str, base: int) -> list[Translated]:
    out = []
    for item, offset in _items(value):
        key, _, rest = item.partition("=")
        name = PBS_RESOURCES.get(key)
        start, end = base + offset, base + offset + len(item)
        if key in ("nodes", "select"):
            count = re.match(r"\d+", rest)
            out.append(Translated(directive, option, "nodes", count.group(0) if count else "1", item, start, end))
            ppn = re.search(r":(?:ppn|mpiprocs)=(\d+)", rest)
            if ppn:
                out.append(Translated(directive, option, "ntasks-per-node", ppn.group(1), item, start, end))
            gpus = re.search(r":gpus=(\d+)", rest)
            if gpus and key == "nodes":
                out.append(Translated(directive, option, "gpus-per-node", gpus.group(1), item, start, end))
            mem = re.search(r":mem=(.*)$", rest)  # sbatch takes everything up to the next ',' as the amount
            if mem and key == "select":
                out.append(Translated(directive, option, "mem", mem.group(1).rstrip("bB"), item, start, end))
        elif key == "mem":
            out.append(Translated(directive, option, "mem", rest.rstrip("bB"), item, start, end))
        elif name == "gres":
            out.append(Translated(directive, option, "gres", "gpu:%s" % (rest or "1"), item, start, end))
        elif name is not None:
            out.append(Translated(directive, option, name, rest, item, start, end))
    return out


def effective_with_translation(script, component: int = 0) -> dict:
    """The options sbatch ends up with: the #SBATCH header, then what it translates (which wins)."""
    options: dict[str, Use | Translated] = dict(effective(script, component))
    if component == 0:
        for translated in translation(script):
            options[translated.name] = translated
    return options
