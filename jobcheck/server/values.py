"""What the scheduler makes of a directive value, in words, for hovers. The parsing is the
semantic layer's (jobcheck.semantics.slurm_values, .sbatch_translation, .sge_values), the same
the rules use: this module only says the result."""

from __future__ import annotations

import re

from ..patterns import lazy
from ..semantics import slurm_values
from ..semantics.sbatch_translation import translated_family, translation
from ..semantics.sge_values import MEMORY_KEYS as SGE_MEMORY_KEYS
from ..semantics.sge_values import TIME_KEYS as SGE_TIME_KEYS
from ..semantics.sge_values import TIME_RE as SGE_TIME_RE

MEMORY_OPTIONS = ("mem", "mem-per-cpu", "mem-per-gpu", "tmp")
TIME_OPTIONS = ("time", "time-min")
UNITS_MB = {"": 1, "M": 1, "G": 1024, "T": 1024 * 1024}
VALUE_CHECKS = {
    "begin": slurm_values.check_begin,
    "deadline": lambda v: slurm_values.check_begin(v, "deadline"),
    "array": slurm_values.check_array,
    "mail-type": slurm_values.check_mail_type,
    "signal": slurm_values.check_signal,
    "distribution": slurm_values.check_distribution,
    "nodes": slurm_values.check_nodes,
}
PBS_DURATION_RE = lazy(r"^(?:(?:(\d+):)?(\d+):)?(\d+)$")
PBS_SIZE_RE = lazy(r"^(\d+)([kmgtp]?)([bw]?)$", re.IGNORECASE)


def meaning(script, directive, option, offset: int, settings) -> list[str]:
    if directive.scheduler == "slurm":
        return [slurm_value(option.name, option.value)] if option.name else []
    if directive in script.foreign_directives and directive in translated_family(script):
        return [_translated(script, option, offset)]
    if directive.scheduler == "pbs" and option.spelled == "-l":
        return [_pbs_resources(option.value)]
    if directive.scheduler == "lsf" and option.spelled == "-W":
        return [_lsf_run_limit(option.value)]
    if directive.scheduler == "sge" and option.spelled == "-l":
        return [_sge_resources(option.value)]
    return []


def directive_notes(script, directive) -> list[str]:
    if directive.in_header:
        if directive in script.foreign_directives and directive not in translated_family(script):
            return ["Slurm reads the `#SBATCH` lines of this job and ignores this line."]
        return []
    readers = {"slurm": "sbatch", "pbs": "qsub", "sge": "qsub", "lsf": "bsub"}
    if directive.scheduler == "lsf":
        return ["After the first command: LSF still reads this line, but keep the request in the header."]
    return [
        "**Ignored**: this line comes after the first command, and %s reads no directive after it."
        % readers.get(directive.scheduler, "the scheduler")
    ]


def slurm_value(name: str, value: str | None) -> str:
    if value is None:
        return ""
    if name in TIME_OPTIONS:
        return _slurm_time(value, name)
    if name in MEMORY_OPTIONS:
        return _slurm_memory(value, name)
    if name == "gres" or name.startswith("gpus"):
        return _slurm_gpus(name, value)
    check = VALUE_CHECKS.get(name)
    verdict = check(value) if check is not None else None
    if verdict is not None:
        return "sbatch: %s" % verdict.message
    return "sbatch gets `--%s=%s`." % (name, value)


def _slurm_time(value: str, name: str) -> str:
    if value.upper() in slurm_values.UNLIMITED or value in ("0", "-1"):
        return "`%s`: no time limit of its own (the partition's limit applies)." % value
    m = slurm_values.TIME_RE.match(value)
    verdict = slurm_values.check_time(value, name)
    if not m:
        return "sbatch: %s" % verdict.message if verdict else ""
    days, first, second, third = m.groups()
    if days is not None:
        d, h, mi, s = int(days), int(first), int(second or 0), int(third or 0)
    elif third is not None:
        d, h, mi, s = 0, int(first), int(second), int(third)
    elif second is not None:
        d, h, mi, s = 0, 0, int(first), int(second)
    else:
        d, h, mi, s = 0, 0, int(first), 0
    said = "`--%s=%s` is %s: Slurm stores `%s`." % (
        name,
        value,
        _duration(d, h, mi, s),
        slurm_values._format(d, h, mi, s),
    )
    return said + (" %s" % verdict.message if verdict is not None else "")


def _duration(days: int, hours: int, minutes: int, seconds: int) -> str:
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute"), (seconds, "second")]
    words = ["%d %s%s" % (n, unit, "" if n == 1 else "s") for n, unit in parts if n]
    return " ".join(words) if words else "0 minutes"


def _slurm_memory(value: str, name: str) -> str:
    m = slurm_values.MEMORY_RE.match(value)
    verdict = slurm_values.check_memory(value, name)
    if not m:
        return "sbatch: %s" % verdict.message if verdict else ""
    number, unit = int(m.group(1)), (m.group(2) or "").upper()
    per = {"mem": "per node", "mem-per-cpu": "per CPU", "mem-per-gpu": "per GPU", "tmp": "of disk per node"}[name]
    if unit == "K":
        amount = "%d KB, rounded up to %d MB" % (number, -(-number // 1024))
    elif unit in ("", "M"):
        amount = "%d MB%s" % (number, " (no unit: megabytes)" if not unit else "")
    else:
        amount = "%d %sB = %d MB" % (number, unit, number * UNITS_MB[unit])
    said = "`--%s=%s`: %s %s." % (name, value, amount, per)
    if verdict is not None:
        said += " " + verdict.message
    return said


def _slurm_gpus(name: str, value: str) -> str:
    if name == "gres":
        gres, verdict = slurm_values.parse_gres(value)
        described = ["%s %s%s" % (count, kind, " of type " + typ if typ else "") for kind, typ, count in gres]
    else:
        gpus, verdict = slurm_values.parse_gpus(value, name)
        described = [
            "%s GPU%s%s" % (count, "" if count == "1" else "s", " of type " + typ if typ else "") for typ, count in gpus
        ]
    if verdict is not None:
        return "sbatch: %s" % verdict.message
    scope = {
        "gres": "per node",
        "gpus": "for the whole job",
        "gpus-per-node": "per node",
        "gpus-per-task": "per task",
        "gpus-per-socket": "per socket",
    }.get(name, "")
    return "`--%s=%s`: %s %s." % (name, value, ", ".join(described) or "none", scope)


def _translated(script, option, offset: int) -> str:
    made = [t for t in translation(script) if t.option is option]
    if not made:
        return "sbatch reads this option and ignores it (or refuses it: see the findings)."
    near = [t for t in made if t.start <= offset <= t.end] or made
    said = ["sbatch translates this into `--%s%s`." % (t.name, "" if t.value is None else "=" + t.value) for t in near]
    for t in near:
        if t.value is not None and t.name in TIME_OPTIONS + MEMORY_OPTIONS:
            said.append(slurm_value(t.name, t.value))
    return " ".join(said)


def _pbs_resources(value: str | None) -> str:
    said = []
    for item in (value or "").split(","):
        key, _, rest = item.partition("=")
        if key in ("walltime", "cput", "pcput"):
            m = PBS_DURATION_RE.match(rest)
            if m:
                h, mi, s = int(m.group(1) or 0), int(m.group(2) or 0), int(m.group(3))
                total = (h * 60 + mi) * 60 + s
                said.append(
                    "`%s=%s`: %s%s."
                    % (
                        key,
                        rest,
                        _duration(0, total // 3600, total // 60 % 60, total % 60),
                        " (a plain number is seconds)" if ":" not in rest else "",
                    )
                )
        elif key in ("mem", "vmem", "pmem", "pvmem"):
            m = PBS_SIZE_RE.match(rest)
            if m and not m.group(2) and m.group(3).lower() != "w":
                said.append("`%s=%s`: %s bytes (no unit: bytes)." % (key, rest, m.group(1)))
            elif m:
                said.append("`%s=%s`: %s %sB." % (key, rest, m.group(1), m.group(2).upper()))
    return " ".join(said)


def _lsf_run_limit(value: str | None) -> str:
    m = re.match(r"^(?:(\d+):)?(\d+)(/\S+)?$", value or "")
    if not m:
        return ""
    hours, minutes = int(m.group(1) or 0), int(m.group(2))
    total = hours * 60 + minutes
    return "`-W %s`: a run limit of %s." % (value, _duration(0, total // 60, total % 60, 0))


SGE_UNITS = {"k": 1000, "m": 1000**2, "g": 1000**3, "t": 1000**4, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def _sge_resources(value: str | None) -> str:
    said = []
    for item in (value or "").split(","):
        key, _, rest = item.partition("=")
        if key in SGE_TIME_KEYS and SGE_TIME_RE.fullmatch(rest):
            if rest.isdigit():
                octal = len(rest) > 1 and rest.startswith("0")
                if octal and not re.fullmatch(r"[0-7]+", rest):
                    continue
                seconds = int(rest, 8) if octal else int(rest)
                note = " (a leading 0 makes it octal)" if octal else ""
            else:
                h, m, sec = (int(part or 0) for part in rest.split(":"))
                seconds, note = (h * 60 + m) * 60 + sec, ""
            said.append(
                "`%s=%s`: %s%s." % (key, rest, _duration(0, seconds // 3600, seconds // 60 % 60, seconds % 60), note)
            )
        elif key in SGE_MEMORY_KEYS:
            size = re.fullmatch(r"(\d+)([kmgtKMGT]?)", rest)
            if size and not size.group(2):
                said.append("`%s=%s`: %s bytes (no unit: bytes)." % (key, rest, size.group(1)))
            elif size:
                said.append("`%s=%s`: %d bytes." % (key, rest, int(size.group(1)) * SGE_UNITS[size.group(2)]))
    return " ".join(said)
