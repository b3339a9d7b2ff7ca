from __future__ import annotations

import csv
import functools
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity, derived_fact
from jobcheck.model.words import LITERAL, PARAM
from jobcheck.patterns import lazy
from jobcheck.semantics.container_calls import container_calls, describe

IDENTIFIER_RE = lazy(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ContainerEnvFormat(Rule):
    """
    ## What it does
    Checks the value of apptainer/singularity `--env` against the KEY=VALUE grammar of its
    parser (pflag's stringToString): a value with no `=` at all, or with two or more `=` where
    one comma-separated piece has none.

    ## Why is this bad?
    The container command stops before it starts:

        Error for command "exec": invalid argument "/data/hf:/data/hf" for "--env" flag:
        /data/hf:/data/hf must be formatted as key=value

    `--env $HF_HOME:$HF_HOME` (the `--bind` syntax) is the classic case: the shell turns it
    into a path pair with no `=`. A value with exactly one `=` is one variable, commas
    included: `--env B,A=1` sets a variable named `B,A` (reported as a warning).

    ## Example
        apptainer exec --env $HF_HOME:$HF_HOME image.sif python train.py

    Use instead:

        apptainer exec --env HF_HOME=$HF_HOME image.sif python train.py

    ## Fix safety
    `--env $NAME:$NAME` becomes `--env NAME=$NAME`, and a bare `--env NAME` becomes
    `--env NAME=$NAME`: both pass the variable under its own name, which is safe. Other
    values get no fix, since the intended name is unknown.
    """

    code = "JC202"
    name = "container-env-format"
    severity = Severity.ERROR
    summary = "apptainer `--env` needs KEY=VALUE"
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        static_values = functools.partial(_static_assignments, script)  # only read for a lone `--env $X`
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.name != "env" or use.value is None:
                    continue
                diagnostic = self._check_value(use.value, call.tool, describe(call), static_values)
                if diagnostic is not None:
                    yield diagnostic

    def _check_value(self, word, tool, where, static_values):
        value = word.value
        if value is not None:
            return self._check_static(word, value, tool, where)
        literals = [p for p in word.parts if p.kind == LITERAL]
        params = [p for p in word.parts if p.kind == PARAM]
        if any("=" in p.value for p in literals):
            return None
        if not literals:
            # A lone expansion: only judge it when the script gives it a known value.
            if len(params) == 1 and len(word.parts) == 1:
                known = static_values().get(params[0].value)
                if known is not None and "=" not in known:
                    return Diagnostic(
                        word.start, word.end, _message(tool, where, word.text, known) + "; write `--env NAME=VALUE`"
                    )
            return None
        fix = _same_name_fix(word)
        message = _message(tool, where, word.text, None)
        if fix is not None:
            message += "; did you mean `--env %s`?" % fix[1]
            return Diagnostic(word.start, word.end, message, fix[0])
        return Diagnostic(word.start, word.end, message + "; write `--env NAME=VALUE`")

    def _check_static(self, word, value, tool, where):
        if value.count("=") == 1 and "," in value.split("=", 1)[0]:
            key = value.split("=", 1)[0]
            pieces = key.split(",")
            return Diagnostic(
                word.start,
                word.end,
                "`--env %s` has one `=`, so %s reads it as a single variable named `%s`; pass "
                "%s with one `--env` each" % (value, tool, key, " and ".join("`%s`" % p for p in pieces)),
                severity=Severity.WARNING,
            )
        if "=" not in value:
            if IDENTIFIER_RE.match(value):
                fixed = "%s=$%s" % (value, value)
                return Diagnostic(
                    word.start,
                    word.end,
                    _message(tool, where, word.text, value) + "; did you mean `--env %s`?" % fixed,
                    Fix.safe("use `%s`" % fixed, Edit(word.start, word.end, fixed)),
                )
            return Diagnostic(
                word.start, word.end, _message(tool, where, word.text, value) + "; write `--env NAME=VALUE`"
            )
        if value.count("=") >= 2:
            try:
                fields = next(csv.reader([value]))
            except (csv.Error, StopIteration):
                return None
            for field in fields:
                if "=" not in field:
                    return Diagnostic(
                        word.start,
                        word.end,
                        "`--env %s` for `%s` holds several `=`, so %s splits it at commas and the "
                        'piece `%s` is not KEY=VALUE: it stops with "%s must be formatted as key=value"; '
                        "pass each variable with its own `--env`, or quote a value that has commas as "
                        "'\"KEY=a,b\"'" % (word.text, where, tool, field, field),
                    )
        return None


def _message(tool: str, where: str, shown: str, value: str | None) -> str:
    expanded = "" if value is None or value == shown else " (`%s`)" % value
    return (
        "`--env` for `%s` takes KEY=VALUE, but `%s`%s has no `=`: %s stops with "
        '"... must be formatted as key=value"' % (where, shown, expanded, tool)
    )


def _same_name_fix(word):
    """`$NAME:$NAME` (or `${NAME}:${NAME}`, quoted or not) -> `NAME=$NAME`."""
    parts = [p for p in word.parts if not (p.kind == LITERAL and p.value == "")]
    if len(parts) != 3:
        return None
    first, separator, second = parts
    if not (
        first.kind == PARAM == second.kind
        and first.value == second.value
        and separator.kind == LITERAL
        and separator.value == ":"
        and IDENTIFIER_RE.match(first.value)
    ):
        return None
    name = first.value
    edit = Edit(first.start, separator.end, name + "=")
    fixed_text = word.text[: first.start - word.start] + name + "=" + word.text[separator.end - word.start :]
    return Fix.safe("use `%s`" % fixed_text, edit), fixed_text


@derived_fact
def _static_assignments(script) -> dict[str, str]:
    """Variables assigned exactly one static value in the whole script."""
    return _find_static_assignments(script)


def _find_static_assignments(script) -> dict[str, str]:
    values: dict[str, set] = {}
    for assignment in script.assignments:
        values.setdefault(assignment.name, set()).add(assignment.value.value)
    return {name: next(iter(v)) for name, v in values.items() if len(v) == 1 and None not in v}
