"""Value grammars of sbatch options, as Slurm 22.05+ parses them.

Each check returns None when the value is fine, or a Verdict: `rejected` (sbatch refuses the
script), `changed` (sbatch accepts it but silently changes or drops part of the value) or
`note` (valid, but often not what was meant).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..patterns import lazy

REJECTED, CHANGED, NOTE = "rejected", "changed", "note"


class Verdict(NamedTuple):
    kind: str
    message: str


def rejected(message: str) -> Verdict:
    return Verdict(REJECTED, message)


def changed(message: str) -> Verdict:
    return Verdict(CHANGED, message)


def note(message: str) -> Verdict:
    return Verdict(NOTE, message)


# ---- time ------------------------------------------------------------------------------------

TIME_RE = lazy(r"^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$")
UNLIMITED = ("UNLIMITED", "INFINITE")


def check_time(value: str, option: str = "time") -> Verdict | None:
    """MM | MM:SS | HH:MM:SS | D-HH | D-HH:MM | D-HH:MM:SS, 0 or UNLIMITED/INFINITE."""
    if value.upper() in UNLIMITED or value in ("0", "-1"):
        return None
    if value.startswith("-") and TIME_RE.match(value[1:]):
        return changed(
            "a negative time limit is accepted and wraps around to about 2982611 days (no limit but the partition's)"
        )
    m = TIME_RE.match(value)
    if not m:
        return rejected(
            '`%s` is not a time limit: sbatch stops with "Invalid --%s specification"; '
            "write minutes, HH:MM:SS or D-HH:MM:SS" % (value, option)
        )
    day_field, _, second, third = m.groups()
    if day_field is None and second is None:
        return None  # whole minutes
    days, hours, minutes, seconds = duration(m)
    # A field above its usual range (`0-24:00:00`, `00:90:00`) is simply added up: the limit is
    # exactly the duration written, so there is nothing to report. Seconds of an HH:MM:SS value
    # are rounded up to a whole minute (`23:59:59` gives 1-00:00:00), which changes nothing that
    # matters; only in MM:SS are they a sign that hours and minutes were meant.
    if seconds % 60 and third is None and day_field is None:
        return changed(
            "Slurm counts time limits in whole minutes: `%s` is silently rounded up to %s%s"
            % (
                value,
                _format(days, hours, minutes, seconds),
                "; note that `MM:SS` is minutes and seconds, not hours and minutes"
                if value.count(":") == 1 and day_field is None
                else "",
            )
        )
    return None


def duration(m: re.Match) -> tuple[int, int, int, int]:
    """(days, hours, minutes, seconds) of a TIME_RE match, the fields read the way sbatch reads them."""
    days, first, second, third = m.groups()
    if days is not None:
        return int(days), int(first), int(second or 0), int(third or 0)
    if third is not None:
        return 0, int(first), int(second), int(third)
    if second is not None:
        return 0, 0, int(first), int(second)
    return 0, 0, int(first), 0


def _format(days: int, hours: int, minutes: int, seconds: int) -> str:
    """A duration as Slurm shows it: seconds rounded up to a whole minute, fields normalised."""
    total = -(-((((days * 24 + hours) * 60) + minutes) * 60 + seconds) // 60)
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = "%02d:%02d:00" % (hours, minutes)
    return "%d-%s" % (days, text) if days else text


# ---- --begin / --deadline ---------------------------------------------------------------------

CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
BEGIN_FORMS = [
    lazy(r"^" + CLOCK + r"(?P<ampm>[AaPp][Mm])?$"),
    lazy(r"^(?P<mo>\d{2})(?P<d>\d{2})(\d{2})?$"),  # MMDD, MMDDYY
    lazy(r"^(?P<mo>\d{1,2})/(?P<d>\d{1,2})(/\d{2})?$"),
    lazy(r"^(?P<mo>\d{1,2})\.(?P<d>\d{1,2})(\.\d{2})?$"),
    lazy(r"^\d{4}-(?P<mo>\d{2})-(?P<d>\d{2})(T" + CLOCK + r")?$"),
    lazy(r"^now(\+\d+(seconds?|minutes?|hours?|days?|weeks?)?)?$", re.I),
    lazy(r"^(today|tomorrow|midnight|noon|elevenses|fika|teatime)(T" + CLOCK + r")?$", re.I),
]


def check_begin(value: str, option: str = "begin") -> Verdict | None:
    for form in BEGIN_FORMS:
        m = form.match(value)
        if m and _plausible(m.groupdict()):
            return None
    return rejected(
        '`%s` is not a date or time sbatch understands: it stops with "Invalid --%s '
        'specification"; write e.g. `2026-12-01T08:00`, `now+2hours` or `16:00`' % (value, option)
    )


def _plausible(fields: dict) -> bool:
    """Field ranges as sbatch checks them (it does not check the days of each month)."""
    limits = {"h": 23, "m": 59, "s": 59, "mo": 12, "d": 31}
    for name, limit in limits.items():
        if fields.get(name) is not None and int(fields[name]) > limit:
            return False
    if any(fields.get(name) is not None and int(fields[name]) == 0 for name in ("mo", "d")):
        return False
    return not (fields.get("ampm") and int(fields["h"]) > 12)


# ---- memory ---------------------------------------------------------------------------------------

MEMORY_RE = lazy(r"^(\d+)([KMGTkmgt])?([Bb])?$")


def check_memory(value: str, option: str = "mem") -> Verdict | None:
    m = MEMORY_RE.match(value)
    if not m:
        hint = ""
        if re.match(r"^\d+(\.\d+)?[KMGTkmgt]i[Bb]$", value):
            number = value.split(".")[0].rstrip("KMGTkmgtiBb")
            hint = "; Slurm has no KiB/MiB/GiB: write `%s%s`" % (number, value[-3].upper())
        elif re.match(r"^\d+\.\d+", value):
            hint = "; sizes are whole numbers: use a smaller unit (e.g. `1536M` for 1.5G)"
        return rejected(
            '`%s` is not a memory size: sbatch stops with "Invalid --%s specification"; write a '
            "whole number with an optional K, M, G or T suffix (default M)%s" % (value, option, hint)
        )
    if (m.group(2) or "").upper() == "K" and int(m.group(1)) % 1024:
        megabytes = -(-int(m.group(1)) // 1024)
        return changed(
            "Slurm counts memory in whole megabytes: `%s` is silently rounded up to %dM" % (value, megabytes)
        )
    return None


# ---- GRES and GPUs ------------------------------------------------------------------------------------

COUNT_RE = lazy(r"^\d+[KMGTkmgt]?$")
NAME_RE = lazy(r"^[A-Za-z0-9_.\-]+$")


def parse_gres(value: str) -> tuple[list[tuple[str, str | None, str]], Verdict | None]:
    """[(name, type, count)] of a --gres value, or the verdict on why sbatch refuses it."""
    items: list[tuple[str, str | None, str]] = []
    if value.lower() == "none":
        return items, None
    for item in value.split(","):
        fields = item.split(":")
        bad = rejected(
            '`%s` is not a GRES specification: sbatch stops with "Invalid generic resource (gres) '
            'specification"; write NAME[:TYPE][:COUNT], e.g. `gpu:2` or `gpu:a100:2`' % item
        )
        if not item or any(f == "" for f in fields) or len(fields) > 3 or not NAME_RE.match(fields[0]):
            return items, bad
        if len(fields) == 1:
            items.append((fields[0], None, "1"))
        elif len(fields) == 2:
            if COUNT_RE.match(fields[1]):
                items.append((fields[0], None, fields[1]))
            else:
                items.append((fields[0], fields[1], "1"))
        else:
            if not COUNT_RE.match(fields[2]):
                return items, bad
            items.append((fields[0], fields[1], fields[2]))
    return items, None


def parse_gpus(value: str, option: str) -> tuple[list[tuple[str | None, str]], Verdict | None]:
    """[(type, count)] of a --gpus* value."""
    items: list[tuple[str | None, str]] = []
    for item in value.split(","):
        fields = item.split(":")
        if len(fields) == 1 and COUNT_RE.match(fields[0]):
            items.append((None, fields[0]))
        elif len(fields) == 2 and fields[0] and COUNT_RE.match(fields[1]):
            items.append((fields[0], fields[1]))
        else:
            return items, rejected(
                '`%s` is not a GPU count: sbatch stops with "Invalid --%s specification"; '
                "write [TYPE:]COUNT, e.g. `2` or `a100:2`" % (item, option)
            )
    return items, None


# ---- arrays --------------------------------------------------------------------------------

ARRAY_RANGE_RE = lazy(r"^(\d+)(?:-(\d+)(?::(\d+))?)?$")
DEFAULT_MAX_ARRAY_SIZE = 1001
HIGHEST_MAX_ARRAY_SIZE = 4000001  # slurm.conf: MaxArraySize may be raised up to this


def check_array(value: str, max_array_size: int | None = None) -> Verdict | None:
    """`max_array_size` None: the cluster's is unknown, so an index at or above Slurm's default
    is only likely refused (a warning); an index above the highest MaxArraySize is refused anywhere."""
    spec, percent, throttle = value.partition("%")
    if spec.startswith("[") and spec.endswith("]"):
        spec = spec[1:-1]  # `[1-2]`: sbatch strips the brackets (slurm_parse_array_tok)
    bad = rejected(
        '`%s` is not an array specification: sbatch stops with "Invalid job array specification"; '
        "write e.g. `0-99`, `1-9:2,20` or `0-99%%10`" % value
    )
    if not spec:
        return bad
    highest = 0
    for part in spec.split(","):
        m = ARRAY_RANGE_RE.match(part)
        if not m:
            return bad
        low, high, step = int(m.group(1)), int(m.group(2) or m.group(1)), m.group(3)
        if high < low or (step is not None and int(step) == 0):
            return bad
        highest = max(highest, high)
    if percent and throttle and not throttle.isdigit():
        return bad
    if highest >= (max_array_size or HIGHEST_MAX_ARRAY_SIZE):
        return rejected(
            'array index %d is not below MaxArraySize (%d%s): sbatch stops with "Invalid job array '
            'specification"'
            % (
                highest,
                max_array_size or HIGHEST_MAX_ARRAY_SIZE,
                "" if max_array_size else ", the highest a cluster can set",
            )
        )
    if max_array_size is None and highest >= DEFAULT_MAX_ARRAY_SIZE:
        return changed(
            "array index %d is not below Slurm's default MaxArraySize (%d): unless this cluster raised "
            'it in slurm.conf, sbatch stops with "Invalid job array specification" (set '
            "`max-array-size` in the options to check against your cluster's)" % (highest, DEFAULT_MAX_ARRAY_SIZE)
        )
    if percent and not throttle:
        return changed(
            "the `%%` in `%s` has no number after it: sbatch accepts it and runs the array "
            "without a limit on simultaneous tasks" % value
        )
    return None


# ---- mail, dependencies, signals, distribution, nodes, numbers --------------------------------

MAIL_TYPES = (
    "NONE",
    "BEGIN",
    "END",
    "FAIL",
    "REQUEUE",
    "ALL",
    "INVALID_DEPEND",
    "STAGE_OUT",
    "TIME_LIMIT",
    "TIME_LIMIT_90",
    "TIME_LIMIT_80",
    "TIME_LIMIT_50",
    "ARRAY_TASKS",
)
DEPENDENCY_TYPES = (
    "after",
    "afterany",
    "afterburstbuffer",
    "aftercorr",
    "afternotok",
    "afterok",
    "singleton",
    "expand",
)
JOB_ID_RE = lazy(r"^\d+(_\d+)?(\+\d+)?$")
SIGNALS = (
    "HUP",
    "INT",
    "QUIT",
    "ILL",
    "TRAP",
    "ABRT",
    "BUS",
    "FPE",
    "KILL",
    "USR1",
    "SEGV",
    "USR2",
    "PIPE",
    "ALRM",
    "TERM",
    "STKFLT",
    "CHLD",
    "CONT",
    "STOP",
    "TSTP",
    "TTIN",
    "TTOU",
    "URG",
    "XCPU",
    "XFSZ",
    "VTALRM",
    "PROF",
    "WINCH",
    "IO",
    "PWR",
    "SYS",
)
SIGNAL_RE = lazy(r"^(?:([RB]{1,2}):)?([A-Za-z0-9]+)(?:@(\d+))?$")
DISTRIBUTION_FIRST = ("*", "block", "cyclic", "arbitrary")
DISTRIBUTION_LATER = ("*", "block", "cyclic", "fcyclic")
NODES_RE = lazy(r"^(\d+)(?:-(\d+))?$")


def check_mail_type(value: str) -> Verdict | None:
    words = list(value.split(","))
    unknown = [w for w in words if w.upper() not in MAIL_TYPES]
    if not unknown:
        return None
    listed = ", ".join("`%s`" % w for w in unknown)
    if len(unknown) == len(words):
        return rejected(
            '%s %s not a mail type: sbatch stops with "Invalid --mail-type specification"; '
            "valid: %s" % (listed, "is" if len(unknown) == 1 else "are", ", ".join(MAIL_TYPES))
        )
    return changed(
        "%s %s not a mail type: sbatch silently drops %s and keeps the rest; valid: %s"
        % (listed, "is" if len(unknown) == 1 else "are", "it" if len(unknown) == 1 else "them", ", ".join(MAIL_TYPES))
    )


def dependency_items(value: str) -> list[str]:
    return list(re.split(r"[,?]", value))


def check_dependency_item(item: str) -> Verdict | None:
    if item == "singleton":
        return None
    kind, colon, rest = item.partition(":")
    if kind not in DEPENDENCY_TYPES:
        return rejected(
            '`%s` is not a dependency type: the controller refuses the job ("Job dependency '
            'problem"); valid: %s' % (kind, ", ".join(DEPENDENCY_TYPES))
        )
    ids = rest.split(":") if colon else []
    if not ids or any(not JOB_ID_RE.match(i) for i in ids):
        return rejected(
            "`%s` needs job ids (`%s:123` or `%s:123:456`): the controller refuses the job "
            '("Job dependency problem")' % (item, kind, kind)
        )
    return None


def check_signal(value: str) -> Verdict | None:
    m = SIGNAL_RE.match(value)
    bad = rejected(
        '`%s` is not a signal specification: sbatch stops with "Invalid --signal specification"; '
        "write [B:]SIGNAL[@SECONDS], e.g. `B:USR1@300`" % value
    )
    if not m:
        return bad
    signal = m.group(2).upper()
    signal = signal[3:] if signal.startswith("SIG") else signal
    if not ((signal.isdigit() and 0 < int(signal) < 65) or signal in SIGNALS):
        return bad
    if m.group(3) is not None and int(m.group(3)) > 65535:
        return bad
    return None


def check_distribution(value: str) -> Verdict | None:
    bad = rejected(
        '`%s` is not a task distribution: sbatch stops with "Invalid --distribution '
        'specification"; write e.g. `block`, `cyclic:block` or `plane=4`' % value
    )
    main, _, pack = value.partition(",")
    if pack and pack.lower() not in ("pack", "nopack"):
        return bad
    levels = main.split(":")
    if len(levels) > 3:
        return bad
    first = levels[0].lower()
    if not (first in DISTRIBUTION_FIRST or re.match(r"^plane=\d+$", first)):
        return bad
    if any(level.lower() not in DISTRIBUTION_LATER for level in levels[1:]):
        return bad
    return None


def check_nodes(value: str) -> Verdict | None:
    m = NODES_RE.match(value)
    if m and (m.group(2) is None or int(m.group(2)) >= int(m.group(1))) and int(m.group(1)) > 0:
        return None
    if all(NODES_RE.match(part) for part in value.split(",")) and "," in value:
        return None
    return rejected(
        "`%s` is not a node count: write N or MIN-MAX with MIN <= MAX (sbatch stops with "
        '"Invalid node count specification")' % value
    )


def check_positive_int(value: str, option: str) -> Verdict | None:
    if value.isdigit() and int(value) > 0:
        return None
    return rejected('Invalid numeric value "%s" for --%s: it must be a whole number above 0' % (value, option))


def check_extra_node_info(value: str) -> Verdict | None:
    fields = value.split(":")
    if 1 <= len(fields) <= 3 and all(f == "*" or f.isdigit() for f in fields):
        return None
    first = fields[0]
    return rejected(
        '`%s` is not SOCKETS[:CORES[:THREADS]]: sbatch stops with "Invalid numeric value '
        "'%s' for first arg of -B\"" % (value, first)
    )


# ---- host lists and time limits (cluster profiles, scontrol output) ---------------------------


def expand_hostlist(text: str) -> list[str]:
    """'gpu[01-03,07],login1' -> ['gpu01', 'gpu02', 'gpu03', 'gpu07', 'login1']."""
    names: list[str] = []
    for item in re.findall(r"[^,\[]+(?:\[[^\]]*\][^,\[]*)*", text):
        names.extend(_expand_one(item))
    return names


def _expand_one(item: str) -> list[str]:
    m = re.search(r"\[([^\]]*)\]", item)
    if not m:
        return [item] if item and item != "(null)" else []
    head, tail = item[: m.start()], item[m.end() :]
    out = []
    for part in m.group(1).split(","):
        low, _, high = part.partition("-")
        if high:
            width = len(low)
            for i in range(int(low), int(high) + 1):
                out.extend(_expand_one("%s%0*d%s" % (head, width, i, tail)))
        else:
            out.extend(_expand_one(head + low + tail))
    return out


def time_minutes(text: str) -> int | None:
    """A Slurm time limit in minutes (None for UNLIMITED/INFINITE, and for text that is not one)."""
    text = str(text).strip()
    if text.upper() in ("UNLIMITED", "INFINITE", "NONE", "") or text in ("-1",):
        return None
    m = TIME_RE.match(text)
    if not m:
        return None
    days, hours, minutes, seconds = duration(m)
    total_seconds = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    return -(-total_seconds // 60)
