"""Exercises, learners' submissions, and the grading that turns them into feedback."""
