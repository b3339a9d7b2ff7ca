from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .calls import container_calls
from .flag_position import removal_span

READ_ONLY_IMAGES = (".sif", ".sqsh", ".squashfs", ".sqfs", ".simg")


def _by_name(call):
    found = {}
    for use in call.flags:
        if use.name is not None:
            found.setdefault(use.name, []).append(use)
    return found


class WritableImage(Rule):
    """
    ## What it does
    Finds `--writable`/`-w` on a SIF or squashfs image, `--writable` together with
    `--writable-tmpfs`, and `--writable` together with `--overlay`.

    ## Why is this bad?
    A SIF without an overlay partition, or a squashfs file, cannot be opened for writing: the
    job fails with "no SIF writable overlay partition found" or "squashfs is a read-only
    filesystem". With both `--writable` and `--writable-tmpfs`, apptainer drops the tmpfs
    ("Disabling --writable-tmpfs flag, mutually exclusive with --writable"); `--overlay` and
    `--writable` cannot be combined.

    ## Example
        apptainer exec --writable image.sif pip install x

    Use instead:

        apptainer exec --writable-tmpfs image.sif pip install x

    ## Fix safety
    `--writable` -> `--writable-tmpfs` on a SIF is unsafe: changes then vanish when the
    container exits. Dropping a redundant `--writable-tmpfs` is safe.

    Severity: error; warning for the redundant `--writable-tmpfs`.
    """

    code = "JC209"
    name = "container-writable-image"
    severity = Severity.ERROR
    summary = "--writable on a read-only image, or combined with flags it excludes"
    fix_availability = "sometimes"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            flags = _by_name(call)
            if "writable" not in flags:
                continue
            writable = flags["writable"][0]
            image = call.image.value if call.image is not None else None
            if image and (image.endswith(READ_ONLY_IMAGES) or image.startswith(("docker://", "library://", "oras://"))):
                fix = None
                if writable.spelled == "--writable" and "writable-tmpfs" not in flags:
                    fix = Fix.unsafe("use `--writable-tmpfs` (changes are lost when the container exits)",
                                     Edit(writable.word.start, writable.word.end, "--writable-tmpfs"))
                yield Diagnostic(writable.word.start, writable.word.end,
                                 "`%s` on the read-only image `%s`: the job fails with \"no SIF writable overlay "
                                 "partition found\" (or \"squashfs is a read-only filesystem\"); use `--writable-tmpfs` "
                                 "for scratch changes, or an `--overlay` to keep them" % (writable.spelled, image), fix)
            if "writable-tmpfs" in flags:
                tmpfs = flags["writable-tmpfs"][0]
                yield Diagnostic(tmpfs.word.start, tmpfs.word.end,
                                 "`--writable-tmpfs` with `%s`: %s drops it (\"Disabling --writable-tmpfs flag, "
                                 "mutually exclusive with --writable\")" % (writable.spelled, call.tool),
                                 Fix.safe("remove `--writable-tmpfs`",
                                          Edit.delete(*removal_span(script.text, tmpfs.word.start, tmpfs.word.end))),
                                 severity=Severity.WARNING)
            if "overlay" in flags:
                overlay = flags["overlay"][0]
                yield Diagnostic(overlay.word.start, overlay.end,
                                 "`--overlay` and `%s` cannot be combined: the container does not start; keep one"
                                 % writable.spelled)


class GpuFlags(Rule):
    """
    ## What it does
    Finds `--compat32` without `--nv` or `--rocm`, and `--nvccli` together with `--nv`.

    ## Why is this bad?
    `--compat32` does nothing without a GPU flag ("Ignoring --compat32, it requires a GPU option
    such as --nv or --rocm"). `--nvccli` already implies `--nv`.

    ## Example
        apptainer exec --nv --nvccli image.sif nvidia-smi

    Use instead:

        apptainer exec --nvccli image.sif nvidia-smi

    ## Fix safety
    Dropping the redundant `--nv` is safe.

    Severity: warning for `--compat32`; info for the redundant `--nv`.
    """

    code = "JC210"
    name = "container-gpu-flags"
    severity = Severity.WARNING
    summary = "--compat32 without a GPU flag, or --nv redundant next to --nvccli"
    fix_availability = "sometimes"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            flags = _by_name(call)
            if "compat32" in flags and not ({"nv", "rocm", "nvccli"} & set(flags)):
                use = flags["compat32"][0]
                yield Diagnostic(use.word.start, use.word.end, "`--compat32` without `--nv` or `--rocm` does nothing: "
                                 "%s says \"Ignoring --compat32, it requires a GPU option such as --nv or --rocm\""
                                 % call.tool)
            if "nvccli" in flags and "nv" in flags:
                use = flags["nv"][0]
                yield Diagnostic(use.word.start, use.word.end, "`--nv` is redundant: `--nvccli` implies it",
                                 Fix.safe("remove `--nv`", Edit.delete(*removal_span(script.text, use.word.start,
                                                                                      use.word.end))),
                                 severity=Severity.INFO)


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

    Use instead: the long name, `--contain` or `--containall`, whichever is meant.

    ## Fix safety
    Writing `--contain` is safe: it is the same flag.
    """

    code = "JC219"
    name = "container-contain-shorthand"
    severity = Severity.INFO
    summary = "`-c` is --contain; --containall is `-C`"
    fix_availability = "always"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.name == "contain" and use.spelled == "-c" and use.word.text == "-c":
                    yield Diagnostic(use.word.start, use.word.end,
                                     "`-c` is `--contain` (files only; the host environment still gets in), not "
                                     "`--containall` (`-C`); write the long name",
                                     Fix.safe("write `--contain`", Edit(use.word.start, use.word.end, "--contain")))
