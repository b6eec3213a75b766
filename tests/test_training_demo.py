"""The demo's BLK half: two UPT BLKs with programmes and batches, trainees with
disabilities and businesses, the province's analyst, and one person with two histories."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import User
from jejak.demo.seeding import seed_demo
from jejak.lib.nik import nik_check
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.models import Region
from jejak.training.models import Batch, Enrolment


def test_demo_has_two_blks_with_batches_trainees_and_logins(client: Any, db: Any) -> None:
    result = seed_demo(schools=2, cohorts=2, seed=7)
    logins = {login for _, login, _ in result.logins}
    assert {"admin@blk-jember.demo", "admin@blk-banyuwangi.demo",
            "analis@disnakertrans-jatim.demo"} <= logins  # fmt: skip
    states = set(Batch.objects.values_list("organisation__institution_code", "state"))
    for blk in ("UPTBLK-JBR", "UPTBLK-BWI"):
        assert {(blk, "done"), (blk, "running"), (blk, "open")} <= states
    trainees = Enrolment.objects.filter(status="enrolled")
    assert trainees.exclude(disability="").exists()
    assert OutcomeEvent.objects.filter(alumnus__enrolments__isnull=False,
                                       activity="wirausaha").exists()  # fmt: skip
    regencies = set(Region.objects.filter(level=2).values_list("code", flat=True))
    today = timezone.localdate()
    for enrolment in trainees.select_related("alumnus")[:40]:
        person = enrolment.alumnus
        nik_check(person.nik, birth_date=person.birth_date, sex=person.sex,
                  regency_codes=regencies, today=today)  # fmt: skip

    client.force_login(User.objects.get(email="analis@disnakertrans-jatim.demo"))
    office = User.objects.get(email="analis@disnakertrans-jatim.demo").memberships.get()
    page = client.get(reverse("training:office_blks", args=[office.organisation.code]))
    assert "UPT Balai Latihan Kerja Banyuwangi" in page.content.decode()
    home = client.get(reverse("organisations:home", args=[office.organisation.code]))
    text = home.content.decode()  # the demo's BLK figures are computed, not waiting
    assert 'id="blk-total-placement_6m_rate"' in text and "Menunggu penghitungan" not in text

    alumnus_login = next(u for u in User.objects.filter(email__isnull=True))
    client.force_login(alumnus_login)
    me = client.get(reverse("alumni:me")).content.decode()
    assert "UPT Balai Latihan Kerja Jember" in me
