"""What the PBS rules share: the `#PBS` options qsub reads, the flavour, `-l` resources."""

from __future__ import annotations

import re

from ..directive_values import value_offset, value_span  # noqa: F401 (shared by the rules)

FLAVOR_NAMES = {"pbspro": "PBS Pro/OpenPBS", "torque": "Torque"}


def pbs_uses(script, header_only: bool = True):
    """(directive, option) of every `#PBS` option qsub reads, when PBS reads the job."""
    if script.scheduler != "pbs":
        return []
    return [(d, o) for d in script.pbs_directives if d.in_header or not header_only for o in d.options]


def flavor(script) -> tuple[str | None, str]:
    """('pbspro'|'torque'|None, why): the setting, else what the job's own options show (an array
    option, a resource syntax only one flavour has)."""
    if script.pbs_flavor:
        return script.pbs_flavor, "the scheduler setting is `%s`" % script.pbs_flavor

    def infer():
        for _, option in pbs_uses(script):
            if option.spelled == "-J" and option.value:
                return "pbspro", "`-J` (a PBS Pro array) is used"
            if option.spelled == "-t" and option.value:
                return "torque", "`-t` (a Torque array) is used"
        for key, _, _, _ in requested_resources(script):
            if key == "select":
                return "pbspro", "`select=` (PBS Pro) is used"
        return None, ""

    return script.memoized("pbs-flavor", infer)


def resources(script, option):
    """(key, value, start, end) of each `key=value` of a `-l` list; spans are None when the
    value is not written as is (escapes, a continued line). A `select=` value is one item (its
    chunks use `:`)."""
    if option.value is None:
        return
    offset = 0
    at = value_offset(script, option)
    for item in option.value.split(","):
        key, equals, value = item.partition("=")
        if at is not None:
            start = at + offset + len(key) + len(equals)
            yield key.strip(), value, start, start + len(value)
        else:
            yield key.strip(), value, None, None
        offset += len(item) + 1


def requested_resources(script):
    for _, option in pbs_uses(script):
        if option.spelled == "-l":
            yield from resources(script, option)


CHUNK_RE = re.compile(r"^(?:(\d+):)?(.*)$")


def select_chunks(value: str, start: int | None):
    """(count, [(res, val, start, end)]) of each `+`-separated chunk of a select= value."""
    offset = 0
    for chunk in value.split("+"):
        m = CHUNK_RE.match(chunk)
        count = int(m.group(1)) if m.group(1) else 1
        body_offset = offset + (m.start(2))
        items = []
        inner = 0
        for part in m.group(2).split(":"):
            res, _, val = part.partition("=")
            s = None if start is None else start + body_offset + inner + len(res) + 1
            items.append((res, val, s, None if s is None else s + len(val)))
            inner += len(part) + 1
        yield count, items
        offset += len(chunk) + 1

