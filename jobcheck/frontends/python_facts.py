"""The facts the Python rules read, gathered from a syntax tree: imports (to resolve names),
calls, environment reads, GPU uses.

`Facts` keeps what a walk found and resolves it once every import is known; two walks fill it:
`AstFacts` over CPython's own tree (`ast.parse` builds a tree and runs nothing), used for all
code this interpreter parses, and the libcst walk in `python_frontend`, used only for code it
does not (libcst reads grammar newer than the running Python, and names syntax errors). CPython
is the common case and costs nothing to import; libcst costs 0.15 s.
"""

from __future__ import annotations

import ast

from ..model.python_code import EnvRead, GpuUse, PythonCall, PythonCode
from ..patterns import lazy

MAX_FACTS = 200  # per kind and piece of code: enough for any rule, bounded for huge files
# Checks, not uses: code behind them also runs on a CPU-only node.
GPU_CHECKS = frozenset({"torch.cuda.is_available", "torch.cuda.device_count", "torch.cuda.is_initialized"})
ENV_GETTERS = frozenset({"os.environ.get", "os.getenv"})
CUDA_DEVICE_RE = lazy(r"cuda(:\d+)?$")


class Facts:
    """What a walk over one piece of code found, positions as indexes into the code."""

    def __init__(self, result: PythonCode):
        self.result = result
        self.aliases: dict[str, str] = {}
        self.raw_calls: list = []  # (dotted, start, end, positional, keywords)
        self.raw_subscripts: list = []  # (dotted, name, start, end, name_start, name_end, node id)
        self.raw_getters: list = []  # (dotted, name, start, end, name_start, name_end, has_default, node id)
        self.raw_names: list = []  # (dotted, start, end)
        self.int_arguments: set[int] = set()
        self.gpu: list[GpuUse] = []

    def imported(self, full: str, local: str | None) -> None:
        """`import full [as local]`."""
        if local is not None:
            self.aliases[local] = full
        else:
            top = full.split(".")[0]
            self.aliases[top] = top

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
                result.env_reads.append(
                    EnvRead(
                        name,
                        start,
                        end,
                        name_start,
                        name_end,
                        has_default=False,
                        subscript=True,
                        in_int=node_id in self.int_arguments,
                    )
                )
        for dotted, name, start, end, name_start, name_end, has_default, node_id in self.raw_getters:
            if self.resolved(dotted) in ENV_GETTERS:
                result.env_reads.append(
                    EnvRead(
                        name,
                        start,
                        end,
                        name_start,
                        name_end,
                        has_default=has_default,
                        subscript=False,
                        in_int=node_id in self.int_arguments,
                    )
                )
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


class AstFacts(ast.NodeVisitor):
    """The walk over CPython's tree. Its columns count UTF-8 bytes; `at` turns them into indexes."""

    def __init__(self, facts: Facts, code: str, line_starts: list[int]):
        self.facts = facts
        self.code = code
        self.line_starts = line_starts

    def at(self, line: int, byte_column: int) -> int:
        start = self.line_starts[min(line, len(self.line_starts)) - 1]
        text = self.code[start : start + byte_column]
        if not text.isascii():
            text = text.encode("utf-8", "surrogatepass")[:byte_column].decode("utf-8", "ignore")
        return min(len(self.code), start + len(text))

    def span(self, node) -> tuple[int, int]:
        return self.at(node.lineno, node.col_offset), self.at(node.end_lineno, node.end_col_offset)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.facts.imported(alias.name, alias.asname)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module is None or node.level or any(alias.name == "*" for alias in node.names):
            return
        for alias in node.names:
            self.facts.aliases[alias.asname or alias.name] = "%s.%s" % (node.module, alias.name)

    def visit_Call(self, node: ast.Call) -> None:
        facts = self.facts
        dotted = _dotted(node.func)
        positional = sum(1 for a in node.args if not isinstance(a, ast.Starred))
        keywords = tuple(k.arg for k in node.keywords if k.arg is not None)
        first = node.args[0] if node.args else (node.keywords[0].value if node.keywords else None)
        if dotted == "int" and first is not None:
            facts.int_arguments.add(id(first))
        start, end = self.span(node.func)
        if dotted is not None and len(facts.raw_calls) < MAX_FACTS:
            facts.raw_calls.append((dotted, start, end, positional, keywords))
        name = _string(first)
        if dotted is not None and name is not None:
            has_default = positional >= 2 or "default" in keywords
            whole = self.span(node)
            facts.raw_getters.append((dotted, name, whole[0], whole[1], *self.span(first), has_default, id(node)))
        if isinstance(node.func, ast.Attribute) and node.func.attr == "cuda" and len(facts.gpu) < MAX_FACTS:
            attribute_end = self.span(node.func)[1]
            facts.gpu.append(GpuUse("`.cuda()`", attribute_end - len("cuda"), attribute_end))
        devices = [a for a in node.args if not isinstance(a, ast.Starred)] + [
            k.value for k in node.keywords if k.arg == "device"
        ]
        for value in devices:
            text = _string(value)
            if text is not None and CUDA_DEVICE_RE.match(text) and len(facts.gpu) < MAX_FACTS:
                facts.gpu.append(GpuUse("device `%s`" % text, *self.span(value)))
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        dotted = _dotted(node.value)
        name = _string(node.slice)
        if dotted is not None and name is not None and len(self.facts.raw_subscripts) < MAX_FACTS:
            self.facts.raw_subscripts.append((dotted, name, *self.span(node), *self.span(node.slice), id(node)))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = _dotted(node)
        if dotted is not None and len(self.facts.raw_names) < MAX_FACTS:
            self.facts.raw_names.append((dotted, *self.span(node)))
        self.generic_visit(node)


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _string(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
