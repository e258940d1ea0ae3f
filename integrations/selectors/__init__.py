"""Reads for the integrator API, scoped to the caller's organisation."""
