"""Typing for views behind ``login_required``: ``request.user`` is an Attune user."""

from django.http import HttpRequest

from .models import User


class AuthedRequest(HttpRequest):
    user: User
