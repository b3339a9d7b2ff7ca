from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.slurm_directives import resolve_long
from jobcheck.knowledge import sbatch_options

from .directives import header_uses, release, slurm_directives
from .templates import covered, placeholder_of


# Options that took an optional value in older releases (`--get-user-env=L`, 22.05) and none in
# the newest: a value there depends on the cluster's release, which jobcheck does not know.
OPTIONAL_BEFORE = frozenset(("get-user-env",))


class OptionArgument(Rule):
    """
    ## What it does
    Finds an option that needs a value written without one (`#SBATCH -J`), and an option that
    takes none written with one (`--hold=yes`).

    ## Why is this bad?
    sbatch refuses the script: "option requires an argument -- 'J'", or "option '--hold'
    doesn't allow an argument".

    ## Example
        #SBATCH --job-name

    Use instead:

        #SBATCH --job-name=train

    ## Fix safety
    No fix: the value is the author's to give.
    """

    code = "JC106"
    name = "sbatch-option-argument"
    severity = Severity.ERROR
    summary = "sbatch option without its value, or with a value it does not take"
    languages = ("shell", "python")

    def check(self, script, settings):
        table = sbatch_options().for_release(release(settings))
        for use in header_uses(script):
            o = use.option
            if placeholder_of(script, o) is not None:
                continue  # `-N #PPN#`: a template's placeholder, reported as one
            if o.kind == "missing-value":
                said = ("option '--%s' requires an argument" % o.name if o.spelled.startswith("--")
                        else "option requires an argument -- '%s'" % o.spelled[1:])
                yield Diagnostic(o.start, o.end, "`%s` needs a value: sbatch stops with \"%s\"" % (o.spelled, said))
            elif o.kind == "option" and o.name in table and table[o.name].arg == "none" and o.value is not None \
                    and o.name not in OPTIONAL_BEFORE:
                yield Diagnostic(o.start, o.end, "`--%s` takes no value: sbatch stops with \"option '--%s' doesn't "
                                 "allow an argument\"" % (o.name, o.name))


class SingleDashLongOption(Rule):
    """
    ## What it does
    Finds long option names written with one dash (`-time=10`, `-output=x.log`).

    ## Why is this bad?
    getopt reads `-time=10` as the short option `-t` with the value `ime=10`: sbatch then stops
    with "Invalid --time specification", or, worse, accepts it: `-output=run.log` writes the
    job's output to a file named `utput=run.log`.

    ## Example
        #SBATCH -time=10

    Use instead:

        #SBATCH --time=10

    ## Fix safety
    Adding the second dash is safe: it is what the line evidently means.
    """

    code = "JC107"
    name = "sbatch-single-dash-option"
    severity = Severity.WARNING
    summary = "Long sbatch option written with one dash is read as a short option"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        longs = sbatch_options().for_release(release(settings))
        for directive in slurm_directives(script):
            if not directive.in_header:
                continue
            for token in directive.tokens:
                word = token.value
                if not word.startswith("-") or word.startswith("--") or len(word) < 4:
                    continue
                name = word[1:].split("=", 1)[0]
                option, _ = resolve_long(name, longs)
                if option is None or len(name) < 3 or not token.text.startswith("-"):
                    continue
                short = word[1]
                yield Diagnostic(token.start, token.end,
                                 "`%s` has one dash, so sbatch reads it as `-%s %s`, not as `--%s`"
                                 % (word, short, word[2:], option.name),
                                 Fix.safe("write `-%s`" % word, Edit.insert(token.start, "-")))


class StrayWord(Rule):
    """
    ## What it does
    Finds words in a `#SBATCH` line that belong to no option: usually the second half of a value
    with an unquoted space (`--job-name=my job`), or text meant as a comment without its `#`.

    ## Why is this bad?
    sbatch refuses the script: "Invalid directive found in batch script: job". (A backslash
    before the space, `my\\ job`, works only from Slurm 24.05.)

    ## Example
        #SBATCH --job-name=my job

    Use instead:

        #SBATCH --job-name="my job"

    ## Fix safety
    Quoting the value together with the words after it is unsafe: they may have been meant as a
    comment.
    """

    code = "JC108"
    name = "sbatch-stray-word"
    severity = Severity.ERROR
    summary = "A word in a `#SBATCH` line that is no option: sbatch refuses the script"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive in slurm_directives(script):
            if not directive.in_header:
                continue
            options = directive.options
            for index, o in enumerate(options):
                if o.kind != "positional" or covered(script, o.start, o.end):
                    continue  # (a word of a placeholder, `<your account>`, is reported as a placeholder)
                message = "`%s` is not an option: sbatch stops with \"Invalid directive found in batch script: %s\"" % (
                    o.spelled, o.spelled)
                previous = options[index - 1] if index else None
                fix = None
                if previous is not None and previous.kind == "option" and previous.value is not None \
                        and previous.value_start is not None:
                    # the words that continue this value: this one and the stray words right after it
                    run = [o]
                    for later in options[index + 1:]:
                        if later.kind != "positional":
                            break
                        run.append(later)
                    between = script.text[previous.value_end:o.start]
                    value = " ".join([previous.value] + [w.spelled for w in run])
                    escaped = between.endswith("\\") or script.text[previous.value_end - 1] == "\\"
                    raw = script.text[previous.value_start:run[-1].end]
                    if previous.value in ("=", "") and previous.spelled.startswith("--"):
                        message += "; write `%s=%s` with no space around the `=`" % (previous.spelled, o.spelled)
                    else:
                        if escaped:
                            message += "; a backslash escapes a space only from Slurm 24.05: quote the value instead"
                        elif between.strip() == "":
                            message += "; if `%s` is one value, quote it" % value
                        if between.strip() in ("", "\\") and '"' not in raw:
                            fix = Fix.unsafe('quote the value: `"%s"`' % value,
                                             Edit(previous.value_start, run[-1].end, '"%s"' % value))
                elif previous is not None and previous.kind == "positional":
                    continue  # reported with the first stray word of the run
                yield Diagnostic(o.start, o.end, message, fix)


class UnmatchedQuote(Rule):
    """
    ## What it does
    Finds a `#SBATCH` line with a quote that is never closed.

    ## Why is this bad?
    sbatch refuses the script: "line N: Unmatched '\\"' in [...]".

    ## Example
        #SBATCH --job-name="train

    Use instead:

        #SBATCH --job-name="train"

    ## Fix safety
    No fix.
    """

    code = "JC109"
    name = "sbatch-unmatched-quote"
    severity = Severity.ERROR
    summary = "Unmatched quote in a `#SBATCH` line: sbatch refuses the script"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive in slurm_directives(script):
            if directive.in_header and directive.error and directive.error.startswith("unmatched"):
                quote = directive.error[-1]
                token = directive.tokens[-1]
                yield Diagnostic(token.start, directive.end,
                                 "the %s quote is never closed: sbatch stops with \"line %d: Unmatched '%s'\""
                                 % ("double" if quote == '"' else "single", directive.line, quote))


def _value_like(rest: str) -> bool:
    """Text after a glued `#` that reads as the rest of the value (`run#3`), not as a comment: one
    word, to the end of the line, that does not start like a comment or a shebang."""
    after = rest[1:].rstrip()
    return bool(after) and not any(c in BLANKS_AND_HASH for c in after) and after[0] not in "!-"


BLANKS_AND_HASH = " \t#"


class HashInValue(Rule):
    """
    ## What it does
    Finds an unquoted `#` that cuts a `#SBATCH` line short: glued to a value (`--job-name=a#b`),
    or starting a second `#SBATCH` on the same line.

    ## Why is this bad?
    sbatch treats an unquoted `#` anywhere in a directive as the start of a comment. It reads
    `--job-name=a#b` as `--job-name=a`, and `#SBATCH -N 1 #SBATCH -n 4` as just `-N 1`, without
    a word.

    A `#` glued to a value and followed by a blank or by more words (`-p short# cluster`,
    `-p a,b#c #old`) is a comment without its space, as the author meant: not reported.

    ## Example
        #SBATCH --job-name=run#3

    Use instead:

        #SBATCH --job-name="run#3"

    ## Fix safety
    No fix: `#` right after a value is sometimes a comment without a space.
    """

    code = "JC110"
    name = "sbatch-hash-in-value"
    severity = Severity.WARNING
    summary = "An unquoted `#` silently ends a `#SBATCH` line"
    languages = ("shell", "python")

    def check(self, script, settings):
        text = script.text
        for directive in slurm_directives(script):
            if not directive.in_header or directive.comment is None:
                continue
            comment = directive.comment
            rest = text[comment:directive.end]
            if rest.startswith(("#SBATCH", "#SLURM")):
                yield Diagnostic(comment, directive.end,
                                 "a second `#SBATCH` on the same line is a comment: sbatch ignores `%s`; put it on "
                                 "its own line" % rest.strip())
            elif directive.tokens and directive.tokens[-1].cut_by_hash:
                token = directive.tokens[-1]
                if covered(script, comment):
                    continue  # `#PPN#`: a template's placeholder
                if not _value_like(rest):
                    continue  # `-p short# cluster`, `--array=1-9#0-99 old`: a comment without its space
                if token.value.lstrip("-").startswith("container-im"):
                    continue  # an enroot image `registry#image`: pyxis-container-options says how to escape it
                yield Diagnostic(token.start, directive.end,
                                 "an unquoted `#` ends the directive: sbatch reads `%s` and ignores `%s`; quote the "
                                 "value if `#` belongs to it, or put a space before a comment"
                                 % (token.value, rest.strip()))
