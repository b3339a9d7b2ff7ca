"""Every regular expression jobcheck applies to user text, against inputs built to make a
backtracking engine blow up. The run happens in a child process with a generous time limit: a
hang (catastrophic backtracking) fails the test instead of stalling the suite."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # every regular expression against adversarial inputs, in subprocesses

PROBE = r"""
import importlib, pkgutil, re, jobcheck, jobcheck_rules
from jobcheck.patterns import LazyPattern

ADVERSARIAL = ["$A" * 4000 + '"', "$ABCDEFGH" * 2000 + '"', "a." * 10000 + "a", "a-" * 10000, " " * 20000 + "x",
               "\t" * 20000 + "#", "#" * 20000, "-" * 20000, "'" * 20000, "\\" * 20000, "${" * 5000, "$(" * 5000,
               "a" * 20000 + "!", "1" * 20000 + ":", "1:" * 10000, "1-" * 10000, "a=" * 10000, "a," * 10000,
               "--a" * 6000, "#SBATCH " * 3000, "# jobcheck: disable=" + " " * 20000 + "x", "<" * 20000,
               "a@" * 10000, "%" * 20000, "0" * 20000 + "KiB", "now+" + "1" * 20000 + "x", "a" * 20000 + "$",
               "$A-" * 6000 + "\\"]
patterns = []
for package in (jobcheck, jobcheck_rules):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for v in values:
                v = v.compiled if isinstance(v, LazyPattern) else v
                if isinstance(v, re.Pattern) and v not in patterns:
                    patterns.append(v)
# Python 3.10 (which jobcheck supports) has no possessive quantifiers or atomic groups.
too_new = re.compile(r"(?<!\\)[*+?}]\+|\(\?>")
for pattern in patterns:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    outside_classes = re.sub(r"\[\^?\]?(?:\\.|[^\]\\])*\]", "C", source.replace("\\\\", ""))
    assert not too_new.search(outside_classes), "needs Python 3.11: %s" % source
for pattern in patterns:
    for text in ADVERSARIAL:
        subject = text if isinstance(pattern.pattern, str) else text.encode()
        pattern.match(subject)
        pattern.search(subject)
print(len(patterns))
"""


def test_no_regular_expression_backtracks_catastrophically():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) >= 30  # every module-level pattern was probed
