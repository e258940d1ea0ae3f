"""Every HR write: assignments, imports, policies, reminders and recertification."""
