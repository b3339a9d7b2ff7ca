from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Applicability, Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import CONTAINER_IMPLEMENTATIONS, container_commands
from jobcheck.semantics.container_calls import container_calls, describe
from jobcheck.semantics.containers import known_flags
from jobcheck.semantics.suggest import suggest

# Misspellings common enough to fix with certainty, whatever the edit distance.
KNOWN_TYPOS = {
    "writeable": "writable",
    "contain-all": "containall",
    "clean-env": "cleanenv",
    "bind-path": "bind",
    "nvidia": "nv",
    "gpu": "nv",
}
IMPLEMENTATION_NAMES = {"apptainer": "Apptainer", "singularityce": "SingularityCE"}


class ContainerUnknownFlag(Rule):
    """
    ## What it does
    Checks every flag of an `apptainer` / `singularity` command against the flag table of that
    subcommand (read from the Apptainer 1.5 and SingularityCE 4.5 sources), wherever the
    command sits in the job: directly, behind `srun`, `mpirun`, `time`, `env`, ...

    ## Why is this bad?
    Apptainer's flag parser (cobra/pflag) accepts no abbreviation and no misspelling. The job
    waits in the queue, then stops at once with:

        Error for command "exec": unknown flag: --writeable-tmpfs

    ## Example
        apptainer exec --writeable-tmpfs image.sif python train.py

    Use instead:

        apptainer exec --writable-tmpfs image.sif python train.py

    ## Fix safety
    The fix replaces the flag with the one it is evidently a misspelling of. It is safe for
    well-known misspellings (`writeable` for `writable`), a different letter case, or when
    exactly one flag is a single edit away and no other is close; unsafe when the only close
    flag is two edits away; there is no fix when several flags are equally close. (A global flag
    written after the subcommand, `apptainer exec --debug`, is JC203's.)

    Severity: error; a warning for a `singularity` flag that is no near miss of a known one, since
    Singularity releases older than the tables (before SingularityCE 3.11) had flags since removed.
    """

    code = "JC201"
    name = "container-unknown-flag"
    severity = Severity.ERROR
    summary = (
        "Unknown apptainer/singularity flag: the container command fails at once (warning for a "
        "`singularity` flag older releases may have had)"
    )
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command is None:
                continue
            table = call.known_flags()
            global_table = known_flags(call.implementations, "global")
            for use in call.global_flags + call.flags:
                if use.name is not None or use.dynamic:
                    continue
                if use not in call.global_flags and use.spelled.startswith("--") and use.spelled[2:] in global_table:
                    continue  # a global flag after the subcommand: container-global-flag-position says so
                in_global = use in call.global_flags
                yield self._diagnose(call, use, global_table if in_global else table, global_table, in_global)

    def _diagnose(self, call, use, table, global_table, in_global):
        where = call.tool if in_global else describe(call)
        error = (
            "unknown shorthand flag: '%s' in %s" % (use.spelled[1], use.spelled)
            if not use.spelled.startswith("--")
            else "unknown flag: %s" % use.spelled
        )
        message = 'unknown flag `%s` for `%s`: %s stops with "%s"' % (use.spelled, where, call.tool, error)
        name = use.spelled[2:] if use.spelled.startswith("--") else None
        if name is None:
            return Diagnostic(use.word.start, use.word.end, message)
        extra = self._elsewhere(call, name, in_global, global_table)
        if extra:
            return Diagnostic(use.word.start, use.word.start + len(use.spelled), message + "; " + extra)
        replacement, applicability, candidates = self._replacement(name, table)
        start = use.word.start + use.word.text.find(use.spelled)
        end = start + len(use.spelled)
        if replacement is None:
            if candidates:
                message += "; did you mean %s?" % " or ".join("`--%s`" % c for c in candidates)
            elif call.tool == "singularity":
                # no near miss: the tables start at SingularityCE 3.11, and older Singularity releases had
                # flags later removed (`--vm-err`), so this is certain only for the releases the tables cover
                return Diagnostic(
                    start,
                    end,
                    "`%s` is not a flag of `%s` in SingularityCE 3.11+ or Apptainer: "
                    'there %s stops with "%s" (an older Singularity may still have it)'
                    % (use.spelled, where, call.tool, error),
                    severity=Severity.WARNING,
                )
            return Diagnostic(start, end, message)
        message += "; did you mean `--%s`?" % replacement
        fix = Fix(applicability, "use `--%s`" % replacement, (Edit(start, end, "--" + replacement),))
        return Diagnostic(start, end, message, fix)

    @staticmethod
    def _replacement(name: str, table):
        visible = [n for n, f in table.items() if not f.hidden and not f.deprecated]
        normalised = name.lower()
        for typo, right in KNOWN_TYPOS.items():
            normalised = normalised.replace(typo, right)
        if normalised in table and normalised != name:
            return normalised, Applicability.SAFE, ()
        found = suggest(name, visible, max_distance=2)
        if not found.candidates:
            return None, None, ()
        if not found.unique:
            return None, None, found.candidates
        applicability = Applicability.SAFE if found.distance == 1 else Applicability.UNSAFE
        return found.best, applicability, found.candidates

    @staticmethod
    def _elsewhere(call, name: str, in_global: bool, global_table) -> str:
        """Explain a flag that exists, just not here."""
        for impl in CONTAINER_IMPLEMENTATIONS:
            if impl in call.implementations:
                continue
            if name in known_flags((impl,), call.command or ""):
                return "`--%s` exists only in %s" % (name, IMPLEMENTATION_NAMES[impl])
        others = [
            c
            for c in container_commands(call.implementations[0])
            if c not in (call.command, "global") and name in known_flags(call.implementations, c)
        ]
        if others:
            return "`--%s` is a flag of `%s %s`, not of `%s`" % (name, call.tool, others[0], call.command)
        return ""
