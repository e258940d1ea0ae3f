"""Course structure, enrolment, progress and certificates."""
