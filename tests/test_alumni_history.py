"""The change history and statuses read as words: no field codes, value fragments, dotted
event names, Python lists or status codes; an answer the BKK took down is the BKK's."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import translation

from jejak.alumni import services as alumni_services
from jejak.alumni.exports import register_workbook
from jejak.alumni.models import Alumnus
from jejak.alumni.selectors import latest_activity
from jejak.lib.tabular import read_rows
from jejak.outcomes.models import OutcomeEvent
from jejak.profiles import services as profile_services
from jejak.tracer import services as tracer_services
from jejak.tracer.models import Campaign
from tests.conftest import Tenant
from tests.test_survey import WORKING


def _history(client: Any, jember: Tenant) -> str:
    url = reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code])
    page = client.get(url).content.decode()
    return page.split("Riwayat perubahan data", 1)[1]


def test_history_shows_fields_and_values_as_words(login: Any, jember: Tenant) -> None:
    a = jember.alumnus
    tracer_services.consent_give(alumnus=a)
    alumni_services.alumnus_update(
        alumnus=a, actor=jember.bkk, data={"birth_date": dt.date(2007, 8, 18), "sex": "L"}
    )
    alumni_services.consent_record(alumnus=a, actor=jember.bkk, state="refused", note="lisan")
    entry = profile_services.entry_add(
        alumnus=a, actor=jember.alumnus_user, kind="internship",
        data={"title": "PKL", "start_date": dt.date(2024, 1, 1)},
    )  # fmt: skip
    profile_services.entry_update(
        entry=entry, actor=jember.alumnus_user, data={"start_date": dt.date(2024, 2, 1)}
    )
    with translation.override("id"):
        text = _history(login(jember.bkk), jember)
    assert "persetujuan data: Setuju" in text  # consent given: the state, in words
    assert "Persetujuan data diberikan lewat survei" in text
    assert "keperluan: penelusuran tamatan" in text
    assert "tanggal lahir:" in text and "18 Agustus 2007" in text
    assert "orang tua/wali" not in text  # an empty value says nothing
    assert "persetujuan data: Setuju → Menolak" in text
    assert "1 Januari 2024 → 1 Februari 2024" in text
    for raw in ("consent:", "g → i", "start_date", "alumnus.", "profile.", "['", "2 → 0"):
        assert raw not in text, raw


def test_an_answer_taken_by_the_bkk_is_labelled_as_the_bkks(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.bkk)
    url = reverse("tracer:staff_entry", args=[jember.school.code, campaign.code,
                                              jember.alumnus.code])  # fmt: skip
    tracer_services.consent_give(alumnus=jember.alumnus)
    response = client.post(url, {**WORKING, "source": "telepon"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = OutcomeEvent.objects.get(alumnus=jember.alumnus)
    assert event.source == "bkk"
    detail = client.get(reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code]))
    assert "Dicatat BKK" in detail.content.decode()
    assert "Dicatat wali kelas" not in detail.content.decode()


def test_a_teachers_entry_stays_the_teachers(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    tracer_services.consent_give(alumnus=jember.alumnus)
    checked = tracer_services.response_save(
        campaign=campaign, alumnus=jember.alumnus, raw=WORKING, submit=True, source="kertas",
        entered_by=jember.teacher,
    )  # fmt: skip
    assert checked.ok
    assert OutcomeEvent.objects.get(alumnus=jember.alumnus).source == "teacher"


def test_statuses_never_appear_as_codes(login: Any, jember: Tenant) -> None:
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=jember.alumnus, activity="mencari_kerja",
        start_date=dt.date(2025, 7, 1), source="self",
    )  # fmt: skip
    with translation.override("id"):
        page = login(jember.bkk).get(reverse("alumni:register", args=[jember.school.code]))
        text = page.content.decode()
        rows = Alumnus.objects.filter(pk=jember.alumnus.pk).annotate(status=latest_activity())
        book = register_workbook(rows)
    visible = re.sub(r"<[^>]*>", " ", text)  # option values may carry the code; text may not
    assert "Mencari kerja" in visible and "mencari_kerja" not in visible
    cells = [c for _n, row in read_rows(book, "a.xlsx") for c in row]
    assert "Mencari kerja" in cells and "mencari_kerja" not in cells
