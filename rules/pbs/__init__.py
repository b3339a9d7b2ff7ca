"""JC7xx: PBS Pro/OpenPBS and Torque `#PBS` directives, read the way their qsub reads them."""
