from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.container_calls import IMAGE_SUFFIXES, container_calls

NAME = lazy(r"^[A-Za-z_][A-Za-z0-9_]*$")
PATH_FLAGS = ("bind", "overlay", "home", "mount", "workdir")


class BareWordVariable(Rule):
    """
    ## What it does
    Finds a bare word where the script evidently meant a variable it sets: the container image
    of `apptainer run --nv IMAGE` after `IMAGE=/path/app.sif`, `--bind DATA:/data` after
    `DATA=/scratch/...`, `cd WORKDIR` or `source ENVFILE` after `WORKDIR=...`/`ENVFILE=...`.

    ## Why is this bad?
    Without the `$` the word is taken literally: apptainer looks for an image file named
    `IMAGE` in the current folder ("could not open image"), `--bind DATA:/data` binds a
    folder named `DATA` that does not exist, `cd WORKDIR` fails and the job goes on in the
    folder it started in.

    ## Example
        IMAGE=/containers/app.sif
        apptainer run --nv IMAGE

    Use instead:

        apptainer run --nv "$IMAGE"

    ## Fix safety
    Unsafe: a file or folder with that very name could exist.

    Only a word that is exactly the name of a variable the script sets to a path (a value
    with `/`, an image suffix or an expansion), with no `/` or `.` of its own.
    """

    code = "JC016"
    name = "bare-word-variable"
    severity = Severity.WARNING
    summary = "A bare word that is the name of a path variable the script sets: `$` missing"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        paths = _path_variables(script)
        if not paths:
            return
        for word, what in _path_words(script, settings):
            name = word.value
            if name is None or name not in paths:
                continue
            line = script.source.position(paths[name].start).line
            yield Diagnostic(
                word.start,
                word.end,
                "%s is the literal word `%s`, but line %d sets `%s=%s`: "
                'without `$` the job looks for a file or folder named `%s`; did you mean `"$%s"`?'
                % (what, name, line, name, paths[name].value.text, name, name),
                fix=Fix.unsafe('write `"$%s"`' % name, Edit(word.start, word.end, '"$%s"' % name)),
            )


def _path_variables(script) -> dict:
    found: dict = {}
    for assignment in script.assignments:
        value = assignment.value
        text = value.value if value.value is not None else value.text
        if text and text != assignment.name and ("/" in text or text.endswith(IMAGE_SUFFIXES) or "$" in value.text):
            found.setdefault(assignment.name, assignment)
    return found


def _path_words(script, settings):
    """(word, what it is for a message) of each bare-name word used as a path."""
    for call in container_calls(script, settings):
        if call.image is not None and _bare(call.image):
            yield call.image, "the container image"
        for use in call.flags:
            if use.name in PATH_FLAGS and use.value is not None and use.value.value is not None:
                yield from _bind_sources(use.value, use.spelled)
    for command in script.commands:
        if command.basename in ("cd", "pushd", "source", ".") and len(command.args) == 1 and _bare(command.args[0]):
            yield command.args[0], "the `%s` argument" % command.basename


def _bind_sources(word, flag):
    """The bare first field of each `SRC[:DEST[:OPTS]]` of a bind-like value."""
    offset = 0
    for item in word.value.split(","):
        source = item.split(":", 1)[0]
        if NAME.match(source) and word.text[offset : offset + len(source)] == source:
            yield word.sub(word.start + offset, word.start + offset + len(source)), "the `%s` source" % flag
        offset += len(item) + 1


def _bare(word) -> bool:
    return word.value is not None and word.text == word.value and NAME.match(word.value) is not None
