"""JC2xx: containers inside jobs (apptainer, singularity, pyxis, docker/podman)."""
