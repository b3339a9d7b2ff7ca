from __future__ import annotations

import csv
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

BIND_OPTIONS = ("ro", "rw")
BIND_OPTION_PREFIXES = ("image-src=", "id=")
OPTION_TYPOS = {"readonly": "ro", "read-only": "ro", "readwrite": "rw", "read-write": "rw", "r": "ro", "w": "rw"}
MOUNT_KEYS = ("type", "source", "src", "destination", "dst", "target", "ro", "readonly", "image-src", "id", "nonested")


def split_unescaped(text: str, sep: str) -> list[tuple[int, str]]:
    """Split at `sep` not preceded by a backslash; (offset, piece) pairs."""
    pieces, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == sep:
            pieces.append((start, text[start:i]))
            start = i + 1
        i += 1
    pieces.append((start, text[start:]))
    return pieces


class BindFormat(Rule):
    """
    ## What it does
    Checks the values of `--bind`/`-B` (`SRC[:DEST[:OPTS]]`, comma-separated, options `ro`, `rw`,
    `image-src=`, `id=`), `--mount` (`type=bind,src=...,dst=...`), `--home` (`SRC[:DEST]`) and
    `--overlay` (`PATH[:ro]`).

    ## Why is this bad?
    Apptainer stops before the container starts: "bad bind syntax ... should be
    src:dest:opts", "empty bind source for bind path", "readonly is not a valid bind option",
    "home argument has incorrect number of elements", "mounts must specify a source and a
    destination". An `--overlay` suffix other than `:ro` is silently taken as part of the path.

    ## Example
        apptainer exec --bind /data:/data:readonly image.sif ls /data

    Use instead:

        apptainer exec --bind /data:/data:ro image.sif ls /data

    ## Fix safety
    `readonly` -> `ro` (and `read-only`, `readwrite`) is safe. Nothing else has a fix.

    Severity: error; warning for the `--overlay` suffix.
    """

    code = "JC208"
    name = "container-bind-format"
    severity = Severity.ERROR
    summary = "Malformed --bind/--mount/--home/--overlay value"
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            for use in call.flags:
                word = use.value
                if word is None or use.name not in ("bind", "mount", "home", "overlay"):
                    continue
                text = word.value if word.value is not None else word.literal_prefix
                static = word.value is not None
                if use.name == "bind":
                    yield from self._bind(word, text, static, call.tool)
                elif use.name == "mount" and static:
                    yield from self._mount(word, text, call.tool)
                elif use.name == "home" and static and text.count(":") > 1:
                    yield Diagnostic(
                        word.start,
                        word.end,
                        '`--home %s` has %d `:`: %s stops with "home argument '
                        'has incorrect number of elements: %d"; write SRC or SRC:DEST'
                        % (text, text.count(":"), call.tool, text.count(":") + 1),
                    )
                elif use.name == "overlay" and static and ":" in text and not text.endswith(":ro"):
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`--overlay %s`: only `:ro` is read as an option, so %s "
                        "looks for an overlay file literally named `%s`" % (text, call.tool, text),
                        severity=Severity.WARNING,
                    )

    def _bind(self, word, text, static, tool):
        if not static:
            # only the literal start of the value is known: `:/data$X` still has an empty source
            if text.startswith(":"):
                yield Diagnostic(
                    word.start,
                    word.end,
                    'bind `%s` has no source: %s stops with "empty bind source for bind path"' % (word.text, tool),
                )
            return
        specs = split_unescaped(text, ",")
        index = 0
        while index < len(specs):
            _offset, spec = specs[index]
            index += 1
            parts = split_unescaped(spec, ":")
            if spec in BIND_OPTIONS or spec.startswith(BIND_OPTION_PREFIXES):
                continue  # `a:b:ro,rw`: the word after the comma is another option of the same bind
            if len(parts) > 3:
                yield Diagnostic(
                    word.start,
                    word.end,
                    'bind `%s` has %d `:`-separated parts: %s stops with "bad '
                    'bind syntax ... should be src:dest:opts"; escape a `:` in a path as `\\:`'
                    % (spec, len(parts), tool),
                )
                continue
            if parts[0][1] == "":
                yield Diagnostic(
                    word.start,
                    word.end,
                    'bind `%s` has no source: %s stops with "empty bind source for bind path"' % (spec, tool),
                )
                continue
            if len(parts) == 3:
                for _option_offset, option in split_unescaped(parts[2][1], ","):
                    if option in BIND_OPTIONS or option.startswith(BIND_OPTION_PREFIXES):
                        continue
                    message = (
                        '`%s` is not a bind option: %s stops with "%s is not a valid bind option"; options: '
                        "ro, rw, image-src=..., id=..." % (option, tool, option)
                    )
                    fix = None
                    raw_index = word.text.find(":" + option)
                    if option in OPTION_TYPOS and word.text == text and raw_index >= 0:
                        start = word.start + raw_index + 1
                        fix = Fix.safe(
                            "write `%s`" % OPTION_TYPOS[option], Edit(start, start + len(option), OPTION_TYPOS[option])
                        )
                        message += "; did you mean `%s`?" % OPTION_TYPOS[option]
                    yield Diagnostic(word.start, word.end, message, fix)

    def _mount(self, word, text, tool):
        try:
            fields = next(csv.reader([text]))
        except (csv.Error, StopIteration):
            yield Diagnostic(word.start, word.end, "`--mount %s` is not a comma-separated KEY=VALUE list" % text)
            return
        keys = {}
        for field in fields:
            key, _, value = field.partition("=")
            if key not in MOUNT_KEYS:
                yield Diagnostic(
                    word.start,
                    word.end,
                    '`%s` is not a mount key: %s stops with "invalid key %r in '
                    'mount specification"; keys: %s' % (key, tool, key, ", ".join(MOUNT_KEYS)),
                )
                return
            keys[key] = value
        if keys.get("type", "bind") != "bind":
            yield Diagnostic(
                word.start,
                word.end,
                '`--mount type=%s`: %s stops with "unsupported mount type %r, '
                "only 'bind' is supported\"" % (keys["type"], tool, keys["type"]),
            )
        elif not any(keys.get(k) for k in ("source", "src")) or not any(
            keys.get(k) for k in ("destination", "dst", "target")
        ):
            yield Diagnostic(
                word.start,
                word.end,
                "`--mount %s` lacks a source or a destination: %s stops with "
                '"mounts must specify a source and a destination"' % (text, tool),
            )
