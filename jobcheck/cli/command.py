"""The `jobcheck` command line."""

from __future__ import annotations

import argparse
import functools
import sys

from .. import __version__
from ..engine.codes import engine_code
from ..engine.files import MAX_CONFIG_BYTES, UnreadableFile, read_regular, read_stream
from ..frontends.shell import SHELL_PARSERS
from ..knowledge import sbatch_options
from ..plugins import registry as plugins
from ..reporters import FORMATS
from ..semantics.suggest import suggest
from ..settings import CONTAINER_RUNTIMES, SCHEDULERS, SEVERITY_NAMES
from . import gc_policy
from .config import APPTAINER_RELEASE_RE, ConfigError, slurm_release, unknown_selector
from .file_settings import CommandLine, Resolver
from .profiles import ProfileError, import_scontrol, to_toml
from .run import EXIT_CLEAN, EXIT_ERROR, ReportError, run


def _slurm_release(value: str) -> str:
    try:
        return slurm_release(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _apptainer_release(value: str) -> str:
    if APPTAINER_RELEASE_RE.match(value.strip()):
        return value.strip()
    raise argparse.ArgumentTypeError("expected a release like 1.2 or 1.3.4, got %r" % value)


def _positive(value: str) -> int:
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError("expected a positive whole number, got %r" % value)


STATISTICS_FORMATS = ("text", "concise", "json")


class _Parser(argparse.ArgumentParser):
    """Usage errors in two lines, not the whole usage block, with a did-you-mean for a
    misspelt long option (`--selct`)."""

    def error(self, message: str):
        hint = ""
        unknown = [word for word in message.split() if word.startswith("--")]
        if message.startswith("unrecognized arguments") and unknown:
            longs = [o for action in self._actions for o in action.option_strings if o.startswith("--")]
            found = suggest(unknown[0].split("=")[0], longs, max_distance=2)
            hint = "; did you mean `%s`?" % found.best if found.candidates else ""
        self.exit(2, "%s: error: %s%s\nRun `%s --help` for the options.\n" % (self.prog, message, hint, self.prog))


def build_parser() -> argparse.ArgumentParser:
    # argparse makes a help formatter for each argument added to the parser itself (to check its
    # metavar), and a formatter asks for the terminal's width through shutil, which imports bz2,
    # lzma and zlib. While building, the formatters get a fixed width; help and usage text get
    # the terminal's (the class is switched back below).
    p = _Parser(
        formatter_class=functools.partial(argparse.HelpFormatter, width=80),
        prog="jobcheck",
        description="Lint, check and fix HPC batch job scripts (Slurm, apptainer/singularity) before they queue.",
        epilog="`jobcheck server` runs the language server (LSP over standard input/output) for editors.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="job scripts or folders to check ('-' reads standard input; default: .)",
    )
    out = p.add_argument_group("output")
    out.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    out.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report: auto (on a terminal, unless NO_COLOR), always, never",
    )
    out.add_argument("--output-file", metavar="PATH", help="write the report to a file instead of standard output")
    out.add_argument("--statistics", action="store_true", help="print how many findings each rule has, not them")
    out.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    fixing = p.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="also apply (or show) unsafe fixes")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="list each fix that --fix applied")
    fixing.add_argument(
        "--add-suppressions",
        action="store_true",
        help="add a `# jobcheck: disable=...` comment for every finding (adopt jobcheck in one step)",
    )
    rules = p.add_argument_group("rules")
    rules.add_argument(
        "--select",
        metavar="CODES",
        action="append",
        help="codes, prefixes or names to check (replaces the config's; repeated, they add up)",
    )
    rules.add_argument(
        "--extend-select", metavar="CODES", action="append", help="codes, prefixes or names to check as well"
    )
    rules.add_argument("--ignore", metavar="CODES", action="append", help="codes, prefixes or names to skip")
    rules.add_argument("--fail-on", choices=SEVERITY_NAMES, help="lowest severity that fails the run (default: info)")
    rules.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still means an error)")
    rules.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report `# jobcheck: disable=` comments that suppress nothing",
    )
    target = p.add_argument_group("the target cluster")
    target.add_argument(
        "--slurm-version",
        metavar="X.Y",
        type=_slurm_release,
        help="the Slurm release of the target cluster, e.g. 22.05 (default: %s)" % sbatch_options().newest,
    )
    target.add_argument(
        "--apptainer-version",
        metavar="X.Y",
        type=_apptainer_release,
        help="the cluster's Apptainer release, e.g. 1.2: newer flags are reported (default: newest)",
    )
    target.add_argument(
        "--container-runtime",
        choices=CONTAINER_RUNTIMES,
        help="what `singularity` is on the target cluster (default: either)",
    )
    target.add_argument(
        "--scheduler",
        choices=SCHEDULERS,
        help="the scheduler that reads the jobs (default: auto, by the directives present; "
        "pbspro/torque also choose the PBS flavour)",
    )
    target.add_argument(
        "--profile", metavar="TOML", help="a cluster profile: turns on the checks against its partitions and nodes"
    )
    target.add_argument(
        "--import-profile",
        nargs="+",
        metavar="FILE",
        help="print a cluster profile made from `scontrol show partition --oneliner` and `scontrol "
        "show node --oneliner` output ('-' reads standard input), then exit",
    )
    conf = p.add_argument_group("configuration")
    conf.add_argument("--config", metavar="PATH", help="use this configuration file for every file")
    conf.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    conf.add_argument(
        "--parser", choices=SHELL_PARSERS, help="force a shell front end (default: bashlex, then tree-sitter)"
    )
    conf.add_argument(
        "--only-job-scripts",
        action="store_true",
        help="skip files named on the command line that do not look like job scripts (for hooks)",
    )
    conf.add_argument(
        "--docs",
        action="store_true",
        help="also check the code blocks of Markdown, reStructuredText and notebook files found in "
        "folders (and keep them with --only-job-scripts); named documents are always read as documents",
    )
    conf.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude`/`extend-exclude` to files named on the command line too (for hooks)",
    )
    conf.add_argument("--stdin-filename", metavar="PATH", help="the name to report (and configure) standard input by")
    speed = p.add_argument_group("speed")
    speed.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="check N files at a time (default: the CPUs this process may use)",
    )
    speed.add_argument(
        "--cache-dir",
        metavar="PATH",
        help="where to keep the content cache (default: "
        "$JOBCHECK_CACHE_DIR, else $XDG_CACHE_HOME/jobcheck or ~/.cache/jobcheck)",
    )
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write the content cache")
    info = p.add_argument_group("information")
    conf.add_argument(
        "--no-plugins",
        action="store_true",
        help="load only the built-in rules, no third-party plugin (also: JOBCHECK_NO_PLUGINS=1)",
    )
    info.add_argument(
        "--explain", metavar="CODE", help="print the documentation of a rule (or of a code the engine emits) and exit"
    )
    info.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    info.add_argument("--version", action="store_true", help="print the version and the loaded plugins")
    p.formatter_class = argparse.HelpFormatter
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["server"]:  # `jobcheck server`: the language server (a file named server: ./server)
        from ..server import main as serve  # the language server's process: pygls loads only for it

        return serve(argv[1:])
    args = build_parser().parse_args(argv)
    if args.stdin_filename and not args.paths:
        args.paths = ["-"]  # as ruff does: a name for standard input means standard input is checked
    registry = plugins.load(third_party=False if args.no_plugins else None)
    gc_policy.at_start()
    for error in registry.errors:
        print("jobcheck: warning: %s" % (error,), file=sys.stderr)
    if any(error.plugin == plugins.BUILTIN for error in registry.errors) and not (args.version or args.import_profile):
        # A broken install must not pass a CI gate with "All checks passed".
        print("jobcheck: error: jobcheck's built-in rules did not load; reinstall jobcheck", file=sys.stderr)
        return EXIT_ERROR
    if args.version:
        return version(registry)
    if args.import_profile:
        return import_profile(args.import_profile)
    if args.list_rules:
        return list_rules(registry)
    if args.explain:
        return explain(registry, args.explain)
    if args.statistics and args.format not in STATISTICS_FORMATS:
        print(
            "jobcheck: error: --statistics prints %s or %s, not --format %s"
            % (", ".join(STATISTICS_FORMATS[:-1]), STATISTICS_FORMATS[-1], args.format),
            file=sys.stderr,
        )
        return EXIT_ERROR
    unknown = [
        (option, problem)
        for option in ("select", "extend-select", "ignore")
        for code in _codes(getattr(args, option.replace("-", "_")))
        for problem in [unknown_selector(code, registry)]
        if problem is not None
    ]
    for option, problem in unknown:
        print("jobcheck: error: --%s names %s" % (option, problem), file=sys.stderr)
    if unknown:
        return EXIT_ERROR
    cli = CommandLine(
        select=_codes(args.select),
        ignore=_codes(args.ignore),
        extend_select=_codes(args.extend_select),
        fail_on=args.fail_on,
        slurm_version=args.slurm_version,
        apptainer_version=args.apptainer_version,
        container_runtime=args.container_runtime,
        scheduler=args.scheduler,
        profile=args.profile,
        parser=args.parser,
        config=args.config,
        isolated=args.isolated,
        report_unused_suppressions=args.report_unused_suppressions,
    )
    resolver = Resolver(registry, cli)
    try:
        for error in plugins.configure(registry, resolver.settings(None)):
            print("jobcheck: warning: %s" % (error,), file=sys.stderr)
        if args.add_suppressions:
            from .add_suppressions import add_suppressions  # a one-off mode: ordinary runs do not load it

            return add_suppressions(args, resolver)
        return run(args, resolver, registry)
    except (ConfigError, ProfileError, ReportError) as exc:
        print("jobcheck: error: %s" % exc, file=sys.stderr)
        return EXIT_ERROR


def entry_point() -> None:
    """The console script: main(), and a quiet exit when the reader of our output goes away."""
    import os

    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # `jobcheck jobs/ | head`: the rest of the report has no reader; do not print a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    except OSError as exc:
        # a full disk or a closed terminal under the report: one line, exit 2
        print("jobcheck: error: cannot write the report: %s" % (exc.strerror or exc), file=sys.stderr)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        code = EXIT_ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    # Everything is written and closed, and the workers have been joined: skip the interpreter's
    # teardown, which frees the objects of a large run one by one (over a second for a 2 MB script).
    os._exit(code)


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """The selectors of a repeated option, in order: `--select A,B --select C` is A, B, C."""
    return tuple(c.strip() for value in values or () for c in value.split(",") if c.strip())


def version(registry) -> int:
    print("jobcheck %s" % __version__)
    by_plugin: dict[str, int] = {}
    for rule in registry.rules:
        by_plugin[rule.plugin] = by_plugin.get(rule.plugin, 0) + 1
    for name, count in sorted(by_plugin.items()):
        print("  plugin %s: %d rules" % (name, count))
    return EXIT_CLEAN


def import_profile(files: list[str]) -> int:
    texts = []
    for name in files:
        try:
            raw = (
                read_stream(sys.stdin.buffer, MAX_CONFIG_BYTES)
                if name == "-"
                else read_regular(name, MAX_CONFIG_BYTES)[0]
            )
        except UnreadableFile as exc:
            print("jobcheck: error: %s: %s" % (name, exc), file=sys.stderr)
            return EXIT_ERROR
        texts.append(raw.decode("utf-8", "replace"))
    try:
        sys.stdout.write(to_toml(import_scontrol(texts)))
    except ProfileError as exc:
        print("jobcheck: error: %s" % exc, file=sys.stderr)
        return EXIT_ERROR
    return EXIT_CLEAN


def list_rules(registry) -> int:
    header = ("code", "name", "severity", "fix", "plugin", "summary")
    rows = [
        (r.code, r.name, r.severity.value, r.fix_availability, r.plugin, ("(opt-in) " if r.opt_in else "") + r.summary)
        for r in registry.rules
    ]
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(5)]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    return EXIT_CLEAN


def explain(registry, code: str) -> int:
    rule = registry.find(code) or engine_code(code)
    if rule is None:
        print("jobcheck: error: no rule %r (see --list-rules)" % code, file=sys.stderr)
        return EXIT_ERROR
    text = "# %s (%s)\n\nSeverity: %s. Fix: %s. From plugin: %s.%s\n\n%s\n\n%s\n" % (
        rule.code,
        rule.name,
        rule.severity.value,
        rule.fix_availability,
        rule.plugin,
        " Opt-in: only selected by its code or name." if rule.opt_in else "",
        rule.summary,
        rule.docs(),
    )
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN
