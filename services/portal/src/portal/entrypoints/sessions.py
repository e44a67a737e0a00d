"""Signing in and CSRF. The session cookie (Flask's, signed, HttpOnly,
SameSite=Lax, Secure when configured) holds the official's bearer token and a
per-session random CSRF token; every request verifies the bearer token again,
so an expired one ends the session at once."""
from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from flask import Flask, abort, request, session

from chassis.errors import Unauthenticated
from chassis.security.tokens import Principal, TokenVerifier

from portal.service_layer.pages import User

CSRF_FIELD = "csrf_token"


def configure(app: Flask, secret: str, secure: bool, hours: int) -> None:
    app.secret_key = secret
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
                      SESSION_COOKIE_NAME="shuangdao_portal", PERMANENT_SESSION_LIFETIME=timedelta(hours=hours))


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def check_csrf() -> None:
    """Every POST carries the session's token; compared in constant time."""
    sent = request.form.get(CSRF_FIELD, "")
    expected = session.get(CSRF_FIELD)
    if not isinstance(expected, str) or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="The form was not sent from this portal's page, or your session has changed. "
                               "Reload the page and try again.")


def sign_in(verifier: TokenVerifier, token: str) -> Principal:
    """Verifies the pasted token and starts a fresh session holding it
    (a new CSRF token too: nothing from before sign-in carries over)."""
    principal = verifier.verify(token.strip())
    session.clear()
    session.permanent = True
    session["token"] = token.strip()
    csrf_token()
    return principal


def current_user(verifier: TokenVerifier) -> User | None:
    """The signed-in official, or None; raises Unauthenticated (and ends the
    session) when the kept token no longer verifies (expired, key rotated)."""
    token = session.get("token")
    if not isinstance(token, str) or not token:
        return None
    try:
        return User(verifier.verify(token), token)
    except Unauthenticated:
        session.pop("token", None)
        raise


def sign_out() -> None:
    session.clear()
