"""Demo support after training (issue 13 item 5): for the demo BLKs' trainees who started a
business, mentoring (technical, management, capital, marketing) and referrals to partners
(the regency's cooperatives and SME office, industry and trade offices, KADIN, HIPMI, a bank
for KUR), each dated and with an outcome; the BLKs' alumni networks, some members with their
business listed (they agreed); and a trainee login whose `/me/jaringan/` shows them."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.training.models import Enrolment, Mentoring, NetworkMember, Programme, Referral

Topic, Partner, Outcome = Mentoring.Topic, Referral.Partner, Referral.Outcome
# topic -> (mentor, outcome notes); {business} is the trainee's business name
MENTORING = {
    Topic.TECHNICAL: [
        ("Instruktur kejuruan BLK", "Kunjungan ke tempat usaha: tata letak alat dan standar "
         "kerja diperbaiki; daftar harga jasa disusun."),
        ("Instruktur kejuruan BLK", "Pendampingan teknik lanjutan dan keselamatan kerja di "
         "{business}."),
    ],
    Topic.MANAGEMENT: [
        ("Pendamping PLUT-KUMKM", "Pembukuan sederhana mulai dipakai; NIB terbit lewat OSS."),
        ("Pendamping PLUT-KUMKM", "Menyusun rencana usaha 12 bulan dan pemisahan uang usaha."),
    ],
    Topic.CAPITAL: [
        ("Konsultan keuangan mikro", "Simulasi cicilan KUR mikro; berkas pengajuan disiapkan."),
        ("Konsultan keuangan mikro", "Menghitung kebutuhan modal kerja dan alat tambahan."),
    ],
    Topic.MARKETING: [
        ("Pendamping pemasaran digital", "Akun usaha di Google Maps dan marketplace dibuat; "
         "foto produk {business} diperbarui."),
        ("Pendamping pemasaran digital", "Ikut bazar UMKM kabupaten; promosi lewat WhatsApp "
         "Business."),
    ],
}  # fmt: skip
# regency -> partner -> the institution's name
PARTNERS = {
    "35.09": {
        Partner.COOPERATIVES: "Dinas Koperasi dan Usaha Mikro Kabupaten Jember",
        Partner.INDUSTRY: "Dinas Perindustrian Kabupaten Jember",
        Partner.TRADE: "Dinas Perdagangan Kabupaten Jember",
        Partner.KADIN: "KADIN Kabupaten Jember",
        Partner.HIPMI: "BPC HIPMI Jember",
        Partner.BANK_KUR: "BRI Unit Ajung (KUR Mikro)",
    },
    "35.10": {
        Partner.COOPERATIVES: "Dinas Koperasi, Usaha Mikro dan Perdagangan Kab. Banyuwangi",
        Partner.INDUSTRY: "Dinas Perindustrian Kabupaten Banyuwangi",
        Partner.TRADE: "Dinas Koperasi, Usaha Mikro dan Perdagangan Kab. Banyuwangi",
        Partner.KADIN: "KADIN Kabupaten Banyuwangi",
        Partner.HIPMI: "BPC HIPMI Banyuwangi",
        Partner.BANK_KUR: "Bank Jatim Cabang Banyuwangi (KUR)",
    },
}
REFERRAL_NOTES = {
    Outcome.ACCEPTED: "Diterima: {what}.",
    Outcome.PENDING: "Berkas sudah diserahkan; menunggu jadwal survei.",
    Outcome.DECLINED: "Belum dapat dibantu pada putaran ini; diminta mengajukan lagi setelah "
    "usaha berjalan 6 bulan.",
}
ACCEPTED = {
    Partner.COOPERATIVES: "ikut pelatihan kemasan dan pameran UMKM",
    Partner.INDUSTRY: "didaftarkan sebagai IKM binaan",
    Partner.TRADE: "mendapat lapak di pasar rakyat",
    Partner.KADIN: "dikenalkan ke pemasok bahan baku",
    Partner.HIPMI: "masuk program mentor pengusaha muda",
    Partner.BANK_KUR: "KUR mikro Rp15 juta cair",
}


def seed_blk_support(rng: random.Random, blks: list[Organisation], today: dt.date) -> None:
    """Mentoring, referrals and networks for every business a demo trainee started."""
    for blk in blks:
        businesses = (
            OutcomeEvent.objects.filter(
                organisation=blk, activity=Activity.SELF_EMPLOYED, start_date__lt=today
            )
            .select_related("alumnus")
            .order_by("start_date", "pk")
        )
        for event in businesses:
            _mentor_and_refer(rng, blk, event, today)
            if rng.random() < 0.8:
                _join(blk, event.alumnus, event.employer, listed=rng.random() < 0.7)
        # A few graduates without a business join too, to keep in touch.
        others = (
            Enrolment.objects.filter(organisation=blk, graduated=True)
            .exclude(alumnus__networks__isnull=False)
            .exclude(alumnus__outcome_events__activity=Activity.SELF_EMPLOYED)
        )
        for enrolment in others.order_by("pk")[:3]:
            _join(blk, enrolment.alumnus, "", listed=False)


def _mentor_and_refer(
    rng: random.Random, blk: Organisation, event: OutcomeEvent, today: dt.date
) -> None:
    start, name = event.start_date, event.employer or "usahanya"
    days = max((today - start).days, 1)
    topics = [Topic.TECHNICAL, *rng.sample([Topic.MANAGEMENT, Topic.CAPITAL, Topic.MARKETING],
                                           k=rng.randint(1, 3))]  # fmt: skip
    for number, topic in enumerate(topics):
        mentor, notes = rng.choice(MENTORING[topic])
        Mentoring.objects.create(
            organisation=blk, alumnus=event.alumnus, topic=topic, mentor=mentor,
            date=start + dt.timedelta(days=min(days, 14 + 21 * number)),
            outcome=notes.format(business=name),
        )  # fmt: skip
    names = PARTNERS.get(blk.region_id, PARTNERS["35.09"])
    # Capital mentoring leads to a KUR bank, management mentoring to the SME office (its
    # PLUT-KUMKM mentors); the business associations and other offices now and then.
    partners = [Partner.BANK_KUR] if Topic.CAPITAL in topics else []
    partners += [Partner.COOPERATIVES] if Topic.MANAGEMENT in topics else []
    partners += rng.sample([Partner.KADIN, Partner.HIPMI, Partner.INDUSTRY, Partner.TRADE],
                           k=rng.randint(0, 1))  # fmt: skip
    for number, partner in enumerate(partners):
        date = start + dt.timedelta(days=min(days, 30 + 30 * number))
        recent = (today - date).days < 21
        # Partners answer slowly: a bank's KUR survey can keep a file waiting for months.
        outcome = Outcome.PENDING if recent else rng.choice(
            [Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.PENDING,
             Outcome.DECLINED])  # fmt: skip
        Referral.objects.create(
            organisation=blk, alumnus=event.alumnus, partner=partner, partner_name=names[partner],
            date=date, outcome=outcome,
            outcome_notes=REFERRAL_NOTES[outcome].format(what=ACCEPTED[partner]),
        )  # fmt: skip


def _join(blk: Organisation, alumnus: Alumnus, business: str, *, listed: bool) -> None:
    enrolment = (
        Enrolment.objects.filter(alumnus=alumnus, graduated=True)
        .select_related("batch__programme").first()
    )  # fmt: skip
    if enrolment is None:
        return
    NetworkMember.objects.get_or_create(
        alumnus=alumnus, programme=enrolment.batch.programme,
        defaults={
            "organisation": blk, "list_business": listed and bool(business),
            "business_name": business if listed else "",
            "business_description": _describe(enrolment.batch.programme) if listed else "",
            "business_contact": "WA " + _national(alumnus.phone) if listed else "",
        },
    )  # fmt: skip


# programme code prefix -> what a graduate's business offers
OFFERS = {
    "OTO": "Servis dan ganti oli sepeda motor injeksi; bisa dipanggil ke rumah.",
    "TIK": "Desain logo, spanduk, undangan dan kemasan; pesan lewat WhatsApp.",
    "BOG": "Roti, kue basah dan pesanan kotak hajatan.",
    "LAS": "Pagar, teralis, kanopi dan perbaikan las.",
    "GAR": "Jahit seragam sekolah dan kerja, permak, pesanan konveksi kecil.",
}


def _describe(programme: Programme) -> str:
    return OFFERS.get(programme.own_code[:3], f"Jasa dan produk hasil pelatihan {programme.name}.")


def _national(e164: str) -> str:
    return "0" + e164[3:] if e164.startswith("+62") else e164


def trainee_login(blk: Organisation, password: str) -> User | None:
    """A login for a trainee of the BLK who started a business and listed it in the network:
    `/me/` shows the training, `/me/jaringan/` the network and the other listed businesses."""
    taken = User.objects.filter(phone__gt="").values("phone")  # NOT IN with a NULL is empty
    listed = list(
        NetworkMember.objects.filter(organisation=blk, list_business=True)
        .exclude(alumnus__phone="").exclude(alumnus__phone__in=taken)
        .exclude(alumnus__person_key__gt="")
        .select_related("alumnus").order_by("pk")
    )  # fmt: skip
    # Prefer one whose programme has other listed businesses to show.
    counts = Counter(m.programme_id for m in listed)
    member = max(listed, key=lambda m: counts[m.programme_id], default=None)
    if member is None:
        return None
    alumnus = member.alumnus
    user = User.objects.create_user(phone=alumnus.phone, name=alumnus.name, password=password)
    Membership.objects.create(user=user, organisation=blk, role=Role.ALUMNUS, alumnus=alumnus)
    NetworkMember.objects.filter(pk=member.pk).update(joined_by=user)
    return user
