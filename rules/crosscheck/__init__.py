"""JC3xx: what the job asks for, against what its commands do."""
