from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.command_views import views_named
from jobcheck.semantics.srun_command import srun_option_words

MOUNT_FLAGS = (
    "ro",
    "rw",
    "nosuid",
    "nodev",
    "noexec",
    "rbind",
    "bind",
    "rprivate",
    "private",
    "rslave",
    "slave",
    "rshared",
    "shared",
    "x-create=auto",
    "x-create=file",
    "x-create=dir",
    "recursive",
)
PAIRS = (
    ("container-writable", "container-readonly"),
    ("container-mount-home", "no-container-mount-home"),
    ("container-remap-root", "no-container-remap-root"),
    ("container-entrypoint", "no-container-entrypoint"),
)
NAMESPACES = ("net", "ipc", "uts")
NAME_FLAGS = ("auto", "create", "exec", "no_exec")
REGISTRY_RE = lazy(r"^(?:[^@/#]+@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?|[A-Za-z0-9-]+:\d+|localhost)/")


def srun_container_options(view):
    """(name, option word, value word) for the pyxis options of an `srun` command."""
    options, _ = srun_option_words(view.words, 1)
    return [
        (option.name, word, value)
        for option, word, value in options
        if option is not None and option.name.startswith(("container-", "no-container-"))
    ]


class PyxisOptions(Rule):
    """
    ## What it does
    Checks the pyxis options of `srun` (`--container-image`, `--container-mounts`,
    `--container-env`, `--container-name`, `--container-unshare` and the yes/no pairs), and
    `#SBATCH --container-image` lines.

    ## Why is this bad?
    - `--container-env` takes variable *names*: `--container-env=FOO=bar` is accepted and
      does nothing useful.
    - `--container-mounts` joins mount flags with `+` (`/a:/b:ro+rprivate`); a `,` starts a new
      mount, so `/a:/b:ro,rprivate` fails with "invalid format"; a source must start with `/` or
      `.` ("mount source must be a relative path, an absolute path, ...").
    - an image written Docker-style, `nvcr.io/nvidia/pytorch:24.05-py3`, is looked up on Docker
      Hub by enroot before 4.0 (2025; 4.0 reads a host with a `.` or `:` as the registry);
      every release separates the registry with `#`: `nvcr.io#nvidia/pytorch:24.05-py3`.
    - on a `#SBATCH` line that `#` must be escaped (`\\#`), or sbatch cuts the line there.
    - both halves of a yes/no pair, an unknown namespace, or a bad `--container-name` flag stop
      srun.

    ## Example
        srun --container-image=nvcr.io/nvidia/pytorch:24.05-py3 --container-mounts=data:/data python x.py

    Use instead:

        srun --container-image=nvcr.io#nvidia/pytorch:24.05-py3 --container-mounts=./data:/data python x.py

    ## Fix safety
    The registry `#`, the `+` between mount flags, `./` before a relative mount source and `\\#`
    on an `#SBATCH` line are safe fixes. `--container-env=FOO=bar` has none.

    Severity: error; warning for the Docker-style registry path (it depends on the enroot release).
    """

    code = "JC217"
    name = "pyxis-container-options"
    severity = Severity.ERROR
    summary = (
        "Malformed pyxis srun --container-* option (warning: a Docker-style registry path, refused by enroot "
        "before 4.0)"
    )
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        yield from self._directives(script)
        for view in views_named(script, settings.container_runtime, "srun"):
            options = srun_container_options(view)
            names = {name for name, _, _ in options}
            for first, second in PAIRS:
                if first in names and second in names:
                    word = next(w for n, w, _ in options if n == second)
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`--%s` and `--%s` are both given: pyxis stops srun; keep one" % (first, second),
                    )
            for name, _flag, value in options:
                if value is None or value.value is None:
                    continue
                yield from self._value(name, value)

    def _value(self, name, value):
        text = value.value
        raw_ok = value.text == text
        if name == "container-env":
            for item in text.split(","):
                if "=" in item:
                    key = item.split("=", 1)[0]
                    yield Diagnostic(
                        value.start,
                        value.end,
                        "`--container-env` takes variable names, not KEY=VALUE: "
                        "`%s` passes nothing useful; `export %s` before srun and write "
                        "`--container-env=%s`" % (item, item, key),
                    )
        elif name == "container-image":
            m = REGISTRY_RE.match(text)
            if m and "#" not in text:
                host_end = m.end() - 1
                fixed = text[:host_end] + "#" + text[host_end + 1 :]
                fix = (
                    Fix.safe("write `%s`" % fixed, Edit(value.start + host_end, value.start + host_end + 1, "#"))
                    if raw_ok
                    else None
                )
                yield Diagnostic(
                    value.start,
                    value.end,
                    "`%s` names the registry `%s` Docker-style: enroot before 4.0 "
                    "takes it for a Docker Hub path and the pull fails; `#` separates the registry in "
                    "every release: `%s`" % (text, m.group(1), fixed),
                    fix,
                    severity=Severity.WARNING,
                )
        elif name == "container-mounts":
            yield from self._mounts(value, text, raw_ok)
        elif name == "container-unshare":
            for namespace in text.split(","):
                if namespace not in NAMESPACES:
                    yield Diagnostic(
                        value.start,
                        value.end,
                        "`%s` is not a namespace pyxis can unshare: it stops with "
                        "\"unknown namespace '%s'\"; namespaces: net, ipc, uts" % (namespace, namespace),
                    )
        elif name == "container-name" and ":" in text:
            flag = text.rsplit(":", 1)[1]
            if flag not in NAME_FLAGS:
                yield Diagnostic(
                    value.start,
                    value.end,
                    "`%s` after `:` is not a container-name flag: pyxis "
                    'stops with "flag must be \\"auto\\", \\"create\\", \\"exec\\" or '
                    '\\"no_exec\\""' % flag,
                )

    def _mounts(self, value, text, raw_ok):
        offset = 0
        entries = text.split(",")
        for index, entry in enumerate(entries):
            start = value.start + offset if raw_ok else value.start
            offset += len(entry) + 1
            if entry in MOUNT_FLAGS and index > 0:
                fix = Fix.safe("join mount flags with `+`", Edit(start - 1, start, "+")) if raw_ok else None
                yield Diagnostic(
                    value.start,
                    value.end,
                    "`,%s`: pyxis splits mounts at `,`, so `%s` is read as a "
                    'mount and it stops with "invalid format"; join mount flags with `+` (`:ro+%s`)'
                    % (entry, entry, entry)
                    if entry != "ro"
                    else "`,ro`: pyxis splits mounts at `,`; join mount flags with `+`",
                    fix,
                )
                continue
            source = entry.split(":", 1)[0]
            if source and not source.startswith(("/", ".", "$")) and source not in ("tmpfs", "umount"):
                fix = Fix.safe("write `./%s`" % source, Edit.insert(start, "./")) if raw_ok else None
                yield Diagnostic(
                    value.start,
                    value.end,
                    "mount source `%s` is neither absolute nor starts with `.`: "
                    'pyxis stops with "mount source must be a relative path, an absolute path, '
                    '\\"tmpfs\\" or \\"umount\\""; write `./%s`' % (source, source),
                    fix,
                )

    def _directives(self, script):
        for directive in script.directives:
            if not directive.in_header or directive.comment is None or not directive.tokens:
                continue
            token = directive.tokens[-1]
            if token.cut_by_hash and token.value.lstrip("-").startswith(("container-image", "container-im")):
                yield Diagnostic(
                    token.start,
                    directive.end,
                    "sbatch cuts this line at the unescaped `#`: the image "
                    "becomes `%s`; escape it as `\\#` on `#SBATCH` lines" % token.value.split("=", 1)[-1],
                    Fix.safe("escape the `#`", Edit.insert(directive.comment, "\\")),
                )
