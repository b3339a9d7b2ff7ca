from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

SHEBANG_LINE_RE = lazy(r"^[ \t]*#![ \t]*/", re.MULTILINE)
BROKEN_SHEBANG_RE = lazy(r"[ \t]*(?:!|#[ \t]+!|#)[ \t]*/[\w./-]*\b(?:ba|z|k|c|tc)?sh\b")
TEMPLATE_VALUE_RE = lazy(r"^@[A-Za-z_]|\{\{|\{[A-Za-z_][\w.]*\}|<[A-Za-z_ ]+>")


class MissingShebang(Rule):
    """
    ## What it does
    Checks that a script with `#SBATCH` directives starts with `#!` as its very first two bytes.

    ## Why is this bad?
    sbatch looks at the first two bytes of the file and nothing else. Without `#!` there, it
    refuses the script at submission:

        sbatch: error: This does not look like a batch script.  The first
        sbatch: error: line must start with #! followed by the path to an interpreter.

    A blank line, a leading space or a UTF-8 byte-order mark before `#!` is enough to get this
    error. Files without `#SBATCH` lines in their header are not checked: they may be sourced,
    not submitted; nor are files that hold several scripts one below the other (several `#!`
    lines: a collection of notes, not one job), nor templates whose header values are
    placeholders (`--time=@TIME`, `{{ time }}`): a tool writes the real script.

    ## Example
        #SBATCH --time=10
        srun ./solver

    Use instead:

        #!/bin/bash
        #SBATCH --time=10
        srun ./solver

    Blank lines before `#!/bin/bash` are reported too: the `#!` must be the file's first two bytes.
    A first line such as `!/bin/bash`, `# !/bin/bash` or `#/bin/bash` is a shebang with its
    `#!` mistyped: it is reported even though sbatch, reading it as a command, never sees the
    `#SBATCH` lines below it.

    ## Fix safety
    Removing blank lines or spaces before an existing `#!` is safe, and so is writing `#!` in
    front of a mistyped shebang's interpreter. Adding `#!/bin/bash` to a
    script that has no shebang at all is unsafe: the interpreter is jobcheck's guess. A
    byte-order mark has no fix: save the file as UTF-8 without BOM.
    """

    code = "JC001"
    name = "missing-shebang"
    severity = Severity.ERROR
    summary = "A batch script must start with `#!`: sbatch refuses it otherwise"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        slurm = [d for d in script.directives if d.prefix in ("#SBATCH", "#SLURM")]
        # `!/bin/bash` on line 1 is a command to sbatch, so the #SBATCH lines below it are past the
        # header; the author evidently meant a shebang there, and this is the file's real defect.
        broken_shebang = bool(slurm) and BROKEN_SHEBANG_RE.match(script.text) is not None
        if not broken_shebang and not any(d.in_header for d in slurm):
            return
        text = script.text
        if len(SHEBANG_LINE_RE.findall(text)) > 1:
            return  # several scripts pasted into one file (notes): not one job to submit as it is
        if any(TEMPLATE_VALUE_RE.search(o.value or "") for d in script.directives if d.in_header for o in d.options):
            return  # a template (`--time=@TIME`, `{{ time }}`): a tool writes the real script
        first_line_end = _line_end(text, 0)
        if script.source.bom and text.startswith("#!"):
            yield Diagnostic(
                0,
                first_line_end,
                "the file starts with a UTF-8 byte-order mark, so its first two bytes are "
                'not `#!` and sbatch refuses it ("This does not look like a batch script"); '
                "save it as UTF-8 without BOM",
            )
            return
        if text.startswith("#!"):
            return
        stripped = text.lstrip(" \t\r\n")
        leading = len(text) - len(stripped)
        if stripped.startswith("#!") and leading:
            what, verb = ("blank lines", "come") if "\n" in text[:leading] else ("white space", "comes")
            yield Diagnostic(
                0,
                leading + _line_end(stripped, 0),
                "the shebang must be the first two bytes of the file, but %s %s before "
                '`#!`: sbatch refuses the script ("This does not look like a batch script")' % (what, verb),
                Fix.safe("remove the %s before `#!`" % what, Edit.delete(0, leading)),
            )
            return
        broken = BROKEN_SHEBANG_RE.match(text)
        if broken is not None:
            written = text[:first_line_end]
            interpreter = written[written.index("/") :].split()[0]
            yield Diagnostic(
                0,
                first_line_end,
                "`%s` on line 1 is meant as the shebang, but it does not start with `#!`: sbatch "
                'refuses the script ("This does not look like a batch script")' % written.strip(),
                Fix.safe("write `#!%s`" % interpreter, Edit(0, written.index("/"), "#!")),
            )
            return
        yield Diagnostic(
            0,
            first_line_end,
            "no shebang: sbatch refuses a script whose first line is not `#!` followed by "
            'the path to an interpreter ("This does not look like a batch script")',
            Fix.unsafe("insert `#!/bin/bash` as the first line", Edit.insert(0, "#!/bin/bash\n")),
        )


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return end - 1 if end > start and text[end - 1] == "\r" else end
