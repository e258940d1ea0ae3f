"""HR pages: validate input, call one selector or service, render."""
