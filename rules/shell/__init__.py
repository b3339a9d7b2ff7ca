"""JC0xx: the file itself and the shell in it."""
