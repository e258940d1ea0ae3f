"""Every write to courses, enrolments and progress goes through these services."""
