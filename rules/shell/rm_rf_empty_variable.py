from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.words import LITERAL, PARAM
from jobcheck.patterns import lazy
from jobcheck.semantics.command_views import views_named

# Set in every shell, or by every scheduler in every job: never empty where the job runs.
ALWAYS_SET = frozenset(
    """
HOME PWD USER LOGNAME SHELL PATH HOSTNAME SLURM_SUBMIT_DIR SLURM_JOB_ID SLURM_JOBID SLURM_JOB_NAME
SLURM_JOB_USER PBS_O_WORKDIR PBS_JOBID PBS_JOBNAME PBS_O_HOME LSB_JOBID LS_SUBCWD JOB_ID JOB_NAME SGE_O_WORKDIR
""".split()
)
# Site variables (set on some clusters, in some releases, or only inside a job): empty elsewhere
# whatever the script sources, since no script sets them for itself.
SITE_VARIABLES = frozenset(
    """
TMPDIR TMP TEMP SLURM_TMPDIR SCRATCH WORK LOCAL_SCRATCH LOCALSCRATCH SCRATCHDIR PBS_JOBFS PBS_TMPDIR
SLURM_JOB_TMP JOBTMP TMPJOB LSCRATCH
""".split()
)
# After the variable is gone, what is left of the word: the root, or everything in it.
ROOTISH = lazy(r"^/+(\*|\.\*|\.\[!\.\]\*)?/?$")
LOOP_OR_READ = lazy(
    r"\b(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)\b|"
    r"\b(?:read|getopts|mapfile|readarray)\b[^\n;|&]*"
)
NOUNSET = lazy(r"^\s*set\s+(-[a-zA-Z]*u|-o\s+nounset)", re.MULTILINE)


class RmRfEmptyVariable(Rule):
    """
    ## What it does
    Finds `rm -r` of a path made of one variable and a slash: `rm -rf /$DIR`, `rm -rf $DIR/`,
    `rm -rf "$DIR"/*`, where the variable can be empty: a site or job variable (`$TMPDIR`,
    `$SLURM_TMPDIR`, `$SCRATCH`) that some clusters do not set, or one this script never sets.
    Not reported where the job's own request makes the site set it (`$SCRATCHDIR` with a
    `scratch_local=` resource, `$PBS_JOBFS` with `jobfs=`).

    ## Why is this bad?
    An empty variable leaves `/` or `/*`: `rm -rf "$SLURM_TMPDIR"/*` on a cluster without
    `$SLURM_TMPDIR` deletes every file the job's user may delete, starting at the root (home
    folders and project storage included).

    ## Example
        rm -rf "$TMPDIR"/*

    Use instead:

        rm -rf "${TMPDIR:?}"/*

    (`${VAR:?}` stops the script with a message when the variable is empty or unset.)

    ## Fix safety
    Safe: with the variable set nothing changes; with it empty the script stops instead of
    deleting from the root.

    Quiet where the variable has a default or a check (`${DIR:-/tmp/x}`, `${DIR:?}`,
    `[ -n "$DIR" ]`, `[ -d "$DIR" ]`), under `set -u`, and, for a name that is not a known site
    variable, where the script sources another file that may set it.
    """

    code = "JC014"
    name = "rm-rf-empty-variable"
    severity = Severity.WARNING
    summary = "`rm -r` of `$VAR/` or `/$VAR`: an empty variable deletes from the root"
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        rms = views_named(script, settings.container_runtime, "rm")
        if not rms or NOUNSET.search(script.text):
            return
        set_here = _set_in(script)
        sources = bool(script.commands_named("source", "."))
        for view in rms:
            for word in _recursive_targets(view.args):
                part = _lone_variable(word)
                if part is None:
                    continue
                name = part.value
                if (
                    name in ALWAYS_SET
                    or name in set_here
                    or _checked(script.text, name)
                    or _after_a_use(script.text, view.command.start, name)
                ):
                    continue
                if sources and name not in SITE_VARIABLES:
                    continue
                if _requested(script, name):
                    continue
                said = script.text[part.start : part.end]
                why = (
                    "a site variable some clusters do not set"
                    if name in SITE_VARIABLES
                    else "this script never sets it"
                )
                fix = None
                if said in ("$" + name, "${%s}" % name):
                    fix = Fix.safe("write `${%s:?}`" % name, Edit(part.start, part.end, "${%s:?}" % name))
                yield Diagnostic(
                    word.start,
                    word.end,
                    "if `%s` is empty (%s), `%s` is `%s` and this `rm -r` deletes "
                    "from the root; write `${%s:?}` to stop instead" % (said, why, word.text, _left(word, part), name),
                    fix=fix,
                )


# Site variables the job's own request makes the site set: MetaCentrum's $SCRATCHDIR comes with a
# `scratch_local=`/`scratch_ssd=`/`scratch_shared=`/`scratch_shm=` resource, NCI's $PBS_JOBFS with `jobfs=`.
REQUESTED_BY = {"SCRATCHDIR": "scratch_", "PBS_JOBFS": "jobfs="}


def _requested(script, name: str) -> bool:
    marker = REQUESTED_BY.get(name)
    return marker is not None and any(marker in script.text[d.start : d.end] for d in script.pbs_directives)


def _recursive_targets(args):
    recursive, options, targets = False, True, []
    for word in args:
        text = word.value
        if options and text == "--":
            options = False
        elif options and text is not None and text.startswith("-") and len(text) > 1:
            recursive = (
                recursive or text == "--recursive" or (not text.startswith("--") and bool(set(text) & {"r", "R"}))
            )
        else:
            targets.append(word)
    return targets if recursive else []


def _lone_variable(word):
    """The one parameter of a word that leaves `/` or `/*` when it expands to nothing."""
    params = [p for p in word.parts if p.kind == PARAM]
    if len(params) != 1 or any(p.kind not in (LITERAL, PARAM) for p in word.parts):
        return None
    part = params[0]
    said = word.text[part.start - word.start : part.end - word.start]
    if said.startswith("${") and not re.match(r"^\$\{[A-Za-z_][A-Za-z0-9_]*([}%#/^,]|:\+|\+)", said):
        return None  # ${X:-default}, ${X:?}, ${X=...}, ${#X}: not empty, or stops the script
    if not re.match(r"^\$\{?[A-Za-z_]", said):
        return None  # $1, $@, $$: positional or special
    left = _left(word, part)
    return part if "/" in left and ROOTISH.match(left) else None


def _left(word, part) -> str:
    return "".join(p.value for p in word.parts if p is not part)


def _set_in(script) -> set[str]:
    names = {a.name for a in script.assignments}
    for m in LOOP_OR_READ.finditer(script.text):
        if m.group(1):
            names.add(m.group(1))
        else:
            names.update(re.findall(r"(?<![-\w$])[A-Za-z_][A-Za-z0-9_]*", m.group(0)))
    return names


def _after_a_use(text: str, start: int, name: str) -> bool:
    """`cd "$DIR" && rm -rf ./*`-like chains: a command before `&&` on the same line that
    fails first when the variable is empty (`chmod -R u+w $DIR && rm -rf $DIR/*`)."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.rstrip().endswith("&&") and re.search(r"\$\{?%s\b" % re.escape(name), line) is not None


def _checked(text: str, name: str) -> bool:
    """`[ -n "$X" ]`, `[ -d $X ]`, `test -z "${X}"`, `${X:?}`, `[ "$X" != "" ]` anywhere."""
    variable = r"\$\{?%s\}?" % re.escape(name)
    return bool(
        re.search(r"-[nzdeL]\s+\"?%s|\$\{%s:?\?|\"%s\"\s*!?==?\s*\"\"" % (variable, re.escape(name), variable), text)
    )
