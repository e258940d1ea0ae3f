"""Writes of the LTI app: registrations, launched people, refusals."""
