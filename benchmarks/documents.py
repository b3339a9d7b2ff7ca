"""Benchmark: checking guides (Markdown with many code blocks, and a notebook), in this process.

    python benchmarks/documents.py [--steps 400]

Generates a seeded Markdown guide of `--steps` sections (prose, a list-indented docker build
block, a later `apptainer build ... docker://` block, a console block with output, a job block
with placeholders and the usual defects) and the same blocks as a notebook, and prints, for each:
lines, blocks, findings, CPU seconds for one check (median of 3) and for `--fix` of all safe
fixes, and the check time per 1,000 document lines. Numbers only: no target is asserted here.

    python benchmarks/documents.py --corpus DIR

checks every Markdown, reStructuredText and notebook file below DIR (e.g. a checkout of an HPC
centre's documentation) and prints how many findings of each code and severity it gives, the
files that could not be read, and the time: the material for judging false alarms by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from jobcheck.documents import check_document, document_parses
from jobcheck.engine.fixer import fix_source
from jobcheck.engine.linter import Linter
from jobcheck.model.source import Source
from jobcheck.plugins import registry as plugins


def job_block(step: int) -> str:
    exports = "".join("export V%d='$HOME/data%d'\n" % (i, i) for i in range(12))
    return (
        "#!/bin/bash\n#SBATCH --time=1:00:00\n#SBATCH --account=<YOUR_ACCOUNT>\n"
        + exports
        + "apptainer exec --env $V1:$V1 --writeable-tmpfs img%d.sif python run.py\n" % step
    )


def markdown(steps: int) -> str:
    parts = ["---\ntitle: generated guide\n---\n\n"]
    for step in range(steps):
        parts.append("## Step %d\n\nProse that mentions `#SBATCH` and '$HOME' and is never read.\n\n" % step)
        kind = step % 4
        if kind == 0:
            parts.append("1. Build:\n   ```shell\n   docker build -t img%d:1 .\n   ```\n\n" % step)
        elif kind == 1:
            parts.append("```\napptainer build img%d.sif docker://img%d:1\n```\n\n" % (step, step - 1))
        elif kind == 2:
            parts.append("```console\n$ apptainer --version\napptainer version 1.3.4\n```\n\n")
        else:
            parts.append("```bash\n" + job_block(step) + "```\n\n")
    return "".join(parts)


def notebook(steps: int) -> str:
    cells = []
    for step in range(steps):
        cells.append({"cell_type": "markdown", "metadata": {}, "source": ["## Step %d\n" % step]})
        lines = ["%%%%writefile job%d.sh\n" % step] + job_block(step).splitlines(True)
        cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": lines})
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": ["!sbatch job%d.sh\n" % step],
            }
        )
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def measure(linter: Linter, name: str, text: str) -> None:
    source = Source.from_text(text, name)
    times = []
    for _ in range(3):
        start = time.process_time()
        result = check_document(linter, source)
        times.append(time.process_time() - start)
    start = time.process_time()
    outcome = fix_source(
        source, lambda s: check_document(linter, s).findings, False, parses=lambda s: document_parses(linter, s)
    )
    fixing = time.process_time() - start
    check = statistics.median(times)
    print(
        "%-14s %7d lines %6d findings  check %6.2f s (%5.2f s per 1,000 lines)  --fix %6.2f s (%d fixes, %d passes)"
        % (
            name,
            source.line_count,
            len(result.findings),
            check,
            check * 1000 / source.line_count,
            fixing,
            len(outcome.applied),
            outcome.passes,
        )
    )


def corpus(linter: Linter, top: str) -> None:
    from jobcheck.documents.kinds import is_document

    counts: dict[tuple[str, str], int] = {}
    files = errors = 0
    start = time.process_time()
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not is_document(name):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                result = check_document(linter, Source.from_bytes(handle.read(), os.path.join(folder, name)))
            files += 1
            errors += result.error is not None
            for finding in result.findings:
                key = (finding.code, finding.severity.value)
                counts[key] = counts.get(key, 0) + 1
    print("%d documents, %d not readable, %.1f s" % (files, errors, time.process_time() - start))
    for (code, severity), count in sorted(counts.items(), key=lambda item: -item[1]):
        print("%6d  %s  %s" % (count, code, severity))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--corpus", metavar="DIR", help="count the findings on the documents below DIR instead")
    args = parser.parse_args()
    linter = Linter(plugins.load(third_party=False))
    if args.corpus:
        corpus(linter, args.corpus)
        return
    measure(linter, "guide.md", markdown(args.steps))
    measure(linter, "guide.ipynb", notebook(args.steps))


if __name__ == "__main__":
    main()
