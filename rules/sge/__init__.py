"""JC6xx: Grid Engine `#$` directives (Son of Grid Engine 8.1.9 behaviour, from a real cell)."""
