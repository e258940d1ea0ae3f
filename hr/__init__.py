"""HR: rolling the course out to an organisation, deadlines, reminders and the dashboard."""
