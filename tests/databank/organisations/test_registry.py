"""The admin keeps the county's agencies, placement offices and industrial estates: a new
databank gets its first agency and office here, then their officers."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.models import Agency, IndustrialEstate, PlacementOffice
from databank.organisations.services import get_or_create_agency
from tests.conftest import PASSWORD, post_form

PAGE = "/admin/organisations/{}"


def names(model) -> list[str]:
    return list(db.session.scalars(select(model.name).order_by(model.id)))


def test_a_new_databank_gets_its_first_agency_office_and_their_officers(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    added = post_form(client, PAGE.format("agencies"),
                      {"name": "  اداره کل  تعاون، کار و رفاه اجتماعی "})
    assert added.status_code == 302
    assert "ذخیره شد" in client.get(added.headers["Location"]).get_data(as_text=True)
    agency = db.session.scalar(select(Agency))
    assert agency.name == "اداره کل تعاون، کار و رفاه اجتماعی"
    office = post_form(client, PAGE.format("offices"), {
        "name": "دفتر کاریابی امید", "agency_id": str(agency.id), "city": "اراک",
        "license_no": "۱۲۳۴"})
    assert office.status_code == 302
    saved = db.session.scalar(select(PlacementOffice))
    assert (saved.agency_id, saved.city, saved.license_no) == (agency.id, "اراک", "۱۲۳۴")

    form = client.get("/admin/users/new").get_data(as_text=True)
    assert f'<option value="{agency.id}"' in form and "دفتر کاریابی امید" in form
    created = post_form(client, "/admin/users/new", {
        "username": "a.rahimi", "display_name": "علی رحیمی", "password": "a-long-passphrase-1",
        "password_confirm": "a-long-passphrase-1",
        "role": "agency_officer", "agency_id": str(agency.id)})
    assert created.status_code == 302
    assert db.session.scalar(select(User.agency_id).where(User.username == "a.rahimi")) == \
        agency.id
    actions = db.session.scalars(select(AuditEntry.entity).where(
        AuditEntry.action == "add_organisation").order_by(AuditEntry.id)).all()
    assert actions == ["agency", "placement_office"]


def test_the_same_name_in_another_spelling_is_refused_and_nothing_added(
        client: FlaskClient, make_user, login) -> None:
    get_or_create_agency("کمیته امداد امام خمینی")
    db.session.commit()
    login(make_user(Role.ADMIN))
    response = post_form(client, PAGE.format("agencies"), {"name": "كميته  امداد امام‌خمینی"})
    assert response.status_code == 409
    assert "دستگاه اجرایی «کمیته امداد امام خمینی» در بانک هست" in \
        response.get_data(as_text=True)
    assert names(Agency) == ["کمیته امداد امام خمینی"]


def test_markup_and_formula_signs_are_refused_in_every_organisations_name(
        client: FlaskClient, make_user, login) -> None:
    """A name lands in every drop-down, list and export: as an account's name, letters,
    digits and the punctuation of names («تعاون، کار»، «شماره ۲»), nothing else."""
    login(make_user(Role.ADMIN))
    for kind in ("agencies", "offices", "estates", "universities"):
        for name in ("<b>x</b>", "=cmd|calc"):
            refused = post_form(client, PAGE.format(kind), {"name": name})
            assert refused.status_code == 400, (kind, name)
            assert "در نام نمی‌آید" in refused.get_data(as_text=True)
    assert names(Agency) == []
    assert post_form(client, PAGE.format("agencies"),
                     {"name": "اداره کل تعاون، کار و رفاه اجتماعی (شعبه ۲)"}).status_code == 302


def test_a_rename_is_kept_and_one_onto_another_name_is_refused_in_its_row(
        client: FlaskClient, make_user, login) -> None:
    first, second = get_or_create_agency("جهاد کشاورزی"), get_or_create_agency("بهزیستی")
    db.session.commit()
    login(make_user(Role.ADMIN))
    page = PAGE.format("agencies")
    renamed = post_form(client, page, {"name": "مدیریت جهاد کشاورزی"},
                        action=f"{page}/{first.id}")
    assert renamed.status_code == 302
    clash = post_form(client, page, {"name": "مدیریت جهاد کشاورزی"}, action=f"{page}/{second.id}")
    body = clash.get_data(as_text=True)
    assert clash.status_code == 409
    assert f'id="row-{second.id}-error"' in body and "در بانک هست" in body
    assert names(Agency) == ["مدیریت جهاد کشاورزی", "بهزیستی"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edit_organisation"))
    assert entry.details == {"name": "مدیریت جهاد کشاورزی", "was": "جهاد کشاورزی"}


def test_an_office_with_an_agency_that_is_not_there_is_refused(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    response = post_form(client, PAGE.format("offices"),
                         {"name": "دفتر کاریابی نو", "agency_id": "999"})
    assert response.status_code == 400
    assert "گزینهٔ انتخاب‌شده وجود ندارد" in response.get_data(as_text=True)
    assert names(PlacementOffice) == []


def test_estates_added_here_are_offered_to_employers(app, client: FlaskClient, make_user,
                                                     login) -> None:
    login(make_user(Role.ADMIN))
    assert post_form(client, PAGE.format("estates"),
                     {"name": "شهرک صنعتی خیرآباد", "city": "اراک"}).status_code == 302
    assert names(IndustrialEstate) == ["شهرک صنعتی خیرآباد"]
    employer = app.test_client()
    post_form(employer, "/login", {"username": make_user(Role.EMPLOYER).username,
                                   "password": PASSWORD})
    assert "شهرک صنعتی خیرآباد" in employer.get("/unit").get_data(as_text=True)


def test_a_missing_organisation_is_404(client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    page = PAGE.format("estates")
    assert post_form(client, page, {"name": "ناحیه"}, action=f"{page}/999").status_code == 404


@pytest.mark.parametrize("role", [Role.AGENCY_OFFICER, Role.PLACEMENT_OFFICER, Role.INSPECTOR,
                                  Role.EMPLOYER, Role.GRADUATE])
def test_only_the_admin_keeps_the_registry(client: FlaskClient, make_user, login,
                                           role: Role) -> None:
    agency = get_or_create_agency("بهزیستی")
    db.session.commit()
    login(make_user(role))
    page = PAGE.format("agencies")
    assert client.get(page).status_code == 403
    assert client.post(page, data={"name": "دستگاه تازه"}).status_code in (400, 403)
    assert client.post(f"{page}/{agency.id}", data={"name": "نام دیگر"}).status_code in (400, 403)
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).name == "بهزیستی"
    assert len(names(Agency)) == 1 + (role is Role.AGENCY_OFFICER)  # make_user's own agency


@pytest.mark.parametrize("typed", ["", "   ", "\u200c"], ids=["empty", "spaces", "half-space"])
def test_a_blank_name_is_asked_for_on_every_organisations_form(
        client: FlaskClient, make_user, login, typed: str) -> None:
    """A name is what the list shows: a blank one (spaces or a half-space too) is the field's
    own message, never a server error, and nothing is added or renamed."""
    login(make_user(Role.ADMIN))
    kept = get_or_create_agency("بنیاد برکت")
    db.session.commit()
    for kind in ("agencies", "offices", "estates", "universities"):
        refused = post_form(client, PAGE.format(kind), {"name": typed})
        assert refused.status_code == 400, kind
        assert "این بخش را پر کنید" in refused.get_data(as_text=True), kind
    renamed = post_form(client, PAGE.format("agencies"), {"name": typed},
                        action=f"{PAGE.format('agencies')}/{kept.id}")
    assert renamed.status_code == 400
    assert names(Agency) == ["بنیاد برکت"]
    assert names(IndustrialEstate) == [] and names(PlacementOffice) == []


def test_a_name_of_digits_alone_says_a_name_has_a_letter(client: FlaskClient, make_user,
                                                         login) -> None:
    login(make_user(Role.ADMIN))
    for typed in ("ـ", "ـــ"):  # tatweel alone: a blank in every list
        refused = post_form(client, PAGE.format("agencies"), {"name": typed})
        assert refused.status_code == 400, typed
        assert "نام دست‌کم یک حرف دارد" in refused.get_data(as_text=True)
    refused = post_form(client, PAGE.format("estates"), {"name": "۱۲۳"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "نام دست‌کم یک حرف دارد" in page
    assert names(IndustrialEstate) == []
    assert post_form(client, PAGE.format("estates"), {"name": "شهرک ۲"}).status_code == 302
