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


def test_demo_has_company_orders_one_announced_to_the_company(client: Any, db: Any) -> None:
    from jejak.training.models import OrderBatch, TrainingOrder

    seed_demo(schools=2, cohorts=2, seed=7)
    states = set(TrainingOrder.objects.values_list("state", flat=True))
    assert {"selesai", "dijadwalkan", "diajukan"} <= states
    announced = OrderBatch.objects.get(notified_at__isnull=False)
    assert announced.graduates and announced.batch.state == "done"
    recruiter = User.objects.get(email="hr@sinarjaya.demo")
    client.force_login(recruiter)
    company = announced.order.company
    home = client.get(reverse("jobs:list", args=[company.code])).content.decode()
    assert "gelombang " + announced.batch.own_code in home
    page = client.get(
        reverse("training:order_graduates", args=[company.code, announced.order.code])
    )
    assert page.status_code == 200 and page.context["graduates"]
    assert not TrainingOrder.objects.filter(submitted_at__gt=timezone.now()).exists()


def test_demo_trainees_with_a_business_are_mentored_referred_and_networked(
    client: Any, db: Any
) -> None:
    from jejak.accounts.models import Membership, Role
    from jejak.training.models import Mentoring, NetworkMember, PersonLink, Referral

    result = seed_demo(schools=2, cohorts=2, seed=7)
    businesses = OutcomeEvent.objects.filter(alumnus__enrolments__isnull=False,
                                             activity="wirausaha")  # fmt: skip
    mentored = set(Mentoring.objects.values_list("alumnus", flat=True))
    assert {e.alumnus_id for e in businesses} <= mentored
    assert set(Mentoring.objects.values_list("topic", flat=True)) == {
        "technical", "management", "capital", "marketing"}  # fmt: skip
    partners = set(Referral.objects.values_list("partner", flat=True))
    assert {"bank_kur", "koperasi_umkm"} <= partners and partners & {"kadin", "hipmi"}
    assert set(Referral.objects.values_list("outcome", flat=True)) >= {"accepted", "pending"}
    today = timezone.localdate()
    assert not Mentoring.objects.filter(date__gt=today).exists()
    assert not Referral.objects.filter(date__gt=today).exists()
    for blk in ("UPTBLK-JBR", "UPTBLK-BWI"):
        members = NetworkMember.objects.filter(organisation__institution_code=blk)
        assert members.filter(list_business=True).exists() and members.count() > 1
    # The demo's one person with two histories is linked by a recorded answer.
    assert PersonLink.objects.filter(answer="same").count() == 1

    trainee = Membership.objects.get(role=Role.ALUMNUS,
                                     organisation__institution_code="UPTBLK-JBR")  # fmt: skip
    logins = {login for _, login, _ in result.logins}
    assert "0" + trainee.user.phone[3:] in logins
    client.force_login(trainee.user)
    page = client.get(reverse("training:me_network")).content.decode()
    assert "Anda anggota jaringan ini." in page
    others = NetworkMember.objects.filter(
        programme__members__alumnus=trainee.alumnus, list_business=True
    ).exclude(alumnus=trainee.alumnus)
    assert others.exists() and others[0].business_name in page
