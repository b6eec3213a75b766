"""Where Jejak keeps data about a person (UU PDP 27/2022), and what erasure and export do.

Every installed model is classified here, once:

- `PLACES`: data about an alumnus (the data subject of erasure and of the data export),
  with the fields that hold it, how erasure treats it and the export key that carries it;
- `OTHER_PEOPLE`: data about staff, company contacts and other people who are not the
  alumnus, with why erasure of an alumnus leaves it alone;
- `NOT_PERSONAL`: everything else, with the reason it holds no one's data.

`FILES` does the same for what Jejak writes to disk. tests/test_privacy_inventory.py fails
when a model is missing (so a new model must be classified) and builds a person with data in
every place to prove erasure leaves nothing and the export holds everything.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Erasure(enum.StrEnum):
    DELETE = "delete"
    PSEUDONYMISE = "pseudonymise"  # the row stays (accountability, filed reports); names go
    KEEP = "keep"  # holds nothing that identifies the person once the rest is erased


@dataclass(frozen=True)
class Place:
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]  # the fields holding data about the person
    erasure: Erasure
    reason: str
    export: str = ""  # the key of `privacy.export.person_export` carrying it
    not_exported: str = ""  # why not, when `export` is empty


PLACES: tuple[Place, ...] = (
    Place("alumni.Alumnus", ("nisn", "nik", "name", "sex", "birth_place", "birth_date", "phone",
          "email", "address", "region", "disability", "consent", "consent_at", "school_class",
          "major", "cohort", "person_key"), Erasure.DELETE, "the register record itself",
          export="record"),
    Place("training.Enrolment", ("batch", "status", "education", "work_before", "disability",
          "disability_consent_at", "completed", "completed_on", "graduated", "graduated_on",
          "competent", "assessed_on", "certificate_number", "certification_scheme",
          "consent_at"), Erasure.DELETE, "a BLK trainee's enrolment and training results",
          export="training"),
    Place("training.Mentoring", ("topic", "date", "mentor", "outcome"), Erasure.DELETE,
          "mentoring of a trainee's business after training", export="training_support"),
    Place("training.Referral", ("partner", "partner_name", "date", "outcome", "outcome_notes"),
          Erasure.DELETE, "referrals of a trainee's business to partners",
          export="training_support"),
    Place("training.NetworkMember", ("programme", "list_business", "business_name",
          "business_description", "business_contact", "joined_at", "joined_by"),
          Erasure.DELETE,
          "the trainee's membership of a BLK alumni network, with the business they listed",
          export="training_support"),
    Place("training.PersonLink", ("alumnus", "other", "answer", "decided_at"), Erasure.DELETE,
          "an officer's answer whether the person's record and a record elsewhere are the "
          "same person (deleted with either record)", export="person_links"),
    Place("accounts.User", ("name", "email", "phone", "password", "last_login"), Erasure.DELETE,
          "the alumnus's login; deleted unless it also holds a staff role, which then only "
          "loses the alumnus membership", export="account"),
    Place("accounts.Membership", ("user", "alumnus"), Erasure.DELETE,
          "links the login to the record", export="account"),
    Place("accounts.Invitation", ("name", "email", "phone"), Erasure.DELETE,
          "open or used invitations sent to the person", export="invitations"),
    Place("outcomes.OutcomeEvent", ("activity", "start_date", "employer", "job_title", "income",
          "hours_per_week", "work_region", "work_country", "formal", "alignment", "industry",
          "occupation"), Erasure.DELETE, "what the person did after school", export="outcomes"),
    Place("tracer.SurveyLink", ("alumnus", "seed", "issued_at", "revoked_at", "national_filled",
                                "national_filled_at"), Erasure.DELETE,
          "personal survey links, and whether the national form was filled in",
          export="survey_links"),
    Place("tracer.Dispatch", ("link", "due_at", "sent_at", "state"), Erasure.DELETE,
          "reminder emails to the person", export="survey_links"),
    Place("tracer.Response", ("answers", "state", "source", "submitted_at"), Erasure.DELETE,
          "survey answers", export="survey_responses"),
    Place("jobs.Application", ("vacancy", "stage", "cover_note"), Erasure.DELETE,
          "job applications", export="applications"),
    Place("jobs.ApplicationStep", ("from_stage", "to_stage", "note"), Erasure.DELETE,
          "an application's pipeline history", export="applications"),
    Place("jobs.Placement", ("employer", "job_title", "wage", "start_date", "kind",
          "work_region", "work_country"), Erasure.DELETE, "placements by the BKK",
          export="placements"),
    Place("seekers.Registration", ("registered_on", "ak1_number", "ak1_office",
          "last_reported_on", "education", "major", "skills", "certificates",
          "occupations_sought", "regions_sought", "willing_to_relocate", "disability_category",
          "disability_consent", "forwarding_consent", "ended_on", "end_reason", "end_note"),
          Erasure.DELETE, "the person's job-seeker registrations (AK/1)", export="registrations"),
    Place("matching.PoolOptIn", ("opted_in_at",), Erasure.DELETE,
          "the person's opt-in to be found by companies in the talent pool",
          export="talent_pool"),
    Place("matching.Shortlisted", ("vacancy", "score", "added_at", "offered_at"),
          Erasure.DELETE, "a BKK's shortlists and offers of the person to companies",
          export="shortlists"),
    Place("jobs.AlertSetting", ("enabled", "last_sent_at"), Erasure.DELETE,
          "job-alert choice", export="job_alerts"),
    Place("jobs.AlertSent", ("vacancy", "sent_at"), Erasure.DELETE, "alerts sent",
          export="job_alerts"),
    Place("jobs.Notification", ("text", "url"), Erasure.DELETE,
          "the person's in-app messages (deleted with the account); other users' messages "
          "naming the person are pseudonymised", export="notifications"),
    Place("profiles.Profile", ("summary", "skills", "share_skills", "share_contact",
          "share_disability", "sharing_consent_at"), Erasure.DELETE, "CV and sharing consent",
          export="profile"),
    Place("profiles.Entry", ("title", "organisation_name", "number", "description"),
          Erasure.DELETE, "CV entries", export="profile"),
    Place("profiles.Document", ("title", "stored_name"), Erasure.DELETE,
          "CV documents (the file on disk goes too)", export="profile"),
    Place("fairs.FairRegistration", ("fair", "registered_at", "attended_at"), Erasure.DELETE,
          "job-fair registrations and attendance", export="fair_registrations"),
    Place("fairs.FairHire", ("fair", "company", "job_title", "start_date"), Erasure.DELETE,
          "hires at job fairs", export="fair_hires"),
    Place("audit.AuditEvent", ("object_label", "changes", "actor_label"), Erasure.PSEUDONYMISE,
          "who did what stays accountable; the person's name, numbers and values in the "
          "labels and changes are replaced", export="audit"),
    Place("alumni.ImportJob", ("summary", "filename"), Erasure.PSEUDONYMISE,
          "the import stays on record; row messages naming the person are replaced and the "
          "files naming them are deleted (FILES)", export="imports"),
    Place("bkkreports.PlacementReport", ("data",), Erasure.PSEUDONYMISE,
          "a report filed with the labour office keeps its counts; the person's row in its "
          "by-name list loses name, NISN and address",
          not_exported="the same facts are exported as placements"),
    Place("django_tasks_database.DBTaskResult", ("args_kwargs", "return_value", "traceback"),
          Erasure.DELETE, "background-task payloads mentioning the person",
          not_exported="machinery: tasks take codes, not personal data"),
    Place("axes.AccessAttempt", ("username", "ip_address", "user_agent"), Erasure.DELETE,
          "failed logins typed with the person's phone or email (the lockout's counts)",
          not_exported="security records kept for the lockout period, not data about them"),
    Place("axes.AccessFailureLog", ("username", "ip_address", "user_agent"), Erasure.DELETE,
          "the log of failed logins with the person's phone or email",
          not_exported="security records, not data about them"),
    Place("axes.AccessLog", ("username", "ip_address", "user_agent"), Erasure.DELETE,
          "logins (Jejak turns this log off; listed so a change cannot keep copies)",
          not_exported="security records, not data about them"),
    Place("sessions.Session", ("session_data",), Erasure.DELETE,
          "the deleted account's logins", not_exported="a login token, not data about them"),
)  # fmt: skip

OTHER_PEOPLE: dict[str, str] = {
    "alumni.SchoolClass": "homeroom teacher (staff)",
    "tracer.Campaign": "who opened it (staff)",
    "tracer.EmployerSurvey": "company contact persons; erased with the company's request",
    "companies.CompanyInfo": "company contact persons",
    "companies.Vetting": "office staff who vetted",
    "companies.Flag": "office staff who raised or resolved",
    "companies.Partnership": "staff who recorded it",
    "jobs.Vacancy": "staff who posted it",
    "fairs.Fair": "staff who scheduled it",
    "fairs.FairCompany": "recruiter who registered the company",
    "coordination.Meeting": "staff who scheduled it",
    "coordination.Attendee": "names and positions of BKK, association and company staff at a "
    "coordination meeting (not alumni)",
    "coordination.Evaluation": "staff who wrote the BKK's programme evaluation",
    "bkkreports.PersonInCharge": "the BKK's person in charge (staff)",
    "tandadaftar.Application": "staff who applied and decided; no alumnus",
    "tandadaftar.Attachment": "the BKK's decree may name its staff; no alumnus (FILES)",
    "indicators.Umk": "staff who edited it",
    "otp_totp.TOTPDevice": "a staff login's second factor (alumni cannot enrol)",
    "otp_static.StaticDevice": "a staff login's backup codes (alumni cannot enrol)",
    "indicators.ReportJob": "staff who asked for it; its files are aggregates (FILES)",
    "training.Batch": "staff who opened it",
    "training.TrainingOrder": "a company's order to a BLK: recruiter and BLK staff who made and "
    "answered it; no trainee",
    "training.OrderBatch": "BLK staff who linked a batch to an order and sent the notice; counts "
    "only",
}

NOT_PERSONAL: dict[str, str] = {
    "auth.Permission": "framework",
    "auth.Group": "framework",
    "contenttypes.ContentType": "framework",
    "reference.Region": "reference data",
    "reference.Major": "reference data",
    "reference.MajorAlias": "reference data",
    "reference.Occupation": "reference data",
    "reference.Industry": "reference data",
    "reference.Disability": "reference data",
    "organisations.Organisation": "institutions",
    "organisations.Bkk": "institutions",
    "training.Programme": "a BLK's training programme",
    "tracer.GraduationDate": "a cohort's date",
    "jobs.VacancyTarget": "where a vacancy is shown",
    "bkkreports.PlacementPlan": "targets per major",
    "bkkreports.PeriodFigures": "IPK III counts per table row and sex, no names or codes",
    "indicators.Rollup": "counts per cohort and split, recomputed after every erasure",
    "indicators.AreaRollup": "counts per area, recomputed after every erasure",
    "indicators.RollupState": "bookkeeping",
    "training.BlkRollup": "counts per BLK and split, recomputed when a trainee's rows change",
    "axes.AccessAttemptExpiration": "when a failed-login record expires; goes with it",
    "otp_static.StaticToken": "hashed backup codes of a staff device",
    "worker.WorkerHeartbeat": "a worker process's host, pid and last beat",
    "coordination.Invitee": "an institution invited to a meeting",
    "coordination.FollowUp": "actions agreed between institutions",
    "worker.ScheduledRun": "which periodic job was enqueued for which period",
    "ratelimit.RateCounter": "hashed keys and a count per minute; old windows deleted",
}


@dataclass(frozen=True)
class FileLocation:
    pattern: str  # under PRIVATE_MEDIA_ROOT
    holds: str
    erasure: str
    retention: str
    export: str


FILES: tuple[FileLocation, ...] = (
    FileLocation("imports/<school>/<random>.<xlsx|csv>",
                 "uploaded register and answer files (NISN, NIK, names, phones)",
                 "deleted when it names the person (the rows already live in the register; "
                 "rewriting a workbook faithfully is brittle, and the school keeps its own copy)",
                 "deleted after the office's retention period (default 30 days)",
                 "the import that created the record is named under `imports`"),
    FileLocation("imports/<school>/<random>.<ext>.<job>.rejects.json",
                 "rows an import rejected, with the problem",
                 "rewritten without the person's rows (the others still need fixing)",
                 "deleted with its upload", "not exported: the rows are in `record`"),
    FileLocation("documents/<random>", "CV documents (diplomas, certificates)", "deleted",
                 "kept while the alumnus keeps them", "listed under `profile.documents`"),
    FileLocation("meetings/<random>.<pdf|jpg|png>",
                 "a BKK's programme evaluation for a coordination meeting (about the BKK's "
                 "work, not about alumni)", "kept: not an alumnus's data",
                 "replaced files are deleted; kept with the meeting", "not personal"),
    FileLocation("reports/<org>/<job>.<pdf|xlsx>", "tracer report: indicator tables only",
                 "kept: aggregates with no names", "kept", "not personal"),
    FileLocation("tandadaftar/<school>/<random>.<pdf|png|jpg>",
                 "tanda daftar attachments: operating licence, the BKK's decree (may name its "
                 "staff), placement plan; no alumni",
                 "untouched: holds no alumnus", "kept with the BKK's registration record",
                 "not about an alumnus"),
)  # fmt: skip


def place_for(label: str) -> Place | None:
    return next((place for place in PLACES if place.model == label), None)


def export_keys() -> set[str]:
    return {place.export for place in PLACES if place.export}
