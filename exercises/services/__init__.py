"""Every write to exercises and submissions goes through these services."""
