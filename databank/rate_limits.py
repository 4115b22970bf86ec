"""Limits per client address on the forms whose answers tell a stranger something: whether a
national ID is in the bank, whether an insurance workshop code belongs to a unit (and with it
the proof that claims the unit), whether a password is right. Each answer is cheap to ask for
again and again; the limits make asking slow without being felt by anyone using a form.

Flask-Limiter keeps the counts: in memory by default (one process, as `make run` serves), in
Redis or another shared store named by DATABANK_RATELIMIT_STORAGE where several processes
serve the bank. Behind a reverse proxy, DATABANK_PROXIES says how many proxies stand in front,
so the client's own address is counted rather than the proxy's."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response


def _refused(response: Response) -> bool:
    return response.status_code >= 400


def _told_conflict(response: Response) -> bool:
    """A 409 is the answer that says the record exists (held, claimed, or with another mobile)."""
    return response.status_code == 409


# endpoint: (limit, which answers count; None: every POST)
LIMITS: dict[str, tuple[str, Callable[[Response], bool] | None]] = {
    "accounts.login": ("30 per 10 minutes", _refused),
    "accounts.register": ("20 per hour", None),
    "people.register": ("10 per hour", _told_conflict),
    "organisations.unit": ("20 per hour", None),
}


def register(app: Flask) -> Limiter:
    """One limiter per app; the views registered by then are wrapped in their limits (the
    wrapper counts, as the library's decorator does on a view it decorates)."""
    proxies = int(app.config.get("PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,  # type: ignore[method-assign]
                                x_host=proxies)
    limiter = Limiter(get_remote_address, app=app, headers_enabled=True)
    for endpoint, (limit, counted) in LIMITS.items():
        app.view_functions[endpoint] = limiter.limit(
            limit, methods=["POST"], deduct_when=counted)(app.view_functions[endpoint])
    app.extensions["databank.rate_limits"] = limiter  # the library holds it weakly only
    return limiter
