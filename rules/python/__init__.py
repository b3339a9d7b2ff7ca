"""JC4xx: Python job scripts and the Python code inside shell jobs (read by the libcst front end)."""
