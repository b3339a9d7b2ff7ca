from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .flag_lookup import _by_name
from .flag_removal import removal_span

READ_ONLY_IMAGES = (".sif", ".sqsh", ".squashfs", ".sqfs", ".simg")


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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            flags = _by_name(call)
            if "writable" not in flags:
                continue
            writable = flags["writable"][0]
            image = call.image.value if call.image is not None else None
            if image and (image.endswith(READ_ONLY_IMAGES) or image.startswith(("docker://", "library://", "oras://"))):
                fix = None
                if writable.spelled == "--writable" and "writable-tmpfs" not in flags:
                    fix = Fix.unsafe(
                        "use `--writable-tmpfs` (changes are lost when the container exits)",
                        Edit(writable.word.start, writable.word.end, "--writable-tmpfs"),
                    )
                yield Diagnostic(
                    writable.word.start,
                    writable.word.end,
                    '`%s` on the read-only image `%s`: the job fails with "no SIF writable overlay '
                    'partition found" (or "squashfs is a read-only filesystem"); use '
                    "`--writable-tmpfs` for scratch changes, or an `--overlay` to keep them"
                    % (writable.spelled, image),
                    fix,
                )
            if "writable-tmpfs" in flags:
                tmpfs = flags["writable-tmpfs"][0]
                yield Diagnostic(
                    tmpfs.word.start,
                    tmpfs.word.end,
                    '`--writable-tmpfs` with `%s`: %s drops it ("Disabling --writable-tmpfs flag, '
                    'mutually exclusive with --writable")' % (writable.spelled, call.tool),
                    Fix.safe(
                        "remove `--writable-tmpfs`",
                        Edit.delete(*removal_span(script.text, tmpfs.word.start, tmpfs.word.end)),
                    ),
                    severity=Severity.WARNING,
                )
            if "overlay" in flags:
                overlay = flags["overlay"][0]
                yield Diagnostic(
                    overlay.word.start,
                    overlay.end,
                    "`--overlay` and `%s` cannot be combined: the container does not start; keep one"
                    % writable.spelled,
                )
