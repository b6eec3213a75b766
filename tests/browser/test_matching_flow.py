"""Link and match as people walk it: a BKK officer opens a vacancy, sees how many of its
seekers fit, shortlists and offers two; the recruiter sees them with only their shared parts;
a seeker on a phone reads why the vacancy fits."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import csp_violations, log_in
from tests.conftest import PASSWORD, make_tenant
from tests.jobs_factories import post, vet
from tests.matching_factories import major, register

pytestmark = pytest.mark.django_db(transaction=True)


def _page(chromium: Any, **options: Any) -> tuple[Any, Any, list[str]]:
    context = chromium.new_context(locale="id-ID", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page, csp_violations(page)


def test_bkk_offers_two_candidates_the_recruiter_and_the_seeker_see_why(
    chromium: Any, live_server: Any, http_settings: None, transactional_db: Any
) -> None:
    t = make_tenant("Jember", "35.09", "20523001")
    vet(t)
    register(t.alumnus, certificates="Sertifikat BNSP Teknisi Jaringan")
    register(t.other_alumnus)
    vacancy = post(t, majors=[major("TKJ")], title="Teknisi Jaringan",
                   skills="Teknisi jaringan")  # fmt: skip
    base = live_server.url

    context, page, blocked = _page(chromium, viewport={"width": 1280, "height": 900})
    log_in(page, base, t.bkk.email, PASSWORD)
    page.goto(f"{base}/o/{t.school.code}/jobs/{vacancy.code}/")
    page.get_by_text("2 alumni/pencari kerja BKK ini cocok").wait_for()
    page.get_by_role("link", name="Lihat kandidat dan alasannya").click()
    page.get_by_text("Sertifikat kompetensi BNSP sesuai: Teknisi jaringan").wait_for()
    for box in page.locator("input[name=alumnus]").all():
        box.check()
    page.get_by_role("button", name="Masukkan ke daftar pilihan").click()
    page.get_by_text("2 kandidat masuk daftar pilihan.").wait_for()
    for box in page.locator("input[name=row]").all():
        box.check()
    page.get_by_role("button", name="Tawarkan ke perusahaan").click()
    page.get_by_role("button", name="Ya, tawarkan").click()
    page.get_by_text("2 kandidat ditawarkan ke perusahaan.").wait_for()
    context.close()
    assert blocked == []

    context, page, blocked = _page(chromium, viewport={"width": 1280, "height": 900})
    log_in(page, base, t.recruiter.email, PASSWORD)
    page.goto(f"{base}/o/{t.company.code}/jobs/{vacancy.code}/tawaran/")
    page.get_by_text(t.alumnus.name).wait_for()
    page.get_by_text(t.other_alumnus.name).wait_for()
    body = page.content()
    assert "+6281234567890" not in body and "081234567890" not in body  # contact not shared
    context.close()
    assert blocked == []

    context, page, blocked = _page(chromium, viewport={"width": 390, "height": 844})
    log_in(page, base, t.alumnus_user.email, PASSWORD)
    page.goto(f"{base}/me/lowongan-cocok/")
    page.get_by_role("link", name="Teknisi Jaringan").click()
    page.get_by_text("Cocok untuk Anda").wait_for()
    page.get_by_text("Konsentrasi sama: Teknik Komputer dan Jaringan").wait_for()
    context.close()
    assert blocked == []
