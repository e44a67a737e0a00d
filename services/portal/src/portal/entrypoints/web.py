"""Flask entrypoint: thin routes that call one page function each and render
its template. Reads are GETs and change nothing; every change is a POST with
the session's CSRF token, decided by the service with the official's token."""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, flash, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from chassis.errors import InvalidArgument, ServiceError, Unauthenticated
from chassis.http import create_base_app, http_status
from chassis.security.jurisdiction import is_division_code, level_of
from chassis.security.policy import ROLE_LEVELS, Role

from portal.bootstrap import Portal
from portal.domain import money, roles
from portal.entrypoints import sessions
from portal.service_layer import pages
from portal.service_layer.fan_out import Hidden

PUBLIC = frozenset({"login", "dev_signin", "static", "healthz", "readyz", "metrics_endpoint"})
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
TITLES = {400: "The request cannot be served", 403: "Not within your jurisdiction", 404: "Not found",
          409: "Not possible now", 503: "A service is not answering"}


def create_app(portal: Portal) -> Flask:
    app = create_base_app("portal", portal.metrics, portal.readiness)
    # Flask("portal") finds templates/ and static/ in this package by itself.
    sessions.configure(app, portal.settings.session_secret, portal.settings.cookie_secure,
                       portal.settings.session_hours)
    _install_guards(app, portal)
    _install_errors(app)
    _install_helpers(app, portal)
    _auth_routes(app, portal)
    _page_routes(app, portal)
    return app


def _install_guards(app: Flask, portal: Portal) -> None:
    @app.before_request
    def _guard() -> Any:
        if request.method == "POST":
            sessions.check_csrf()
        g.user = None
        if request.endpoint in PUBLIC:
            return None
        try:
            g.user = sessions.current_user(portal.verifier)
        except Unauthenticated as error:
            flash(f"Your sign-in has ended: {error.message}. Please sign in again.", "error")
            return redirect(url_for("login", next=request.full_path.rstrip("?") if request.method == "GET" else None))
        if g.user is None:
            return redirect(url_for("login", next=request.full_path.rstrip("?") if request.method == "GET" else None))
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if response.mimetype == "text/html":
            # Pages carry personal data and the official's view: never cache them.
            response.headers["Cache-Control"] = "no-store"
        return response


def _install_errors(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(error: ServiceError) -> Any:
        if isinstance(error, Unauthenticated):
            sessions.sign_out()
            flash(f"Your sign-in has ended: {error.message}. Please sign in again.", "error")
            return redirect(url_for("login"))
        status = http_status(error)
        violations = error.violations if isinstance(error, InvalidArgument) else []
        return render_template("error.html", status=status, title=TITLES.get(status, "Something went wrong"),
                               message=error.message, violations=violations), status

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Any:
        status = error.code or 500
        return render_template("error.html", status=status, title=TITLES.get(status, error.name),
                               message=error.description, violations=[]), status


def _install_helpers(app: Flask, portal: Portal) -> None:
    app.jinja_env.globals.update(yuan=money.yuan, centi=money.yuan, percent=money.percent_of_basis_points,
                                 csrf_token=sessions.csrf_token, Hidden=Hidden,
                                 dev_signin=portal.dev_issuer is not None)
    app.jinja_env.filters["words"] = lambda value: str(value or "").replace("_", " ").replace("-", " ")

    @app.context_processor
    def _user() -> dict[str, Any]:
        user = g.get("user")
        if user is None:
            return {"user": None}
        return {"user": user, "role_names": roles.role_names(user.principal),
                "jurisdiction_name": session.get("jurisdiction_name", user.principal.jurisdiction),
                "may_decide": roles.may_decide(user.principal)}


def _safe_next(target: str | None) -> str:
    """Only a path of this portal (never another site) after signing in."""
    if not target:
        return url_for("overview")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("overview")
    return target


def _auth_routes(app: Flask, portal: Portal) -> None:
    def start_session(token: str) -> Any:
        try:
            principal = sessions.sign_in(portal.verifier, token)
        except Unauthenticated as error:
            flash(f"That token was not accepted: {error.message}.", "error")
            return render_template("login.html", next=request.form.get("next", "")), 401
        try:
            listing = portal.registry.divisions(token.strip(), principal.jurisdiction)
            session["jurisdiction_name"] = listing.parent.name if listing.parent else principal.jurisdiction
        except ServiceError:
            session["jurisdiction_name"] = principal.jurisdiction
        return redirect(_safe_next(request.form.get("next")))

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if request.method == "POST":
            return start_session(request.form.get("token", ""))
        return render_template("login.html", next=request.args.get("next", ""))

    @app.post("/logout")
    def logout() -> Any:
        sessions.sign_out()
        flash("You have signed out.", "info")
        return redirect(url_for("login"))

    @app.route("/dev-signin", methods=["GET", "POST"])
    def dev_signin() -> Any:
        if portal.dev_issuer is None:
            return render_template("error.html", status=404, title="Not found",
                                   message="Development sign-in is not enabled.", violations=[]), 404
        if request.method == "POST":
            role, jurisdiction = request.form.get("role", ""), request.form.get("jurisdiction", "").strip()
            problems = []
            if role not in {r.value for r in Role} or role in (Role.OPERATOR.value, Role.COUNTY_SYSTEM.value):
                problems.append("choose a role")
            elif not is_division_code(jurisdiction) or level_of(jurisdiction) not in ROLE_LEVELS[Role(role)]:
                problems.append(f"a {role.replace('_', ' ')} needs a 12-digit code of a "
                                f"{' or '.join(sorted(level.value for level in ROLE_LEVELS[Role(role)]))}")
            if problems:
                for problem in problems:
                    flash(problem, "error")
                return render_template("dev_signin.html", roles=_human_roles()), 400
            token = portal.dev_issuer.issue(f"dev-{role}", "development sign-in", [role], jurisdiction,
                                            ttl=timedelta(hours=portal.settings.session_hours))
            return start_session(token)
        return render_template("dev_signin.html", roles=_human_roles())


def _human_roles() -> list[str]:
    return [r.value for r in Role if r not in (Role.OPERATOR, Role.COUNTY_SYSTEM)]


def _page_routes(app: Flask, portal: Portal) -> None:
    def user() -> pages.User:
        return g.user  # type: ignore[no-any-return]

    @app.get("/")
    def overview() -> Any:
        landing = pages.landing(user())
        if landing is not None:
            return redirect(url_for("division", code=landing))
        return render_template("overview.html", **pages.overview(portal, user()))

    @app.get("/divisions/<code>")
    def division(code: str) -> Any:
        pages.check_division("code", code)
        return render_template("division.html", **pages.division_page(portal, user(), code,
                                                                       request.args.get("page", "")))

    @app.get("/households/<household_id>")
    def household(household_id: str) -> Any:
        return render_template("household.html", **pages.household_page(portal, user(), household_id))

    @app.get("/rankings")
    def rankings() -> Any:
        # Without a division asked for, the caller's own (the province-wide
        # ranking is one click away: the form sent with the field empty).
        division = request.args.get("division")
        if division is None:
            division = pages.default_ranking_division(user())
        return render_template("rankings.html", **pages.rankings_page(
            portal, user(), request.args.get("kind", "village"), division.strip()))

    @app.get("/scores/<kind>/<target_id>")
    def score(kind: str, target_id: str) -> Any:
        return render_template("score.html", **pages.score_page(portal, user(), kind, target_id))

    @app.get("/cadres/<cadre_id>")
    def cadre(cadre_id: str) -> Any:
        return render_template("cadre.html", **pages.cadre_page(portal, user(), cadre_id,
                                                                request.args.get("month", "")))

    @app.get("/funds")
    def funds() -> Any:
        return render_template("funds.html", **pages.funds_page(portal, user(),
                                                                request.args.get("division", "").strip()))

    @app.get("/queue")
    def queue() -> Any:
        return render_template("queue.html", **pages.queue_page(portal, user()))

    def after_decision(household_id: str, decide: Any, done: str) -> Any:
        """A decision refused for bad input or the household's state reads as a
        message on the queue; any other refusal (403, 404) is an error page."""
        try:
            decide()
        except ServiceError as error:
            if http_status(error) in (400, 409):
                flash(f"Household {household_id}: {error.message}", "error")
                return redirect(url_for("queue"))
            raise
        flash(f"Household {household_id}: {done}.", "info")
        return redirect(url_for("queue"))

    @app.post("/queue/<household_id>/decision")
    def decide(household_id: str) -> Any:
        form = request.form
        step, decision = form.get("step", ""), form.get("decision", "")
        return after_decision(household_id, lambda: pages.decide(
            portal, user(), household_id, step, decision, form.get("reason", "")),
            f"{decision.replace('_', ' ')} recorded for {step.replace('_', ' ')}")

    @app.post("/queue/<household_id>/exit")
    def confirm_exit(household_id: str) -> Any:
        form = request.form
        step, decision = form.get("step", ""), form.get("decision", "")
        done = "exit confirmed" if decision == "approve" else "exit rejected; the household stays registered"
        return after_decision(household_id, lambda: pages.confirm_exit(
            portal, user(), household_id, step, decision, form.get("reason", "")),
            f"{done} ({step.replace('_', ' ')})")
