"""The neutral model of an Apptainer/SingularityCE definition file (a container recipe).

Filled by `jobcheck.frontends.deffile_frontend`, which cuts the file the way Apptainer's own
parser does (pkg/build/types/parser/deffile.go): stages at every `Bootstrap:` line, a header of
`Key: value` lines, then `%sections`. All offsets are into the file's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Sections whose body is shell run by /bin/sh (-ex for the build sections).
BUILD_SCRIPTS = ("pre", "setup", "post")
RUN_SCRIPTS = ("runscript", "startscript", "test")
SHELL_SECTIONS = BUILD_SCRIPTS + RUN_SCRIPTS + ("environment", "appinstall", "apprun", "appenv", "apptest", "appstart")
STANDARD_SECTIONS = (
    "help",
    "setup",
    "files",
    "labels",
    "environment",
    "pre",
    "post",
    "runscript",
    "test",
    "startscript",
    "arguments",
)
APP_SECTIONS = ("appinstall", "applabels", "appfiles", "appenv", "apptest", "apphelp", "apprun", "appstart")


@dataclass(frozen=True)
class HeaderEntry:
    key: str  # lower-cased, as Apptainer compares it
    spelled: str  # as written
    value: str  # trimmed, cut at the first '#'
    key_start: int
    value_start: int
    value_end: int
    line_start: int
    line_end: int
    hash_at: int | None = None  # offset of a '#' that cut the value


@dataclass(frozen=True)
class HeaderLine:
    """A header line Apptainer cannot read (no ':'): `header key <LINE> had no val`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    name: str  # '%' stripped, lower-cased, up to the first space ('' when indented)
    spelled: str  # the first word as written, '%' included
    args: str  # the rest of the line after the first space, trimmed
    line_start: int  # start of the section line
    name_start: int  # the '%'
    name_end: int
    args_start: int
    line_end: int
    body_start: int
    body_end: int
    indented: bool = False


@dataclass
class Stage:
    start: int
    end: int
    header: list[HeaderEntry] = field(default_factory=list)
    bad_lines: list[HeaderLine] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def get(self, key: str) -> HeaderEntry | None:
        """The entry Apptainer uses for `key` (a repeated key: the last one wins)."""
        found = [entry for entry in self.header if entry.key == key]
        return found[-1] if found else None

    @property
    def agent(self) -> str | None:
        entry = self.get("bootstrap")
        return entry.value if entry is not None else None

    @property
    def name(self) -> str | None:
        entry = self.get("stage")
        return entry.value if entry is not None else None


@dataclass
class Recipe:
    stages: list[Stage] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        return [section for stage in self.stages for section in stage.sections]
