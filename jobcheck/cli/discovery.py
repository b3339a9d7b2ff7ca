"""Which files to check: every path given, and the job scripts below each folder given.

A file named on the command line is always checked. Below a folder, a file is checked when
its name ends in a job-script extension; otherwise by its content, whatever its extension
(`.sl`, `.cmd`, `.scr`, none): when it starts with a shell or Python shebang, or its first
4 KiB hold a scheduler directive. A `.py` file needs a directive; a data or other-language file
(`.txt`, `.jl`, `.csv`, ...) needs a shell shebang; documentation (read only with --docs) and a
shebang naming another interpreter (Rscript, perl) are never job scripts. `.gitignore` files
(from the repository root down) and the configured `exclude` patterns are respected;
version-control, virtualenv and cache folders are skipped; symbolic links to folders are not
followed (no loops), and links to files outside the walked folder are left out (so `--fix`
never writes outside the tree it was given). A FIFO, socket or device met in a walk is
skipped with a warning, never opened (it could block forever).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pathspec

from ..documents.kinds import is_document
from ..engine.files import kind
from ..reporters._clean import printable
from ..semantics.definition_files import DEFINITION_NAME_RE

JOB_EXTENSIONS = frozenset(
    {".sh", ".bash", ".slurm", ".sbatch", ".job", ".batch", ".pbs", ".qsub", ".lsf", ".bsub", ".sge", ".ksh", ".zsh"}
)
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
    }
)
SNIFF_BYTES = 4096
# Python job scripts (`#!/usr/bin/env python3` + `#SBATCH`) are checked when they hold a directive.
SNIFFED_EXTENSIONS = frozenset({".py"})
# Documentation: its code blocks are read only with --docs, never as a script.
DOCUMENTS = frozenset({".md", ".markdown", ".rst", ".ipynb", ".html", ".htm", ".tex", ".org", ".adoc", ".pdf"})
# Data and other languages' files: job scripts only when they start with a shell shebang (real
# job scripts are saved as `run.txt` or `job.jl` too). Any other extension (`.sl`, `.cmd`,
# `.scr`, `.run`, ...) is read by its content: a shebang or a directive.
NOT_BY_DIRECTIVES = frozenset(
    {
        ".txt",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".cfg",
        ".ini",
        ".conf",
        ".csv",
        ".tsv",
        ".xml",
        ".log",
        ".out",
        ".err",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".cxx",
        ".hpp",
        ".f",
        ".f90",
        ".f95",
        ".for",
        ".cu",
        ".java",
        ".js",
        ".ts",
        ".go",
        ".rs",
        ".r",
        ".jl",
        ".m",
        ".pl",
        ".pm",
        ".rb",
        ".lua",
        ".tcl",
        ".ipy",
        ".pyc",
        ".pyx",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".tar",
        ".zip",
        ".tgz",
        ".so",
        ".o",
        ".a",
        ".npy",
        ".npz",
        ".h5",
        ".hdf5",
        ".nc",
        ".sif",
        ".img",
        ".pkl",
        ".pt",
        ".ckpt",
        ".bin",
        ".dat",
        ".lock",
        ".patch",
        ".diff",
        ".def",
        ".mk",
        ".cmake",
        ".dockerfile",
    }
)
DIRECTIVE_RE = re.compile(rb"^(#SBATCH|#SLURM|#PBS|#BSUB|#\$ )", re.MULTILINE)
# A container definition file without the usual name: comments, then `Bootstrap:`. Anchored
# (`.match` is anyway): unanchored, a search over 20,000 blanks took minutes (test_regex_review).
BOOTSTRAP_RE = re.compile(rb"\A(?:[ \t]*(?:#[^\n]*)?\r?\n)*[Bb][Oo][Oo][Tt][Ss][Tt][Rr][Aa][Pp]:")
SHEBANG_RE = re.compile(rb"^#!\s*\S*/(env\s+(-\S+\s+)*)?(ba|z|k|da)?sh\b|^#!\s*\S*python", re.ASCII)

Excludes = Callable[[str], "tuple[pathspec.GitIgnoreSpec, str] | None"]


class Target(NamedTuple):
    path: str
    skipped: str | None = None  # why a file met in a walk is not read (not a regular file)
    error: str | None = None  # a folder of the walk that could not be read


def discover(
    paths: list[str],
    excludes: Excludes | None = None,
    only_job_scripts: bool = False,
    docs: bool | Callable[[str], bool] = False,
    force_exclude: bool = False,
    headers_only: bool = False,
) -> list[Target]:
    """The files to check. With `only_job_scripts`, a named file is kept only when it looks like a
    job script, as in a folder walk (pre-commit hands over every text file); with `headers_only`
    as well (the fix hook), only when it has scheduler directives or is a container definition:
    a helper shell script is never rewritten. With `force_exclude`, the configured excludes
    apply to named files too. `docs` (or, called with a folder, whether its configuration says
    `include-docs`): documentation files (Markdown, reStructuredText, notebooks) count as well,
    in walks and for `only_job_scripts`."""
    targets: list[Target] = []
    seen: set[str] = set()
    for path in paths:
        with_docs = docs(path if os.path.isdir(path) else os.path.dirname(path) or ".") if callable(docs) else docs
        if (
            only_job_scripts
            and path != "-"
            and os.path.isfile(path)
            and not is_job_script(path, os.path.basename(path), headers_only)
            and not (with_docs and is_document(path))
        ):
            continue
        if force_exclude and excludes is not None and path != "-" and _named_excluded(path, excludes):
            continue
        if path != "-" and os.path.isdir(path):
            for found in _walk(path, excludes(path) if excludes else None, with_docs):
                if found.path not in seen:
                    seen.add(found.path)
                    targets.append(found)
        elif path not in seen:
            seen.add(path)
            targets.append(Target(path))
    return targets


class _GitIgnores:
    """The .gitignore files that apply to a walk, from the repository root down."""

    def __init__(self, top: str):
        self.specs: dict[str, pathspec.GitIgnoreSpec] = {}
        folder = os.path.abspath(top)
        parents = []
        while True:
            parents.append(folder)
            if os.path.isdir(os.path.join(folder, ".git")):
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                parents = [os.path.abspath(top)]  # not in a repository: only the walked tree's own files
                break
            folder = parent
        for folder in reversed(parents):
            self.load(folder)

    def load(self, folder: str) -> None:
        path = os.path.join(folder, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                import pathspec  # only folder walks with a .gitignore pay for it

                self.specs[folder] = pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
        except OSError:
            pass

    def ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        for folder, spec in self.specs.items():
            if absolute.startswith(folder + os.sep):
                relative = os.path.relpath(absolute, folder) + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
        return False


def checkable(targets: list[Target], stderr=None) -> list[Target]:
    """The targets to read; a warning on `stderr` for each one skipped."""
    for target in targets:
        if target.skipped:
            print(
                "jobcheck: warning: %s: skipped: %s" % (printable(target.path), target.skipped),
                file=stderr or sys.stderr,
            )
    return [t for t in targets if not t.skipped]


def _walk(top: str, exclude, docs: bool = False) -> list[Target]:
    found: list[Target] = []
    gitignores = _GitIgnores(top)

    def excluded(path: str, is_dir: bool) -> bool:
        if gitignores.ignored(path, is_dir):
            return True
        if exclude is not None:
            spec, root = exclude
            relative = os.path.relpath(os.path.abspath(path), root) + ("/" if is_dir else "")
            return spec.match_file(relative)
        return False

    top_real = os.path.realpath(top)

    def unreadable(exc: OSError) -> None:
        # A folder the walk cannot list hides job scripts: an error, never a silent pass.
        found.append(Target(exc.filename or top, error="cannot read folder: %s" % (exc.strerror or exc)))

    for directory, dirs, files in os.walk(top, onerror=unreadable, followlinks=False):
        gitignores.load(os.path.abspath(directory))
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS and not d.endswith(".egg-info") and not excluded(os.path.join(directory, d), True)
        )
        for name in sorted(files):
            path = os.path.join(directory, name)
            if os.path.islink(path) and not _inside(os.path.realpath(path), top_real):
                continue  # a link out of the checked tree: checked (and fixed) only when named
            if excluded(path, False):
                continue
            special = _special(path)
            if special is not None:
                if _could_be_job_script(name):
                    found.append(Target(path, "is %s, not a regular file" % special))
            elif is_job_script(path, name) or (docs and is_document(name) and os.path.exists(path)):
                found.append(Target(path))
    return found


def _special(path: str) -> str | None:
    """What a non-regular file is (a FIFO, a device...), or None for a regular file or a broken link."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else kind(mode)


def _could_be_job_script(name: str) -> bool:
    ext = os.path.splitext(name)[1].lower()
    return ext not in DOCUMENTS and ext not in NOT_BY_DIRECTIVES


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _named_excluded(path: str, excludes: Excludes) -> bool:
    found = excludes(os.path.dirname(path) or ".")
    if found is None:
        return False
    spec, root = found
    absolute = os.path.abspath(path)
    is_dir = os.path.isdir(path)
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        return False
    return spec.match_file(relative + ("/" if is_dir else ""))


def is_job_script(path: str, name: str, headers_only: bool = False) -> bool:
    """Whether a file looks like a job script (or a container definition). `headers_only`: only
    one with scheduler directives (or a definition file), never a helper shell script."""
    ext = os.path.splitext(name)[1].lower()
    if DEFINITION_NAME_RE.search(name) or (ext in JOB_EXTENSIONS and not headers_only):
        return os.path.exists(path)  # a broken symbolic link is nothing to check
    if ext in DOCUMENTS:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if b"\x00" in head:
        return False
    if headers_only:
        return bool(DIRECTIVE_RE.search(head) or BOOTSTRAP_RE.match(head))
    if ext in SNIFFED_EXTENSIONS:
        return bool(DIRECTIVE_RE.search(head))
    if head.startswith(b"#!"):
        return bool(SHEBANG_RE.match(head))  # not Rscript, perl, julia ...: languages jobcheck does not read
    if ext in NOT_BY_DIRECTIVES:
        return False
    return bool(DIRECTIVE_RE.search(head) or (not ext and BOOTSTRAP_RE.match(head)))
