from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS
from jobcheck.patterns import lazy

from .section_commands import commands_in

# Package managers and the subcommands that take a list of packages.
INSTALLS = {
    "apt-get": ("install",),
    "apt": ("install",),
    "yum": ("install",),
    "dnf": ("install",),
    "microdnf": ("install",),
    "zypper": ("install", "in"),
    "apk": ("add",),
    "pip": ("install",),
    "pip3": ("install",),
    "conda": ("install", "create"),
    "mamba": ("install", "create"),
    "micromamba": ("install", "create"),
}
# A package (`libxml2-dev`, `numpy==1.26`, `r-base=4.3*`, `scikit-learn>=1.4`) or an option.
LIST_ITEM = lazy(r"^(-{1,2}[A-Za-z][\w.-]*(=\S*)?|[A-Za-z0-9][\w.+:-]*(\[[\w,.-]+\])?([=<>!~]=?[\w.*+~:-]+)?)$")
ESCAPED_BLANK = lazy(r"(?<![\\])\\[ \t]+$")
# Words that start a new command, not an item of a list: shell words, and the package managers and
# clean-up commands that follow an install (`apt-get clean`, `rm -rf /var/lib/apt/lists/*`).
SHELL_WORDS = frozenset(INSTALLS) | frozenset(
    """
if then else elif fi for while until do done case esac in function select time export cd exit return set source
unset echo printf true false exec eval shift break continue rm ln cp mv mkdir chmod ldconfig locale-gen
update-alternatives apt-key add-apt-repository
""".split()
)


class MissingLineContinuation(Rule):
    """
    ## What it does
    In a definition file's build scripts (`%post`, `%setup`, `%appinstall`), finds a package
    list spread over lines (`apt-get install -y \\`, `pip install \\`, ...) where one line lacks
    its closing `\\` and the next line, indented like the list's items, holds only package names
    or options.

    ## Why is this bad?
    Without the `\\` the shell ends the install command at that line: the next line runs as a
    command of its own (`git vim` runs git with the argument `vim`, `--no-install-recommends`
    is "not found"). Its packages are never installed, and the build stops (`%post` runs under
    `sh -e`) wherever that command fails.

    ## Example
        %post
            apt-get install -y \\
                curl \\
                wget
                git \\
                vim

    Use instead:

        %post
            apt-get install -y \\
                curl \\
                wget \\
                git \\
                vim

    ## Fix safety
    Adding the `\\` is safe: the line below is indented as an item of the list and holds only
    package names and options.
    """

    code = "JC529"
    name = "deffile-missing-line-continuation"
    severity = Severity.ERROR
    summary = (
        "A multi-line package list in %post with a line missing its `\\` (or a blank after it): the next line "
        "runs as a command"
    )
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",):
                continue
            commands = commands_in(script, section)
            for command, following in pairwise(commands):
                installer = _installer(command)
                if installer is None or not _continues_the_list(text, command, following):
                    continue
                line_end = text.find("\n", command.end)
                line_end = len(text) if line_end < 0 else line_end
                if text[line_end - 1 : line_end] == "\r":
                    line_end -= 1
                line = text[text.rfind("\n", 0, command.end) + 1 : line_end]
                blank = ESCAPED_BLANK.search(line)
                items = " ".join(word.text for word in following.words)
                if blank is not None:
                    # `\ ` at the end: the backslash escapes the blank after it, not the line break
                    at = line_end - len(line) + blank.start()
                    yield Diagnostic(
                        at,
                        at + 1,
                        "`\\` is followed by a blank, so it escapes the blank, not the "
                        "line break: the `%s` command ends here and the next line runs as a command of "
                        "its own (`%s`), so `%s` never gets what it lists, and the build stops if that "
                        "command fails; delete the blank after the `\\`" % (installer, items, installer),
                        Fix.safe("delete the blank after `\\`", Edit(at, line_end, "\\")),
                    )
                    continue
                last = command.words[-1]
                yield Diagnostic(
                    last.start,
                    last.end,
                    "`%s` ends the `%s` list without `\\`: the next line runs as a command of its "
                    "own (`%s`), so `%s` never gets what it lists, and the build stops if that command "
                    "fails; end the line with ` \\`" % (last.text, installer, items, installer),
                    Fix.safe("add ` \\`", Edit(command.end, line_end, " \\")),
                )


def _installer(command) -> str | None:
    """`apt-get install` of `apt-get install -y \\ ...`, or None when the command installs no list."""
    words = [word.value or "" for word in command.words]
    if not words:
        return None
    program = words[0].rpartition("/")[2]
    rest = words[1:]
    said = words[0]
    if program.startswith("python") and rest[:2] == ["-m", "pip"]:
        program, rest, said = "pip", rest[2:], "%s -m pip" % words[0]
    subcommands = INSTALLS.get(program)
    if subcommands is None:
        return None
    for word in rest:
        if word in subcommands:
            return "%s %s" % (said, word)
        if not word.startswith("-"):
            return None  # another subcommand (`apt-get update`, `pip list`)
    return None


def _continues_the_list(text: str, command, following) -> bool:
    """`following` starts on the line after `command` ends, indented like the command's continuation
    lines (deeper than its first line), and holds only package names and options."""
    between = text[command.end : following.start]
    if between.count("\n") != 1 or between.strip() not in ("", "\\"):
        return False  # a `;`, `&&`, `|`, a comment or a blank line: the author ended the command
    own = text[command.start : command.end]
    if "\\\n" not in own and "\\\r\n" not in own:
        return False  # a one-line command
    first_indent = _indent(text, command.start)
    item_indent = _indent(text, text.rfind("\n", 0, command.end) + 1)
    if item_indent <= first_indent or _indent(text, following.start) != item_indent:
        return False
    if following.assignments or following.redirects or following.heredocs or not following.words:
        return False
    values = [word.value for word in following.words]
    if values[0] in SHELL_WORDS or any(value is None or not LIST_ITEM.match(value) for value in values):
        return False
    return all(word.text == word.value for word in following.words)  # no quotes, no expansions


def _indent(text: str, offset: int) -> int:
    """Width of the leading blanks of the line that holds `offset` (a tab counts as 8)."""
    start = text.rfind("\n", 0, offset) + 1
    width = 0
    for char in text[start:]:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 8 - width % 8
        else:
            break
    return width
