from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.command_views import views_named

ACTIVATORS = ("conda", "mamba")
# A module that may set conda's shell function up (site conda/Python modules often do).
CONDA_MODULE = lazy(r"conda|mamba|forge|python|py[23]|anaconda|miniconda", re.IGNORECASE)
MODULE_COMMANDS = ("module", "ml", "uenv")  # uenv: a site tool that loads software like a module


class CondaActivateWithoutInit(Rule):
    """
    ## What it does
    Finds `conda activate ENV` (or `mamba activate`) in a Slurm batch script that never sets
    conda's shell function up before it: no `source .../etc/profile.d/conda.sh`, no
    `eval "$(conda shell.bash hook)"`, no `source ~/.bashrc`, no conda module, and no login
    shell in the shebang (`#!/bin/bash -l`).

    ## Why is this bad?
    `conda activate` is a shell function that `conda init` puts in `~/.bashrc`, which only
    interactive shells read. sbatch runs the script in a non-interactive, non-login shell and
    does not pass shell functions on, so `conda` there is the plain program, which answers
    "CondaError: Run 'conda init' before 'conda activate'". The job goes on with the wrong Python
    and fails at the first import, or silently runs another environment.

    ## Example
        #SBATCH --time=01:00:00
        conda activate myenv
        python train.py

    Use instead:

        source "$(conda info --base)/etc/profile.d/conda.sh"
        conda activate myenv

    or `eval "$(conda shell.bash hook)"`, or run the script as a login shell (`#!/bin/bash -l`).

    ## Fix safety
    No fix: where conda is installed is the author's.

    Slurm only: PBS and Grid Engine usually start the job in a login shell, which reads the
    profile `conda init` wrote to. Quiet when the script sources any file before (it may set
    conda up) or loads a conda or Python module.
    """

    code = "JC015"
    name = "conda-activate-without-init"
    severity = Severity.WARNING
    summary = "`conda activate` in a Slurm batch script that never sets conda's shell function up"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "slurm" or not script.scheduler_directives or _login_shell(script):
            return
        activations = [
            view
            for view in views_named(script, settings.container_runtime, *ACTIVATORS)
            if view.index == 0 and len(view.args) >= 1 and view.args[0].value == "activate"
        ]
        if not activations:
            return
        first_setup = _first_setup(script)
        for view in activations:
            if first_setup is not None and first_setup < view.command.start:
                return
            name = view.basename
            shell = "zsh" if script.shebang and script.shebang.interpreter.endswith("zsh") else "bash"
            yield Diagnostic(
                view.command.start,
                view.words[1].end,
                "`%s activate` needs the shell function that `%s init` puts in ~/.%src, which this "
                "non-interactive batch shell never reads: it stops with \"Run '%s init' before '%s "
                "activate'\" and the job goes on with whatever Python the submitting shell had; "
                'first `source <conda>/etc/profile.d/conda.sh` or `eval "$(%s shell.%s hook)"`'
                % (name, name, shell, name, name, name, shell),
            )
            return  # one finding a script: the first activation is where it goes wrong


def _login_shell(script) -> bool:
    shebang = script.shebang
    if shebang is None:
        return False
    flags = shebang.argument.split()
    return any(
        f in ("-l", "--login", "-i") or (f.startswith("-") and not f.startswith("--") and set(f[1:]) & {"l", "i"})
        for f in flags
    )


def _first_setup(script) -> int | None:
    """Where the script first does something that may define conda's shell function."""
    for command in sorted(script.commands, key=lambda c: c.start):
        name = command.basename
        args = [w.value or w.text for w in command.args]
        if name in ("source", "."):
            return command.start
        if name == "eval" and any(re.search(r"conda|mamba|hook", a) for a in args):
            return command.start
        if name in ACTIVATORS and args[:1] == ["init"]:
            return command.start
        if name in MODULE_COMMANDS and any(CONDA_MODULE.search(a) for a in args):
            return command.start
    return None
