"""Templates of #PBS/#BSUB/#$ jobs: each placeholder line is reported once (JC312), and no other
rule reads a placeholder as a value, an option or stray words."""

from __future__ import annotations

import pytest

from .helpers import describe, lint

TOOL_TEMPLATE = """#!/bin/bash
#PBS -N {{ job_name }}
#PBS -l walltime={{walltime}},mem=__MEM__
#PBS -l nodes=@NODES@:ppn=#PPN#
#PBS -t 1-{0}
#PBS -o <%= log.file %>
cd "$PBS_O_WORKDIR"
./run.sh "$PBS_ARRAYID"
"""

PERSON_TEMPLATE = """#!/bin/bash
#BSUB -P <your project>
#BSUB -J ENTER_JOB_NAME
#BSUB -n 4
#BSUB -W 01:00
#BSUB -q XXXqueueXXX
./run.sh
"""


def test_a_tool_template_gets_one_info_and_nothing_else():
    found = [describe(f) for f in lint(TOOL_TEMPLATE).findings]
    assert found == [
        "2:9-2:23 JC312 info no-fix `{{ job_name }}`: this job is a template (this line and 4 more "
        "lines), filled in by a tool before submission; its `#PBS` values are not checked"
    ]


def test_a_person_template_gets_one_warning_per_placeholder_line():
    found = [describe(f) for f in lint(PERSON_TEMPLATE).findings]
    assert found == [
        "2:10-2:24 JC312 warning no-fix `<your project>` in `#BSUB -P` is a placeholder to fill in before "
        "submitting: as it is, the scheduler gets it literally",
        "3:10-3:24 JC312 info no-fix `ENTER_JOB_NAME` in `#BSUB -J` is a placeholder: as it is, the job runs under "
        "that name",
        "6:10-6:21 JC312 warning no-fix `XXXqueueXXX` in `#BSUB -q` is a placeholder to fill in before submitting: "
        "as it is, the scheduler gets it literally",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "#PBS -M alice@uni.edu.au",  # an e-mail is not `@NAME@`
        "#PBS -A GT-lab6-CODA20",  # an account is no `1-NAME` range
        "#PBS -o out_${PBS_JOBID}.log",  # a shell variable is not `{name}`
        "#PBS -l nodes=1:ppn=8 # x for now",  # words in a note are not placeholders
    ],
)
def test_values_that_are_not_placeholders(line):
    text = '#!/bin/bash\n#PBS -l nodes=1:ppn=2\n%s\ncd "$PBS_O_WORKDIR"\n./run.sh\n' % line
    assert [f.code for f in lint(text, select=("JC312",)).findings] == []


def test_bracketed_words_are_one_placeholder_not_stray_words():
    text = '#!/bin/bash\n#PBS -N [job name]\n#PBS -l walltime=01:00:00\ncd "$PBS_O_WORKDIR"\n./run.sh\n'
    assert [describe(f) for f in lint(text).findings] == [
        "2:9-2:19 JC312 warning no-fix `[job name]` in `#PBS -N` is a placeholder to fill in before submitting: as it "
        "is, the scheduler gets it literally"
    ]


def test_a_commented_out_command_is_no_grid_engine_template():
    text = "#!/bin/bash\n#$ -N run\n#${LAUNCHER} ./a.out\n./a.out\n"
    assert [f.code for f in lint(text, select=("JC312",)).findings] == []


@pytest.mark.parametrize(
    "line, mark",
    [
        ("#$ -l s_fsize=$$MAX_WRITE$$G", "$$MAX_WRITE$$"),
        ("#PBS -t 1-NSAMPLES", "1-NSAMPLES"),
        ("#PBS -l walltime=xHours:00:00", "xHours"),
        ("#BSUB -n %ncores%", "%ncores%"),
    ],
)
def test_a_tool_mark_is_the_only_finding_on_its_line(line, mark):
    prefix = {"#$": "#$ -cwd", "#P": "#PBS -l nodes=1:ppn=1", "#B": "#BSUB -W 10"}[line[:2]]
    text = '#!/bin/bash\n%s\n%s\ncd "${PBS_O_WORKDIR:-.}"\n./run.sh\n' % (prefix, line)
    found = [(f.code, f.severity.value, f.message.split("`")[1]) for f in lint(text).findings]
    assert found == [("JC312", "info", mark)]


def test_a_hash_name_where_a_value_belongs_is_a_placeholder():
    text = "#!/bin/bash\n#BSUB -P #Account\n#BSUB -W 20\n./run.sh\n"
    assert [describe(f) for f in lint(text).findings] == [
        "2:10-2:18 JC312 warning no-fix `#Account` in this `#BSUB` line is a placeholder to fill in before "
        "submitting: as it is, the scheduler gets it literally"
    ]
