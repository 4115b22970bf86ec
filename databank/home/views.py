"""The landing page, and a home page per role after login."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from databank.home.services import summary_for

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    if not current_user.is_authenticated:
        return render_template("home/welcome.html")
    user = current_user._get_current_object()
    return render_template(f"home/{user.role.value}.html", summary=summary_for(user))
