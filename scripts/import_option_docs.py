"""Regenerate jobcheck/knowledge/option_docs.json: the words the language server shows on hover
and in completion (what an option means, its value grammar, the release that introduced it).

    python scripts/import_option_docs.py PATH/TO/knowledge

PATH/TO/knowledge is the same research folder scripts/import_knowledge.py reads (sbatch's
synopsis and grammar per option, apptainer/SingularityCE's flag help from their sources, the
PBS/LSF/Grid Engine option notes). jobcheck itself reads only the committed output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What the common sbatch options ask for, one line each (Slurm's sbatch(1) says it at length).
SBATCH_MEANINGS = {
    "account": "charge the job's resources to this account",
    "array": "submit a job array: one task per index, each with $SLURM_ARRAY_TASK_ID",
    "begin": "do not start the job before this time",
    "chdir": "the working directory of the job script",
    "constraint": "run only on nodes with these features",
    "cpus-per-gpu": "CPUs per allocated GPU",
    "cpus-per-task": "CPUs for each task (threads of one process)",
    "deadline": "remove the job if it cannot end before this time",
    "dependency": "start the job only when these jobs reached the given state",
    "distribution": "how tasks are laid out over nodes, sockets and cores",
    "error": "file for the job's standard error (patterns: %j job id, %A array job, %a task, %x name)",
    "exclude": "never run on these nodes",
    "exclusive": "do not share the allocated nodes with other jobs",
    "export": "which environment variables the job gets (default ALL)",
    "gpus": "GPUs for the whole job ([type:]count)",
    "gpus-per-node": "GPUs on each node ([type:]count)",
    "gpus-per-task": "GPUs for each task ([type:]count)",
    "gres": "generic resources per node, e.g. gpu:a100:2",
    "hold": "submit the job held: it waits for `scontrol release`",
    "input": "file connected to the job script's standard input",
    "job-name": "the job's name (squeue, %x in file patterns)",
    "licenses": "licenses the job needs",
    "mail-type": "events that send mail: NONE, BEGIN, END, FAIL, REQUEUE, ALL, ARRAY_TASKS, TIME_LIMIT_*",
    "mail-user": "who gets the job's mail",
    "mem": "memory per node (default unit MB; 0 = all of each node)",
    "mem-per-cpu": "memory per allocated CPU (default unit MB)",
    "mem-per-gpu": "memory per allocated GPU (default unit MB)",
    "mincpus": "at least this many CPUs per node",
    "nice": "lower the job's priority by this much",
    "nodelist": "run on (at least) these nodes",
    "nodes": "number of nodes, or a min-max range",
    "ntasks": "number of tasks (processes) srun/mpirun start",
    "ntasks-per-node": "tasks on each node",
    "ntasks-per-gpu": "tasks for each GPU",
    "open-mode": "append to or truncate the output files",
    "output": "file for the job's standard output (patterns: %j job id, %A array job, %a task, %x name)",
    "overcommit": "allow more tasks than CPUs",
    "partition": "the partition (queue) to run in; a comma list takes the first that can start it",
    "qos": "the quality of service the job runs under",
    "requeue": "allow the job to be requeued after a node failure or preemption",
    "no-requeue": "never requeue the job",
    "reservation": "run inside this reservation",
    "signal": "send a signal this many seconds before the time limit ([B:]SIG[@seconds])",
    "time": "time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS; UNLIMITED)",
    "time-min": "the least time limit the job accepts (for backfill)",
    "tmp": "temporary disk space per node (default unit MB)",
    "wait": "sbatch returns only when the job has ended",
    "wckey": "the workload characterisation key",
    "wrap": "run this command string in a generated sh script",
    "threads-per-core": "use at most this many hardware threads per core",
    "hint": "task binding hint: compute_bound, memory_bound, multithread, nomultithread",
    "gpu-bind": "how tasks are bound to GPUs",
    "cpu-bind": "how tasks are bound to CPUs",
    "propagate": "which resource limits of the submit shell the job inherits",
    "get-user-env": "load the user's login environment on the node",
    "kill-on-invalid-dep": "cancel the job when its dependency can never be met",
    "ignore-pbs": "do not translate #PBS and #BSUB lines",
    "parsable": "print only the job id (and cluster)",
    "test-only": "check the request and estimate a start time; submit nothing",
    "switches": "at most this many network switches ([@max-wait])",
    "container": "run the job in this OCI bundle (Slurm's own container support)",
    "comment": "a free-text comment stored with the job",
    "priority": "the job's priority (administrators)",
    "sockets-per-node": "sockets per node",
    "cores-per-socket": "cores per socket",
    "exclusive-user": "share nodes only with the same user's jobs",
    "oversubscribe": "allow the nodes to be shared with other jobs",
    "uid": "submit as this user (root only)",
}

APPTAINER_COMMANDS = (
    "global",
    "exec",
    "run",
    "shell",
    "test",
    "instance start",
    "instance run",
    "build",
    "pull",
    "push",
    "inspect",
)


def sbatch(knowledge: Path) -> dict:
    rows = json.loads((knowledge / "slurm" / "sbatch_options.json").read_text())
    out = {}
    for r in rows:
        name = r["long"][2:]
        out[name] = {
            key: value
            for key, value in (
                ("summary", SBATCH_MEANINGS.get(name, "")),
                ("synopsis", r.get("man_synopsis_22_05") or ""),
                ("grammar", r.get("grammar") or ""),
                ("notes", r.get("notes") or ""),
            )
            if value
        }
    pyxis = json.loads((knowledge / "apptainer" / "flags.json").read_text())["pyxis"]
    for f in pyxis["commands"]["srun"]:
        out.setdefault(
            f["long"],
            {
                "summary": "(pyxis %s) %s" % (pyxis["version"], f["help"]),
                "synopsis": "--%s=%s" % (f["long"], f["metavar"]) if f.get("metavar") else "",
            },
        )
    return out


def apptainer(knowledge: Path) -> dict:
    data = json.loads((knowledge / "apptainer" / "flags.json").read_text())
    out: dict = {}
    for implementation in ("apptainer", "singularityce"):
        commands = data[implementation]["commands"]
        for command in APPTAINER_COMMANDS:
            for flag in commands.get(command, []):
                if flag.get("help"):
                    out.setdefault(command, {}).setdefault(flag["long"], flag["help"])
    return out


def scheduler(knowledge: Path, tool: str) -> dict:
    rows = json.loads((knowledge / "schedulers" / ("%s_options.json" % tool)).read_text())
    out = {}
    for r in rows:
        entry = {key: r[key] for key in ("grammar", "notes", "slurm_sbatch") if r.get(key)}
        out[r["flag"]] = entry
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    knowledge = Path(argv[1])
    docs = {
        "source": "sbatch(1) synopses and research notes (Slurm 22.05.8 ... master), apptainer/SingularityCE "
        "flag help from their sources, PBS/LSF/Grid Engine qsub/bsub references; see "
        "scripts/import_option_docs.py",
        "sbatch": sbatch(knowledge),
        "apptainer": apptainer(knowledge),
        "pbs": scheduler(knowledge, "pbs"),
        "lsf": scheduler(knowledge, "lsf"),
        "sge": scheduler(knowledge, "sge"),
    }
    path = ROOT / "jobcheck" / "knowledge" / "option_docs.json"
    path.write_text(json.dumps(docs, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
