"""What the PBS rules share: the `#PBS` options qsub reads, the flavour, `-l` resources."""

from __future__ import annotations

from jobcheck import Severity, derived_fact
from jobcheck.patterns import lazy

from ..directive_templates import filled_uses, is_template
from ..directive_values import value_offset, value_span  # noqa: F401 (shared by the rules)

FLAVOR_NAMES = {"pbspro": "PBS Pro/OpenPBS", "torque": "Torque"}


def pbs_uses(script, header_only: bool = True, words: bool = False):
    """(directive, option) of every `#PBS` option qsub reads, when PBS reads the job (and not NEC
    NQSV, which shares the prefix). Lines with a template placeholder are left out, and a
    template's values altogether unless `words` (the rules about options and words, not values)."""
    if script.scheduler != "pbs" or nqsv(script) or (not words and is_template(script)):
        return []
    return filled_uses(
        script, [(d, o) for d in script.pbs_directives if d.in_header or not header_only for o in d.options]
    )


# NEC NQSV (SX-Aurora, SQUID, AOBA) reads `#PBS` lines too, with options and resources of its own.
NQSV_OPTIONS = ("--group", "--venode", "--venum-lhost", "--cpunum-lhost", "--gpunum-lhost", "--use-hca", "-T")
NQSV_RESOURCES = ("elapstim_req", "cpunum_job", "gpunum_job", "memsz_job", "vmemsz_job", "coresz_prc", "cputim_job")


@derived_fact
def nqsv(script) -> bool:
    """The `#PBS` lines are NEC NQSV's: its long options or its `_job`/`_req` resources are used."""
    for directive in script.pbs_directives:
        for option in directive.options:
            flag = option.spelled.split("=")[0]
            if flag in NQSV_OPTIONS[:-1]:
                return True
            if (
                option.spelled == "-l"
                and option.value
                and any(item.partition("=")[0].strip() in NQSV_RESOURCES for item in option.value.split(","))
            ):
                return True
    return False


def flavor(script) -> tuple[str | None, str]:
    """('pbspro'|'torque'|None, why): the setting, else what the job's own options show: PBS Pro's
    `-J`, `select=`, `place=`; Torque's `-t`, `-d`, `nodes=N:ppn=M` (or `:gpus=`), `procs=`. Signs of both
    flavours (a script written for either) leave it open."""
    if script.pbs_flavor:
        return script.pbs_flavor, "the scheduler setting is `%s`" % script.pbs_flavor
    return _inferred_flavor(script)


@derived_fact
def _inferred_flavor(script) -> tuple[str | None, str]:
    """The flavour the job's own options show, and why (see `flavor`)."""
    signs: dict[str, list] = {"pbspro": [], "torque": []}
    for _, option in pbs_uses(script, words=True):
        if option.kind != "option" or not option.value:
            continue
        if option.spelled == "-J":
            signs["pbspro"].append("`-J` (a PBS Pro array) is used")
        elif option.spelled == "-t":
            signs["torque"].append("`-t` (a Torque array) is used")
        elif option.spelled == "-d":
            signs["torque"].append("`-d` (Torque's start folder) is used")
        elif option.spelled == "-l":
            for key, value, _, _ in resources(script, option):
                if key in ("select", "place"):
                    signs["pbspro"].append("`%s=` (PBS Pro) is used" % key)
                elif key == "procs" or (key == "nodes" and (":ppn=" in value or ":gpus=" in value)):
                    signs["torque"].append("`%s` (Torque) is used" % ("nodes=N:ppn=M" if key == "nodes" else "procs="))
    if signs["pbspro"] and signs["torque"]:
        return None, ""
    for which in ("pbspro", "torque"):
        if signs[which]:
            return which, signs[which][0]
    return None, ""


def pbspro_fact_severity(script):
    """How sure a finding about what only PBS Pro/OpenPBS refuses (Torque 4+ accepts it) can be:
    an error when the setting says PBS Pro, a warning when the flavour is open or only inferred
    from the job (evidence, not certainty: sites moved from Torque to PBS Pro keeping their
    scripts), None when the job is Torque's."""
    which, _ = flavor(script)
    if which == "torque":
        return None
    return Severity.ERROR if script.pbs_flavor == "pbspro" else Severity.WARNING


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


CHUNK_RE = lazy(r"^(?:(\d+):)?(.*)$")


def select_chunks(value: str, start: int | None):
    """(count, [(res, val, start, end)]) of each `+`-separated chunk of a select= value."""
    offset = 0
    for chunk in value.split("+"):
        m = CHUNK_RE.match(chunk)
        if m is None:  # never in a directive line: only a line break stops `.*`
            offset += len(chunk) + 1
            continue
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
