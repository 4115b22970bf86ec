"""Domain errors, each carrying a Persian message, and the handlers that render them.

Services raise these; views let them through, and the handler rolls the transaction back, so
a refused action never leaves anything half-written."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from databank.db import db


class DomainError(Exception):
    status = 400
    message = "درخواست پذیرفته نشد."

    def __init__(self, message: str | None = None, field: str | None = None, *,
                 after_rollback: Callable[[], None] | None = None) -> None:
        """`after_rollback`: what the refusal must leave behind although the request wrote
        nothing (a failed proof of a claim, counted against guessing); it runs once the
        request's own writes are rolled back, and is committed on its own."""
        self.message = message or self.message
        self.field = field
        self.after_rollback = after_rollback
        super().__init__(self.message)


class NotAllowed(DomainError):
    status = 403
    message = "اجازهٔ انجام این کار را ندارید."


class NotFound(DomainError):
    status = 404
    message = "موردی که خواستید پیدا نشد."


class Conflict(DomainError):
    status = 409
    message = "این کار با اطلاعاتی که از قبل ثبت شده تعارض دارد."


class TooManyAttempts(Conflict):
    status = 429
    message = "تلاش‌های نادرست پیاپی بسیار بود؛ کمی بعد دوباره تلاش کنید."


class InvalidInput(DomainError):
    """Input that failed validation; `errors` maps each field to its Persian messages."""

    status = 400
    message = "برخی از اطلاعات واردشده درست نیست."

    def __init__(self, errors: dict[str, list[str]], message: str | None = None, *,
                 after_rollback: Callable[[], None] | None = None) -> None:
        super().__init__(message, after_rollback=after_rollback)
        self.errors = errors


HTTP_MESSAGES = {
    400: ("درخواست نادرست", "درخواست شما قابل پردازش نبود. لطفاً دوباره تلاش کنید."),
    403: ("دسترسی ممنوع", "شما اجازهٔ دیدن این صفحه یا انجام این کار را ندارید."),
    404: ("صفحه پیدا نشد", "صفحه یا موردی که به دنبال آن بودید وجود ندارد."),
    405: ("روش نادرست", "این صفحه این نوع درخواست را نمی‌پذیرد."),
    409: ("تعارض", "این کار با اطلاعاتی که از قبل ثبت شده تعارض دارد."),
    413: ("فایل بزرگ است", "حجم فایل یا درخواست بیش از حد مجاز است."),
    429: ("درخواست‌های پیاپی", "از این نشانی در زمان کوتاهی این فرم بارها فرستاده شد؛ ساعتی دیگر "
                              "دوباره تلاش کنید، یا برای کار فوری به دفتر کاریابی مراجعه کنید."),
    500: ("خطای سامانه", "خطایی پیش آمد و ثبت شد. تغییرات نیمه‌کاره ذخیره نشده است."),
}


def render_error(status: int, message: str | None = None,
                 form_page: str | None = None) -> tuple[str, int]:
    title, default = HTTP_MESSAGES.get(status, HTTP_MESSAGES[400])
    return render_template("errors/error.html", status=status, title=title,
                           message=message or default, form_page=form_page), status


def stale_form_page() -> str | None:
    """The page a refused form was on (its Referer), when it is one of this site's: the
    refusal links back to it, and static/js/keep-form.js puts back what was typed."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or referrer.scheme not in ("http", "https"):
        return None
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")


def roll_back(error: DomainError) -> None:
    """Undo the refused request's writes, then keep what the refusal itself must leave."""
    db.session.rollback()
    if error.after_rollback is not None:
        error.after_rollback()
        db.session.commit()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> tuple[str, int]:
        roll_back(error)
        return render_error(error.status, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        page = stale_form_page()
        return render_error(400, "فرم منقضی شده یا از این سامانه ارسال نشده است. "
                            + ("«بازگشت به فرم» را بزنید: آنچه نوشته بودید (جز گذرواژه) دوباره "
                               "در فرم گذاشته می‌شود؛ آن را دوباره بفرستید." if page else
                               "صفحه را دوباره باز کنید و فرم را از نو بفرستید."), page)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        db.session.rollback()
        app.logger.exception("unhandled error on %s", request.path, exc_info=error)
        return render_error(500)
