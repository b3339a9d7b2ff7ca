"""Option documentation for hovers and completion, from the knowledge tables the rules use
(jobcheck/knowledge/*_options.json, apptainer_flags.json) and the words in option_docs.json."""

from __future__ import annotations

from functools import cache

from ..knowledge import container_flags, read_table, sbatch_options, scheduler_options

SCHEDULER_NAMES = {"pbs": "PBS qsub", "lsf": "LSF bsub", "sge": "Grid Engine qsub"}


@cache
def option_docs() -> dict:
    return read_table("option_docs.json")


def sbatch_summary(name: str) -> str:
    entry = option_docs()["sbatch"].get(name, {})
    return entry.get("summary") or entry.get("synopsis") or entry.get("grammar", "")


def sbatch_markdown(name: str) -> str:
    table = sbatch_options()
    option = table.options.get(name)
    entry = option_docs()["sbatch"].get(name, {})
    title = "`--%s`" % name + (" (`-%s`)" % option.short if option is not None and option.short else "")
    lines = ["**sbatch %s**%s" % (title, ": " + entry["summary"] if entry.get("summary") else "")]
    if entry.get("synopsis"):
        lines.append("Synopsis: `%s`" % entry["synopsis"])
    if entry.get("grammar"):
        lines.append("Value: %s" % entry["grammar"])
    if option is not None:
        lines.append(_releases(option.releases, table.releases))
    if entry.get("notes"):
        lines.append("Note: %s" % entry["notes"])
    return "\n\n".join(lines)


def _releases(present: tuple[str, ...], known: tuple[str, ...]) -> str:
    released = [r for r in present if r != "master"]
    if not released:
        return "Only in Slurm's development branch (not in a release yet)."
    first = released[0]
    since = "in every Slurm release jobcheck knows (%s on)" % first if first == known[0] else "since Slurm %s" % first
    gone = [r for r in known if r != "master" and release_after(r, first) and r not in present]
    return "Available %s%s." % (since, "; removed in %s" % gone[0] if gone else "")


def release_after(release: str, other: str) -> bool:
    return tuple(int(p) for p in release.split(".")) > tuple(int(p) for p in other.split("."))


def scheduler_markdown(tool: str, flag: str) -> str:
    """'pbs', 'lsf' or 'sge' and the flag as written ('-l', '-W', '-pe')."""
    entry = option_docs()[tool].get(flag, {})
    known = scheduler_options(tool).get(flag) if tool in ("pbs", "lsf") else None
    lines = ["**%s `%s`**" % (SCHEDULER_NAMES[tool], flag)]
    if entry.get("grammar"):
        lines.append("Value: %s" % entry["grammar"])
    if entry.get("notes"):
        lines.append(entry["notes"])
    if known is not None and known.get("flavors"):
        lines.append("Flavours: %s" % ", ".join(known["flavors"]))
    if not entry and known is None:
        lines.append("Not an option %s knows." % SCHEDULER_NAMES[tool])
    return "\n\n".join(lines)


def scheduler_summary(tool: str, flag: str) -> str:
    entry = option_docs()[tool].get(flag, {})
    return (entry.get("notes") or entry.get("grammar") or "").split(";")[0]


def scheduler_flags(tool: str) -> list[str]:
    return sorted(option_docs()[tool])


def apptainer_help(command: str, name: str) -> str:
    return option_docs()["apptainer"].get(command, {}).get(name, "")


def apptainer_markdown(tool: str, command: str, implementations: tuple[str, ...], name: str) -> str:
    lines = ["**%s %s `--%s`**" % (tool, command, name)]
    help_text = apptainer_help(command, name)
    if help_text:
        lines[0] += ": " + help_text
    for implementation in implementations:
        flag = container_flags(implementation, command).get(name)
        if flag is None:
            lines.append("%s: no such flag for `%s`." % (_impl_name(implementation), command))
            continue
        facts = ["takes no value" if not flag.takes_value else "value: %s" % flag.type]
        if flag.short:
            facts.append("short form `-%s`" % flag.short)
        facts.append("since %s" % flag.since)
        if flag.deprecated:
            facts.append("deprecated: %s" % flag.deprecated)
        lines.append("%s: %s." % (_impl_name(implementation), "; ".join(facts)))
    return "\n\n".join(lines)


def _impl_name(implementation: str) -> str:
    return {"apptainer": "Apptainer", "singularityce": "SingularityCE"}.get(implementation, implementation)
