"""A longer fuzzing run than the test suite's (opt-in; it is not run by CI).

    python scripts/fuzz.py --examples 100000 [--seed 7]

Feeds generated job scripts and byte-level mutations of every fixture through the engine and
the fixer, checking the invariants of tests/test_fuzz.py and tests/test_fix_properties.py, and
prints how many inputs ran and the first failure, if any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.test_fix_properties import job_scripts, test_fixes_are_safe_and_settle
from tests.test_fuzz import check_invariants, mutated_fixtures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    count = 0

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(mutated_fixtures(), job_scripts()))
    def crash(raw):
        nonlocal count
        count += 1
        check_invariants(raw)

    started = time.time()
    try:
        crash()
        fixes = settings(
            max_examples=max(1, args.examples // 4),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(test_fixes_are_safe_and_settle.hypothesis.inner_test)
        given(job_scripts())(fixes)()
    except Exception as exc:  # report, do not hide: this is the point of the run
        print("FAILED after %d inputs (seed %d): %s: %s" % (count, args.seed, type(exc).__name__, exc))
        return 1
    print("%d inputs, no failure (seed %d, %.0f s)" % (count, args.seed, time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
