"""Login, logout, self-registration, password change and the admin's user management."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_url, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from databank.accounts import devices, services
from databank.accounts.access import role_required, safe_next
from databank.accounts.models import OFFICER_ROLES, Role, User
from databank.accounts.schemas import (
    LoginSchema,
    OfficerEditSchema,
    OfficerSchema,
    PasswordChangeSchema,
    RegistrationSchema,
)
from databank.accounts.user_search import users_query
from databank.db import db, paginate, utcnow
from databank.errors import Conflict, NotAllowed
from databank.extensions import login_manager
from databank.forms import FormErrors, also_said, status_for, submit
from databank.organisations.models import PlacementOffice
from databank.organisations.services import agency_choices, name_options
from databank.rate_limits import logins_paused, refused_page, registrations_paused

bp = Blueprint("accounts", __name__)


def options(roles: tuple[Role, ...]) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in roles]


@login_manager.user_loader
def load_user(token: str) -> User | None:
    return db.session.scalar(
        select(User).where(User.session_token == token, User.is_active.is_(True))
    )


SESSION_ENDED = ("نشست شما پایان یافته است (گذرواژه یا دسترسی حساب تغییر کرده، یا حساب از "
                 "دستگاه دیگری خارج شده است)؛ دوباره وارد شوید.")


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    """To the login page, saying why: a session the server ended (a password changed or
    reset, the account edited or deactivated) still carries its old token, and she should
    know she did not just forget to log in."""
    if not g.get("session_ended"):
        ended = session.pop("_user_id", None) is not None
        flash(SESSION_ENDED if ended else login_manager.login_message, "warning")
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def start_session(user: User) -> None:
    """A fresh session for every login, so a session id planted before login is worthless.
    Whatever opened it (the login form, a registration, a new password), it is her latest
    login, which the admin's list of users shows."""
    session.clear()
    login_user(user)
    session.permanent = True
    user.last_login_at = utcnow()
    db.session.commit()


# What an account whose password someone else knows may still reach.
_BEFORE_A_NEW_PASSWORD = {"accounts.change_password", "accounts.logout", "static"}


@bp.before_app_request
def ended_session_said() -> None:
    """A session the server ended, met on a page anyone may open (the welcome page, a
    registration form): she is told once, as on a page that needs a login, rather than find
    herself silently logged out."""
    if (request.endpoint != "static" and "_user_id" in session
            and not current_user.is_authenticated):
        session.pop("_user_id", None)
        flash(SESSION_ENDED, "warning")
        g.session_ended = True  # said: unauthorized() does not say more


@bp.before_app_request
def password_first() -> Response | None:
    """A password the admin typed or reset is changed before anything else is done with it."""
    if (request.endpoint not in _BEFORE_A_NEW_PASSWORD  # first: a static file loads no user
            and current_user.is_authenticated and current_user.must_change_password):
        return redirect(url_for("accounts.change_password"))
    return None


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        trusted = devices.trusted()
        try:
            user, errors = submit(LoginSchema(),
                                  lambda data: services.authenticate(
                                      data["username"], data["password"], trusted))
        except NotAllowed as locked:
            db.session.rollback()
            page = make_response(_login_page(FormErrors({"_form": [locked.message]},
                                                        status=429)))
            if isinstance(locked, services.DeviceDistrusted):
                devices.forget(page)
            return page
        if user is not None:
            start_session(user)
            flash(f"{user.display_name}، خوش آمدید.", "success")
            welcome = redirect(safe_next(request.args.get("next")) or url_for("home.index"))
            devices.remember(welcome, user)
            return welcome
        if not errors:
            errors = {"_form": ["نام کاربری یا گذرواژه درست نیست."]}
    return _login_page(errors)


@refused_page("accounts.login")
def _logins_paused(minutes: int) -> tuple[str, int]:
    """Too many wrong passwords from her address: the form again, her username kept, with
    when she may try again."""
    return _login_page(FormErrors({"_form": [logins_paused(minutes)]}, status=429))


def _login_page(errors: dict[str, list[str]]) -> tuple[str, int]:
    return render_template("accounts/login.html", errors=errors,
                           values={"username": request.form.get("username", "")}), \
        status_for(errors)


@bp.post("/logout")
@login_required
def logout() -> Response:
    services.end_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("از سامانه خارج شدید.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    errors: dict[str, list[str]] = {}
    if request.args.get("role") == Role.GRADUATE.value:
        return redirect(url_for("people.register"))
    if request.method == "POST":
        user, errors = submit(RegistrationSchema(), services.register_account)
        errors = also_said(errors, {
            "username": services.username_taken(request.form.get("username", ""))})
        if user is not None:
            start_session(user)
            flash("حساب واحد ساخته شد؛ اکنون مشخصات واحد را ثبت کنید.", "success")
            welcome = redirect(url_for("organisations.unit"))
            devices.remember(welcome, user)  # her browser passes a stranger's lock
            return welcome
    return _register_page(errors)


@refused_page("accounts.register")
def _register_paused(minutes: int) -> tuple[str, int]:
    """Too many registrations from her address: the form again with what she typed."""
    return _register_page(FormErrors({"_form": [registrations_paused(minutes)]}, status=429))


def _register_page(errors: dict[str, list[str]]) -> tuple[str, int]:
    values = request.form.to_dict()
    for secret in ("password", "password_confirm", "csrf_token"):
        values.pop(secret, None)
    return render_template("accounts/register.html", errors=errors, values=values), \
        status_for(errors)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response | tuple[str, int]:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        user = current_user._get_current_object()
        _, errors = submit(PasswordChangeSchema(username=user.username,
                                                personal=services.personal_words(user)),
                           lambda data: services.change_password(
                               user, data["current_password"], data["password"]))
        if not errors:
            start_session(user)
            flash("گذرواژه عوض شد؛ نشست‌های دیگر شما بسته شدند.", "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/password.html", errors=errors,
                           required=current_user.must_change_password), status_for(errors)


@bp.get("/admin/users")
@role_required(Role.ADMIN)
def users() -> str:
    search = request.args.get("q", "").strip()
    page = paginate(users_query(search), per_page=50)
    rows = [{"id": u.id, "username": u.username, "display_name": u.display_name,
             "role": u.role.label, "last_login_at": u.last_login_at, "is_active": u.is_active,
             "must_change_password": u.must_change_password,
             "employer": u.role is Role.EMPLOYER, "unit": u.unit.name if u.unit else "",
             "officer": u.role in OFFICER_ROLES,
             "place": (u.office.name if u.office else u.agency.name if u.agency else ""),
             "reset_stamp": services.password_stamp(u)}
            for u in page.items]
    return render_template("accounts/users.html", page=page, rows=rows, search=search,
                           args={"q": search} if search else {})


@bp.route("/admin/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_officer() -> str | Response | tuple[str, int]:
    errors: dict[str, list[str]] = {}
    values = request.form.to_dict()
    if request.method == "POST":
        actor = current_user._get_current_object()
        user, errors = submit(OfficerSchema(), lambda data: services.create_officer(actor, data))
        if user is not None:
            flash(f"حساب «{user.username}» ساخته شد.", "success")
            return redirect(url_for("accounts.users"))
    values.pop("password", None)
    values.pop("password_confirm", None)
    return render_template("accounts/new_officer.html", errors=errors, values=values,
                           role_options=options(OFFICER_ROLES),
                           office_options=name_options(PlacementOffice),
                           agency_options=agency_choices()), \
        status_for(errors)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_officer(user_id: int) -> str | Response | tuple[str, int]:
    """An officer's name, role and organisation; graduates and employers are not edited here
    (404): their accounts are theirs."""
    user = db.session.get(User, user_id)
    if user is None or user.role not in OFFICER_ROLES:
        abort(404)
    errors: dict[str, list[str]] = {}
    values = {"display_name": user.display_name, "role": user.role.value,
              "office_id": str(user.office_id or ""), "agency_id": str(user.agency_id or "")}
    if request.method == "POST":
        values = request.form.to_dict()
        actor = current_user._get_current_object()
        edited, errors = submit(OfficerEditSchema(),
                                lambda data: services.edit_officer(actor, user, data))
        if edited is not None:
            flash(f"حساب «{edited.username}» به‌روز شد.", "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/edit_officer.html", errors=errors, values=values,
                           username=user.username, own=user.id == current_user.id,
                           role_options=options(OFFICER_ROLES),
                           office_options=name_options(PlacementOffice),
                           agency_options=agency_choices()), status_for(errors)


@bp.post("/admin/users/<int:user_id>/password")
@role_required(Role.ADMIN)
def reset_password(user_id: int) -> Response:
    """The new password is shown in this answer alone: not in a flash, which would carry it
    in the session cookie, and never stored by the browser. Refreshing this answer posts the
    form again: that copy is told the password was already reset, and resets nothing."""
    user = db.session.scalar(select(User).where(User.id == user_id).with_for_update()
                             .execution_options(populate_existing=True)) or abort(404)
    context = {"user_id": user.id, "username": user.username,
               "display_name": user.display_name}
    try:
        password = services.reset_password(current_user._get_current_object(), user,
                                           request.form.get("stamp", ""))
    except Conflict as repeated:
        db.session.rollback()
        response = make_response(render_template(
            "accounts/new_password.html", **context, repeated=repeated.message,
            stamp=services.password_stamp(user)), repeated.status)
    else:
        db.session.commit()
        response = make_response(render_template("accounts/new_password.html", **context,
                                                 password=password))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/admin/users/<int:user_id>/active")
@role_required(Role.ADMIN)
def toggle_active(user_id: int) -> Response:
    user = db.session.get(User, user_id) or abort(404)
    services.set_active(current_user._get_current_object(), user,
                        request.form.get("active") == "1")
    db.session.commit()
    # the list holds many accounts: the message names the one and which way it went
    state = "فعال" if user.is_active else "غیرفعال"
    flash(f"حساب «{user.username}» {state} شد.", "success")
    return redirect(url_for("accounts.users"))
