"""Exercise pages: the learner's (answer, feedback) and the trainer's (review queue)."""
