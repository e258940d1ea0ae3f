"""The integrator API, webhooks and xAPI: how HR systems stay in sync with Attune."""
