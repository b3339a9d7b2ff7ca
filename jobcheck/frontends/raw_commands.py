"""What a shell front end hands over: spans only. `build_commands` turns them into the model.

Keeping the front ends down to "where is each word" is what makes bashlex and tree-sitter
produce identical models: quoting, assignments and heredoc bodies are all read from the source
text by the same code below.
"""

from __future__ import annotations

from operator import itemgetter

from ..model.script import DECLARATION_COMMANDS, Assignment, Command, Heredoc, Redirect, Word, assignment_from_word

Span = tuple[int, int]


class RawCommand:
    """One simple command as a front end found it: where its parts are, nothing more."""

    # A plain class with slots: a front end makes one per command, a quarter of a million for
    # a 10 MB script, and a dataclass with list defaults costs three times as much to build.
    __slots__ = ("depth", "embedded", "end", "function", "heredocs", "prefix", "redirects", "start", "words")

    def __init__(
        self,
        start: int,
        end: int,
        words: list[Span] | None = None,
        prefix: list[Span] | None = None,
        redirects: list[tuple[str, Span, int, int]] | None = None,
        heredocs: list[tuple[str, Span, int]] | None = None,
        depth: int = 0,
        function: str | None = None,
        embedded: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.words: list[Span] = [] if words is None else words
        self.prefix: list[Span] = [] if prefix is None else prefix  # NAME=value before the command name
        # op, target, start, end
        self.redirects: list[tuple[str, Span, int, int]] = [] if redirects is None else redirects
        self.heredocs: list[tuple[str, Span, int]] = [] if heredocs is None else heredocs  # op, delimiter, body start
        self.depth = depth
        self.function = function
        self.embedded = embedded

    def __repr__(self) -> str:
        return "RawCommand(%d, %d, words=%r, prefix=%r, redirects=%r, heredocs=%r, depth=%d, function=%r)" % (
            self.start,
            self.end,
            self.words,
            self.prefix,
            self.redirects,
            self.heredocs,
            self.depth,
            self.function,
        )

    def shifted(self, base: int, depth: int, function: str | None) -> RawCommand:
        """The same command found inside a code string that starts at offset `base`."""
        move = lambda span: (span[0] + base, span[1] + base)  # noqa: E731
        return RawCommand(
            self.start + base,
            self.end + base,
            [move(w) for w in self.words],
            [move(p) for p in self.prefix],
            [(op, move(t), s + base, e + base) for op, t, s, e in self.redirects],
            [(op, move(d), b + base) for op, d, b in self.heredocs],
            self.depth + depth,
            self.function or function,
            True,
        )


class TooDeep(Exception):
    """The script nests deeper than a front end will follow."""


MAX_DEPTH = 600


def heredoc_body_end(text: str, body_start: int, tag: str, strip_tabs: bool) -> tuple[int, bool]:
    """Offset of the terminator line of a heredoc whose body starts at `body_start`."""
    pos = body_start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        if line.endswith("\r"):
            line = line[:-1]
        if strip_tabs:
            line = line.lstrip("\t")
        if line == tag:
            return pos, True
        if nl < 0:
            break
        pos = nl + 1
    return n, False


# Commands nested deeper than this in $( ) / ` ` / <( ) are not modelled: each one's words hold
# the text of all the levels inside it, so modelling 10,000 levels would read 10,000 x 10,000
# characters. No real script comes near; the outer levels are still checked.
MAX_COMMAND_DEPTH = 64


def build_commands(text: str, raws: list[RawCommand]) -> tuple[list[Command], list[Heredoc]]:
    commands: list[Command] = []
    heredocs: list[Heredoc] = []
    append = commands.append
    for raw in sorted((r for r in raws if r.depth <= MAX_COMMAND_DEPTH), key=_position):
        command = build_command(text, raw)
        heredocs.extend(command.heredocs)
        append(command)
    return commands, heredocs


def build_command(text: str, raw: RawCommand) -> Command:
    spans = raw.words
    words = tuple([Word(text[s:e], s, e) for s, e in spans])
    assignments: list[Assignment] = []
    for s, e in raw.prefix:
        a = assignment_from_word(Word(text[s:e], s, e))
        if a is not None:
            assignments.append(a)
    if words and words[0].value in DECLARATION_COMMANDS:
        keyword = words[0].value or ""
        for w in words[1:]:
            a = assignment_from_word(w, declared_by=keyword)
            if a is not None:
                assignments.append(a)
    redirects = (
        tuple([Redirect(op, Word(text[s:e], s, e), rs, re_) for op, (s, e), rs, re_ in raw.redirects])
        if raw.redirects
        else ()
    )
    docs = (
        tuple([_heredoc(text, op, s, e, body_start) for op, (s, e), body_start in raw.heredocs]) if raw.heredocs else ()
    )
    # The command's extent is that of its own words: front ends disagree on whether a
    # trailing redirection or heredoc belongs to the node, so it is not taken from them.
    if raw.prefix or raw.redirects or raw.heredocs:
        spans = spans + raw.prefix + [(s, e) for _, _, s, e in raw.redirects] + [span for _, span, _ in raw.heredocs]
    if spans:
        start = min(spans)[0]
        end = max(map(_end_of, spans))
    else:
        start, end = raw.start, raw.end
    return Command(words, tuple(assignments), redirects, docs, start, end, raw.depth, raw.function, raw.embedded)


def _position(raw: RawCommand) -> tuple[int, int, int]:
    return raw.start, raw.depth, raw.end


_end_of = itemgetter(1)


def _heredoc(text: str, op: str, s: int, e: int, body_start: int) -> Heredoc:
    delimiter = Word(text[s:e], s, e)
    # The body is whole lines: front ends differ on whether `<<-` tabs belong to it.
    body_start = text.rfind("\n", 0, body_start) + 1 if body_start > e else body_start
    probe = Heredoc(op, delimiter, body_start, body_start, False)
    body_end, terminated = heredoc_body_end(text, body_start, probe.tag, op == "<<-")
    return Heredoc(op, delimiter, body_start, body_end, terminated)
