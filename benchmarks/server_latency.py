"""Editor latency: the language server's time to re-check a script after an edit, and the CLI's
cold start on a small script next to Python's own.

    python benchmarks/server_latency.py [--edits 50] [--runs 15]

- server: a 300-line script from the benchmark corpus generator (benchmarks/run.py), checked
  once to warm up, then edited `--edits` times (one line changed each time, so nothing is
  answered from a cache) and re-checked the way `jobcheck server` does after a keystroke (the
  engine, then the findings as LSP diagnostics); median and 95th percentile of the server time.
  The pause the server waits for typing to stop (200 ms) and the JSON-RPC transport are not
  part of it. Target: <= 20 ms.
- CLI cold start: `jobcheck --no-cache` on the corpus generator's 50-line script (it has an
  inline Python heredoc) and on the same lines without it, next to `python3 -c pass`; median of
  `--runs` runs each, the commands taking turns in each round (the machine's speed drifts).
  Target: <= python + 100 ms. Measured from this interpreter's (editable) development install,
  and, with `--installed`, from a regular install of this checkout in a throwaway virtual
  environment (what `pip install jobcheck` gives a user; the dependencies are this
  environment's); `--compare-with REF` (a git tag or commit, e.g. v0.3.0) installs that
  release the same way and times it in the same rounds, which says how much faster a change
  made start-up whatever the machine's speed that day.

Wall time is what a user waits, but on a machine that other work keeps busy it measures the
queue for a CPU; so the CPU time of the same runs is printed beside it, and the load average.
`--instructions` also counts the instructions of one cold start and of `python3 -c pass` with
valgrind (callgrind), a measure no load changes (about 25 s).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from run import script, user_env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SERVER_TARGET_MS = 20
STARTUP_TARGET_MS = 100


def three_hundred_lines() -> str:
    rng = random.Random(23)
    while True:
        text = script(rng, 7)
        lines = text.split("\n")
        if len(lines) >= 301:
            return "\n".join(lines[:300]) + "\n"


def cold_starts(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """Median wall, median CPU (user + system) and least wall milliseconds of each command, each
    run a new process; every round runs each command once, in turn."""
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_env())
            walls[label].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[label].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return {
        label: (statistics.median(walls[label]), statistics.median(cpus[label]), min(walls[label]))
        for label in commands
    }


def installed_python(source: str, folder: str) -> str:
    """The python of a new virtual environment in `folder` with `source` (a checkout) installed
    the way a user gets it (a wheel, not editable); its dependencies come from this environment
    (a path file), so nothing is downloaded."""
    subprocess.run([sys.executable, "-m", "venv", folder], check=True)
    python = os.path.join(folder, "bin", "python")
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with open(os.path.join(site_packages, "benchmark_dependencies.pth"), "w") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", source],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return python


def checkout(ref: str, folder: str) -> str:
    """The project's files at git `ref`, unpacked into `folder`."""
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref], capture_output=True, check=True).stdout
    os.makedirs(folder)
    subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
    return folder


def instructions(command: list[str]) -> int | None:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=user_env(),
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def server_instructions(folder: str, edits: int) -> int | None:
    """Instructions of one re-check: a process doing `edits` of them less one doing none."""
    code = "import sys; sys.path.insert(0, %r); import server_latency; server_latency.server_times(%r, %%d)" % (
        os.path.dirname(os.path.abspath(__file__)),
        folder,
    )
    none, some = (instructions([sys.executable, "-c", code % n]) for n in (0, edits))
    return (some - none) // edits if none and some else None


def server_times(folder: str, edits: int) -> tuple[list[float], list[float]]:
    from jobcheck.server.config import Session
    from jobcheck.server.diagnostics import check

    os.environ.setdefault("JOBCHECK_NO_PLUGINS", "1")
    session = Session()
    path = os.path.join(folder, "job.sh")
    uri = "file://" + path
    text = three_hundred_lines()
    check(session, uri, 0, text)  # the first check reads the configuration and warms the parsers
    lines = text.split("\n")
    walls, cpus = [], []
    for n in range(edits):
        lines[150] = "echo edit %d" % n  # a keystroke's worth of change in the middle
        edited = "\n".join(lines)
        start, cpu = time.perf_counter(), time.process_time()
        checked = check(session, uri, n + 1, edited)
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert checked.error is None and checked.diagnostics
    return walls, cpus


def verdict(wall: float, cpu: float, target: float) -> str:
    if wall <= target:
        return "met"
    return "met in CPU time (the wall time waited for a CPU)" if cpu <= target else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind as well")
    parser.add_argument("--installed", action="store_true", help="time a regular install of this checkout too")
    parser.add_argument("--compare-with", metavar="REF", help="time a regular install of git REF too (e.g. v0.3.0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        walls, cpus = server_times(folder, args.edits)
        median, cpu_median = statistics.median(walls), statistics.median(cpus)
        p95 = sorted(walls)[min(len(walls) - 1, int(len(walls) * 0.95))]
        fifty = os.path.join(folder, "fifty.sh")
        lines = script(random.Random(1), 0).split("\n")[:50]
        with open(fifty, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("python - <<")), None)
        shell_only = os.path.join(folder, "shell_only.sh")
        with open(shell_only, "w") as handle:
            kept = lines if start is None else lines[:start] + lines[lines.index("PY", start) + 1 :]
            handle.write("\n".join(kept) + "\n")
        pythons = {"development install": sys.executable}
        if args.installed or args.compare_with:
            pythons["installed"] = installed_python(ROOT, os.path.join(folder, "installed"))
        if args.compare_with:
            source = checkout(args.compare_with, os.path.join(folder, "ref"))
            pythons["installed " + args.compare_with] = installed_python(source, os.path.join(folder, "ref-venv"))
        # Each environment's own `python -c pass` is its baseline: a development environment
        # runs the editable install's path hooks at every start.
        commands = {}
        for name, interpreter in pythons.items():
            commands[name + ", python -c pass"] = [interpreter, "-c", "pass"]
            # The console script a user runs; not `python -m jobcheck`, which would import the
            # checkout in the current folder instead of the installed package.
            program = os.path.join(os.path.dirname(interpreter), "jobcheck")
            commands[name + ", heredoc"] = [program, "--no-cache", fifty]
            commands[name + ", shell only"] = [program, "--no-cache", shell_only]
        timed = cold_starts(commands, args.runs)
        counted = {
            name: (instructions(commands[name + ", python -c pass"]), instructions(commands[name + ", heredoc"]))
            for name in pythons
            if args.instructions
        }
        per_check = server_instructions(folder, 10) if args.instructions else None
    print("| measure | wall time (median) | CPU time (median) | wall time (least) | target |")
    print("| --- | --- | --- | --- | --- |")
    print(
        "| server: re-check a 300-line script after an edit (%d edits) | %.1f ms | %.1f ms | %.1f ms | <= %d ms: %s |"
        % (len(walls), median, cpu_median, min(walls), SERVER_TARGET_MS, verdict(median, cpu_median, SERVER_TARGET_MS))
    )
    print("| server: the same, 95th percentile | %.1f ms | | | |" % p95)
    for name in pythons:
        python = timed[name + ", python -c pass"]
        for kind in ("heredoc", "shell only"):
            wall, cpu, least = timed["%s, %s" % (name, kind)]
            print(
                "| CLI cold start, 50-line script (%s, %s) | %.0f ms (+%.0f) | %.0f ms (+%.0f) | %.0f ms (+%.0f) | "
                "<= python + %d ms: %s |"
                % (
                    name,
                    kind,
                    wall,
                    wall - python[0],
                    cpu,
                    cpu - python[1],
                    least,
                    least - python[2],
                    STARTUP_TARGET_MS,
                    verdict(wall - python[0], cpu - python[1], STARTUP_TARGET_MS),
                )
            )
        print("| `python3 -c pass` (%s) | %.0f ms | %.0f ms | %.0f ms | |" % ((name,) + python))
    for name, (python_count, count) in counted.items():
        if count and python_count:
            print(
                "instructions (callgrind), the 50-line script with its heredoc, %s: %.0f M "
                "(python3 -c pass %.0f M, +%.0f M)"
                % (name, count / 1e6, python_count / 1e6, (count - python_count) / 1e6)
            )
    if args.compare_with:
        reference, current = "installed " + args.compare_with, "installed"
        parts = []
        for index, measure in ((0, "median wall"), (1, "median CPU"), (2, "least wall")):
            now = timed[current + ", heredoc"][index] - timed[current + ", python -c pass"][index]
            then = timed[reference + ", heredoc"][index] - timed[reference + ", python -c pass"][index]
            parts.append("%s %.2f" % (measure, now / then))
        if counted.get(current) and counted.get(reference):
            (python_now, now), (python_then, then) = counted[current], counted[reference]
            parts.append("instructions %.2f" % ((now - python_now) / (then - python_then)))
        print(
            "start-up beyond python3 -c pass, this checkout / %s, the same rounds: %s"
            % (args.compare_with, ", ".join(parts))
        )
    if per_check:
        print("instructions (callgrind): one server re-check of the 300-line script %.0f M" % (per_check / 1e6))
    print("(load average during the run: %.1f on %d CPUs)" % (os.getloadavg()[0], os.cpu_count() or 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
