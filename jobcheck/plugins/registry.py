"""Finding and loading plugins: every rule pack, the built-in one included, comes in here.

A plugin that fails to import (or calls sys.exit() there), whose hook raises, or whose rules
or options are malformed is reported and skipped; it never stops jobcheck. A plugin whose
jobcheck_configure() raises loses its rules for the run: they would run unconfigured.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..rule import Rule
from ..semantics.launcher_table import BUILTIN_LAUNCHERS, Launcher, Launchers
from ..settings import Option
from .catalog import cataloged
from .entry_points import entry_points

if TYPE_CHECKING:
    import pluggy

BUILTIN = "builtin"
# jobcheck.hookspecs.ENTRY_POINT_GROUP, named here so that finding plugins needs no pluggy.
ENTRY_POINT_GROUP = "jobcheck.plugins"
# What a plugin's code may raise without taking the run down: SystemExit too (sys.exit() at
# import or in a hook), never KeyboardInterrupt.
PLUGIN_FAILURES = (Exception, SystemExit)


class PluginError(NamedTuple):
    """A plugin that could not be used, or a part of it that was skipped, and why."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return "plugin %r: %s" % (self.plugin, self.message)


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class Registry:
    """What the installed rule packs provide for a run: rules, options, launchers, and their errors."""

    rules: list[Rule] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)
    manager: pluggy.PluginManager | None = None
    versions: dict[str, str] = field(default_factory=dict)  # plugin name -> 'dist==version'
    # Commands that run another command: the built-in ones plus the plugins' (jobcheck_launchers).
    # The engine hands this table to the front end, which keeps it on each JobScript.
    launchers: Launchers = BUILTIN_LAUNCHERS

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def find(self, code_or_name: str) -> Rule | None:
        wanted = code_or_name.strip()
        for rule in self.rules:
            if wanted.upper() == rule.code or wanted == rule.name:
                return rule
        return None


def _entry_points() -> list:
    found = entry_points(ENTRY_POINT_GROUP)
    # The same distribution can be seen twice (an editable install and a build dir on sys.path).
    unique: dict[tuple[str, str], object] = {}
    for ep in found:
        unique.setdefault((ep.name, ep.value), ep)
    return sorted(unique.values(), key=lambda ep: (ep.name != BUILTIN, ep.name))


DISABLE_ENV = "JOBCHECK_NO_PLUGINS"


def load(extra_plugins: tuple[object, ...] = (), third_party: bool | None = None) -> Registry:
    """Register the installed plugins (plus `extra_plugins`, for tests) and collect their rules.
    With `third_party=False` (`--no-plugins`, or JOBCHECK_NO_PLUGINS set) only the built-in pack
    is loaded. The built-in pack comes from its catalog (its rules load when first needed);
    pluggy is imported only when there is another plugin to call."""
    if third_party is None:
        third_party = not os.environ.get(DISABLE_ENV)
    registry = Registry()
    entry_points = [ep for ep in _entry_points() if third_party or ep.name == BUILTIN]
    for ep in entry_points:
        dist = getattr(ep, "dist", None)
        if dist is not None:
            registry.versions[ep.name] = "%s==%s" % (dist.name, dist.version)
    builtin = next((ep for ep in entry_points if ep.name == BUILTIN), None)
    _load_builtin(builtin, registry)
    others = [ep for ep in entry_points if ep.name != BUILTIN]
    if others or extra_plugins:
        import pluggy

        from .. import hookspecs

        manager = pluggy.PluginManager(hookspecs.PROJECT)
        manager.add_hookspecs(hookspecs)
        registry.manager = manager
        for ep in others:
            try:
                manager.register(ep.load(), name=ep.name)
            except PLUGIN_FAILURES as exc:  # an import error in someone else's plugin must not stop us
                registry.errors.append(PluginError(ep.name, "failed to load (%s: %s)" % (type(exc).__name__, exc)))
        for plugin in extra_plugins:
            manager.register(plugin)
        _collect_rules(manager, registry)
        _collect_options(manager, registry)
        _collect_launchers(manager, registry)
    _check_prefixes(registry)
    return registry


def _load_builtin(entry_point, registry: Registry) -> None:
    """The built-in pack: its rules from its catalog, its options from its own function."""
    try:
        # Without its entry point (a source tree that was never installed) the pack is still ours.
        pack: Any = entry_point.load() if entry_point is not None else importlib.import_module("jobcheck_rules")
        catalog = importlib.import_module(pack.__name__ + ".catalog")
    except PLUGIN_FAILURES as exc:
        registry.errors.append(PluginError(BUILTIN, "not installed (%s: %s)" % (type(exc).__name__, exc)))
        return
    registry.rules.extend(cataloged(catalog.RULES, BUILTIN))
    registry.options.extend(pack.jobcheck_options())


def _called(impl: pluggy.HookImpl) -> Any:
    """What a plugin's hook returns: anything at all, checked by the caller."""
    return impl.function()


def _collect_rules(manager: pluggy.PluginManager, registry: Registry) -> None:
    seen: dict[str, str] = {rule.code: rule.plugin for rule in registry.rules}
    for impl in manager.hook.jobcheck_rules.get_hookimpls():
        plugin = impl.plugin_name
        try:
            provided = list(_called(impl) or [])
        except PLUGIN_FAILURES as exc:
            registry.errors.append(PluginError(plugin, "jobcheck_rules() raised %s: %s" % (type(exc).__name__, exc)))
            continue
        for rule_class in provided:
            if not (isinstance(rule_class, type) and issubclass(rule_class, Rule)):
                registry.errors.append(PluginError(plugin, "%r is not a jobcheck.Rule subclass" % (rule_class,)))
                continue
            problems = rule_class.validate()
            if problems:
                registry.errors.extend(PluginError(plugin, p) for p in problems)
                continue
            if rule_class.code in seen:
                registry.errors.append(
                    PluginError(
                        plugin,
                        "rule code %s is already used by plugin %r; skipped" % (rule_class.code, seen[rule_class.code]),
                    )
                )
                continue
            try:
                rule = rule_class()
            except PLUGIN_FAILURES as exc:
                registry.errors.append(
                    PluginError(
                        plugin,
                        "rule %s could not be created (%s: %s); skipped" % (rule_class.code, type(exc).__name__, exc),
                    )
                )
                continue
            seen[rule_class.code] = plugin
            rule.plugin = plugin
            registry.rules.append(rule)
    registry.rules.sort(key=lambda r: r.code)


def _collect_options(manager: pluggy.PluginManager, registry: Registry) -> None:
    for impl in manager.hook.jobcheck_options.get_hookimpls():
        try:
            provided = list(_called(impl) or [])
        except PLUGIN_FAILURES as exc:
            registry.errors.append(
                PluginError(impl.plugin_name, "jobcheck_options() raised %s: %s" % (type(exc).__name__, exc))
            )
            continue
        for option in provided:
            if isinstance(option, Option) and isinstance(option.name, str):
                registry.options.append(option)
            else:
                registry.errors.append(
                    PluginError(impl.plugin_name, "option %r is not a jobcheck Option; skipped" % (option,))
                )


def _collect_launchers(manager: pluggy.PluginManager, registry: Registry) -> None:
    added: dict[str, Launcher] = {}
    known = registry.launchers
    for impl in manager.hook.jobcheck_launchers.get_hookimpls():
        try:
            provided = dict(_called(impl) or {})
        except PLUGIN_FAILURES as exc:
            registry.errors.append(
                PluginError(impl.plugin_name, "jobcheck_launchers() raised %s: %s" % (type(exc).__name__, exc))
            )
            continue
        for name, launcher in provided.items():
            if not isinstance(launcher, Launcher):
                registry.errors.append(
                    PluginError(impl.plugin_name, "launcher %r is not a jobcheck.launchers.Launcher" % name)
                )
            elif (added.get(name) or known.get(name) or launcher) != launcher:
                registry.errors.append(
                    PluginError(impl.plugin_name, "launcher %r is already known; kept the first" % name)
                )
            else:
                added[name] = launcher
    if added:
        registry.launchers = known.extended(added)


def _check_prefixes(registry: Registry) -> None:
    """Each plugin should own its code prefix (the letters of its codes); JC is jobcheck's own."""
    owners: dict[str, set[str]] = {}
    for rule in registry.rules:
        prefix = rule.code.rstrip("0123456789")
        owners.setdefault(prefix, set()).add(rule.plugin)
    for prefix, plugins in sorted(owners.items()):
        if prefix == "JC" and plugins - {BUILTIN}:
            registry.errors.append(
                PluginError(
                    ", ".join(sorted(plugins - {BUILTIN})),
                    "uses the code prefix JC, which is jobcheck's own; pick another",
                )
            )
        elif len(plugins) > 1 and prefix != "JC":
            registry.errors.append(
                PluginError(
                    ", ".join(sorted(plugins)),
                    "plugins share the code prefix %s: their "
                    "codes may collide; give each plugin its own prefix" % prefix,
                )
            )


def configure(registry: Registry, settings) -> list[PluginError]:
    """Call each plugin's jobcheck_configure(); returns the new errors. A plugin whose hook
    raised has its rules taken out of the registry."""
    errors: list[PluginError] = []
    if registry.manager is None:
        return errors
    for impl in registry.manager.hook.jobcheck_configure.get_hookimpls():
        try:
            impl.function(**{name: settings for name in impl.argnames if name == "settings"})
        except PLUGIN_FAILURES as exc:
            dropped = [r for r in registry.rules if r.plugin == impl.plugin_name]
            registry.rules[:] = [r for r in registry.rules if r.plugin != impl.plugin_name]
            skipped = " is" if len(dropped) == 1 else "s are"
            errors.append(
                PluginError(
                    impl.plugin_name,
                    "jobcheck_configure() raised %s: %s; its %d rule%s skipped"
                    % (type(exc).__name__, exc, len(dropped), skipped),
                )
            )
    registry.errors.extend(errors)
    return errors
