"""Configuration files: `.jobcheck.toml`, or `[tool.jobcheck]` in `pyproject.toml`.

For each checked file the nearest configuration wins, found by walking up from the file's
folder (in one folder `.jobcheck.toml` wins over `pyproject.toml`, and a `pyproject.toml`
counts only when it has a `[tool.jobcheck]` table). `--config PATH` uses one file for all,
`--isolated` none. Command-line options override the file: `--select` replaces `select`,
`--ignore` and `--extend-select` add to the file's lists.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple

from ..engine.codes import ENGINE_CODES
from ..engine.files import MAX_CONFIG_BYTES, UnreadableFile, read_regular
from ..frontends.nesting import bracket_depth
from ..knowledge import sbatch_options
from ..patterns import lazy
from ..semantics.suggest import suggest
from ..settings import CONTAINER_RUNTIMES, SCHEDULERS, SEVERITY_NAMES

MAX_TOML_DEPTH = 100  # far beyond any real configuration; deeper input would exhaust the parser's recursion
CONFIG_FILES = (".jobcheck.toml", "jobcheck.toml", "pyproject.toml")

LIST_KEYS = ("select", "ignore", "extend-select", "extend-ignore", "exclude", "extend-exclude")
STRING_KEYS = ("fail-on", "slurm-version", "apptainer-version", "container-runtime", "profile", "scheduler")
TABLE_KEYS = ("per-file-ignores", "severity", "options")
BOOL_KEYS = ("report-unused-suppressions", "include-docs")
KEYS = LIST_KEYS + STRING_KEYS + TABLE_KEYS + BOOL_KEYS


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


class Config(NamedTuple):
    """One configuration file's jobcheck settings (`.jobcheck.toml` or `[tool.jobcheck]`)."""

    path: str  # the file it was read from
    root: str  # its folder: patterns and paths are relative to it
    values: dict[str, Any]  # the [tool.jobcheck] table's keys, checked and normalized

    def get(self, key: str, default=None):
        return self.values.get(key, default)


def find(start_dir: str, cache: dict | None = None) -> Config | None:
    """The nearest configuration above `start_dir` (inclusive), or None."""
    directory = os.path.abspath(start_dir)
    visited = []
    while True:
        if cache is not None and directory in cache:
            found = cache[directory]
            break
        found = _config_in(directory)
        visited.append(directory)
        if found is not None:
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            found = None
            break
        directory = parent
    if cache is not None:
        for folder in visited:
            cache[folder] = found
    return found


def _config_in(directory: str) -> Config | None:
    for name in CONFIG_FILES:
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            continue
        if name == "pyproject.toml":
            try:
                data = read_toml(path)
            except ValueError:
                continue  # someone else's broken pyproject.toml is not ours to report
            if "jobcheck" not in data.get("tool", {}):
                continue
        return load(path)
    return None


def load(path: str) -> Config:
    try:
        data = read_toml(path)
    except ValueError as exc:
        raise ConfigError("%s: %s" % (path, exc)) from None
    table = "[tool.jobcheck]" if os.path.basename(path) == "pyproject.toml" else ""
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("jobcheck", {})
    config = Config(path=path, root=os.path.dirname(os.path.abspath(path)), values=data)
    validate(config, table)
    return config


def validate(config: Config, table: str) -> None:
    """Types and values of the keys; codes and plugin options are checked by check_against()."""
    problems = []
    for key, value in config.values.items():
        where = "%s: %s" % (config.path, table) if table else config.path
        if key not in KEYS:
            found = suggest(key, KEYS, max_distance=3)
            hint = "; did you mean `%s`?" % found.best if found.candidates else ""
            problems.append("%s: unknown key `%s`%s" % (where, key, hint))
        elif key in LIST_KEYS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append("%s: `%s` must be a list of strings" % (where, key))
        elif key in STRING_KEYS and not isinstance(value, str):
            problems.append("%s: `%s` must be a string" % (where, key))
        elif key in BOOL_KEYS and not isinstance(value, bool):
            problems.append("%s: `%s` must be true or false" % (where, key))
        elif key in TABLE_KEYS and not isinstance(value, dict):
            problems.append("%s: `%s` must be a table" % (where, key))
        elif key == "fail-on" and value not in SEVERITY_NAMES:
            problems.append("%s: `fail-on` must be one of %s, not `%s`" % (where, ", ".join(SEVERITY_NAMES), value))
        elif key == "container-runtime" and value not in CONTAINER_RUNTIMES:
            problems.append(
                "%s: `container-runtime` must be one of %s, not `%s`" % (where, ", ".join(CONTAINER_RUNTIMES), value)
            )
        elif key == "scheduler" and value not in SCHEDULERS:
            problems.append("%s: `scheduler` must be one of %s, not `%s`" % (where, ", ".join(SCHEDULERS), value))
        elif key == "severity":
            for code, level in value.items():
                if level not in SEVERITY_NAMES:
                    problems.append(
                        "%s: `severity.%s` must be one of %s, not `%s`"
                        % (where, code, ", ".join(SEVERITY_NAMES), level)
                    )
        elif key == "per-file-ignores":
            for pattern, codes in value.items():
                if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
                    problems.append('%s: `per-file-ignores."%s"` must be a list of codes' % (where, pattern))
                problems.extend("%s: `per-file-ignores`: %s" % (where, p) for p in pattern_problems([pattern]))
        elif key in ("exclude", "extend-exclude"):
            problems.extend("%s: `%s`: %s" % (where, key, p) for p in pattern_problems(value))
        elif key == "slurm-version":
            try:
                config.values[key] = slurm_release(value)
            except ValueError as exc:
                problems.append("%s: `slurm-version`: %s" % (where, exc))
        elif key == "apptainer-version" and not APPTAINER_RELEASE_RE.match(value):
            problems.append("%s: `apptainer-version` must be a release like 1.2 or 1.3.4, not `%s`" % (where, value))
    if problems:
        raise ConfigError("\n".join(problems))


ENGINE_SELECTORS = tuple((e.code, e.name) for e in ENGINE_CODES)


def unknown_selector(selector: str, registry) -> str | None:
    """None when `selector` (ALL, a code, a code prefix or a rule name) selects a rule; else what
    to tell the user about it, with a did-you-mean."""
    codes = [r.code for r in registry.rules] + [c for c, _ in ENGINE_SELECTORS]
    names = [r.name for r in registry.rules] + [n for _, n in ENGINE_SELECTORS]
    if selector == "ALL" or selector in names or (selector and any(c.startswith(selector) for c in codes)):
        return None
    parts = selector.replace(",", " ").split()
    if len(parts) > 1:
        return "`%s`, which is no rule code, prefix or name; separate codes with commas: `%s`" % (
            selector,
            ",".join(parts),
        )
    found = suggest(selector, codes + names, max_distance=2)
    hint = "; did you mean `%s`?" % found.best if found.candidates else ""
    return "`%s`, which is no rule code, prefix or name%s" % (selector, hint)


def check_codes(config: Config, registry) -> None:
    """Every code named in the configuration must select some rule; plugin options must exist."""
    problems = []
    named = []
    for key in ("select", "ignore", "extend-select", "extend-ignore"):
        named += [(key, c) for c in config.get(key, [])]
    for listed in config.get("per-file-ignores", {}).values():
        named += [("per-file-ignores", c) for c in listed]
    named += [("severity", c) for c in config.get("severity", {})]
    for key, code in named:
        unknown = unknown_selector(code, registry)
        if unknown is not None:
            problems.append("%s: `%s` names %s" % (config.path, key, unknown))
    known_options = {o.name: o for o in registry.options}
    for name, value in config.get("options", {}).items():
        if name in known_options:
            problem = option_problem(known_options[name], value)
            if problem is not None:
                problems.append("%s: `options.%s` %s" % (config.path, name, problem))
        else:
            found = suggest(name, known_options, max_distance=3)
            hint = "; did you mean `%s`?" % found.best if found.candidates else ""
            problems.append("%s: `options.%s` is no option of any loaded plugin%s" % (config.path, name, hint))
    if problems:
        raise ConfigError("\n".join(problems))


def read_toml(path: str) -> dict:
    """The TOML file `path` as a dict; ValueError with a one-line reason when it cannot be (not
    a regular file, too large, not UTF-8, not TOML, nested too deeply)."""
    try:
        raw, _ = read_regular(path, MAX_CONFIG_BYTES)
    except UnreadableFile as exc:
        raise ValueError(str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            "not UTF-8 (byte 0x%02x at offset %d); TOML files are UTF-8" % (raw[exc.start], exc.start)
        ) from None
    if bracket_depth(text) > MAX_TOML_DEPTH:
        raise ValueError("not read: arrays or tables nested over %d deep" % MAX_TOML_DEPTH)
    try:
        return toml().loads(text)
    except toml().TOMLDecodeError as exc:
        raise ValueError("not valid TOML: %s" % exc) from None
    except RecursionError:
        raise ValueError("not read: nested too deeply") from None


APPTAINER_RELEASE_RE = lazy(r"^[0-9]+\.[0-9]+(?:\.[0-9]+)?$")


def slurm_release(value: str) -> str:
    """A Slurm release the option tables know, as they spell it ('22.5' -> '22.05'); ValueError
    naming the known ones otherwise (a release the tables lack would make every option unknown)."""
    releases = sbatch_options().releases
    wanted = value.strip()
    parts = wanted.split(".")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        wanted = "%d.%02d" % (int(parts[0]), int(parts[1]))
    if wanted in releases:
        return wanted
    raise ValueError("unknown Slurm release %r; known: %s" % (value, ", ".join(releases)))


def pattern_problems(patterns: list[str]) -> list[str]:
    """Why each gitignore-style pattern cannot be used, if it cannot."""
    import pathspec  # only configurations with exclude / per-file-ignores pay for it

    problems = []
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, TypeError, re.error) as exc:
            problems.append("pattern `%s` is not a valid gitignore pattern (%s)" % (pattern, exc))
    return problems


def option_problem(option, value) -> str | None:
    """Why `value` cannot be the plugin option `option` (its default's type, its choices)."""
    if option.choices is not None and value not in option.choices:
        return "must be one of %s, not %r" % (", ".join(repr(c) for c in option.choices), value)
    default = option.default
    if default is None:
        return None
    expected = type(default)
    if expected is float and type(value) is int:
        return None
    if type(value) is not expected:
        return "must be %s (like the default %r), not %r" % (_type_name(expected), default, value)
    return None


def _type_name(kind: type) -> str:
    return {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(kind, kind.__name__)


def toml():
    """The TOML reader: the standard library's from Python 3.11, tomli (the same code) before.
    Imported on first use: only runs that read a configuration or profile pay for it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib
