"""Single sign-on with OpenID Connect: one identity provider per organisation.

Authlib's Django client does the protocol (state, nonce, PKCE, the code exchange, the
id_token's signature from the provider's JWKS, rotated keys refetched); this package
decides which provider a request belongs to, which account a verified identity is,
and what a refused sign-in shows and records.
"""
