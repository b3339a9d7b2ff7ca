"""JC004, JC1xx: Slurm batch scripts, read the way sbatch reads them."""
