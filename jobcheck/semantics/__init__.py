"""What the model's words mean, shared by front ends and rules.

The layer between the neutral model (jobcheck.model) and everything that reads it: the
schedulers' directive grammars (tokenizers, getopt pairing, option tables, near misses), the
commands that run other commands (launchers) and container runtimes, and did-you-mean
suggestions. Front ends build the model with these; rules read the model with them. Nothing
here imports a front end, the engine, the CLI, the reporters or the server.
"""
