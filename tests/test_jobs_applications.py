"""Applications: two taps from a phone, no duplicates, an audited pipeline the alumnus can
follow, and a company that sees only its own applicants and only what it may."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.jobs.models import Application, ApplicationStep, Notification, Stage
from jejak.jobs.selectors import applicant_view
from jejak.jobs.services import application_submit
from jejak.lib.tabular import read_rows
from jejak.organisations.models import Organisation
from tests.conftest import Tenant
from tests.jobs_factories import post, vet


def test_alumnus_applies_in_two_taps_and_a_double_post_gives_one(
    login: Any, jember: Tenant
) -> None:
    vet(jember)
    vacancy = post(jember)
    client = login(jember.alumnus_user)
    listing = client.get(reverse("jobs:me_vacancies")).content.decode()
    detail_url = reverse("jobs:me_vacancy", args=[vacancy.code])
    assert detail_url in listing  # tap one
    page = client.get(detail_url).content.decode()
    apply_url = reverse("jobs:me_apply", args=[vacancy.code])
    assert apply_url in page and "Lamar" in page
    first = client.post(apply_url, {"cover_note": "Siap kerja shift"})  # tap two
    second = client.post(apply_url, {"cover_note": "lagi"})
    assert first.status_code == second.status_code == 302
    application = Application.objects.get()
    assert application.cover_note == "Siap kerja shift" and application.stage == Stage.APPLIED
    followed = client.get(second["Location"]).content.decode()
    assert "sudah melamar" in followed and "Melamar" in followed


def test_submitting_twice_returns_the_first_application(jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember)
    one, created = application_submit(vacancy=vacancy, alumnus=jember.alumnus,
                                      actor=jember.alumnus_user)  # fmt: skip
    two, again = application_submit(vacancy=vacancy, alumnus=jember.alumnus,
                                    actor=jember.alumnus_user)  # fmt: skip
    assert created and not again and one.pk == two.pk
    assert ApplicationStep.objects.count() == 1


def test_alumnus_cannot_apply_to_a_vacancy_not_on_their_board(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    vet(bandung)
    theirs = post(bandung)
    client = login(jember.alumnus_user)
    assert client.get(reverse("jobs:me_vacancy", args=[theirs.code])).status_code == 404
    assert client.post(reverse("jobs:me_apply", args=[theirs.code])).status_code == 404
    assert not Application.objects.exists()


def _apply(t: Tenant, vacancy: Any, alumnus: Any = None) -> Application:
    application, _ = application_submit(
        vacancy=vacancy, alumnus=alumnus or t.alumnus, actor=t.alumnus_user, cover_note="Catatan"
    )
    return application


def test_company_sees_only_its_own_applicants_and_only_what_it_may(
    login: Any, jember: Tenant
) -> None:
    vet(jember)
    rival = Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="PT Rival",
                                        region_id="35.09")  # fmt: skip
    vet(jember, rival)
    ours = post(jember, title="Teknisi Kami")
    from jejak.jobs.services import vacancy_post
    from tests.jobs_factories import vacancy_data

    theirs = vacancy_post(company=rival, posted_by_org=rival, actor=None,
                          data=vacancy_data(title="Teknisi Rival"), schools=[jember.school],
                          regions=[])  # fmt: skip
    mine = _apply(jember, ours)
    other = _apply(jember, theirs, jember.other_alumnus)
    client = login(jember.recruiter)
    page = client.get(reverse("jobs:detail", args=[jember.company.code, ours.code]))
    text = page.content.decode()
    assert jember.alumnus.name in text and jember.other_alumnus.name not in text
    assert jember.alumnus.nisn not in text and "0812" not in text  # no NISN, no phone
    assert set(applicant_view(mine)) == {
        "name",
        "school",
        "major",
        "cohort",
        "cover_note",
        "alumnus_code",
    }
    # The rival's vacancy and applicant are out of reach, as if missing.
    assert client.get(reverse("jobs:detail", args=[jember.company.code,
                                                   theirs.code])).status_code == 404  # fmt: skip
    move = reverse("jobs:move", args=[jember.company.code, other.code])
    assert client.post(move, {f"{other.code}-stage": "rejected"}).status_code == 404
    assert Application.objects.get(pk=other.pk).stage == Stage.APPLIED
    export = client.get(reverse("jobs:applicants_export", args=[jember.company.code, ours.code]))
    rows = str(read_rows(export.getvalue(), "x.xlsx"))
    assert jember.alumnus.name in rows and jember.other_alumnus.name not in rows
    assert jember.alumnus.nisn not in rows


def test_each_move_is_kept_audited_and_told_to_the_alumnus(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    vet(jember)
    application = _apply(jember, post(jember))
    jember.alumnus.email = "siti@example.id"
    jember.alumnus.save()
    client = login(jember.recruiter)
    url = reverse("jobs:move", args=[jember.company.code, application.code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {f"{application.code}-stage": "shortlisted"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {f"{application.code}-stage": "interview", f"{application.code}-note": ""})
    steps = list(ApplicationStep.objects.filter(application=application).values_list(
        "from_stage", "to_stage"))  # fmt: skip
    assert steps == [("", "applied"), ("applied", "shortlisted"), ("shortlisted", "interview")]
    assert AuditEvent.objects.filter(action="application.moved").count() == 2
    assert Notification.objects.filter(user=jember.alumnus_user).count() == 2
    assert len(mail.outbox) == 2 and "Wawancara" in mail.outbox[1].body
    alumnus = login(jember.alumnus_user)
    page = alumnus.get(reverse("jobs:me_applications")).content.decode()
    assert "Wawancara" in page and "Lolos seleksi berkas" in page
    notes = alumnus.get(reverse("jobs:me_notifications")).content.decode()
    assert "Wawancara" in notes
    assert not Notification.objects.filter(user=jember.alumnus_user, read_at=None).exists()


def test_bkk_of_the_alumnus_school_moves_but_another_school_cannot(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    vet(jember)
    application = _apply(jember, post(jember))
    data = {f"{application.code}-stage": "test"}
    other = reverse("jobs:move", args=[bandung.school.code, application.code])
    assert login(bandung.bkk).post(other, data).status_code == 404
    own = reverse("jobs:move", args=[jember.school.code, application.code])
    assert login(jember.bkk).post(own, data).status_code == 302
    assert Application.objects.get(pk=application.pk).stage == Stage.TEST


def test_alumnus_withdraws_and_then_nobody_can_move_it(login: Any, jember: Tenant) -> None:
    vet(jember)
    application = _apply(jember, post(jember))
    client = login(jember.alumnus_user)
    client.post(reverse("jobs:me_withdraw", args=[application.code]), {"confirm": "1"})
    assert Application.objects.get(pk=application.pk).stage == Stage.WITHDRAWN
    url = reverse("jobs:move", args=[jember.company.code, application.code])
    page = login(jember.recruiter).post(url, {f"{application.code}-stage": "accepted"},
                                        follow=True)  # fmt: skip
    assert "Pilih tahap yang tersedia" in page.content.decode()
    assert Application.objects.get(pk=application.pk).stage == Stage.WITHDRAWN


def test_another_alumnus_cannot_withdraw_my_application(login: Any, jember: Tenant) -> None:
    vet(jember)
    application = _apply(jember, post(jember))
    from jejak.accounts.models import Membership, Role, User

    someone = User.objects.create_user(email="budi@example.id", name="Budi", password="x")
    Membership.objects.create(user=someone, organisation=jember.school, role=Role.ALUMNUS,
                              alumnus=jember.other_alumnus)  # fmt: skip
    response = login(someone).post(reverse("jobs:me_withdraw", args=[application.code]))
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


def test_a_racing_second_submission_lands_on_the_first(jember: Tenant, monkeypatch: Any) -> None:
    """Two taps that both pass the "already applied?" check: the unique pair decides."""
    from jejak.jobs import services

    vet(jember)
    vacancy = post(jember)
    first, _ = application_submit(vacancy=vacancy, alumnus=jember.alumnus,
                                  actor=jember.alumnus_user)  # fmt: skip
    monkeypatch.setattr(services, "existing_application", lambda *_args: None)
    second, created = services.application_submit(
        vacancy=vacancy, alumnus=jember.alumnus, actor=jember.alumnus_user
    )
    assert not created and second.pk == first.pk
    assert Application.objects.count() == 1 and ApplicationStep.objects.count() == 1


def test_vacancy_page_queries_do_not_grow_with_applicants(
    login: Any, jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    from jejak.alumni.models import Alumnus

    vet(jember)
    vacancy = post(jember)
    url = reverse("jobs:detail", args=[jember.company.code, vacancy.code])
    client = login(jember.recruiter)
    _apply(jember, vacancy)
    client.get(url)  # warm caches (session, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        extra = Alumnus.objects.create(organisation=jember.school, name=f"Tambahan {n}", sex="L",
                                       cohort=2025, major=jember.alumnus.major)  # fmt: skip
        _apply(jember, vacancy, extra)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Pindahkan</button>") == 6


BANDUNG_PEOPLE = ["analyst", "bkk", "head", "teacher", "alumnus_user", "recruiter", "blk_admin"]


def test_nobody_from_another_region_reaches_a_company_s_job_pages(
    client: Any, jember: Tenant, bandung: Tenant
) -> None:
    vet(jember)
    vacancy = post(jember)
    application = _apply(jember, vacancy)
    org = jember.company.code
    urls = [
        ("get", reverse("jobs:list", args=[org])),
        ("get", reverse("jobs:new", args=[org])),
        ("get", reverse("jobs:export", args=[org])),
        ("get", reverse("jobs:detail", args=[org, vacancy.code])),
        ("get", reverse("jobs:applicants_export", args=[org, vacancy.code])),
        ("post", reverse("jobs:fill", args=[org, vacancy.code])),
        ("post", reverse("jobs:move", args=[org, application.code])),
        ("get", reverse("jobs:placement_from_application", args=[org, application.code])),
    ]
    for label in BANDUNG_PEOPLE:
        client.force_login(getattr(bandung, label))
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 404, f"{label} reached {url}"


def test_application_lists_show_own_alumni_to_schools_and_own_vacancies_to_companies(
    login: Any, jember: Tenant
) -> None:
    vet(jember)
    rival = Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="PT Rival",
                                        region_id="35.09")  # fmt: skip
    vet(jember, rival)
    from jejak.jobs.services import vacancy_post
    from tests.jobs_factories import vacancy_data

    theirs = vacancy_post(company=rival, posted_by_org=rival, actor=None,
                          data=vacancy_data(title="Teknisi Rival"), schools=[jember.school],
                          regions=[])  # fmt: skip
    _apply(jember, post(jember, title="Teknisi Kami"))
    _apply(jember, theirs, jember.other_alumnus)
    school = login(jember.head).get(reverse("jobs:applications", args=[jember.school.code]))
    assert "Teknisi Kami" in school.content.decode() and "Teknisi Rival" in school.content.decode()
    company = login(jember.recruiter).get(reverse("jobs:applications",
                                                  args=[jember.company.code]))  # fmt: skip
    text = company.content.decode()
    assert "Teknisi Kami" in text and "Teknisi Rival" not in text
    assert jember.other_alumnus.name not in text


def test_unvetted_company_is_told_why_its_vacancies_wait(login: Any, jember: Tenant) -> None:
    post(jember)
    page = login(jember.recruiter).get(reverse("jobs:list", args=[jember.company.code]))
    assert "belum diverifikasi BKK" in page.content.decode()
    vet(jember)
    page = login(jember.recruiter).get(reverse("jobs:list", args=[jember.company.code]))
    assert "belum diverifikasi BKK" not in page.content.decode()
