"""JC8xx: IBM Spectrum LSF `#BSUB` directives, read the way bsub reads a script on standard input."""
