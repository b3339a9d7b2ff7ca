"""Releases (issue 22, item 18): the README's pre-commit rev is the package's version tag, and
the changelog names that version."""

from __future__ import annotations

import re

from jobcheck import __version__

from .helpers import ROOT


def test_the_readme_rev_is_the_version_and_the_changelog_has_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = set(re.findall(r"^\s*rev: (\S+)$", readme, re.MULTILINE))
    assert revs == {"v%s" % __version__}
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## %s$" % re.escape(__version__), changelog, re.MULTILINE)
    assert "pip install 'jobcheck==%s'" % __version__ in readme
