"""News from exercises for the apps above it, which ``exercises`` must not import.

``exercise_passed`` is sent with ``enrollment_id`` inside the transaction that records a
learner's first pass of an exercise, so a receiver's writes (the course progress, a stage
completed, a certificate) commit or roll back with the pass itself. The outbox in
``activity`` carries news to integrators after commit; this carries it to the course
progress before it.
"""

from django.dispatch import Signal

exercise_passed = Signal()
