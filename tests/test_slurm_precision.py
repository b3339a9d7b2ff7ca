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


def test_an_array_of_one_task_repeats_nothing():
    for spec in ("0", "1-1", "[5]", "3%1"):
        text = "#!/bin/bash\n#SBATCH --array=%s\npython run.py\n" % spec
        assert codes(text, ("JC308",)) == [], spec
    assert codes("#!/bin/bash\n#SBATCH --array=0-3\npython run.py\n", ("JC308",)) == [("JC308", 2)]


def test_dollar_zero_in_a_driver_that_writes_the_job_is_its_own_path():
    text = (
        '#!/bin/bash\nhere=$(dirname "$0")\ncat > job.sh <<EOF\n#!/bin/bash\n#SBATCH --time=10\n'
        "srun $here/solver\nEOF\nsbatch job.sh\n"
    )
    assert codes(text, ("JC127",)) == []


def test_the_array_info_comes_once_per_file():
    text = (
        "#!/bin/bash\n#SBATCH --output=r_%A_%a.out\nx=$SLURM_ARRAY_TASK_ID\n"
        "python run.py --task $SLURM_ARRAY_TASK_ID --of $SLURM_ARRAY_TASK_COUNT\n"
    )
    findings = lint(text.encode(), path="job.sh", select=("JC307", "JC112")).findings
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("JC307", 2, "info")]
    assert "expects `--array` on the sbatch command line" in findings[0].message


def test_a_placeholder_in_a_gres_or_an_array_is_reported_once_as_one():
    text = (
        "#!/bin/bash\n#SBATCH --gres=gpu:a100:XX\n#SBATCH --array=Specify_The_Indices_e.g._1-10\n"
        "#SBATCH --gpus-per-node=<gpus>\nsrun x --task $SLURM_ARRAY_TASK_ID\n"
    )
    assert codes(text) == [("JC126", 2), ("JC126", 3), ("JC126", 4)]


def test_a_template_that_writes_option_names_is_not_unknown_options():
    text = "#!/bin/bash\n{{#flags}}\n#SBATCH --{{{name}}}\n{{/flags}}\nsrun x\n"
    assert codes(text, ("JC103",)) == []


def test_erb_fields_are_a_tools_placeholders_not_filename_patterns():
    text = "#!/bin/bash\n#SBATCH --output=<%= log.file %>\n#SBATCH --time=<%= walltime %>\nsrun x\n"
    findings = lint(text.encode(), path="job.sh", select=("JC1",)).findings
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("JC126", 2, "info"), ("JC126", 3, "info")]
