"""Companies: sign-up, registration by a BKK, vetting with evidence, province-wide flags, MoUs."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.urls import reverse

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.companies.forms import clean_nib
from jejak.companies.models import CompanyInfo, Flag, Partnership, Vetting
from jejak.companies.services import company_flag
from jejak.organisations.models import Bkk, Organisation
from tests.conftest import PASSWORD, Tenant
from tests.jobs_factories import post, vet


def _signup_data(**more: str) -> dict[str, str]:
    return {
        "name": "PT Baru Maju", "region": "35.09", "address": "Jl. Gajah Mada 1",
        "nib": "9120000123456", "website": "", "contact_name": "Rina HR",
        "contact_email": "rina@barumaju.co.id", "contact_phone": "0812-1111-2222", **more,
    }  # fmt: skip


def test_company_signs_up_and_its_recruiter_sets_a_password(
    client: Any, db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:signup"), _signup_data())
    assert response["Location"] == reverse("companies:signup_sent")
    # Only the owner of the contact address gets the link that sets the password.
    assert mail.outbox[0].to == ["rina@barumaju.co.id"]
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/invitation/" in w)
    invitation_path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    company = Organisation.objects.get(name="PT Baru Maju")
    assert company.kind == Organisation.Kind.COMPANY and company.province_code == "35"
    info = CompanyInfo.objects.get(organisation=company)
    assert info.email_domain == "barumaju.co.id" and info.nib == "9120000123456"
    accepted = client.post(
        invitation_path, {"password1": PASSWORD + "x", "password2": PASSWORD + "x"}
    )
    assert accepted.status_code == 302
    membership = Membership.objects.get(organisation=company)
    assert membership.role == Role.RECRUITER and membership.user.email == "rina@barumaju.co.id"
    # The recruiter lands on the company's vacancies.
    home = client.get(reverse("organisations:home", args=[company.code]))
    assert home.status_code == 302 and home["Location"].endswith(f"/o/{company.code}/jobs/")
    assert client.get(home["Location"]).status_code == 200


def test_signup_with_a_bad_nib_saves_nothing(client: Any, db: Any) -> None:
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    response = client.post(reverse("companies:signup"), _signup_data(nib="12ab"))
    assert response.status_code == 200
    assert "NIB harus 13 digit" in response.content.decode()
    assert not Organisation.objects.filter(name="PT Baru Maju").exists()


def test_bkk_registers_a_company_and_gets_an_invitation_link(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    data = _signup_data(name="CV Bengkel Jaya", contact_email="", contact_phone="0812-3333-4444")
    response = client.post(reverse("companies:new", args=[jember.school.code]), data)
    assert response.status_code == 200 and "/accounts/invitation/" in response.content.decode()
    company = Organisation.objects.get(name="CV Bengkel Jaya")
    assert company.parent_office == jember.school
    assert CompanyInfo.objects.get(organisation=company).source == CompanyInfo.Source.SCHOOL


def test_vetting_needs_evidence_and_records_who_and_when(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    url = reverse("companies:vet", args=[jember.school.code, jember.company.code])
    page = client.post(url, {"nib": "", "email_domain": "", "visited_on": ""}, follow=True)
    assert "Isi minimal satu bukti" in page.content.decode()
    assert not Vetting.objects.exists()
    client.post(url, {"nib": "1234567890123", "visited_on": "2026-01-05", "note": "Pabrik ada"})
    vetting = Vetting.objects.get()
    assert vetting.vetted_by == jember.bkk and vetting.organisation == jember.school
    assert vetting.province_code == "35" and vetting.visited_on.isoformat() == "2026-01-05"


def _second_school(prefix: str, regency: str, npsn: str) -> tuple[Organisation, Any]:
    from jejak.accounts.models import User

    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=f"SMK {prefix}", region_id=regency, npsn=npsn
    )
    Bkk.objects.create(organisation=school)
    officer = User.objects.create_user(email=f"{prefix}@example.id", name=prefix, password="x")
    Membership.objects.create(user=officer, organisation=school, role=Role.BKK_OFFICER)
    return school, officer


def test_flag_is_seen_across_the_province_but_not_in_another(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    company_flag(company=jember.company, school=jember.school, actor=jember.bkk,
                 reason="Diduga perusahaan fiktif, minta uang pendaftaran")  # fmt: skip
    neighbour, officer = _second_school("Banyuwangi", "35.10", "20599001")
    # A school of another regency in the same province sees the flag.
    page = login(officer).get(reverse("companies:detail", args=[neighbour.code,
                                                               jember.company.code]))  # fmt: skip
    assert "Diduga perusahaan fiktif" in page.content.decode()
    listing = login(officer).get(reverse("companies:list", args=[neighbour.code])).content.decode()
    assert "Ada peringatan" in listing
    # So does the province's office.
    office = login(jember.analyst).get(
        reverse("companies:detail", args=[jember.office.code, jember.company.code])
    )
    assert "Diduga perusahaan fiktif" in office.content.decode()
    # A school in another province that partners with the company does not.
    Partnership.objects.create(organisation=bandung.school, company=jember.company,
                               starts_on="2026-01-01", scope="PKL")  # fmt: skip
    other = login(bandung.bkk).get(
        reverse("companies:detail", args=[bandung.school.code, jember.company.code])
    )
    assert other.status_code == 200
    assert "Diduga perusahaan fiktif" not in other.content.decode()


def test_another_province_cannot_see_a_company_it_has_no_tie_to(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    url = reverse("companies:detail", args=[bandung.school.code, jember.company.code])
    assert login(bandung.bkk).get(url).status_code == 404


def test_flag_hides_vacancies_until_resolved(login: Any, jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember)
    board = reverse("jobs:board_school", args=[jember.school.code])
    client = login(jember.bkk)
    assert vacancy.title in client.get(board).content.decode()
    flag = company_flag(company=jember.company, school=jember.school, actor=jember.bkk,
                        reason="Gaji tidak dibayar")  # fmt: skip
    assert vacancy.title not in client.get(board).content.decode()
    client.post(
        reverse("companies:flag_resolve", args=[jember.school.code, jember.company.code,
                                                flag.code]),
        {"resolution": "Sudah dibayar, dicek Disnaker"},
    )  # fmt: skip
    assert Flag.objects.get(pk=flag.pk).resolved_by == jember.bkk
    assert vacancy.title in client.get(board).content.decode()


def test_partnership_is_recorded_with_dates_and_a_bad_range_saves_nothing(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    url = reverse("companies:partnership", args=[jember.school.code, jember.company.code])
    bad = client.post(url, {"starts_on": "2026-06-01", "ends_on": "2026-01-01", "scope": "PKL"},
                      follow=True)  # fmt: skip
    assert "harus setelah tanggal mulai" in bad.content.decode()
    assert not Partnership.objects.exists()
    client.post(url, {"number": "MoU/12/2026", "starts_on": "2026-01-01",
                      "ends_on": "2028-12-31", "scope": "PKL dan rekrutmen"})  # fmt: skip
    mou = Partnership.objects.get()
    assert mou.organisation == jember.school and mou.ends_on.year == 2028


def test_only_a_bkk_officer_vets(login: Any, jember: Tenant) -> None:
    url = reverse("companies:vet", args=[jember.school.code, jember.company.code])
    assert login(jember.head).post(url, {"nib": "1234567890123"}).status_code == 404
    assert not Vetting.objects.exists()


def test_recruiter_sees_only_their_own_company(login: Any, jember: Tenant, bandung: Tenant) -> None:
    client = login(jember.recruiter)
    assert client.get(reverse("jobs:list", args=[jember.company.code])).status_code == 200
    assert client.get(reverse("jobs:list", args=[bandung.company.code])).status_code == 404
    theirs = post(bandung)
    url = reverse("jobs:detail", args=[jember.company.code, theirs.code])
    assert client.get(url).status_code == 404
    assert Alumnus.objects.exists()  # the register is untouched by any of this


def test_company_keeps_its_details_but_not_the_vetted_nib(login: Any, jember: Tenant) -> None:
    from jejak.audit.models import AuditEvent
    from jejak.companies.models import CompanyInfo

    CompanyInfo.objects.create(organisation=jember.company, nib="1234567890123")
    url = reverse("companies:profile", args=[jember.company.code])
    client = login(jember.recruiter)
    data = {"name": "PT Jember Baru", "region": jember.region, "address": "Jl. Gajah Mada 1",
            "nib": "9999999999999", "contact_name": "Rina", "contact_email": "rina@ptbaru.co.id",
            "contact_phone": "0812-3456-7890"}  # fmt: skip
    vet(jember)
    assert client.post(url, data).status_code == 302
    jember.company.refresh_from_db()
    info = CompanyInfo.objects.get(organisation=jember.company)
    assert jember.company.name == "PT Jember Baru" and info.contact_phone == "+6281234567890"
    assert info.email_domain == "ptbaru.co.id"
    assert info.nib == "1234567890123"  # evidence a BKK checked stays as checked
    assert "nib" not in AuditEvent.objects.get(action="company.updated").changes
    assert (
        login(jember.bkk).get(reverse("companies:profile", args=[jember.school.code])).status_code
        == 404
    )


def test_a_nib_of_superscript_digits_is_refused() -> None:
    # "²" passes str.isdigit; OSS never issues it (the rule lib.values.is_digits keeps).
    assert clean_nib("1234567890123") == "1234567890123"
    with pytest.raises(forms.ValidationError):
        clean_nib("²" * 13)
