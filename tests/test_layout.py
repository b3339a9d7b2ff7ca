"""The rule packs' layout: one rule per module, named after the rule, so `rules/<pack>/<name>.py`
is where a rule's code is found from its name alone."""

import importlib
import inspect
import pkgutil

import jobcheck_rules
from jobcheck import Rule


def _rule_modules():
    for info in pkgutil.walk_packages(jobcheck_rules.__path__, jobcheck_rules.__name__ + "."):
        yield importlib.import_module(info.name)


def _rules_defined_in(module):
    return sorted(
        name
        for name, value in vars(module).items()
        if inspect.isclass(value) and issubclass(value, Rule) and value.__module__ == module.__name__
    )


def test_every_builtin_rule_lives_in_a_module_named_after_it():
    misplaced = []
    for rule in jobcheck_rules.jobcheck_rules():
        expected = rule.name.replace("-", "_")
        if rule.__module__.rsplit(".", 1)[1] != expected:
            misplaced.append("%s %s: in %s, expected %s.py" % (rule.code, rule.name, rule.__module__, expected))
    assert misplaced == []


def test_no_module_under_rules_defines_two_rules():
    crowded = {}
    for module in _rule_modules():
        defined = _rules_defined_in(module)
        if len(defined) > 1:
            crowded[module.__name__] = defined
    assert crowded == {}


def test_shared_rule_bases_are_not_registered():
    registered = set(jobcheck_rules.jobcheck_rules())
    bases = {
        base
        for rule in registered
        for base in rule.__mro__[1:]
        if issubclass(base, Rule) and base is not Rule and base.__module__.startswith("jobcheck_rules.")
    }
    assert bases, "expected the shared bases (ValueRule, SiteRule) to be found"
    assert bases & registered == set()


def test_the_walk_sees_every_registered_rule_module():
    walked = {module.__name__ for module in _rule_modules()}
    assert {rule.__module__ for rule in jobcheck_rules.jobcheck_rules()} <= walked
