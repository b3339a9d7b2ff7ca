"""The parser-neutral model of a job script. Rules see only these types.

Every node carries absolute character offsets into `Source.text` (`start`, `end`), so a rule
can point at exactly the text it means and a fix can replace exactly that text, whichever
front end produced the model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, cast

from ..patterns import lazy
from .source import Source
from .words import LITERAL, PARAM, Part, QuotedRegion, is_plain, lex_word

if TYPE_CHECKING:
    from .recipe import Recipe

F = TypeVar("F", bound=Callable[..., Any])
# The lookbehind keeps a search linear (a match never starts inside a name).
ASSIGNMENT_RE = lazy(r"(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?=)")
DECLARATION_COMMANDS = frozenset({"export", "declare", "typeset", "local", "readonly"})


class _Unset(Enum):
    """A word's value not computed yet (None is a computed value: the word has an expansion)."""

    TOKEN = 0


_UNSET = _Unset.TOKEN


class Offsets(Protocol):
    """A set of character offsets (frontends.other_scripts.Regions)."""

    def __contains__(self, offset: int) -> bool: ...


@dataclass(frozen=True, slots=True, init=False)
class Word:
    """One shell word as written: `text` is the raw source slice, quotes included."""

    text: str
    start: int
    end: int
    # Computed on first use and kept (slots, not a __dict__: a large script has a million words).
    _lex: tuple | None = field(repr=False, compare=False)
    _value: str | _Unset | None = field(repr=False, compare=False)

    def __init__(self, text: str, start: int, end: int) -> None:
        # Slot setters, not the frozen dataclass's object.__setattr__ by name (4x the cost).
        _set_word_text(self, text)
        _set_word_start(self, start)
        _set_word_end(self, end)
        _set_word_lex(self, None)
        _set_word_value(self, _UNSET)

    @property
    def _lexed(self) -> tuple[tuple[Part, ...], tuple[QuotedRegion, ...]]:
        lexed = self._lex
        if lexed is None:
            lexed = lex_word(self.text, self.start)
            _set_word_lex(self, lexed)
        return lexed

    @property
    def parts(self) -> tuple[Part, ...]:
        return self._lexed[0]

    @property
    def quoted_regions(self) -> tuple[QuotedRegion, ...]:
        return self._lexed[1]

    @property
    def value(self) -> str | None:
        """The word after quote removal, or None when it contains an expansion."""
        value = self._value
        if value is _UNSET:
            if self._lex is None and is_plain(self.text):
                value = self.text  # most words: no quoting or expansion, so no need to lex
            else:
                parts = self.parts
                if all(p.kind == LITERAL for p in parts):
                    value = parts[0].value if len(parts) == 1 else "".join(p.value for p in parts)
                else:
                    value = None
            _set_word_value(self, value)
        return value

    @property
    def literal_prefix(self) -> str:
        """The quote-removed text up to the first expansion (all of it for a static word)."""
        out = []
        for p in self.parts:
            if p.kind != LITERAL:
                break
            out.append(p.value)
        return "".join(out)

    @property
    def params(self) -> tuple[Part, ...]:
        return tuple([p for p in self.parts if p.kind == PARAM])

    def sub(self, start: int, end: int) -> Word:
        """The word made of the absolute range [start, end) of this word's text."""
        return Word(self.text[start - self.start : end - self.start], start, end)


_set_word_text, _set_word_start, _set_word_end, _set_word_lex, _set_word_value = (
    Word.__dict__[name].__set__ for name in ("text", "start", "end", "_lex", "_value")
)


class Assignment(NamedTuple):
    """NAME=value, as a prefix (`A=1 cmd`), a statement (`A=1`) or in `export`/`local`/..."""

    name: str
    name_start: int
    value: Word  # the text after '=' (may be empty)
    start: int
    end: int
    append: bool = False  # +=
    declared_by: str = ""  # "export", "local", ... or "" for a plain assignment

    @property
    def exported(self) -> bool:
        return self.declared_by == "export"


class Redirect(NamedTuple):
    op: str  # '>', '>>', '<', '2>', '&>', ...
    target: Word
    start: int
    end: int


class Heredoc(NamedTuple):
    op: str  # '<<' or '<<-'
    delimiter: Word  # as written, quotes included
    body_start: int
    body_end: int  # start of the terminator line (or end of file when unterminated)
    terminated: bool

    @property
    def quoted(self) -> bool:
        """A quoted delimiter (<<'EOF', <<"EOF", <<\\EOF) turns off expansion in the body."""
        return any(c in self.delimiter.text for c in "'\"\\")

    @property
    def tag(self) -> str:
        return "".join(p.value for p in self.delimiter.parts if p.kind == LITERAL)


@dataclass(frozen=True, slots=True, init=False)
class Command:
    """A simple command: prefix assignments, argv words, redirections, heredocs."""

    words: tuple[Word, ...]
    assignments: tuple[Assignment, ...]
    redirects: tuple[Redirect, ...]
    heredocs: tuple[Heredoc, ...]
    start: int
    end: int
    depth: int  # 0 at top level; +1 inside each $( ) / ` ` / <( ) / bash -c '...'
    function: str | None  # the enclosing shell function, if any
    embedded: bool  # parsed from a code string (`bash -c '...'`), run by another shell
    _derived: dict | None = field(repr=False, compare=False)
    # Computed on first use and kept: rules ask every command for its program's name many times.
    _basename: str | _Unset | None = field(repr=False, compare=False)

    def __init__(
        self,
        words: tuple[Word, ...],
        assignments: tuple[Assignment, ...],
        redirects: tuple[Redirect, ...],
        heredocs: tuple[Heredoc, ...],
        start: int,
        end: int,
        depth: int = 0,
        function: str | None = None,
        embedded: bool = False,
    ) -> None:
        # Slot setters: see Word.__init__ (a 10 MB script has a quarter of a million commands).
        _set_command_words(self, words)
        _set_command_assignments(self, assignments)
        _set_command_redirects(self, redirects)
        _set_command_heredocs(self, heredocs)
        _set_command_start(self, start)
        _set_command_end(self, end)
        _set_command_depth(self, depth)
        _set_command_function(self, function)
        _set_command_embedded(self, embedded)
        _set_command_derived(self, None)
        _set_command_basename(self, _UNSET)

    @property
    def derived(self) -> dict:
        """The semantic layer's per-command cache (launcher views, container calls, code words:
        jobcheck.semantics.command_views and .code_words). Rules keep what they derive with @derived_fact instead."""
        derived = self._derived
        if derived is None:
            derived = {}
            _set_command_derived(self, derived)
        return derived

    @property
    def name(self) -> str | None:
        """argv[0] as a static string, or None (no words, or an expansion)."""
        return self.words[0].value if self.words else None

    @property
    def basename(self) -> str | None:
        basename = self._basename
        if basename is _UNSET:
            name = self.name
            basename = name.rpartition("/")[2] if name else name
            _set_command_basename(self, basename)
        return basename

    @property
    def args(self) -> tuple[Word, ...]:
        return self.words[1:]


(
    _set_command_words,
    _set_command_assignments,
    _set_command_redirects,
    _set_command_heredocs,
    _set_command_start,
    _set_command_end,
    _set_command_depth,
    _set_command_function,
    _set_command_embedded,
    _set_command_derived,
    _set_command_basename,
) = (
    Command.__dict__[name].__set__
    for name in (
        "words",
        "assignments",
        "redirects",
        "heredocs",
        "start",
        "end",
        "depth",
        "function",
        "embedded",
        "_derived",
        "_basename",
    )
)


class Shebang(NamedTuple):
    text: str  # the whole first line, without its line ending
    interpreter: str  # the path right after '#!' (spaces skipped)
    interpreter_start: int
    argument: str  # the rest of the line after the interpreter


class DirectiveToken(NamedTuple):
    """One word of a directive line, tokenised as the scheduler does (quotes removed)."""

    text: str  # raw text, quotes included
    value: str  # after the scheduler's quote removal
    start: int
    end: int
    cut_by_hash: bool = False  # an unquoted '#' right after the word ended the line there


class DirectiveOption(NamedTuple):
    """An option and its value as getopt would pair them (`--time=5`, `--time 5`, `-t5`)."""

    spelled: str  # the option as written: '--tim', '-t', '--time'
    name: str | None  # the canonical long name ('time'), None if unknown/ambiguous
    value: str | None  # after quote removal; None when the option takes none
    start: int  # start of the option token
    end: int  # end of the value (or of the option token)
    value_start: int | None = None
    value_end: int | None = None
    kind: str = "option"  # 'option', 'unknown', 'ambiguous', 'missing-value', 'positional', 'separator'
    candidates: tuple[str, ...] = ()  # for an ambiguous abbreviation


class Directive(NamedTuple):
    """One scheduler directive line, e.g. `#SBATCH --time=10 -J x  # comment`."""

    scheduler: str  # 'slurm'
    prefix: str  # '#SBATCH' or '#SLURM'
    line: int  # 1-based
    start: int  # offset of the line
    end: int  # offset of the end of the line (before '\r\n' / '\n')
    tokens: tuple[DirectiveToken, ...]
    options: tuple[DirectiveOption, ...]
    in_header: bool  # False: after the first command, so the scheduler never reads it
    error: str | None = None  # tokenising error (unmatched quote, ...)
    comment: int | None = None  # offset of the unquoted '#' where the scheduler stops reading


@dataclass
class JobScript:
    """The parser-neutral model of one file: what the front ends found, for the rules to read."""

    source: Source
    language: str = "shell"  # 'shell', 'python', 'deffile', or 'none' (not analysed)
    parser: str = "none"  # 'bashlex', 'tree-sitter', 'libcst' or 'none'
    parse_error: str | None = None  # why the preferred front end gave up, if it did
    shebang: Shebang | None = None
    directives: list[Directive] = field(default_factory=list)
    foreign_directives: list[Directive] = field(default_factory=list)  # #PBS / #BSUB lines sbatch translates
    sge_directives: list[Directive] = field(default_factory=list)  # Grid Engine `#$` lines
    pbs_directives: list[Directive] = field(default_factory=list)  # `#PBS` lines as PBS's qsub reads them
    lsf_directives: list[Directive] = field(default_factory=list)  # `#BSUB` lines as LSF's bsub reads them
    scheduler: str | None = None  # who reads the job: 'slurm', 'pbs', 'lsf', 'sge' (None: no directives)
    pbs_flavor: str | None = None  # 'pbspro' or 'torque' when set or evident; None: either
    header_end: int = 0  # offset where sbatch stops reading #SBATCH lines
    pbs_header_end: int = 0  # offset of the first executable line, where qsub stops reading #PBS lines
    commands: list[Command] = field(default_factory=list)
    heredocs: list[Heredoc] = field(default_factory=list)
    python: list = field(default_factory=list)  # model.python_code.PythonCode: the Python the job runs
    # A definition file's stages (see `recipe`); None until the front end or a reader sets one.
    definition: Recipe | None = field(default=None, repr=False)
    # Text that belongs to another script this one writes or holds (heredoc bodies, multi-line
    # strings, a second script pasted below): frontends.other_scripts.Regions, or None.
    other_scripts: Offsets | None = field(default=None, repr=False, compare=False)
    # The launcher table the script was analysed with (jobcheck.semantics.launcher_table.Launchers:
    # the built-in launchers plus the plugins'); None: the built-in table.
    launchers: Any = field(default=None, repr=False, compare=False)
    # Kept values of @derived_fact functions; nothing else writes here.
    _facts: dict = field(default_factory=dict, repr=False, compare=False)

    def in_other_script(self, offset: int) -> bool:
        """Whether `offset` lies in text written for another script (a generated or pasted
        job script), so its directive-looking lines are not this job's."""
        return self.other_scripts is not None and offset in self.other_scripts

    @property
    def recipe(self) -> Recipe:
        """A definition file's stages; an empty recipe for a job script (its classes are
        imported only then: most runs never read a definition file)."""
        if self.definition is None:
            from .recipe import Recipe

            self.definition = Recipe()
        return self.definition

    @recipe.setter
    def recipe(self, recipe: Recipe) -> None:
        self.definition = recipe

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def scheduler_directives(self) -> list[Directive]:
        """The directive lines the job's scheduler reads (`#SBATCH`, `#PBS`, `#BSUB` or `#$`)."""
        by_scheduler = {
            "slurm": self.directives,
            "pbs": self.pbs_directives,
            "lsf": self.lsf_directives,
            "sge": self.sge_directives,
        }
        return by_scheduler.get(self.scheduler or "", [])

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """Every assignment of every command, in order (built once: a dozen rules read it)."""
        return self._by_commands("assignments", lambda: tuple(a for c in self.commands for a in c.assignments))

    def commands_named(self, *names: str) -> list[Command]:
        wanted = set(names)
        return [c for c in self.commands if c.basename in wanted]

    def forget_derived(self) -> None:
        """Drop every kept derived value: the derived facts and each command's cache. The cached
        launcher views point back at their commands, so a model that keeps them is freed only by
        the cyclic garbage collector (over half a second for a 2 MB script); without them it goes
        as soon as the last reference does. What is asked for later is derived again."""
        self._facts.clear()
        for command in self.commands:
            _set_command_derived(command, None)

    def _by_commands(self, key: str, compute):
        """`compute()` kept until `commands` is replaced (front ends set it more than once)."""
        commands = self.commands
        kept = self._facts.get(key)
        if kept is None or kept[0] is not commands:
            kept = self._facts[key] = (commands, compute())
        return kept[1]


def derived_fact(compute: F) -> F:
    """Decorator for a fact rules derive from the model and share: the job's resource request,
    the container calls, the translated `#PBS` lines, ... `compute(script, *args)` runs once per
    script and argument tuple (arguments must be hashable); later calls get the kept value.

    This is the one way rule code keeps anything on a JobScript: a derived fact is a pure
    function of the model (it never changes the model), computed on first use, kept as long as
    the script, and dropped with it. Rules never write to the model themselves.

        @derived_fact
        def container_calls(script, runtime): ...
    """

    @functools.wraps(compute)
    def fact(script: JobScript, *args):
        key = (compute, *args)
        facts = script._facts
        try:
            return facts[key]
        except KeyError:
            value = facts[key] = compute(script, *args)
            return value

    return cast(F, fact)


def assignment_from_word(word: Word, declared_by: str = "") -> Assignment | None:
    """Read `NAME=value` (or `NAME+=`, `NAME[i]=`) from a word's raw text."""
    m = ASSIGNMENT_RE.match(word.text)
    if not m:
        return None
    value_start = word.start + m.end()
    return Assignment(
        name=m.group(1),
        name_start=word.start,
        value=Word(word.text[m.end() :], value_start, word.end),
        start=word.start,
        end=word.end,
        append=m.group(3) == "+=",
        declared_by=declared_by,
    )
