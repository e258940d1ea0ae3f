"""Assignment and Grade Services: a learner's result posted to the platform's
gradebook once per change (an outbox row per change, sent by a Celery task with a lease,
retried with backoff, swept when a message or a worker was lost)."""
