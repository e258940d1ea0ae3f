"""The trainer's pages: the review queue. The learner's exercise pages are in ``learning``."""
