"""Per-file settings: the nearest configuration file, merged with the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from ..engine.linter import Linter
from ..plugins.registry import Registry
from ..settings import Settings
from . import config as config_files
from . import profiles


class CommandLine(NamedTuple):
    """What the command line says; None/empty means 'not given' (the configuration decides)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    slurm_version: str | None = None
    apptainer_version: str | None = None
    container_runtime: str | None = None
    scheduler: str | None = None
    profile: str | None = None
    parser: str | None = None
    config: str | None = None
    isolated: bool = False
    report_unused_suppressions: bool = False


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class Resolver:
    """The settings and the linter for each file of a run, from the configuration files around it."""

    registry: Registry
    cli: CommandLine
    _dir_cache: dict = field(default_factory=dict)
    _linters: dict = field(default_factory=dict)
    _profiles: dict = field(default_factory=dict)

    def config_for(self, path: str) -> config_files.Config | None:
        if self.cli.isolated:
            return None
        if self.cli.config:
            return self._explicit(self.cli.config)
        directory = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
        found = config_files.find(directory, self._dir_cache)
        if found is not None:
            config_files.check_codes(found, self.registry)
        return found

    def _explicit(self, path: str) -> config_files.Config:
        if "explicit" not in self._dir_cache:
            loaded = config_files.load(path)
            config_files.check_codes(loaded, self.registry)
            self._dir_cache["explicit"] = loaded
        return self._dir_cache["explicit"]

    def linter_for(self, path: str) -> Linter:
        config = self.config_for(path)
        key = config.path if config is not None else None
        if key not in self._linters:
            self._linters[key] = Linter(self.registry, self.settings(config))
        return self._linters[key]

    def settings(self, config: config_files.Config | None) -> Settings:
        values = config.values if config is not None else {}
        root = config.root if config is not None else os.getcwd()
        select = self.cli.select or tuple(values.get("select", ())) or ("ALL",)
        select = select + tuple(values.get("extend-select", ())) + self.cli.extend_select
        ignore = tuple(values.get("ignore", ())) + tuple(values.get("extend-ignore", ())) + self.cli.ignore
        per_file = [
            (_gitignore_spec([pattern]), tuple(codes)) for pattern, codes in values.get("per-file-ignores", {}).items()
        ]
        options = {o.name: o.default for o in self.registry.options}
        options.update(values.get("options", {}))
        profile_path = self.cli.profile or (os.path.join(root, values["profile"]) if values.get("profile") else None)
        return Settings(
            select=select,
            ignore=ignore,
            slurm_version=self.cli.slurm_version or values.get("slurm-version"),
            apptainer_version=self.cli.apptainer_version or values.get("apptainer-version"),
            container_runtime=self.cli.container_runtime or values.get("container-runtime", "either"),
            scheduler=self.cli.scheduler or values.get("scheduler", "auto"),
            parser=self.cli.parser,
            profile=self._profile(profile_path),
            options=options,
            severity_overrides=dict(values.get("severity", {})),
            per_file_ignores=per_file,
            root=root,
            fail_on=self.cli.fail_on or values.get("fail-on", "info"),
            report_unused_suppressions=self.cli.report_unused_suppressions
            or bool(values.get("report-unused-suppressions", False)),
        )

    def _profile(self, path: str | None):
        if path is None:
            return None
        if path not in self._profiles:
            self._profiles[path] = profiles.load(path)
        return self._profiles[path]

    def include_docs(self, top: str) -> bool:
        """Whether the configuration of the folder `top` says `include-docs = true`."""
        config = self.config_for(os.path.join(top, "_"))
        return bool(config is not None and config.get("include-docs", False))

    def excludes(self, top: str):
        """The configured exclude patterns that apply below the folder `top`, and their root."""
        config = self.config_for(os.path.join(top, "_"))
        if config is None:
            return None
        patterns = list(config.get("exclude", [])) + list(config.get("extend-exclude", []))
        return (_gitignore_spec(patterns), config.root) if patterns else None


def _gitignore_spec(patterns: list[str]):
    import pathspec  # only configurations with exclude / per-file-ignores pay for it

    return pathspec.GitIgnoreSpec.from_lines(patterns)
