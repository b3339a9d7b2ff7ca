"""Rules that need to know the cluster: they run only with a cluster profile (`--profile`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Rule, Settings

from .directives import Use, components, effective

if TYPE_CHECKING:
    from jobcheck.profile import Profile


class SiteRule(Rule):
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        profile = settings.profile
        if profile is None:
            return
        for component in components(script):
            options = effective(script, component)
            yield from self.check_job(options, profile, script)

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        """The findings for one job (one heterogeneous component): its effective options."""
        raise NotImplementedError

    def partitions(self, options, profile):
        """The partitions the job may run in: those it names, or the default one."""
        use = options.get("partition")
        if use is None or use.value is None:
            default = profile.default_partition
            return ([default] if default else []), None
        return [profile.partitions[p] for p in use.value.split(",") if p in profile.partitions], use
