"""Slurm directive rules on what real scripts do (issue 19): each case a pattern sbatch accepts
as its author meant it, checked on sbatch 22.05 (tests/slurm/cases.py has the oracle cases)."""

from __future__ import annotations

from .helpers import lint


def codes(text: str, select=("JC1",)) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint(text.encode(), path="job.sh", select=select).findings]


def test_a_gpu_request_given_again_is_checked_as_sbatch_keeps_it():
    text = "#!/bin/bash\n#SBATCH --gpus=1\n#SBATCH --gpus=tesla:1\nsrun x\n"
    assert codes(text, ("JC115",)) == []
    assert codes(text, ("JC122",)) == [("JC122", 2)]


def test_mail_type_lines_add_up():
    text = "#!/bin/bash\n#SBATCH --mail-type=BEGIN\n#SBATCH --mail-type=END\n#SBATCH --mail-user=a@b.org\nsrun x\n"
    assert codes(text) == []


def test_a_trailing_backslash_is_dropped_not_a_stray_word():
    text = "#!/bin/bash\n#SBATCH --gpus=1 \\\n#SBATCH --time=10 \\\nsrun x\n"
    assert codes(text) == []


def test_site_plugin_options_are_not_unknown():
    text = "#!/bin/bash\n#SBATCH --image=docker:a/b:1\n#SBATCH --volume=/x:/y\n#SBATCH --module=gpu\nsrun x\n"
    assert codes(text) == []
    assert codes("#!/bin/bash\n#SBATCH --imagee=docker:a/b:1\nsrun x\n") == [("JC103", 2)]
