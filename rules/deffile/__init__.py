"""JC5xx: Apptainer/SingularityCE definition files (container recipes)."""
