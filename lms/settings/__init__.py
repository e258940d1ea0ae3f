"""Settings: ``base`` is the zero-setup default; ``production`` and ``test`` build on it."""
