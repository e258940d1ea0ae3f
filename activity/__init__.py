"""What happened to whom: an outbox of domain events written in the same transaction
as the change they describe, for webhooks, xAPI statements and reminders to consume."""
