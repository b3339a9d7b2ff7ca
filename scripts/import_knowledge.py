"""Regenerate jobcheck's committed knowledge tables from the research tables they come from.

    python scripts/import_knowledge.py PATH/TO/knowledge

PATH/TO/knowledge is the folder holding slurm/sbatch_options.json and apptainer/flags.json
(the project's research notes, read off real Slurm 22.05.8 sources/binaries and the
Apptainer / SingularityCE sources). jobcheck itself never reads that folder: it reads only
the compact files this script writes, which are committed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def slurm_release(tag: str) -> str:
    if tag == "HEAD":
        return "master"
    m = re.match(r"slurm-(\d+)-(\d+)", tag)
    return "%s.%s" % (m.group(1), m.group(2))


def import_slurm_tool(knowledge: Path, tool: str) -> None:
    rows = json.loads((knowledge / "slurm" / ("%s_options.json" % tool)).read_text())
    releases = sorted({slurm_release(t) for r in rows for t in r["present_in"]}, key=lambda v: (v == "master", v))
    options = {}
    for r in rows:
        options[r["long"][2:]] = {
            "short": (r["short"] or "")[1:],
            "arg": r["arg"],
            "releases": sorted({slurm_release(t) for t in r["present_in"]}, key=lambda v: (v == "master", v)),
        }
    if tool == "sbatch":
        # sbatch's own -W/--wait (src/sbatch/opt.c, not slurm_opt.c's common table): the 22.05.8
        # binary accepts `#SBATCH --wait` and `#SBATCH -W`.
        options["wait"] = {"short": "W", "arg": "none", "releases": releases}
    if tool in ("srun", "sbatch"):
        # pyxis (a SPANK plugin) adds the --container-* options to srun (and sbatch) on many GPU clusters.
        pyxis = json.loads((knowledge / "apptainer" / "flags.json").read_text())["pyxis"]
        for f in pyxis["commands"]["srun"]:
            options[f["long"]] = {
                "short": "",
                "arg": "none" if f["type"] == "bool" else "required",
                "releases": releases,
                "plugin": "pyxis %s" % pyxis["version"],
            }
    out = {
        "tool": tool,
        "source": "src/common/slurm_opt.c of Slurm 22.05.8 ... master (2026-08), checked against "
        "the sbatch 22.05.8 binary",
        "releases": releases,
        "options": options,
    }
    path = ROOT / "jobcheck" / "knowledge" / ("%s_options.json" % tool)
    path.write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print("wrote", path, len(options), "options")


def import_apptainer(knowledge: Path) -> None:
    data = json.loads((knowledge / "apptainer" / "flags.json").read_text())
    out = {"source": {}, "implementations": {}}
    for impl in ("apptainer", "singularityce"):
        d = data[impl]
        out["source"][impl] = "%s %s at %s" % (d["repo"], d["version"], d["commit"])
        commands = {}
        for cmd in d["primary_commands"]:
            flags = {}
            for f in d["commands"][cmd]:
                flags[f["long"]] = {
                    "short": f["short"],
                    "type": f["type"],
                    "since": f.get("since", ""),
                    "hidden": bool(f.get("hidden")),
                    "deprecated": f.get("deprecated", ""),
                }
            commands[cmd] = flags
        out["implementations"][impl] = commands
    path = ROOT / "jobcheck" / "knowledge" / "apptainer_flags.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print("wrote", path)


# bsub options missing from the research table (IBM Spectrum LSF 10.1 bsub reference), so that
# an unknown-option finding is never a false alarm on a real bsub option. None: takes no value.
LSF_EXTRA = {
    "-ar": None,
    "-clusters": "required",
    "-cn_cu": "required",
    "-cn_mem": "required",
    "-core_isolation": "required",
    "-csm": "required",
    "-data": "required",
    "-datachk": "required",
    "-datagrp": "required",
    "-eptl": "required",
    "-ext": "required",
    "-f": "required",
    "-freq": "required",
    "-hl": None,
    "-hostfile": "required",
    "-IS": None,
    "-ISp": None,
    "-ISs": None,
    "-IX": None,
    "-Jd": "required",
    "-jobaff": "required",
    "-jsdl": "required",
    "-jsdl_strict": "required",
    "-jsm": "required",
    "-json": "required",
    "-k": "required",
    "-Lp": "required",
    "-ln_mem": "required",
    "-ln_slots": "required",
    "-mig": "required",
    "-Ne": None,
    "-notify": "required",
    "-network": "required",
    "-pack": "required",
    "-ptl": "required",
    "-rcacct": "required",
    "-rnc": "required",
    "-s": "required",
    "-sla": "required",
    "-smt": "required",
    "-stage": "required",
    "-step_cgroup": "required",
    "-ti": None,
    "-tty": None,
    "-U": "required",
    "-ul": None,
    "-WF": "required",
    "-WP": "required",
    "-wa": "required",
    "-wt": "required",
    "-XF": None,
    "-yaml": "required",
    "-Zs": None,
}


def import_schedulers(knowledge: Path) -> None:
    """PBS (OpenPBS + Torque), LSF and Grid Engine option tables: flag -> takes a value?,
    flavours (PBS), grammar."""
    pbs = json.loads((knowledge / "schedulers" / "pbs_options.json").read_text())
    out = {
        "tool": "qsub (OpenPBS/PBS Pro: openpbs master 2026-04; Torque: master 2020-06)",
        "options": {
            row["flag"]: {"arg": row["arg"], "flavors": row["flavors"], "grammar": row["grammar"]} for row in pbs
        },
    }
    path = ROOT / "jobcheck" / "knowledge" / "pbs_options.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print("wrote", path)
    lsf = json.loads((knowledge / "schedulers" / "lsf_options.json").read_text())
    options = {}
    for row in lsf:
        for flag in row["flag"].split(" / "):  # rows like "-i / -is" describe several flags
            flag = flag if flag.startswith("-") else "-" + flag
            options[flag] = {"arg": row["arg"], "grammar": row["grammar"]}
    for flag, arg in LSF_EXTRA.items():
        options.setdefault(flag, {"arg": arg or "none", "grammar": ""})
    out = {"tool": "bsub (IBM Spectrum LSF 10.1)", "options": options}
    path = ROOT / "jobcheck" / "knowledge" / "lsf_options.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print("wrote", path)
    sge = json.loads((knowledge / "schedulers" / "sge_options.json").read_text())
    options = {}
    for row in sge:
        for flag in row["flag"].split(" / "):  # "-soft / -hard", "-ac / -dc / -sc"
            if flag.startswith("-"):
                options[flag] = {"arg": row["arg"], "grammar": row["grammar"]}
    out = {"tool": "qsub (Son of Grid Engine 8.1.9, checked on a one-host cell)", "options": options}
    path = ROOT / "jobcheck" / "knowledge" / "sge_options.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    knowledge = Path(sys.argv[1])
    import_slurm_tool(knowledge, "sbatch")
    import_slurm_tool(knowledge, "srun")
    import_apptainer(knowledge)
    import_schedulers(knowledge)
