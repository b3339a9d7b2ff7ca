"""Finding the command behind a launcher, and reading apptainer command lines like pflag."""

from __future__ import annotations

import pytest

from jobcheck.frontends import analyse
from jobcheck.model.script import Word
from jobcheck.model.source import Source
from jobcheck.semantics.code_words import code_words, may_take_code
from jobcheck.semantics.command_views import runs_other_commands, views, views_named
from jobcheck.semantics.containers import bare_expansion, parse_call
from jobcheck.semantics.launcher_table import BUILTIN_LAUNCHERS, Launcher


def command(text):
    (cmd,) = [c for c in analyse(Source.from_text(text)).commands if c.depth == 0]
    return cmd


@pytest.mark.parametrize(
    "text, inner",
    [
        ("srun -n 2 --cpus-per-task=4 python x.py", ["srun", "python"]),
        ("srun --ntasks 2 -c4 --container-image=img python x.py", ["srun", "python"]),
        ("time srun hostname", ["time", "srun", "hostname"]),
        ("env -u X A=1 B=2 python x.py", ["env", "python"]),
        ("exec -a name python x.py", ["exec", "python"]),
        ("nohup nice -n 5 ./a.out", ["nohup", "nice", "a.out"]),
        ("timeout -s KILL 10m srun ./solver", ["timeout", "srun", "solver"]),
        ("mpirun -np 4 --map-by ppr:1:node -x PATH --mca btl self ./app", ["mpirun", "app"]),
        ("xargs -n 1 -P 4 sh -c 'echo $0'", ["xargs", "sh"]),
        ("apptainer exec --nv -B /a:/b img.sif python train.py", ["apptainer", "python"]),
        ("singularity --debug exec --env A=1 img.sif bash -c 'echo hi'", ["singularity", "bash"]),
        ("apptainer run img.sif python train.py", ["apptainer"]),
        ("python train.py --lr 1", ["python"]),
    ],
)
def test_views_unwrap_launchers(text, inner):
    assert [v.basename for v in views(command(text))] == inner


@pytest.mark.parametrize(
    "text, code",
    [
        ("bash -c 'echo $HOME' arg0", ["'echo $HOME'"]),
        ("bash -lc 'echo $HOME'", ["'echo $HOME'"]),
        ("bash script.sh '$HOME'", []),
        ("python3 -c 'print(1)'", ["'print(1)'"]),
        ("python3 train.py '$HOME'", []),
        ("perl -e 'print $x' file", ["'print $x'"]),
        ("awk '{print $1}' file", ["'{print $1}'", "file"]),
        ("eval 'echo $X'", ["'echo $X'"]),
        ("apptainer run img.sif '$HOME'", ["'$HOME'"]),
        ("cd '$HOME'", []),
    ],
)
def test_code_words(text, code):
    cmd = command(text)
    found = [w.text for view in views(cmd) for w in code_words(view)]
    assert found == code


def words(text):
    return command(text).words


def test_parse_call_reads_flags_image_and_args():
    call = parse_call(words("apptainer --debug exec --nv -B /a:/b --bind=/c -eC --env A=1 img.sif python x.py --nv"))
    assert call.command == "exec" and call.implementations == ("apptainer",)
    assert [(g.spelled, g.name) for g in call.global_flags] == [("--debug", "debug")]
    assert [(f.spelled, f.name, f.value.text if f.value else None) for f in call.flags] == [
        ("--nv", "nv", None),
        ("-B", "bind", "/a:/b"),
        ("--bind", "bind", "/c"),
        ("-e", "cleanenv", None),
        ("-C", "containall", None),
        ("--env", "env", "A=1"),
    ]
    assert call.image.text == "img.sif"
    assert [w.text for w in call.args] == ["python", "x.py", "--nv"]


def test_parse_call_attached_short_value_and_double_dash():
    call = parse_call(words("singularity exec -B/a:/b -- img.sif ls"))
    assert [(f.spelled, f.value.text) for f in call.flags] == [("-B", "/a:/b")]
    assert call.image.text == "img.sif" and call.implementations == ("apptainer", "singularityce")


def test_parse_call_two_word_subcommand_and_runtime_setting():
    call = parse_call(words("singularity instance start --oci img.sif inst1"), runtime="singularityce")
    assert call.command == "instance start" and call.implementations == ("singularityce",)
    assert [f.name for f in call.flags] == ["oci"]


def test_parse_call_unknown_and_dynamic_flags():
    call = parse_call(words('apptainer exec --writeable-tmpfs --"$X" img.sif ls'))
    assert [(f.spelled, f.name, f.dynamic) for f in call.flags] == [
        ("--writeable-tmpfs", None, False),
        ("--", None, True),
    ]
    assert call.image.text == "img.sif"


def test_parse_call_ignores_other_commands():
    assert parse_call(words("docker run img")) is None
    assert parse_call(words("apptainer frobnicate x")).command is None


def test_overwrite_without_force_when_the_image_is_already_next_to_the_script(tmp_path):
    from .helpers import lint

    script = tmp_path / "build.sh"
    text = "#!/bin/bash\n#SBATCH --time=10\napptainer build app.sif app.def\n"
    assert [f.code for f in lint(text, path=str(script)).findings if f.code == "JC221"] == []
    (tmp_path / "app.sif").write_bytes(b"SIF")
    found = [(f.code, f.line, f.column, f.message) for f in lint(text, path=str(script)).findings if f.code == "JC221"]
    assert found == [
        (
            "JC221",
            3,
            17,
            "`app.sif` is already next to this script, so `apptainer build` stops: a batch "
            "job has no terminal to confirm the overwrite; add `--force`",
        )
    ]


def test_the_names_plugins_read_from_semantics_launchers_are_the_split_modules_own():
    """semantics/launchers.py was split by role; plugins written against 0.3 read the documented
    names from it still, and get the very objects jobcheck itself uses."""
    import jobcheck.launchers
    import jobcheck.semantics.launchers as gathered
    from jobcheck.semantics import code_words as code_module
    from jobcheck.semantics import command_views, launcher_table, srun_command

    homes = {
        "views": command_views,
        "views_named": command_views,
        "container_call": command_views,
        "CommandView": command_views,
        "code_words": code_module,
        "is_python": code_module,
        "SHELLS": code_module,
        "CODE_TAKING": code_module,
        "INLINE_CODE_FLAGS": code_module,
        "Launcher": launcher_table,
        "Launchers": launcher_table,
        "BUILTIN_LAUNCHERS": launcher_table,
        "ENV_RUNNERS": launcher_table,
        "srun_option_words": srun_command,
    }
    assert sorted(gathered.__all__) == sorted(homes)
    for name, module in homes.items():
        assert getattr(gathered, name) is getattr(module, name), name
    assert jobcheck.launchers.Launcher is launcher_table.Launcher


@pytest.mark.parametrize(
    "text, runs_others",
    [
        ("srun hostname", True),
        ("/usr/bin/time -v ./a.out", True),
        ("apptainer exec img.sif python x.py", True),
        ("conda run -n env python x.py", True),
        ("echo srun python", False),
        ("python x.py", False),
        ("$LAUNCHER python x.py", False),
    ],
)
def test_runs_other_commands_says_whether_views_may_hold_more_than_the_command(text, runs_others):
    cmd = command(text)
    assert runs_other_commands(cmd) is runs_others
    if not runs_others:
        assert [view.index for view in views(cmd)] == [0]


def test_runs_other_commands_reads_the_scripts_launcher_table():
    table = BUILTIN_LAUNCHERS.extended({"gpurun": Launcher(frozenset({"-n"}))})
    cmd = command("gpurun -n 2 python x.py")
    assert not runs_other_commands(cmd) and runs_other_commands(cmd, table)
    assert [view.basename for view in views(cmd, launchers=table)] == ["gpurun", "python"]


def test_may_take_code_names_the_programs_code_words_reads():
    assert [may_take_code(name) for name in ("bash", "python3.11", "awk", "apptainer", "perl", "ls", None)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_views_named_gives_plain_commands_and_wrapped_ones_in_script_order_as_views_does():
    script = analyse(Source.from_text("#!/bin/bash\nmkdir -p out\nsrun mkdir -p logs\nmkdir tmp\necho mkdir\n"))
    found = views_named(script, "either", "mkdir")
    assert [(view.command.start, view.index, view.wrappers) for view in found] == [
        (12, 0, ()),
        (25, 1, ("srun",)),
        (44, 0, ()),
    ]
    # the very views `views` gives (rules key caches on them)
    assert [view for command in script.commands for view in views(command) if view.basename == "mkdir"] == found
    assert all(view is views(view.command)[-1] for view in found)
    both = views_named(script, "either", "echo", "mkdir")
    assert [view.basename for view in both] == ["mkdir", "mkdir", "mkdir", "echo"]


@pytest.mark.parametrize(
    "text, bare",
    [
        ("pytorch.sif", False),
        ("$IMG", True),
        ("${IMG}$TAG", True),
        ('"$IMG"', False),
        ("$(cat image.txt)", True),
        ("`cat image.txt`", True),
        ("<(ls)", True),
        ("dir/$IMG", False),
        ("(x)", False),
        ("", False),
    ],
)
def test_bare_expansion_is_a_word_of_unquoted_expansions_only(text, bare):
    assert bare_expansion(Word(text, 5, 5 + len(text))) is bare
