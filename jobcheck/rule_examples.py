"""A rule's documented examples, read from its docs (what `jobcheck --explain` prints), so that
they can be checked: the Example must trigger the rule, the "Use instead" must not.

The "## Example" section holds a snippet indented four spaces, then a paragraph starting with
"Use instead" and a second snippet. Each snippet is a whole file, checked exactly as shown: a
job script named `job.sh` (`Apptainer.def` for a rule that reads only definition files), alone
in an empty folder. What a snippet needs besides its text is said before it, in a paragraph
starting with "With ", in words a reader can act on:

- a command-line option in backquotes: "With `--slurm-version 21.08`:", "With `--scheduler pbspro`:";
- an option a rule pack declares (set under `[options]` in the configuration), in backquotes:
  "With `lsf-unit-for-limits = \"KB\"`:";
- a cluster profile: "With `--profile cluster.toml`, where cluster.toml holds:" followed by the
  profile as the first snippet (the Example is then the second);
- "With CRLF line endings": the Example's lines end in `\\r\\n` (the Use instead's do not).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

OPTION_RE = re.compile(r"`(--[a-z][a-z0-9-]*)(?:[ =]([^`]+))?`")
CONFIG_RE = re.compile(r"`([a-z][a-z0-9-]*) = ([^`]+)`")
CRLF_WORDS = "CRLF line endings"


class ExampleError(ValueError):
    """The docs' Example section does not follow the form above."""


@dataclass
class Examples:
    example: str  # the snippet that triggers the rule
    use_instead: str  # the snippet that does not
    arguments: list[str] = field(default_factory=list)  # command-line options, as typed
    config: dict[str, str] = field(default_factory=dict)  # rule pack options: name -> TOML value
    files: dict[str, str] = field(default_factory=dict)  # other files the options name (a profile)
    crlf: bool = False  # the Example's lines end in \r\n

    def example_bytes(self) -> bytes:
        text = self.example.replace("\n", "\r\n") if self.crlf else self.example
        return text.encode("utf-8")


def section(docs: str, heading: str) -> str:
    """The text under `## heading`, up to the next `## ` heading ('' when there is none)."""
    m = re.search(r"^## %s[ \t]*$" % re.escape(heading), docs, re.MULTILINE)
    if m is None:
        return ""
    end = re.compile(r"^## ", re.MULTILINE).search(docs, m.end())
    return docs[m.end() : end.start() if end else len(docs)]


def snippets(text: str) -> list[str]:
    """The blocks indented four spaces in `text`, dedented, each ending in one newline."""
    found: list[str] = []
    block: list[str] | None = None
    for line in text.split("\n") + [""]:
        if line.startswith("    "):
            block = (block or []) + [line[4:]]
        elif not line.strip() and block is not None:
            block.append("")
        elif block is not None:
            found.append("\n".join(block).rstrip("\n") + "\n")
            block = None
    if block:
        found.append("\n".join(block).rstrip("\n") + "\n")
    return found


def read_examples(docs: str) -> Examples:
    """The Example and Use instead of a rule's docs, with what they are checked with."""
    text = section(docs, "Example")
    if not text:
        raise ExampleError("no `## Example` section")
    parts = re.split(r"^Use instead\b", text, maxsplit=1, flags=re.MULTILINE)
    if len(parts) < 2:
        raise ExampleError("no paragraph starting with `Use instead` in the Example section")
    before, after = parts
    found = Examples("", "")
    needs_file = _read_with(before, found)
    blocks = snippets(before)
    if needs_file:
        if len(blocks) < 2:
            raise ExampleError("`--profile %s` needs its file as the first snippet, then the Example" % needs_file)
        found.files[needs_file] = blocks.pop(0)
    if not blocks:
        raise ExampleError("no Example snippet (indented four spaces) before `Use instead`")
    if len(blocks) > 1:
        raise ExampleError("%d snippets before `Use instead`; the Example is one snippet" % len(blocks))
    found.example = blocks[0]
    after_blocks = snippets(after)
    if not after_blocks:
        raise ExampleError("no snippet (indented four spaces) after `Use instead`")
    found.use_instead = after_blocks[0]
    return found


def _read_with(text: str, found: Examples) -> str | None:
    """Read the "With ..." paragraphs into `found`; the name of the file `--profile` names, if any."""
    needs_file = None
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        if not paragraph.startswith("With "):
            continue
        if CRLF_WORDS in paragraph:
            found.crlf = True
        for m in CONFIG_RE.finditer(paragraph):
            found.config[m.group(1)] = m.group(2)
        for m in OPTION_RE.finditer(paragraph):
            found.arguments.append(m.group(1))
            if m.group(2):
                found.arguments.extend(shlex.split(m.group(2)))
            if m.group(1) == "--profile":
                needs_file = m.group(2)
        if not (found.crlf or found.config or found.arguments):
            raise ExampleError(
                "a `With` paragraph that names no `--option`, `key = value` or %s: %r" % (CRLF_WORDS, paragraph)
            )
    return needs_file


def file_name(languages: tuple[str, ...]) -> str:
    """The name an example is checked under: a definition file for rules that read only those."""
    return "Apptainer.def" if tuple(languages) == ("deffile",) else "job.sh"
