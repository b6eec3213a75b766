from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jejak.matching"
    verbose_name = _("Pencocokan lowongan dan pencari kerja")

    def ready(self) -> None:
        from jejak.matching.pool import may_see
        from jejak.matching.services import offered_to
        from jejak.profiles.access import register_company_link_checker

        # A company offered a candidate by a BKK, or finding someone who opted into the
        # talent pool, may see what that candidate shares.
        register_company_link_checker(offered_to)
        register_company_link_checker(may_see)
