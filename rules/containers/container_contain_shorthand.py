from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls


class ContainShorthand(Rule):
    """
    ## What it does
    Notes the use of `-c` on `exec`/`run`/`shell`/`test`, which is `--contain`, not
    `--containall` (`-C`).

    ## Why is this bad?
    The two are easy to confuse. `-c` gives a minimal `/dev` and empty `/tmp` and `$HOME` but
    keeps the host environment; `-C` also cleans the environment and adds new PID and IPC
    namespaces. (Before the subcommand, `-c` is yet another flag: `--config`.)

    ## Example
        apptainer exec -c image.sif python train.py

    Use instead: the long name, `--contain` or `--containall`, whichever is meant:

        apptainer exec --contain image.sif python train.py

    ## Fix safety
    Writing `--contain` is safe: it is the same flag.
    """

    code = "JC219"
    name = "container-contain-shorthand"
    severity = Severity.INFO
    summary = "`-c` is --contain; --containall is `-C`"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.name == "contain" and use.spelled == "-c" and use.word.text == "-c":
                    yield Diagnostic(
                        use.word.start,
                        use.word.end,
                        "`-c` is `--contain` (files only; the host environment still gets in), not "
                        "`--containall` (`-C`); write the long name",
                        Fix.safe("write `--contain`", Edit(use.word.start, use.word.end, "--contain")),
                    )
