"""One person, two histories, answered both ways: "bukan orang yang sama" keeps a pair out of
the suggestions for good (until withdrawn), and unlinking a link made by mistake restores two
separate histories exactly as they were, taking back what the link let the other login do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.training import selectors, services
from jejak.training.models import Batch, Enrolment, NetworkMember, PersonLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

NIK_SITI = "3509015708070001"  # Jember, 17-08-2007, a woman (the tenant's alumna)


def _batch(t: Tenant, own_code: str, name: str) -> Batch:
    programme, _ = services.programme_save(blk=t.blk, own_code=own_code, actor=t.blk_admin,
                                           data={"name": name})  # fmt: skip
    return services.batch_open(programme=programme, start_date=dt.date(2026, 1, 5),
                               end_date=dt.date(2026, 2, 27), actor=t.blk_admin)  # fmt: skip


def _trainee(t: Tenant, *batches: Batch, name: str = "") -> tuple[Alumnus, list[Enrolment]]:
    """A BLK record with the NIK, name and birth date of the tenant's SMK alumna."""
    smk = t.alumnus
    smk.nik = NIK_SITI
    smk.save()
    trainee = Alumnus.objects.create(
        organisation=t.blk, nik=NIK_SITI, name=name or smk.name, sex="P", cohort=2026,
        birth_date=smk.birth_date, consent="given",
    )  # fmt: skip
    enrolments = [Enrolment.objects.create(organisation=t.blk, batch=b, alumnus=trainee)
                  for b in batches]  # fmt: skip
    return trainee, enrolments


def _event(record: Alumnus, activity: str, start: dt.date, employer: str = "") -> None:
    OutcomeEvent.objects.create(organisation=record.organisation, alumnus=record,
                                activity=activity, start_date=start, source=Source.BKK,
                                employer=employer)  # fmt: skip


def _history(record: Alumnus) -> tuple[Any, ...]:
    """What a record holds of its own: outcome history, consent, enrolments."""
    record.refresh_from_db()
    events = list(OutcomeEvent.objects.filter(alumnus=record).order_by("pk").values_list(
        "pk", "activity", "start_date", "employer"))  # fmt: skip
    enrolments = list(Enrolment.objects.filter(alumnus=record).values_list("pk", "status"))
    return events, record.consent, record.consent_at, enrolments


def test_a_pair_answered_not_the_same_person_is_never_suggested_again(
    login: Any, jember: Tenant
) -> None:
    batch = _batch(jember, "OTO1", "Servis Sepeda Motor")
    trainee, (enrolment,) = _trainee(jember, batch)
    assert [m.code for m in selectors.possible_same_person(trainee)] == [jember.alumnus.code]
    client = login(jember.blk_admin)
    url = reverse("training:same_person", args=[jember.blk.code, enrolment.code])
    client.post(url, {"other": jember.alumnus.code, "answer": "not_same"})

    answer = PersonLink.objects.get()
    assert (answer.alumnus, answer.other, answer.answer, answer.decided_by) == (
        trainee, jember.alumnus, "not_same", jember.blk_admin)  # fmt: skip
    assert answer.organisation == jember.blk and answer.decided_at is not None
    assert AuditEvent.objects.filter(action="alumnus.person_not_same").count() == 2
    assert selectors.possible_same_person(trainee) == []
    assert selectors.batch_possible_matches(batch) == {}
    trainee.refresh_from_db()
    assert not trainee.person_key
    page = client.get(url).content.decode()
    assert "Dinyatakan bukan orang yang sama" in page and "Tidak ada catatan lain" in page
    batch_page = client.get(reverse("training:batch", args=[jember.blk.code, batch.code]))
    assert "Kemungkinan orang yang sama" not in batch_page.content.decode()
    # Nor can the answered pair be linked by posting its code.
    assert client.post(url, {"other": jember.alumnus.code, "confirm": "1"}).status_code == 404

    # Cheap to redo: the officer withdraws the answer and the pair is suggested again.
    undo = reverse("training:same_person_undo", args=[jember.blk.code, enrolment.code])
    client.post(undo, {"other": jember.alumnus.code, "answer": "not_same"})
    assert not PersonLink.objects.exists()
    assert [m.code for m in selectors.possible_same_person(trainee)] == [jember.alumnus.code]
    assert AuditEvent.objects.filter(action="alumnus.person_not_same_withdrawn").count() == 2


def test_not_the_same_person_holds_for_the_other_blk_too(jember: Tenant) -> None:
    """Two BLK records of different people: the answer one BLK gave is not asked of the
    other BLK either."""
    other_blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Banyuwangi", region_id="35.10"
    )
    trainee, _ = _trainee(jember)
    elsewhere = Alumnus.objects.create(organisation=other_blk, nik=NIK_SITI, name="Siti Jember",
                                       sex="P", cohort=2026)  # fmt: skip
    services.person_not_same(trainee=trainee, other=elsewhere, actor=jember.blk_admin)
    assert [m.code for m in selectors.possible_same_person(elsewhere)] == [jember.alumnus.code]


def test_link_then_unlink_leaves_both_records_with_their_own_histories(
    client: Any, jember: Tenant
) -> None:
    oto, tik = _batch(jember, "OTO1", "Servis Sepeda Motor"), _batch(jember, "TIK1", "Desain")
    trainee, (enrolment, second) = _trainee(jember, oto, tik)
    smk = jember.alumnus
    _event(smk, Activity.WORKING, dt.date(2025, 7, 1), "PT Sinar")
    _event(trainee, Activity.SELF_EMPLOYED, dt.date(2026, 3, 10), "Bengkel Siti")
    trainee_user = User.objects.create_user(email="siti.blk@example.id", name="S", password="x")
    Membership.objects.create(user=trainee_user, organisation=jember.blk, role=Role.ALUMNUS,
                              alumnus=trainee)  # fmt: skip
    before = {"smk": _history(smk), "trainee": _history(trainee)}

    client.force_login(jember.blk_admin)
    page = reverse("training:same_person", args=[jember.blk.code, enrolment.code])
    client.post(page, {"other": smk.code, "confirm": "1"})
    smk.refresh_from_db()
    assert smk.person_key and Alumnus.objects.get(pk=trainee.pk).person_key == smk.person_key
    # Through the link, the SMK login sees the BLK history and joins its alumni network;
    # the trainee's own login joins the other programme's.
    client.force_login(jember.alumnus_user)
    assert jember.blk.name in client.get(reverse("alumni:me")).content.decode()
    client.post(reverse("training:me_network_join", args=[enrolment.code]),
                {f"{enrolment.code}-list_business": "on",
                 f"{enrolment.code}-business_name": "Warung SMK"})  # fmt: skip
    client.force_login(trainee_user)
    client.post(reverse("training:me_network_join", args=[second.code]), {})
    assert NetworkMember.objects.count() == 2

    client.force_login(jember.blk_admin)
    linked = client.get(page).content.decode()
    assert "Keliru: lepaskan tautan" in linked and jember.school.name in linked
    undo = reverse("training:same_person_undo", args=[jember.blk.code, enrolment.code])
    asked = client.post(undo, {"other": smk.code}).content.decode()
    assert "Lepaskan tautan orang yang sama?" in asked and "tidak bisa dibatalkan" in asked
    assert Alumnus.objects.get(pk=smk.pk).person_key  # nothing changed yet
    client.post(undo, {"other": smk.code, "confirm": "1"})

    assert {"smk": _history(smk), "trainee": _history(trainee)} == before
    assert smk.person_key == trainee.person_key == ""
    assert PersonLink.objects.get().answer == "not_same"  # and never suggested again
    assert selectors.possible_same_person(trainee) == []
    assert AuditEvent.objects.filter(action="alumnus.person_unlinked").count() == 2
    # The membership the SMK login made in the trainee's name goes; the trainee's own stays.
    assert list(NetworkMember.objects.values_list("programme__own_code", flat=True)) == ["TIK1"]
    client.force_login(jember.alumnus_user)
    me = client.get(reverse("alumni:me")).content.decode()
    assert jember.school.name in me and jember.blk.name not in me
    assert client.post(reverse("training:me_network_join", args=[enrolment.code])).status_code \
        == 404  # fmt: skip
    client.force_login(trainee_user)
    assert jember.school.name not in client.get(reverse("alumni:me")).content.decode()


def test_unlinking_one_pair_keeps_the_links_others_confirmed(jember: Tenant) -> None:
    """The SMK alumna is linked to a trainee at this BLK and (by its own officer) to one at
    another BLK: undoing this BLK's link leaves the other pair linked."""
    other_blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Banyuwangi", region_id="35.10"
    )
    trainee, _ = _trainee(jember)
    elsewhere = Alumnus.objects.create(organisation=other_blk, nik=NIK_SITI, name="Siti Jember",
                                       sex="P", cohort=2026)  # fmt: skip
    smk = jember.alumnus
    services.person_link(trainee=trainee, other=smk, actor=jember.blk_admin)
    services.person_link(trainee=elsewhere, other=smk, actor=None)
    linked, _ = selectors.person_answers(trainee)
    assert [(a.organisation, a.direct) for a in linked] == [
        (smk.organisation.name, True), (other_blk.name, False)]  # fmt: skip

    services.person_unlink(trainee=trainee, other=smk, actor=jember.blk_admin)
    keys = dict(Alumnus.objects.filter(pk__in=[trainee.pk, smk.pk, elsewhere.pk])
                .values_list("pk", "person_key"))  # fmt: skip
    assert keys[trainee.pk] == "" and keys[smk.pk] and keys[smk.pk] == keys[elsewhere.pk]
    # A link that reaches the trainee only through another record is not this BLK's to undo.
    with pytest.raises(ValueError):
        services.person_unlink(trainee=trainee, other=elsewhere, actor=jember.blk_admin)


def test_only_a_blk_whose_record_is_in_the_pair_can_undo_it(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    batch = _batch(jember, "OTO1", "Servis Sepeda Motor")
    trainee, (enrolment,) = _trainee(jember, batch)
    services.person_link(trainee=trainee, other=jember.alumnus, actor=jember.blk_admin)
    undo = reverse("training:same_person_undo", args=[jember.blk.code, enrolment.code])
    # Another BLK cannot reach the trainee, nor undo through a trainee of its own.
    assert (
        login(bandung.blk_admin)
        .post(undo, {"other": jember.alumnus.code, "confirm": "1"})
        .status_code
        == 404
    )
    own = Enrolment.objects.create(organisation=bandung.blk, batch=services.batch_open(
        programme=services.programme_save(blk=bandung.blk, own_code="X", actor=None,
                                          data={"name": "X"})[0],
        start_date=dt.date(2026, 1, 5), end_date=dt.date(2026, 2, 27), actor=None),
        alumnus=bandung.blk_alumnus)  # fmt: skip
    theirs = reverse("training:same_person_undo", args=[bandung.blk.code, own.code])
    assert (
        login(bandung.blk_admin)
        .post(theirs, {"other": jember.alumnus.code, "confirm": "1"})
        .status_code
        == 404
    )
    # The school's staff have no such page either.
    assert (
        login(jember.bkk).post(undo, {"other": jember.alumnus.code, "confirm": "1"}).status_code
        == 404
    )
    trainee.refresh_from_db()
    assert trainee.person_key and PersonLink.objects.get().answer == "same"
