"""The PBS and LSF directive readers, and how the scheduler of a job is chosen."""

from __future__ import annotations

import json

from jobcheck.cli.command import main
from jobcheck.engine.cache import settings_fingerprint
from jobcheck.frontends import analyse, lsf_header, pbs_header
from jobcheck.model.source import Source
from jobcheck.semantics import lsf_directives
from jobcheck.settings import Settings

from .helpers import lint


def _options(directive):
    return [(o.spelled, o.value, o.kind) for o in directive.options]


# ---- PBS --------------------------------------------------------------------------------


def test_pbs_reads_indented_lines_and_stops_at_the_first_executable_line():
    text = (
        "#!/bin/bash\n  #PBS -N indented\n: ${X:=1}\n#!not a command\n\n#PBS -l walltime=1:00:00\n"
        'cd "$PBS_O_WORKDIR"\n#PBS -q late\n'
    )
    found = pbs_header.scan(text)
    assert [(d.line, d.in_header, _options(d)) for d in found] == [
        (2, True, [("-N", "indented", "option")]),
        (6, True, [("-l", "walltime=1:00:00", "option")]),
        (8, False, [("-q", "late", "option")]),
    ]
    assert analyse(Source.from_text(text)).pbs_header_end == text.index("cd ")


def test_pbs_joins_continued_lines_into_the_word():
    text = "#PBS -l select=1:ncpus=4,\\\nwalltime=02:00:00 -j oe\necho\n"
    (directive,) = pbs_header.scan(text)
    assert _options(directive) == [("-l", "select=1:ncpus=4,walltime=02:00:00", "option"), ("-j", "oe", "option")]
    assert directive.line == 1 and directive.end == text.index("\necho")


def test_pbs_words_quotes_escapes_and_getopt_pairs():
    (directive,) = pbs_header.scan("#PBS -N 'a b' -hV -Nglued -M x\\ y # note\n")
    assert _options(directive) == [
        ("-N", "a b", "option"),
        ("-h", None, "option"),
        ("-V", None, "option"),
        ("-N", "glued", "option"),
        ("-M", "x y", "option"),
        ("#", None, "positional"),
        ("note", None, "positional"),
    ]
    (bad,) = pbs_header.scan('#PBS -N "open\n')
    assert bad.error == 'unmatched "'


def test_pbs_value_offsets_are_positions_in_the_file():
    text = "#PBS -l walltime=01:00:00\n#PBS -Nname\n"
    first, second = pbs_header.scan(text)
    option = first.options[0]
    assert text[option.value_start : option.value_end] == "walltime=01:00:00"
    option = second.options[0]
    assert text[option.value_start : option.value_end] == "name"


# ---- LSF --------------------------------------------------------------------------------


def test_lsf_reads_every_line_spelled_the_way_openlava_does_and_has_no_stop_rule():
    text = "#!/bin/bash\n#BSUB -n 4\n  #BSUB -W 60\n# BSUB -q long\n#bsub -x\n#BSUB text\necho hi\n#BSUB -P proj\n"
    found = lsf_header.scan(text)
    assert [(d.line, d.in_header, _options(d)) for d in found] == [
        (2, True, [("-n", "4", "option")]),
        (3, True, [("-W", "60", "option")]),
        (4, True, [("-q", "long", "option")]),
        (8, False, [("-P", "proj", "option")]),
    ]
    assert lsf_directives.wrong_case(text) == [(text.index("#bsub"), text.index("\n#BSUB text"))]


def test_lsf_comment_word_continuation_and_attached_numbers():
    text = '#BSUB -J "sweep[1-10]" # the sweep\n#BSUB -n4 \\\n  -oo out.%J\n'
    first, second = lsf_header.scan(text)
    assert _options(first) == [("-J", "sweep[1-10]", "option")]
    assert first.comment == text.index("# the")
    assert _options(second) == [("-n", "4", "option"), ("-oo", "out.%J", "option")]


# ---- which scheduler --------------------------------------------------------------------


def _scheduler(text, setting="auto"):
    script = analyse(Source.from_text(text), scheduler=setting)
    return script.scheduler, script.pbs_flavor


def test_the_scheduler_follows_the_directives_present_or_the_setting():
    assert _scheduler("#!/bin/bash\n#SBATCH -n 1\n#PBS -N x\n#BSUB -n 2\n") == ("slurm", None)
    assert _scheduler("#!/bin/bash\n#PBS -N x\n#PBS -q y\n#$ -cwd\n") == ("pbs", None)
    assert _scheduler("#!/bin/bash\n#BSUB -n 2\n#$ -cwd\n") == ("sge", None)  # a tie: Grid Engine first
    assert _scheduler("#!/bin/bash\necho hi\n") == (None, None)
    assert _scheduler("#!/bin/bash\n#PBS -N x\n", "torque") == ("pbs", "torque")
    assert _scheduler("#!/bin/bash\n#PBS -N x\n", "lsf") == ("lsf", None)
    assert _scheduler("#!/bin/bash\n#PBS -N x\n", "slurm") == ("slurm", None)


def test_pbs_rules_stay_out_of_slurm_jobs_and_slurm_rules_out_of_pbs_jobs():
    pbs_job = '#!/bin/bash\n#PBS -l walltime=1-00:00:00\ncd "$PBS_O_WORKDIR"\n./run\n'
    assert [f.code for f in lint(pbs_job).findings] == ["JC707"]
    slurm_job = "#!/bin/bash\n#SBATCH --time=10\n#BSUB -W 1:00:00\n./run\n"
    assert "JC804" not in [f.code for f in lint(slurm_job).findings]


def test_scheduler_setting_from_the_command_line_and_the_configuration(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    job = tmp_path / "job.sh"
    job.write_text('#!/bin/bash\n#PBS -t 1-10\ncd "$PBS_O_WORKDIR"\n./run "$PBS_ARRAYID"\n')
    assert main(["--format", "json", "--no-cache", str(job)]) == 0
    capsys.readouterr()
    assert main(["--format", "json", "--no-cache", "--scheduler", "pbspro", str(job)]) == 1
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes == ["JC710", "JC711"]
    (tmp_path / ".jobcheck.toml").write_text('scheduler = "pbspro"\n')
    assert main(["--format", "json", "--no-cache", str(job)]) == 1
    capsys.readouterr()
    (tmp_path / ".jobcheck.toml").write_text('scheduler = "pbs"\n')
    assert main(["--format", "json", "--no-cache", str(job)]) == 2
    assert "`scheduler` must be one of auto, slurm, pbspro, torque, lsf, sge, not `pbs`" in capsys.readouterr().err


def test_the_cache_key_changes_with_the_scheduler():
    assert settings_fingerprint(Settings(scheduler="torque")) != settings_fingerprint(Settings(scheduler="pbspro"))


def test_a_pbs_script_that_slurm_runs_gets_the_translation_rules():
    job = '#!/bin/bash\n#PBS -l walltime=3600\n#PBS -o logs/run.log\ncd "$PBS_O_WORKDIR"\n./run\n'
    assert [f.code for f in lint(job).findings] == []
    assert [f.code for f in lint(job, scheduler="slurm").findings] == ["JC135", "JC139"]


def test_a_quoted_pbs_resource_list_is_checked_and_fixed_in_place():
    from .helpers import fix

    job = '#!/bin/bash\n#PBS -l "walltime=1-00:00:00,mem=2GiB"\ncd "$PBS_O_WORKDIR"\n./run\n'
    assert [(f.code, f.column) for f in lint(job).findings] == [("JC707", 19), ("JC706", 34)]
    assert fix(job).splitlines()[1] == '#PBS -l "walltime=24:00:00,mem=2gb"'
