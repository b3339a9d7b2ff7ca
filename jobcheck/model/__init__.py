"""The parser-neutral model of a job script (what rules see), its source text, shell words,
the Python a job runs, a definition file's recipe and a cluster profile. Imports nothing of
jobcheck above it (only jobcheck.patterns). The public types are exported by `jobcheck` itself."""
