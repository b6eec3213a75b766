"""Demo coordination meetings of the regency labour office, as the provincial office in the
seeds runs them: BKKs of the area, their association and partner companies. One meeting is
over (attendance, minutes, follow-ups: some done, one overdue, one open), one is upcoming."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.companies.models import Partnership
from jejak.coordination import services
from jejak.coordination.models import Invitee, Meeting
from jejak.jobs.models import Vacancy
from jejak.organisations.models import Organisation

PAST_MINUTES = (
    "Kepala Dinas membuka rapat dan menyampaikan perkembangan pelayanan penempatan AKL dan "
    "AKAD di kabupaten. BKK diharapkan berperan aktif mempertemukan alumni dengan perusahaan "
    "mitra.\n\nPerusahaan menyampaikan kebutuhan operator produksi dan tenaga administrasi.\n\n"
    "Penutup: BKK mengevaluasi program kerja agar alumni siap kerja, siap secara mental maupun "
    "keterampilan, dan meningkatkan koordinasi dengan dinas."
)


INVITED_SCHOOLS = 10  # the BKKs of the demo meeting: the first ten schools of the regency


def seed_coordination(
    *, office: Organisation, schools: list[Organisation], companies: list[Organisation]
) -> None:
    membership = Membership.objects.filter(organisation=office, role=Role.OFFICE_ANALYST).first()
    actor = membership.user if membership else None
    association = Organisation.objects.create(
        kind=Organisation.Kind.BKK_ASSOCIATION,
        name="Asosiasi BKK Kabupaten Jember",
        region=office.region,
        parent_office=office,
    )
    invited = [*schools[:INVITED_SCHOOLS], association, *companies[:3]]
    _past_meeting(office, actor, invited, schools, companies)
    _upcoming_meeting(office, actor, invited, schools)


def _schedule(office: Organisation, actor: Any, days: int, title: str, agenda: str) -> Meeting:
    starts = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    starts += dt.timedelta(days=days)
    return services.meeting_create(
        office=office,
        actor=actor,
        data={
            "title": title,
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=4),
            "place": "Aula Dinas Tenaga Kerja Kabupaten Jember",
            "online_link": "",
            "agenda": agenda,
        },
    )


def _past_meeting(
    office: Organisation,
    actor: Any,
    invited: list[Organisation],
    schools: list[Organisation],
    companies: list[Organisation],
) -> None:
    meeting = _schedule(
        office,
        actor,
        1,
        "Rakor Penguatan Kapasitas BKK",
        "1. Perkembangan pelayanan penempatan AKL dan AKAD\n2. Kebutuhan tenaga kerja "
        "perusahaan mitra\n3. Evaluasi program kerja BKK",
    )
    services.invitees_add(meeting=meeting, organisations=invited, actor=actor)
    for invitee in meeting.invitees.select_related("organisation")[:8]:
        services.invitee_respond(
            invitee=invitee,
            coming=True,
            actor=None,
            people=[(f"Perwakilan {invitee.organisation.name}", _position(invitee))],
        )
    # The meeting took place a month ago: move it back, then take the attendance.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - dt.timedelta(days=31),
        ends_at=meeting.ends_at - dt.timedelta(days=31),
    )
    meeting.refresh_from_db()
    for invitee in meeting.invitees.prefetch_related("attendees")[:8]:
        for person in invitee.attendees.all():
            services.attendance_set(attendee=person, present=invitee.pk % 4 != 0, actor=actor)
    services.minutes_save(meeting=meeting, text=PAST_MINUTES, actor=actor)
    _follow_ups(meeting, actor, schools, companies)
    first = meeting.invitees.get(organisation=schools[0])
    services.evaluation_submit(
        invitee=first,
        actor=None,
        text="Pembekalan kesiapan kerja tiap semester (mental, etika kerja, wawancara), uji "
        "kompetensi keahlian bersama industri, dan kunjungan industri untuk kelas XII.",
    )


def _position(invitee: Invitee) -> str:
    kind = invitee.organisation.kind
    if kind == Organisation.Kind.COMPANY:
        return "HRD"
    return "Ketua Asosiasi" if kind == Organisation.Kind.BKK_ASSOCIATION else "Ketua BKK"


def _follow_ups(
    meeting: Meeting, actor: Any, schools: list[Organisation], companies: list[Organisation]
) -> None:
    today = timezone.localdate()

    def add(kind: str, text: str, owner: Organisation, due: int) -> Any:
        return services.follow_up_add(
            meeting=meeting,
            kind=kind,
            description=text,
            owner=owner,
            due_on=today + dt.timedelta(days=due),
            actor=actor,
        )

    vacancy = add("vacancy", "Unggah lowongan operator produksi", companies[0], -10)
    posted = Vacancy.objects.filter(company=companies[0]).order_by("pk").first()
    services.follow_up_done(
        follow_up=vacancy,
        done_on=today - dt.timedelta(days=20),
        note="Lowongan sudah tayang",
        vacancy=posted,
        actor=None,
    )
    mou = add("mou", "MoU praktik kerja lapangan dan rekrutmen", schools[0], -5)
    signed = Partnership.objects.filter(organisation=schools[0]).first()
    services.follow_up_done(
        follow_up=mou,
        done_on=today - dt.timedelta(days=8),
        note="Ditandatangani",
        partnership=signed,
        actor=None,
    )
    late_owner = schools[:INVITED_SCHOOLS][-1]  # the last school invited, not of the region
    add("capacity", "Pelatihan pengurus BKK tentang pelaporan IPK III", late_owner, -3)  # late
    add("training", "Pesan pelatihan operator forklift di BLK untuk alumni", meeting.office, 30)
    add("other", "Kirim data alumni siap kerja ke perusahaan mitra", companies[1], 14)


def _upcoming_meeting(
    office: Organisation, actor: Any, invited: list[Organisation], schools: list[Organisation]
) -> None:
    meeting = _schedule(
        office,
        actor,
        12,
        "Temu BKK dan Perusahaan Mitra Triwulan Ini",
        "1. Tindak lanjut rakor sebelumnya\n2. Rencana rekrutmen bersama\n3. Lain-lain",
    )
    services.invitees_add(meeting=meeting, organisations=invited, actor=actor)
    first = meeting.invitees.get(organisation=schools[0])
    services.invitee_respond(
        invitee=first, coming=True, people=[("Yuliana Dewi", "Ketua BKK")], actor=None
    )
