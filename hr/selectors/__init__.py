"""Every read the HR pages, exports and digests need; each starts from the viewer's scope."""
