"""Keeps people signed in whom an LTI launch signed in."""

from __future__ import annotations

from accounts.sso.backends import SingleSignOnBackend


class LtiLaunchBackend(SingleSignOnBackend):
    """Single sign-on's session backend (it names the session of someone a verified
    launch signed in and never checks a password), under its own path so a session says
    how it began."""
