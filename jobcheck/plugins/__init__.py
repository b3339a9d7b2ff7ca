"""Plugins: finding them through entry points (entry_points) and loading their rules,
options and launchers into a Registry (registry). The hooks are jobcheck.hookspecs."""
