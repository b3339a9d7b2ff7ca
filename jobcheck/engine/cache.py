"""The content cache: a file's findings, kept until anything that could change them changes.

An entry's key is a hash of everything the findings depend on:
- the file's bytes and the path it is reported under (per-file-ignores, paths in messages);
- the code that checks it: jobcheck's version and the size and mtime of every module of
  jobcheck and of the built-in rules, and each loaded plugin's name, version and module file
  (so an edited checkout or an upgraded plugin never reads an old answer);
- the effective settings for that file (selection, versions, profile, options, severities).

Entries are JSON files named by their key, written to a temporary name and renamed into place,
so concurrent runs at worst both compute the same entry. An entry carries a checksum of its key
and findings and is checked against a schema (and the file's line count) when read: a damaged or
hand-edited entry reads as a miss, never as findings.

The cache root holds a CACHEDIR.TAG marker (the standard one backup tools know). A folder that
holds anything else is never used as a cache (it may be the user's project), nor is a folder
that holds a checked path. Entries unused for PRUNE_AFTER_DAYS are deleted, at most once a day,
and pruning deletes only files with the cache's own names in the cache's own folders.

Only plain checks use the cache: --fix and --diff always recompute.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time

import jobcheck

from ..patterns import lazy
from ..plugins.catalog import origin
from ..rule import Applicability, Edit, Finding, Fix, Severity

FORMAT = 1
ENV_VAR = "JOBCHECK_CACHE_DIR"
PRUNE_AFTER_DAYS = 30
PRUNE_STAMP = "last-pruned"
MARKER = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by jobcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
SHARD_RE = lazy(r"^[0-9a-f]{2}$")
ENTRY_RE = lazy(r"^(?:[0-9a-f]{62}\.json|\.tmp-[A-Za-z0-9_]+)$")
SEVERITIES = frozenset(s.value for s in Severity)


def default_directory() -> str:
    configured = os.environ.get(ENV_VAR)
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "jobcheck")


class Cache:
    def __init__(self, directory: str, registry, checked: tuple[str, ...] = ()):
        self.root = directory
        self.directory = os.path.join(directory, "v%d" % FORMAT)
        self.code = code_fingerprint(registry)
        self._settings: dict[int, tuple[object, str]] = {}
        self.refusal = _refusal(directory, checked)
        self._usable = self.refusal is None
        if self.refusal is not None:
            print("jobcheck: warning: cache disabled: %s" % self.refusal, file=sys.stderr)

    # ---- keys --------------------------------------------------------------------------

    def key(self, source, linter) -> str:
        digest = hashlib.sha256()
        for part in (
            self.code,
            self._settings_fingerprint(linter.settings),
            source.path,
            ",".join(sorted(linter.settings.ignored_for(source.path))),
        ):
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\x00")
        digest.update(source.raw)
        return digest.hexdigest()

    def _settings_fingerprint(self, settings) -> str:
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            known = (settings, settings_fingerprint(settings))
            self._settings[id(settings)] = known
        return known[1]

    # ---- entries -----------------------------------------------------------------------

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key[2:] + ".json")

    def get(self, key: str, lines: int | None = None):
        """(parser, findings) stored for `key`, or None (also for an entry that fails its checksum
        or schema, or names a line past `lines`, the file's line count)."""
        if not self._usable:
            return None
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
            entry = stored["parser"], [finding_from_json(item) for item in stored["findings"]]
            if stored.get("sum") != _checksum(key, stored["parser"], stored["findings"]) or not _plausible(
                entry[1], lines
            ):
                raise ValueError("damaged cache entry")
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        try:
            os.utime(path)  # recently used: kept by the pruning
        except OSError:
            pass
        return entry

    def put(self, key: str, parser: str, findings) -> None:
        if not self._usable:
            return
        path = self._path(key)
        stored = [finding_to_json(f) for f in findings]
        text = json.dumps(
            {"parser": parser, "findings": stored, "sum": _checksum(key, parser, stored)}, separators=(",", ":")
        )
        try:
            _mark(self.root)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, path)
            except BaseException:
                _remove(temporary)
                raise
        except OSError as exc:
            # A read-only home or a full disk: say so once, then run without storing.
            self._usable = False
            print(
                "jobcheck: warning: cache disabled: cannot write %s (%s)" % (self.directory, exc.strerror or exc),
                file=sys.stderr,
            )

    def prune(self, now: float | None = None) -> int:
        """Delete entries unused for PRUNE_AFTER_DAYS; runs at most once a day. Returns how many."""
        now = time.time() if now is None else now
        stamp = os.path.join(self.directory, PRUNE_STAMP)
        try:
            if now - os.stat(stamp).st_mtime < 86400:
                return 0
        except OSError:
            pass
        if not self._usable or not os.path.isfile(os.path.join(self.root, MARKER)):
            return 0  # never delete anything in a folder this cache did not mark as its own
        removed = 0
        limit = now - PRUNE_AFTER_DAYS * 86400
        try:
            folders = os.scandir(self.directory)
        except OSError:
            return 0
        with folders:
            for folder in folders:
                if not SHARD_RE.match(folder.name) or not folder.is_dir(follow_symlinks=False):
                    continue
                with os.scandir(folder.path) as entries:
                    for entry in entries:
                        try:
                            if (
                                ENTRY_RE.match(entry.name)
                                and entry.is_file(follow_symlinks=False)
                                and entry.stat(follow_symlinks=False).st_mtime < limit
                            ):
                                os.remove(entry.path)
                                removed += 1
                        except OSError:
                            pass
        try:
            with open(stamp, "w"):
                pass
            os.utime(stamp, (now, now))
        except OSError:
            pass
        return removed


def _refusal(root: str, checked: tuple[str, ...]) -> str | None:
    """Why `root` must not be used as a cache, or None. A missing or empty folder, or one with the
    marker, is the cache's own; anything else may be the user's files."""
    real = os.path.realpath(root)
    for path in checked:
        if path != "-" and _within(os.path.realpath(path), real):
            return "%s holds the files being checked; choose another --cache-dir" % root
    if not os.path.isdir(root) or os.path.isfile(os.path.join(root, MARKER)):
        return None
    try:
        names = os.listdir(root)
    except OSError:
        return None  # reported when an entry cannot be written
    if not names or _legacy(root, names):
        return None
    return "%s is not a jobcheck cache (it holds other files and no %s); use an empty folder" % (root, MARKER)


def _legacy(root: str, names: list[str]) -> bool:
    """A cache written before the marker existed: only v1/ with shard folders and the prune stamp."""
    if names != ["v%d" % FORMAT]:
        return False
    try:
        inside = os.listdir(os.path.join(root, names[0]))
    except OSError:
        return False
    return all(name == PRUNE_STAMP or SHARD_RE.match(name) for name in inside)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _mark(root: str) -> None:
    marker = os.path.join(root, MARKER)
    if not os.path.isfile(marker):
        os.makedirs(root, exist_ok=True)
        with open(marker, "w", encoding="ascii") as handle:
            handle.write(MARKER_TEXT)


def _checksum(key: str, parser, findings) -> str:
    text = json.dumps([key, parser, findings], separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _plausible(findings: list[Finding], lines: int | None) -> bool:
    """The schema an entry's findings must meet beyond their checksum: the right types, positions
    inside the file."""
    for f in findings:
        texts = (f.code, f.name, f.path, f.message)
        numbers = (f.line, f.column, f.end_line, f.end_column, f.start, f.end)
        if not all(isinstance(t, str) for t in texts) or not all(type(n) is int and n >= 0 for n in numbers):
            return False
        if f.line < 1 or f.end_line < f.line or (lines is not None and f.end_line > lines + 1):
            return False
        if f.fix is not None and not isinstance(f.fix.message, str):
            return False
        if f.fix is not None and not all(
            isinstance(e.content, str) and type(e.start) is int and type(e.end) is int and 0 <= e.start <= e.end
            for e in f.fix.edits
        ):
            return False
    return True


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# ---- fingerprints ---------------------------------------------------------------------------


def code_fingerprint(registry) -> str:
    parts = ["jobcheck " + jobcheck.__version__, sys.version]
    for folder in _package_folders():
        parts.extend(_tree_stamps(folder))
    manager = getattr(registry, "manager", None)
    plugins = manager.list_name_plugin() if manager is not None else []
    for name, plugin in sorted(plugins, key=lambda item: str(item[0])):
        module_file = getattr(plugin, "__file__", None) or getattr(
            sys.modules.get(getattr(plugin, "__module__", ""), None), "__file__", None
        )
        version = getattr(plugin, "__version__", None) or registry.versions.get(name, "-")
        parts.append("plugin %s %s %s" % (name, version, _stamp(module_file)))
    parts.extend("rule %s %s" % (r.code, origin(r)) for r in registry.rules)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _package_folders() -> list[str]:
    folders = [os.path.dirname(jobcheck.__file__)]
    rules_init = getattr(sys.modules.get("jobcheck_rules"), "__file__", None)
    if rules_init:
        folders.append(os.path.dirname(rules_init))
    return folders


def _tree_stamps(folder: str) -> list[str]:
    stamps = []
    for directory, subfolders, files in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                stamps.append(_stamp(os.path.join(directory, name)))
    return stamps


def _stamp(path: str | None) -> str:
    if not path:
        return "-"
    try:
        info = os.stat(path)
    except OSError:
        return path + " missing"
    return "%s %d %d" % (path, info.st_size, info.st_mtime_ns)


def settings_fingerprint(settings) -> str:
    profile = settings.profile
    fields = {
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "slurm_version": settings.slurm_version,
        "apptainer_version": settings.apptainer_version,
        "container_runtime": settings.container_runtime,
        "parser": settings.parser,
        "scheduler": settings.scheduler,
        "profile": repr(profile) if profile is not None else None,
        "options": repr(sorted(settings.options.items(), key=lambda item: item[0])),
        "severity_overrides": sorted(settings.severity_overrides.items()),
        "report_unused_suppressions": settings.report_unused_suppressions,
    }
    return json.dumps(fields, sort_keys=True, default=repr)


# ---- findings as JSON -------------------------------------------------------------------------


def finding_to_json(f: Finding) -> list:
    fix = None
    if f.fix is not None:
        fix = [f.fix.applicability.value, f.fix.message, [[e.start, e.end, e.content] for e in f.fix.edits]]
    return [
        f.code,
        f.name,
        f.severity.value,
        f.path,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.message,
        fix,
        f.start,
        f.end,
    ]


def finding_from_json(item: list) -> Finding:
    code, name, severity, path, line, column, end_line, end_column, message, fix, start, end = item
    if fix is not None:
        applicability, fix_message, edits = fix
        fix = Fix(Applicability(applicability), fix_message, tuple(Edit(*edit) for edit in edits))
    return Finding(code, name, Severity(severity), path, line, column, end_line, end_column, message, fix, start, end)
