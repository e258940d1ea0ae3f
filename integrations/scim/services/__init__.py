"""SCIM writes: people (``people``) and teams (``teams``), through the ``hr`` services."""
