"""Python front end, on libcst: Python job scripts and the Python code inside shell jobs.

libcst is imported here, on first use: a run over shell scripts with no Python never pays for
it. For each piece of code the front end reports a syntax error (position and message), or the
facts the rules read (environment reads, calls resolved through imports, GPU uses), all as file
offsets through `offsets`: the file offset of each character of the code string.

Syntax error positions and messages: libcst says *that* the code does not parse; CPython's own
parser (`ast.parse`: it builds a tree, it runs nothing) gives the clearer message ("'(' was never
closed") and position, and is used when it agrees that the code is broken. Code that CPython
parses and that mentions nothing the rules look for is not handed to libcst at all.
"""

from __future__ import annotations

import ast
import functools
import re
import warnings
from dataclasses import replace

from ..pycode import EnvRead, GpuUse, PythonCall, PythonCode, PythonSyntaxError

LIBCST_ERROR_AT = re.compile(r"error at (\d+):(\d+)")
MAX_FACTS = 200  # per kind and piece of code: enough for any rule, bounded for huge files
# Checks, not uses: code behind them also runs on a CPU-only node.
GPU_CHECKS = frozenset({"torch.cuda.is_available", "torch.cuda.device_count", "torch.cuda.is_initialized"})
ENV_GETTERS = frozenset({"os.environ.get", "os.getenv"})


# Code without any of these holds no fact a rule reads: if CPython parses it, libcst (about 0.2 s
# to import) is not needed to know there is nothing to report.
FACT_WORDS_RE = re.compile(r"environ|getenv|cpu_count|Pool|cuda")


def analyse_code(code: str, offsets, origin: str, placeholders: bool = False) -> PythonCode:
    """`offsets[i]` is the file offset of code[i]; it has one more entry, the end."""
    found = _facts(code)
    placed = PythonCode(origin, offsets[0], offsets[-1], placeholders=placeholders)

    def span(start: int, end: int) -> tuple[int, int]:
        return offsets[start], offsets[start] + 1 if end == start + 1 else offsets[end]

    if found.syntax_error is not None:
        error = found.syntax_error
        placed.syntax_error = PythonSyntaxError(*span(error.start, error.end), error.message)
    placed.env_reads = [replace(r, start=span(r.start, r.end)[0], end=span(r.start, r.end)[1],
                                name_start=offsets[r.name_start], name_end=offsets[r.name_end]) for r in found.env_reads]
    placed.calls = [replace(c, start=offsets[c.start], end=offsets[c.end]) for c in found.calls]
    placed.gpu_uses = [replace(g, start=offsets[g.start], end=offsets[g.end]) for g in found.gpu_uses]
    return placed


@functools.lru_cache(maxsize=128)
def _facts(code: str) -> PythonCode:
    """What the code holds, with positions as indexes into `code` (cached: a job that runs the
    same heredoc a thousand times parses it once)."""
    result = PythonCode("", 0, len(code))
    if not FACT_WORDS_RE.search(code) and _cpython_parses(code):
        return result
    import libcst

    line_starts = _line_starts(code)

    def at(line: int, column: int) -> int:
        return min(len(code), line_starts[min(line, len(line_starts)) - 1] + column)

    try:
        module = libcst.parse_module(code)
    except libcst.ParserSyntaxError as exc:
        result.syntax_error = _syntax_error(code, exc, at)
        return result
    except Exception:  # libcst refuses some inputs outright (e.g. lone surrogates): no facts, no finding
        return result
    try:
        wrapper = libcst.metadata.MetadataWrapper(module, unsafe_skip_copy=True)
        collector = _collector(libcst)(result, at)
        wrapper.visit(collector)
        collector.finish()
    except RecursionError:
        pass  # absurdly deep expressions: keep the facts found so far
    return result


def _cpython_parses(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def _line_starts(code: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\r\n|\r|\n", code):
        starts.append(match.end())
    return starts


def _syntax_error(code: str, exc, at) -> PythonSyntaxError:
    message = str(getattr(exc, "message", "") or exc).splitlines()[0]
    found = LIBCST_ERROR_AT.search(message)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (exc.raw_line, exc.raw_column)
    message = _short(message)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            ast.parse(code)
    except SyntaxError as cpython:
        if cpython.lineno is not None and cpython.msg:
            line, column = cpython.lineno, max(0, (cpython.offset or 1) - 1)
            message = cpython.msg
    except (ValueError, MemoryError, RecursionError):
        pass
    line_starts = _line_starts(code)
    index = line_starts[min(max(1, line), len(line_starts)) - 1] + column
    start = at(max(1, line), column)
    # one character wide, or empty at a line end (the message is about what is missing there)
    end = start + 1 if index < len(code) and code[index] not in "\r\n" else start
    return PythonSyntaxError(start, end, message)


def _short(message: str) -> str:
    message = re.sub(r"^(parser|tokenizer) error: (error at \d+:\d+: )?", "", message)
    expected = re.match(r"expected one of (.*)$", message)
    if expected and expected.group(1).count(",") >= 3:
        return "invalid syntax"
    return message.replace("expected INDENT", "expected an indented block")


def _collector(libcst):
    from libcst.metadata import PositionProvider

    class Collector(libcst.CSTVisitor):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def __init__(self, result: PythonCode, at):
            super().__init__()
            self.result = result
            self.at = at
            self.aliases: dict[str, str] = {}
            self.raw_calls: list = []       # (dotted, start, end, positional, keywords)
            self.raw_subscripts: list = []  # (dotted, name, start, end, name_start, name_end)
            self.raw_getters: list = []     # (dotted, name, start, end, name_start, name_end, has_default, node id)
            self.raw_names: list = []       # (dotted, start, end)
            self.int_arguments: set[int] = set()
            self.gpu: list[GpuUse] = []

        def span(self, node) -> tuple[int, int]:
            where = self.get_metadata(PositionProvider, node)
            return self.at(where.start.line, where.start.column), self.at(where.end.line, where.end.column)

        # ---- imports --------------------------------------------------------------------

        def visit_Import(self, node) -> None:
            for alias in node.names:
                full = _dotted(alias.name)
                if full is None:
                    continue
                if alias.asname is not None:
                    self.aliases[alias.asname.name.value] = full
                else:
                    top = full.split(".")[0]
                    self.aliases[top] = top

        def visit_ImportFrom(self, node) -> None:
            module = _dotted(node.module) if node.module is not None else None
            if module is None or node.relative or isinstance(node.names, libcst.ImportStar):
                return
            for alias in node.names:
                name = alias.name.value if isinstance(alias.name, libcst.Name) else None
                if name is None:
                    continue
                local = alias.asname.name.value if alias.asname is not None else name
                self.aliases[local] = "%s.%s" % (module, name)

        # ---- uses -----------------------------------------------------------------------

        def visit_Call(self, node) -> None:
            dotted = _dotted(node.func)
            positional = sum(1 for a in node.args if a.keyword is None and not a.star)
            keywords = tuple(a.keyword.value for a in node.args if a.keyword is not None)
            if dotted == "int" and node.args:
                self.int_arguments.add(id(node.args[0].value))
            start, end = self.span(node.func)
            if dotted is not None and len(self.raw_calls) < MAX_FACTS:
                self.raw_calls.append((dotted, start, end, positional, keywords))
            if dotted is not None and node.args and isinstance(node.args[0].value, libcst.SimpleString):
                name = _string(node.args[0].value)
                if name is not None:
                    has_default = positional >= 2 or "default" in keywords
                    name_start, name_end = self.span(node.args[0].value)
                    whole = self.span(node)
                    self.raw_getters.append((dotted, name, whole[0], whole[1], name_start, name_end, has_default,
                                             id(node)))
            if isinstance(node.func, libcst.Attribute) and node.func.attr.value == "cuda" and len(self.gpu) < MAX_FACTS:
                self.gpu.append(GpuUse("`.cuda()`", *self.span(node.func.attr)))
            for arg in node.args:
                value = arg.value
                if (isinstance(value, libcst.SimpleString) and (arg.keyword is None or arg.keyword.value == "device")
                        and re.match(r"cuda(:\d+)?$", _string(value) or "") and len(self.gpu) < MAX_FACTS):
                    self.gpu.append(GpuUse("device `%s`" % _string(value), *self.span(value)))

        def visit_Subscript(self, node) -> None:
            dotted = _dotted(node.value)
            if dotted is None or len(node.slice) != 1:
                return
            index = node.slice[0].slice
            if isinstance(index, libcst.Index) and isinstance(index.value, libcst.SimpleString):
                name = _string(index.value)
                if name is not None and len(self.raw_subscripts) < MAX_FACTS:
                    self.raw_subscripts.append((dotted, name, *self.span(node), *self.span(index.value), id(node)))

        def visit_Attribute(self, node) -> None:
            dotted = _dotted(node)
            if dotted is not None and len(self.raw_names) < MAX_FACTS:
                self.raw_names.append((dotted, *self.span(node)))

        # ---- resolution, once every import is known -------------------------------------

        def resolved(self, dotted: str) -> str:
            head, _, rest = dotted.partition(".")
            full = self.aliases.get(head)
            if full is None:
                return dotted
            return full + ("." + rest if rest else "")

        def finish(self) -> None:
            result = self.result
            for dotted, start, end, positional, keywords in self.raw_calls:
                result.calls.append(PythonCall(self.resolved(dotted), start, end, positional, keywords))
            for dotted, name, start, end, name_start, name_end, node_id in self.raw_subscripts:
                if self.resolved(dotted) == "os.environ":
                    result.env_reads.append(EnvRead(name, start, end, name_start, name_end, has_default=False,
                                                    subscript=True, in_int=node_id in self.int_arguments))
            for dotted, name, start, end, name_start, name_end, has_default, node_id in self.raw_getters:
                if self.resolved(dotted) in ENV_GETTERS:
                    result.env_reads.append(EnvRead(name, start, end, name_start, name_end, has_default=has_default,
                                                    subscript=False, in_int=node_id in self.int_arguments))
            seen: set[tuple[int, int]] = set()
            for dotted, start, end in self.raw_names:
                full = self.resolved(dotted)
                if full.startswith("torch.cuda.") and full not in GPU_CHECKS and (start, end) not in seen:
                    # `torch.cuda.amp.autocast` is reported once, not also as `torch.cuda.amp`
                    if any(s <= start and end <= e for s, e in seen):
                        continue
                    seen.add((start, end))
                    self.gpu.append(GpuUse("`%s`" % full, start, end))
            result.gpu_uses.extend(sorted(self.gpu, key=lambda use: use.start)[:MAX_FACTS])
            result.env_reads.sort(key=lambda read: read.start)

    return Collector


def _dotted(node) -> str | None:
    import libcst

    parts = []
    while isinstance(node, libcst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, libcst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def _string(node) -> str | None:
    try:
        value = node.evaluated_value
    except Exception:
        return None
    return value if isinstance(value, str) else None
