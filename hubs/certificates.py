"""Training certificates: one bilingual page (Georgian, then English) per participant who completed."""

from django.utils import translation

from accounts.pdf import render_pdf

from .models import TrainingParticipant
from .transliteration import romanise


def certificate_pdf(participant: TrainingParticipant) -> bytes:
    event = participant.event
    name_ka = participant.name
    name_en = participant.external_name_en or romanise(name_ka)
    context = {
        "participant": participant,
        "event": event,
        "name_ka": name_ka,
        "name_en": name_en,
        "topic_ka": event.topic.name_ka,
        "topic_en": event.topic.name_en,
        "format_ka": _in("ka", event.get_format_display),
        "format_en": _in("en", event.get_format_display),
        "trainer_ka": event.trainer_display,
        "trainer_en": romanise(event.trainer_display),
    }
    with translation.override("ka"):
        return render_pdf("hubs/pdf/certificate.html", context)


def _in(language: str, label) -> str:
    with translation.override(language):
        return str(label())
