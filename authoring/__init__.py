"""The course as files: reading and validating them, and importing them into the database."""
