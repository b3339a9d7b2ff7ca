"""jobcheck against the real `sbatch --test-only` (Slurm 22.05 on a one-node test cluster).

tests/slurm/cluster.sh starts the cluster (.ci/run does). Without sbatch, or with no
controller answering, these tests skip, except under CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .helpers import case_script, lint, registry, require_oracle, verdict_problem
from .slurm.cases import CASES

SLURM_RELEASE = "22.05"


def _cluster_problem() -> str | None:
    if shutil.which("sbatch") is None:
        return "sbatch is not installed (run tests/slurm/cluster.sh start)"
    ping = subprocess.run(["scontrol", "ping"], capture_output=True, text=True, timeout=30)
    if "UP" not in ping.stdout:
        return "no Slurm controller answers (run tests/slurm/cluster.sh start)"
    version = subprocess.run(["sbatch", "--version"], capture_output=True, text=True, timeout=30).stdout
    if SLURM_RELEASE not in version:
        return "the cases describe Slurm %s, this sbatch is %s" % (SLURM_RELEASE, version.strip())
    return None


@pytest.fixture(scope="module")
def oracle():
    require_oracle(_cluster_problem(), "Slurm")


def script_for(lines) -> bytes:
    return case_script(lines, "srun hostname")


def sbatch_accepts(tmp_path, case_id, text) -> tuple[bool, str]:
    path = tmp_path / (case_id + ".sh")
    path.write_bytes(text)
    proc = subprocess.run(
        ["sbatch", "--test-only", str(path)], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    return proc.returncode == 0, proc.stderr.strip()


def test_enough_cases_of_every_kind():
    kinds = [expect for _, expect, _, _ in CASES]
    assert len(CASES) >= 150
    assert set(kinds) == {"ok", "reject", "silent", "launch", "comment"}
    assert min(kinds.count(kind) for kind in ("ok", "reject", "silent", "launch")) >= 5
    assert len({case_id for case_id, _, _, _ in CASES}) == len(CASES)


def test_every_case_names_the_rules_it_expects():
    known = {r.code for r in registry().rules}
    for case_id, expect, codes, _ in CASES:
        assert bool(codes) == (expect in ("reject", "launch", "silent")), case_id
        assert set(codes) <= known, case_id


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_jobcheck_agrees_with_sbatch(case, oracle, tmp_path):
    case_id, expect, codes, lines = case
    text = script_for(lines)
    accepted, stderr = sbatch_accepts(tmp_path, case_id, text)
    # first the case table itself must be right about the real sbatch
    assert accepted == (expect != "reject"), "sbatch %s it: %s" % ("accepts" if accepted else "refuses", stderr)
    findings = lint(text, path=case_id + ".sh", slurm_version=SLURM_RELEASE).findings
    assert verdict_problem(findings, expect, codes) is None, "sbatch: %s\n%s" % (
        stderr or "accepted",
        verdict_problem(findings, expect, codes),
    )


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_expectations_hold_without_the_oracle(case):
    """The same verdicts and codes, checked on any machine (the oracle test proves the table right)."""
    case_id, expect, codes, lines = case
    findings = lint(script_for(lines), path=case_id + ".sh", slurm_version=SLURM_RELEASE).findings
    assert verdict_problem(findings, expect, codes) is None, verdict_problem(findings, expect, codes)


# ---- the checks that need a cluster profile, with a profile imported from the real cluster ----


@pytest.fixture(scope="module")
def real_profile(oracle, tmp_path_factory):
    from jobcheck.profile import import_scontrol, load, to_toml

    partitions = subprocess.run(
        ["scontrol", "show", "partition", "--oneliner"], capture_output=True, text=True, check=True
    ).stdout
    nodes = subprocess.run(
        ["scontrol", "show", "node", "--oneliner"], capture_output=True, text=True, check=True
    ).stdout
    path = tmp_path_factory.mktemp("profile") / "site.toml"
    path.write_text(to_toml(import_scontrol([partitions, nodes])))
    profile = load(str(path))
    assert profile.partitions and profile.nodes
    return profile


def site_cases(profile):
    node = next(iter(profile.nodes.values()))
    cpus, memory, count = node.cpus, node.memory_mb, len(profile.nodes)
    gpus = node.gres_count("gpu", None)
    short = min(profile.partitions.values(), key=lambda p: p.max_time_minutes or 10**9)
    long_ = max(profile.partitions.values(), key=lambda p: p.max_time_minutes or 10**9)
    over = (short.max_time_minutes or 0) + 60
    return [
        ("site-partition-nosuch", "reject", ("JC130",), ["#SBATCH --partition=nosuch"]),
        ("site-partition-not-ascii", "reject", ("JC130",), ["#SBATCH --partition=파티션이름"]),
        ("site-partition-list", "ok", (), ["#SBATCH --partition=%s" % ",".join(profile.partitions)]),
        ("site-time-over", "silent", ("JC131",), ["#SBATCH --partition=%s --time=%d" % (short.name, over)]),
        ("site-time-within", "ok", (), ["#SBATCH --partition=%s --time=%d" % (long_.name, over)]),
        ("site-gres-type", "reject", ("JC132",), ["#SBATCH --gres=gpu:nosuchtype:1"]),
        ("site-gres-count", "reject", ("JC132",), ["#SBATCH --gres=gpu:%d" % (gpus + 1)]),
        ("site-gpus-per-node", "reject", ("JC132",), ["#SBATCH --gpus-per-node=%d" % (gpus + 1)]),
        ("site-cpus", "reject", ("JC132",), ["#SBATCH --cpus-per-task=%d" % (cpus + 2)]),
        ("site-mem", "reject", ("JC132",), ["#SBATCH --mem=%dM" % (memory + 1000)]),
        (
            "site-mem-per-cpu",
            "reject",
            ("JC132",),
            ["#SBATCH --cpus-per-task=%d --mem-per-cpu=%dM" % (cpus, memory // cpus + 1000)],
        ),
        ("site-nodes", "reject", ("JC132",), ["#SBATCH --nodes=%d" % (count + 1)]),
        ("site-ntasks", "reject", ("JC132",), ["#SBATCH --ntasks=%d" % (cpus * count + 2)]),
        ("site-constraint", "reject", ("JC132",), ["#SBATCH --constraint=nosuchfeature"]),
        ("site-nodelist", "reject", ("JC132",), ["#SBATCH --nodelist=nosuchnode"]),
        ("site-fits", "ok", (), ["#SBATCH --cpus-per-task=%d --mem=%dM --gres=gpu:%d" % (cpus, memory // 2, gpus)]),
        ("site-one-node-by-name", "ok", (), ["#SBATCH --nodelist=%s" % node.name]),
    ]


def test_site_checks_agree_with_sbatch(real_profile, tmp_path):
    failures = []
    for case_id, expect, codes, lines in site_cases(real_profile):
        text = script_for(lines)
        accepted, stderr = sbatch_accepts(tmp_path, case_id, text)
        if accepted != (expect != "reject"):
            failures.append(
                "%s: the case table is wrong, sbatch %s it: %s"
                % (case_id, "accepts" if accepted else "refuses", stderr)
            )
            continue
        findings = lint(text, path=case_id + ".sh", slurm_version=SLURM_RELEASE, profile=real_profile).findings
        problem = verdict_problem(findings, expect, codes)
        if problem:
            failures.append("%s: %s" % (case_id, problem))
    assert failures == []
