"""A running follow-up tracer campaign for the demo school: answers, half-done ones, silent alumni,
a phone answer typed in by the homeroom teacher, and employers invited to rate graduates.

Answers go through the same service as the survey page, so the demo shows exactly what a
real round produces (responses, their outcome events, consent records).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.tracer import services
from jejak.tracer.models import Response, SurveyLink

EMPLOYERS = ["PT Sinar Jaya Abadi", "PT Kopi Ijen Nusantara", "CV Mitra Tani Jember",
             "PT Astra Daihatsu Motor", "Toko Elektronik Sumber Rejeki"]  # fmt: skip
JOBS = ["operator produksi", "teknisi jaringan", "kasir", "admin gudang", "montir"]
CAMPUSES = ["Politeknik Negeri Jember", "Universitas Jember", "Universitas Muhammadiyah Jember"]


def seed_tracer(rng: random.Random, school: Organisation, cohort: int) -> None:
    today = timezone.localdate()
    bkk = Membership.objects.filter(organisation=school, role=Role.BKK_OFFICER).first()
    actor = bkk.user if bkk else None
    campaign = services.campaign_open(
        owner=school, school=school, cohorts=[cohort], start=today - dt.timedelta(days=21),
        end=today + dt.timedelta(days=40), actor=actor,
        name=f"Penelusuran lanjutan {cohort}",
        extra_questions=[{"key": "x_ikut_bursa_kerja", "options": ["Ya", "Tidak"],
                          "label": "Apakah Anda ikut bursa kerja sekolah?"}],
    )  # fmt: skip
    # A follow-up round: it reaches those the closed round did not.
    answered = Response.objects.filter(alumnus__organisation=school, state="submitted")
    alumni = (
        Alumnus.objects.filter(organisation=school, cohort=cohort)
        .exclude(pk__in=answered.values("alumnus_id"))
        .order_by("pk")
    )
    for alumnus in alumni.select_related("organisation"):
        draw = rng.random()
        if draw < 0.6:
            _answer(rng, campaign, alumnus, submit=True)
        elif draw < 0.7:
            _answer(rng, campaign, alumnus, submit=False)
    for name in EMPLOYERS[:3]:
        services.employer_survey_add(
            campaign=campaign, school=school, employer_name=name, actor=actor,
            contact_name="Bagian HRD",
        )  # fmt: skip


def _answer(rng: random.Random, campaign: Any, alumnus: Alumnus, *, submit: bool) -> None:
    services.consent_give(alumnus=alumnus)
    activity = rng.choices(
        ["bekerja", "melanjutkan", "wirausaha", "mencari_kerja", "kursus"], [50, 15, 8, 22, 5]
    )[0]
    start = dt.date(campaign.cohorts[0], rng.randint(6, 12), 1)
    raw: dict[str, Any] = {"kegiatan": activity, "tanggal_mulai": start.strftime("%Y-%m")}
    if activity in {"bekerja", "wirausaha"}:
        raw.update({
            "nama_instansi": rng.choice(EMPLOYERS) if activity == "bekerja" else "Usaha sendiri",
            "kbli": rng.choice("CGIJ"), "wilayah_kerja": rng.choice(
                ["Kabupaten Jember", "Kabupaten Jember", "Kota Surabaya", "Kabupaten Bekasi"]),
            "penghasilan": str(rng.randrange(1_800_000, 5_200_000, 50_000)),
            "jam_per_minggu": str(rng.choice([40, 45, 48, 56])),
            "keselarasan": str(rng.choice([2, 3, 3, 4])),
        })  # fmt: skip
    if activity == "bekerja":
        raw.update(
            {
                "status_pekerjaan": "buruh",
                "jabatan": rng.choice(JOBS),
                "cara_dapat_kerja": rng.choice(["bkk", "mitra_sekolah", "keluarga_teman"]),
            }
        )
    if activity == "wirausaha":
        raw.update({"skala_usaha": "mikro", "status_pekerjaan": "berusaha_sendiri"})
    # Derived from the alumnus, not drawn, so the rest of the demo stays as it was.
    if activity == "bekerja" and alumnus.pk % 5 == 0:  # changed jobs once
        current = start.replace(month=12).strftime("%Y-%m")
        first = start.strftime("%Y-%m")
        raw.update({"jumlah_pindah_kerja": "1", "tanggal_mulai": current,
                    "tanggal_kerja_pertama": first})  # fmt: skip
    if activity == "melanjutkan" and alumnus.pk % 3 == 0:
        raw["kegiatan_lain"] = "bekerja"  # studying while working part-time
    if activity == "melanjutkan":
        raw.update({"nama_instansi": rng.choice(CAMPUSES), "jenjang_studi": "d3",
                    "program_studi": "Teknik Informatika", "biaya_studi": "kip_kuliah",
                    "keselarasan": "3"})  # fmt: skip
    if activity == "kursus":
        raw.update({"nama_instansi": "LPK Sakura", "program_studi": "Bahasa Jepang"})
    raw.update(_feedback(alumnus.pk))
    if not submit:
        raw = {key: raw[key] for key in ("kegiatan", "tanggal_mulai")}
    checked = services.response_save(campaign=campaign, alumnus=alumnus, raw=raw, submit=submit)
    assert checked.ok, checked.errors  # demo answers must be valid answers
    if alumnus.pk % 4 == 0:  # some also filled in the national form, as schools record
        link = SurveyLink.objects.get(campaign=campaign, alumnus=alumnus)
        services.link_national_mark(link=link, filled=True, actor=None, via="tick")


def _feedback(pk: int) -> dict[str, str]:
    """The national form's feedback items, derived from the alumnus (not drawn), so the
    rest of the demo stays as it was."""
    reasons = ["cepat_kerja", "keinginan_sendiri", "keinginan_keluarga", "diajak_teman"]
    answers = {"alasan_smk": reasons[pk % 4], "lama_pkl_bulan": str(3 + pk % 4),
               "kualitas_pkl": str(2 + pk % 3), "kesesuaian_pkl": str(2 + pk % 3),
               "sertifikat_kompetensi": "ya" if pk % 3 else "tidak"}  # fmt: skip
    if pk % 3:
        answers["nama_sertifikat"] = "Sertifikat Kompetensi Teknik Komputer dan Jaringan"
    return answers
