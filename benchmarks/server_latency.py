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
  `--runs` runs each. Target: <= python + 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from run import latency_ms, script  # noqa: E402  (the corpus generator of benchmarks/run.py)

SERVER_TARGET_MS = 20
STARTUP_TARGET_MS = 100


def three_hundred_lines() -> str:
    rng = random.Random(23)
    while True:
        text = script(rng, 7)
        lines = text.split("\n")
        if len(lines) >= 301:
            return "\n".join(lines[:300]) + "\n"


def server_times(folder: str, edits: int) -> list[float]:
    from jobcheck.server.config import Session
    from jobcheck.server.diagnostics import check

    os.environ.setdefault("JOBCHECK_NO_PLUGINS", "1")
    session = Session()
    path = os.path.join(folder, "job.sh")
    uri = "file://" + path
    text = three_hundred_lines()
    check(session, uri, 0, text)  # the first check reads the configuration and warms the parsers
    lines = text.split("\n")
    times = []
    for n in range(edits):
        lines[150] = "echo edit %d" % n           # a keystroke's worth of change in the middle
        edited = "\n".join(lines)
        start = time.perf_counter()
        checked = check(session, uri, n + 1, edited)
        times.append((time.perf_counter() - start) * 1000)
        assert checked.error is None
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = sorted(server_times(folder, args.edits))
        median = statistics.median(times)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        fifty = os.path.join(folder, "fifty.sh")
        lines = script(random.Random(1), 0).split("\n")[:50]
        with open(fifty, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("python - <<")), None)
        shell_only = os.path.join(folder, "shell_only.sh")
        with open(shell_only, "w") as handle:
            kept = lines if start is None else lines[:start] + lines[lines.index("PY", start) + 1:]
            handle.write("\n".join(kept) + "\n")
        jobcheck = [sys.executable, "-m", "jobcheck", "--no-cache"]
        python = latency_ms([sys.executable, "-c", "pass"], args.runs)
        one = latency_ms(jobcheck + [fifty], args.runs)
        one_shell = latency_ms(jobcheck + [shell_only], args.runs)
    print("| measure | time | target |")
    print("| --- | --- | --- |")
    print("| server: re-check a 300-line script after an edit (median of %d) | %.1f ms | <= %d ms: %s |"
          % (len(times), median, SERVER_TARGET_MS, "met" if median <= SERVER_TARGET_MS else "NOT met"))
    print("| server: the same, 95th percentile | %.1f ms | |" % p95)
    for label, ms in (("with an inline Python heredoc", one), ("shell only", one_shell)):
        print("| CLI cold start, 50-line script (%s) | %.0f ms (+%.0f ms) | <= python + %d ms: %s |"
              % (label, ms, ms - python, STARTUP_TARGET_MS, "met" if ms - python <= STARTUP_TARGET_MS else "NOT met"))
    print("| `python3 -c pass` | %.0f ms | |" % python)
    print("(load average during the run: %.1f on %d CPUs)" % (os.getloadavg()[0], os.cpu_count() or 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
