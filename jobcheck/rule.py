"""The public surface a rule is written against: Rule, Diagnostic, Fix, Edit, Severity.

A rule is a small class with a code, a slug, a severity, a one-line summary and docs (its class
docstring, printed by `jobcheck --explain`). `check()` receives the neutral JobScript and the
effective settings and yields Diagnostics: character-offset ranges with a message and an
optional Fix. The engine turns them into Findings (lines, columns, path, code).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from .patterns import lazy

if TYPE_CHECKING:
    from .model.script import JobScript
    from .settings import Settings

CODE_RE = lazy(r"^[A-Z]{1,5}[0-9]{3,4}$")
NAME_RE = lazy(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Severity(str, Enum):
    ERROR = "error"  # the job will fail, or a line is silently wrong
    WARNING = "warning"  # likely a bug
    INFO = "info"  # advice

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"  # keeps the author's evident intent: applied by --fix
    UNSAFE = "unsafe"  # may change behaviour: needs --unsafe-fixes


class Edit(NamedTuple):
    """Replace text[start:end] with `content` (character offsets into Source.text)."""

    start: int
    end: int
    content: str

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")


class Fix(NamedTuple):
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(Applicability.SAFE, message, tuple(edits))

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(Applicability.UNSAFE, message, tuple(edits))

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class Diagnostic(NamedTuple):
    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # overrides the rule's default (e.g. error when sbatch rejects)


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's diagnostic placed in a file: code, severity, path, line and column range, message, fix."""

    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    start: int = field(default=0, compare=False)  # offsets, for the fixer and code frames
    end: int = field(default=0, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    fix_availability: ClassVar[str] = "none"  # 'always', 'sometimes' or 'none'
    opt_in: ClassVar[bool] = False  # True: only an exact code or name in select turns it on
    languages: ClassVar[tuple[str, ...]] = ("shell",)
    # Non-empty: the rule reports only on jobs these schedulers read ('slurm', 'pbs', 'lsf',
    # 'sge'; JobScript.scheduler), so a run over other jobs can skip it, and need not import it.
    schedulers: ClassVar[tuple[str, ...]] = ()
    plugin: str = ""  # filled in by the plugin manager

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def run(self, script: JobScript, settings: Settings) -> Iterator[Diagnostic]:
        if applies(self, script):
            yield from self.check(script, settings) or ()

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def validate(cls) -> list[str]:
        """Problems with the rule's declaration; a rule with any is not loaded."""
        problems = []
        for attr in ("code", "name", "severity", "summary"):
            if not hasattr(cls, attr):
                problems.append("%s has no %s" % (cls.__name__, attr))
        if problems:
            return problems
        for attr in ("code", "name", "summary"):
            if not isinstance(getattr(cls, attr), str):
                problems.append("%s: %s must be a string, not %r" % (cls.__name__, attr, getattr(cls, attr)))
        for attr in ("languages", "schedulers"):
            value = getattr(cls, attr)
            if not isinstance(value, tuple) or not all(isinstance(item, str) for item in value):
                problems.append("%s: %s must be a tuple of strings" % (cls.__name__, attr))
        if problems:
            return problems
        if not CODE_RE.match(cls.code):
            problems.append("%s: code %r is not letters followed by 3-4 digits" % (cls.__name__, cls.code))
        if not NAME_RE.match(cls.name):
            problems.append("%s: name %r is not a lower-case slug" % (cls.__name__, cls.name))
        if not isinstance(cls.severity, Severity):
            problems.append("%s: severity must be a jobcheck.Severity" % cls.__name__)
        return problems


def applies(rule: Rule, script: JobScript) -> bool:
    """Whether `rule` can report on `script`: its language, and its schedulers if it names any."""
    return script.language in rule.languages and (not rule.schedulers or script.scheduler in rule.schedulers)
