"""LTI 1.3 / LTI Advantage: Attune as a tool that a company's LMS launches.

pylti1p3 does the protocol (the third-party login, the id_token's checks, the service
calls of AGS, NRPS and Deep Linking); this app holds the platform registrations per
organisation, the tool's own keys, who each launched person is, what a refused launch
shows and records, and the grade passback outbox. Nothing below it imports it: grades
reach it as activity events (``activity.services.DISPATCHERS``).
"""
