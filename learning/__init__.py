"""The learner's path through a course (what is open, done and next), their progress, and the
pages where they take the course. Above ``courses`` and ``exercises``: it needs both."""
