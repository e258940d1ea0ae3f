"""LTI pages: the platform-facing endpoints (login, launch, keyset, deep linking) and
HR's registration pages."""
