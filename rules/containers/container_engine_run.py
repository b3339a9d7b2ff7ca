from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.command_views import views_named

from .engine_run import ENGINES, VALUE_FLAGS, parse_run
from .flag_removal import removal_span


class ContainerEngineRun(Rule):
    """
    ## What it does
    Checks `docker run` and `podman run` in batch jobs: `-t` (no terminal in a batch job),
    flags written after the image, `--gpus` with a bare comma list, and `-v` with a relative
    source.

    ## Why is this bad?
    - `-it` in a batch job fails with "the input device is not a TTY" (`-t` alone, or a
      detached `-d` container, does not).
    - Like apptainer, `run` stops reading its flags at the image: `docker run img --rm` passes
      `--rm` to the container's command.
    - `--gpus 0,1` is read as two options; the device list needs inner quotes:
      `--gpus '"device=0,1"'`.
    - `-v data:/data` mounts a *named volume* called `data`, not the folder `./data`: reported
      where the script uses `data` as a folder (`./data`, `data/...`, `mkdir data`) and never
      manages docker volumes.

    ## Example
        #!/bin/bash
        #SBATCH --gres=gpu:2
        docker run -it --gpus 0,1 -v data:/data pytorch/pytorch python train.py

    Use instead:

        #!/bin/bash
        #SBATCH --gres=gpu:2
        docker run -i --gpus '"device=0,1"' -v "$PWD/data":/data pytorch/pytorch python train.py

    ## Fix safety
    Dropping `-t` is safe. Nothing else has a fix.
    """

    code = "JC218"
    name = "container-engine-run"
    severity = Severity.WARNING
    summary = (
        "docker/podman run problems in a batch job: -it, flags after the image, --gpus lists, a volume name "
        "used as a folder"
    )
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not any(d.in_header for d in script.directives):
            return  # not a batch job: directives only after commands belong to notes or a pasted job
        for view in views_named(script, settings.container_runtime, *ENGINES):
            words = view.words
            if len(words) < 2 or words[1].value != "run":
                continue
            flags, image, image_index = parse_run(words)
            engine = view.basename
            # `-d`: the container runs detached, nothing is attached to the job's stdin
            detached = any(_short_group(f.value or "", "d") or (f.value or "") == "--detach" for f, _ in flags)
            for flag, value in flags:
                text = flag.value or ""
                yield from self._flag(script, engine, flag, text, value, detached)
            if image is not None:
                after = words[image_index + 1 : image_index + 2]
                if after and (after[0].value or "").split("=", 1)[0] in VALUE_FLAGS | {
                    "--rm",
                    "-d",
                    "-it",
                    "-i",
                    "--privileged",
                    "--init",
                }:
                    yield Diagnostic(
                        after[0].start,
                        after[0].end,
                        "`%s` after the image `%s`: `%s run` stops "
                        "reading its flags at the image, so it goes to the container's command; move "
                        "it before the image" % (after[0].text, image.text, engine),
                    )

    def _flag(self, script, engine, flag, text, value, detached):
        # docker refuses a terminal only when stdin is attached too (`-it`): `-t` alone, or `-d`, runs
        if _short_group(text, "t") and "i" in text[1:] and not detached:
            remaining = text.replace("t", "")
            if remaining == "-":
                fix = Fix.safe("remove `-t`", Edit.delete(*removal_span(script.text, flag.start, flag.end)))
            else:
                fix = Fix.safe("write `%s`" % remaining, Edit(flag.start, flag.end, remaining))
            yield Diagnostic(
                flag.start,
                flag.end,
                "`%s` asks for a terminal, and a batch job has none: `%s run` stops "
                'with "the input device is not a TTY"' % (text, engine),
                fix,
            )
        elif text.split("=", 1)[0] == "--gpus":
            gpus = text.split("=", 1)[1] if "=" in text else (value.value if value is not None else None)
            if gpus and "," in gpus and not gpus.startswith('"'):
                yield Diagnostic(
                    flag.start,
                    (value or flag).end,
                    "`--gpus %s`: the comma splits the value; write "
                    "`--gpus '\"device=%s\"'`" % (gpus, gpus.replace("device=", "")),
                )
        elif text.split("=", 1)[0] in ("-v", "--volume"):
            volume = text.split("=", 1)[1] if "=" in text else (value.value if value is not None else None)
            if volume and ":" in volume:
                source = volume.split(":", 1)[0]
                if source and not source.startswith(("/", ".", "~", "$")) and _used_as_folder(script.text, source):
                    yield Diagnostic(
                        flag.start,
                        (value or flag).end,
                        "`-v %s`: a source that is not a path (`/...`, "
                        "`./...`) is a volume name, so %s mounts a named volume `%s`, not the folder "
                        '`./%s`; write `"$PWD/%s"`' % (volume, engine, source, source, source),
                    )


def _short_group(text: str, letter: str) -> bool:
    """`text` is a group of docker's short yes/no flags (`-it`, `-dit`) holding `letter`."""
    return text.startswith("-") and not text.startswith("--") and letter in text[1:] and set(text[1:]) <= set("itdP")


def _used_as_folder(text: str, name: str) -> bool:
    """The script treats `name` as a folder elsewhere (`./name`, `name/...`, `mkdir name`, `cd name`) and
    never as a docker volume: only then is a named volume evidently not what the author meant."""
    if re.search(r"\b(?:docker|podman)\s+volume\b", text):
        return False
    escaped = re.escape(name)
    return (
        re.search(r"(?:\./%s\b|(?<![\w$.-])%s/|\b(?:mkdir|cd)\s+(?:-p\s+)?%s\b)" % (escaped, escaped, escaped), text)
        is not None
    )
