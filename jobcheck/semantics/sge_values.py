"""Which Grid Engine resources take times and sizes, and the time format (rules and the server)."""

from __future__ import annotations

from ..patterns import lazy

TIME_KEYS = frozenset({"h_rt", "s_rt", "h_cpu", "s_cpu"})
MEMORY_KEYS = frozenset(
    {
        "h_vmem",
        "s_vmem",
        "h_data",
        "s_data",
        "h_rss",
        "s_rss",
        "h_stack",
        "s_stack",
        "mem_free",
        "virtual_free",
        "mem",
        "h_fsize",
        "s_fsize",
    }
)
TIME_RE = lazy(r"\d+|\d*:\d*:\d+")
