"""SCIM 2.0 provisioning (RFC 7643/7644) at ``/scim/v2/``: identity providers create,
change and deactivate an organisation's people and teams with an integrator credential
that has the ``scim:provision`` scope. Every write goes through the ``hr`` services."""
