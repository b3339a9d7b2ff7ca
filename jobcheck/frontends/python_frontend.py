"""Python front end: Python job scripts and the Python code inside shell jobs.

For each piece of code the front end reports a syntax error (position and message), or the
facts the rules read (environment reads, calls resolved through imports, GPU uses), all as file
offsets through `offsets`: the file offset of each character of the code string.

Code that CPython parses (`ast.parse`: it builds a tree, it runs nothing) has its facts read
from that tree (python_facts.AstFacts). Code it does not parse goes to libcst, imported here on
first use (0.15 s): libcst reads grammar newer than the running interpreter, so code written
for a newer Python is not called broken, and its facts come from libcst's tree. When libcst
finds it broken too, the message and position are CPython's where both agree it is broken
("'(' was never closed" is clearer than libcst's), else libcst's.
"""

from __future__ import annotations

import ast
import functools
import re
import warnings

from ..model.python_code import GpuUse, PythonCode, PythonSyntaxError
from ..patterns import lazy
from .nesting import python_too_deep
from .python_facts import CUDA_DEVICE_RE, MAX_FACTS, AstFacts, Facts

LIBCST_ERROR_AT = lazy(r"error at (\d+):(\d+)")


# Code without any of these holds no fact a rule reads: if CPython parses it, libcst (about 0.2 s
# to import) is not needed to know there is nothing to report.
FACT_WORDS_RE = lazy(r"environ|getenv|cpu_count|Pool|cuda")


def analyse_code(code: str, offsets, origin: str, placeholders: bool = False) -> PythonCode:
    """`offsets[i]` is the file offset of code[i]; it has one more entry, the end."""
    found = _facts(code)
    placed = PythonCode(origin, offsets[0], offsets[-1], placeholders=placeholders)

    def span(start: int, end: int) -> tuple[int, int]:
        return offsets[start], offsets[start] + 1 if end == start + 1 else offsets[end]

    if found.syntax_error is not None:
        error = found.syntax_error
        placed.syntax_error = PythonSyntaxError(*span(error.start, error.end), error.message)
    placed.env_reads = [
        r._replace(
            start=span(r.start, r.end)[0],
            end=span(r.start, r.end)[1],
            name_start=offsets[r.name_start],
            name_end=offsets[r.name_end],
        )
        for r in found.env_reads
    ]
    placed.calls = [c._replace(start=offsets[c.start], end=offsets[c.end]) for c in found.calls]
    placed.gpu_uses = [g._replace(start=offsets[g.start], end=offsets[g.end]) for g in found.gpu_uses]
    return placed


@functools.lru_cache(maxsize=128)
def _facts(code: str) -> PythonCode:
    """What the code holds, with positions as indexes into `code` (cached: a job that runs the
    same heredoc a thousand times parses it once)."""
    tree, refusal = _cpython_tree(code)
    if tree is None:
        # CPython (this interpreter's grammar) rejects it: libcst, which reads newer grammar,
        # decides whether it is broken, and gives the facts when it is not -- unless the code
        # nests so deeply that libcst's native parser could crash the whole run.
        too_deep = refusal or python_too_deep(code)
        if too_deep is not None:
            result = PythonCode("", 0, len(code))
            result.syntax_error = PythonSyntaxError(
                0, min(1, len(code)), "nested too deeply to parse (%s); not checked" % too_deep
            )
            return result
        return _libcst_facts(code)
    result = PythonCode("", 0, len(code))
    if FACT_WORDS_RE.search(code):
        facts = Facts(result)
        try:
            AstFacts(facts, code, _line_starts(code)).visit(tree)
            facts.finish()
        except RecursionError:
            pass  # absurdly deep expressions: no facts
    return result


def _libcst_facts(code: str) -> PythonCode:
    import libcst

    result = PythonCode("", 0, len(code))
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
        collector = _collector()(result, at)
        wrapper.visit(collector)
        collector.finish()
    except RecursionError:
        pass  # absurdly deep expressions: keep the facts found so far
    return result


def _cpython_tree(code: str) -> tuple[ast.Module | None, str | None]:
    """CPython's tree of the code, or None and, when CPython gave up on its depth, what it said."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            return ast.parse(code), None
    except (MemoryError, RecursionError):
        return None, "CPython's parser ran out of depth"
    except SyntaxError as exc:
        return None, ("CPython: %s" % exc.msg) if "too many nested" in str(exc.msg) else None
    except ValueError:
        return None, None


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


def _collector():
    import libcst
    from libcst.metadata import PositionProvider

    class Collector(libcst.CSTVisitor, Facts):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def __init__(self, result: PythonCode, at):
            libcst.CSTVisitor.__init__(self)
            Facts.__init__(self, result)
            self.at = at

        def span(self, node) -> tuple[int, int]:
            where = self.get_metadata(PositionProvider, node)
            return self.at(where.start.line, where.start.column), self.at(where.end.line, where.end.column)

        # ---- imports --------------------------------------------------------------------

        def visit_Import(self, node) -> None:
            for alias in node.names:
                full = _dotted(alias.name)
                if full is not None:
                    self.imported(full, alias.asname.name.value if alias.asname is not None else None)

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
                    self.raw_getters.append(
                        (dotted, name, whole[0], whole[1], name_start, name_end, has_default, id(node))
                    )
            if isinstance(node.func, libcst.Attribute) and node.func.attr.value == "cuda" and len(self.gpu) < MAX_FACTS:
                self.gpu.append(GpuUse("`.cuda()`", *self.span(node.func.attr)))
            for arg in node.args:
                value = arg.value
                if (
                    isinstance(value, libcst.SimpleString)
                    and (arg.keyword is None or arg.keyword.value == "device")
                    and CUDA_DEVICE_RE.match(_string(value) or "")
                    and len(self.gpu) < MAX_FACTS
                ):
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
