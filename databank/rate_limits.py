"""Limits per client address on the forms whose answers tell a stranger something: whether a
national ID is in the bank, whether an insurance workshop code belongs to a unit (and with it
the proof that claims the unit), whether a password is right. Each answer is cheap to ask for
again and again; the limits make asking slow without being felt by anyone using a form.

Flask-Limiter keeps the counts: in memory by default (one process, as `make run` serves), in
Redis or another shared store named by DATABANK_RATELIMIT_STORAGE where several processes
serve the bank. Behind a reverse proxy, DATABANK_PROXIES says how many proxies stand in front,
so the client's own address is counted rather than the proxy's.

A form may name a page that answers its breached limit (refused_page): the form again, with
what was typed and a message saying when to try again, so that nothing is lost; the limit
itself is the same. Other forms get the bare Persian 429 page."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from databank.errors import render_error
from databank.jalali import persian_digits

# What a page that answers a breached limit is given: how many minutes until the limit lets
# this address through again. It answers with its own page and status (429).
RefusedPage = Callable[[int], tuple[str, int]]


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


# endpoint: the page that answers its breached limit (filled as the views are imported)
_REFUSED_PAGES: dict[str, RefusedPage] = {}


def refused_page(endpoint: str) -> Callable[[RefusedPage], RefusedPage]:
    """Register the page that answers `endpoint`'s breached limit in place of the bare 429."""
    def register_page(page: RefusedPage) -> RefusedPage:
        _REFUSED_PAGES[endpoint] = page
        return page

    return register_page


def registrations_paused(minutes: int) -> str:
    return (f"از این نشانی اینترنتی (IP) در یک ساعت گذشته درخواست‌های ثبت‌نام بسیاری فرستاده "
            f"شده است؛ برای جلوگیری از سوءاستفاده، ثبت‌نام از این نشانی تا حدود "
            f"{persian_digits(minutes)} دقیقهٔ دیگر پذیرفته نمی‌شود. آنچه وارد کرده بودید (جز "
            "گذرواژه) در فرم مانده است؛ پس از آن دوباره بفرستید، یا برای کار فوری به دفتر "
            "کاریابی مراجعه کنید.")


def logins_paused(minutes: int) -> str:
    return (f"از این نشانی اینترنتی (IP) در چند دقیقهٔ گذشته بارها نام کاربری یا گذرواژهٔ "
            f"نادرست فرستاده شده است؛ برای جلوگیری از حدس زدن گذرواژه، ورود از این نشانی تا "
            f"حدود {persian_digits(minutes)} دقیقهٔ دیگر پذیرفته نمی‌شود. اگر گذرواژهٔ خود را "
            "فراموش کرده‌اید، مدیر سامانه گذرواژهٔ تازه به شما می‌دهد.")


def _minutes_to_wait(limiter: Limiter) -> int:
    """Until the breached window ends, rounded up: never «0 minutes»."""
    limit = limiter.current_limit
    if limit is None:
        return 60
    reset_at = limit.window[0]  # RequestLimit.reset_at adds a second, for the headers
    return max(1, math.ceil((reset_at - time.time()) / 60))


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

    @app.errorhandler(RateLimitExceeded)  # by its code (429), before the app's HTTPException
    def refused(_error: RateLimitExceeded) -> tuple[str, int]:
        page = _REFUSED_PAGES.get(request.endpoint or "")
        if page is None:
            return render_error(429)
        return page(_minutes_to_wait(limiter))

    return limiter
