"""Background work for the tracer: paced invitation and reminder emails."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from jejak.organisations.models import Organisation
from jejak.privacy.consent import ENDED
from jejak.tracer import links
from jejak.tracer.models import Dispatch, Response

BATCH = 100


@task()
def send_due_dispatches() -> int:
    """Send the emails that are due, then come back when the next one is due."""
    sent = 0
    while True:
        due = list(
            Dispatch.objects.filter(state=Dispatch.State.PENDING, due_at__lte=timezone.now())
            .select_related("link__alumnus__organisation", "link__campaign")
            .order_by("due_at")[:BATCH]
        )
        if not due:
            break
        for dispatch in due:
            sent += _send(dispatch)
    following = Dispatch.objects.filter(state=Dispatch.State.PENDING).order_by("due_at").first()
    # The database backend can wait until the next one is due; a backend that cannot
    # (the immediate one in tests) leaves the rest pending for the next call.
    if following is not None and default_task_backend.supports_defer:
        send_due_dispatches.using(run_after=following.due_at).enqueue()
    return sent


def _invitation(organisation: Organisation, name: str, url: str) -> tuple[str, str]:
    """The mail's subject and body, worded for a school's alumni or a BLK's trainees."""
    values = {"school": organisation.name, "name": name, "url": url}
    if organisation.kind == Organisation.Kind.TRAINING_CENTRE:
        return _("Survei penelusuran lulusan pelatihan %(school)s") % values, _(
            "Halo %(name)s,\n\n%(school)s sedang menelusuri kabar para lulusan pelatihannya. "
            "Mohon isi survei singkat (sekitar 5 menit) lewat tautan pribadi ini:\n"
            "%(url)s\n\nJawaban Anda membantu peserta berikutnya dan BLK. Terima kasih!\n"
        ) % values
    return _("Survei penelusuran alumni %(school)s") % values, _(
        "Halo %(name)s,\n\nSekolah Anda sedang menelusuri kabar para lulusannya. "
        "Mohon isi survei singkat (sekitar 5 menit) lewat tautan pribadi ini:\n"
        "%(url)s\n\nJawaban Anda membantu adik kelas dan sekolah. Terima kasih!\n"
    ) % values


def _send(dispatch: Dispatch) -> int:
    link = dispatch.link
    alumnus = link.alumnus
    answered = Response.objects.filter(
        campaign_id=link.campaign_id, alumnus=alumnus, state=Response.State.SUBMITTED
    ).exists()
    with transaction.atomic():
        # Answered, or said no (UU PDP: no more reminders), since the round was queued.
        if answered or link.revoked_at or not alumnus.email or alumnus.consent in ENDED:
            dispatch.state = Dispatch.State.SKIPPED
        else:
            url = links.survey_url(link.seed)
            subject, body = _invitation(alumnus.organisation, alumnus.name, url)
            delivered = send_mail(
                subject,
                body,
                None,
                [alumnus.email],
                fail_silently=True,  # one bad address must not stop the round
            )
            dispatch.state = Dispatch.State.SENT if delivered else Dispatch.State.FAILED
            dispatch.sent_at = timezone.now()
        dispatch.save(update_fields=["state", "sent_at"])
    return int(dispatch.state == Dispatch.State.SENT)
