"""People, their memberships (a role in an organisation) and invitations."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow


class UserManager(BaseUserManager["User"]):
    def create_user(
        self, *, email: str = "", phone: str = "", name: str = "", password: str | None = None
    ) -> User:
        if not email and not phone:
            raise ValueError("A user needs an email address or a phone number")
        user = self.model(email=self.normalize_email(email).lower() or None, phone=phone or None)
        user.name = name
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra: str) -> User:
        user = self.create_user(email=email, password=password, name=extra.get("name", ""))
        user.is_staff = user.is_superuser = True
        user.save(using=self._db)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in, by email or by phone number (+62…)."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, unique=True, null=True, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.name or self.email or self.phone or self.code


class Role(models.TextChoices):
    OFFICE_ANALYST = "office_analyst", _("Analis dinas")
    BKK_OFFICER = "bkk_officer", _("Operator BKK")
    SCHOOL_HEAD = "school_head", _("Kepala sekolah")
    HOMEROOM_TEACHER = "homeroom_teacher", _("Wali kelas")
    ALUMNUS = "alumnus", _("Alumni")
    RECRUITER = "recruiter", _("Rekruter perusahaan")
    BLK_ADMIN = "blk_admin", _("Admin BLK")
    ASSOCIATION_OFFICER = "assoc_officer", _("Pengurus asosiasi BKK")


# Which roles make sense in which kind of organisation.
ROLES_BY_KIND: dict[str, set[str]] = {
    Organisation.Kind.EDUCATION_OFFICE: {Role.OFFICE_ANALYST},
    Organisation.Kind.LABOUR_OFFICE: {Role.OFFICE_ANALYST},
    Organisation.Kind.SCHOOL: {
        Role.BKK_OFFICER,
        Role.SCHOOL_HEAD,
        Role.HOMEROOM_TEACHER,
        Role.ALUMNUS,
    },
    Organisation.Kind.TRAINING_CENTRE: {Role.BLK_ADMIN, Role.ALUMNUS},
    Organisation.Kind.COMPANY: {Role.RECRUITER},
    Organisation.Kind.BKK_ASSOCIATION: {Role.ASSOCIATION_OFFICER},
}


class Membership(OrganisationRow):
    """One role of one person in one organisation. A person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    province_code = models.CharField(max_length=2, editable=False)
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    # For the alumnus role: the register record this person is.
    alumnus = models.OneToOneField(
        "alumni.Alumnus",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="membership",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["user", "organisation"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class Invitation(OrganisationRow):
    """An invitation to take a role; accepting it sets the person's password."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    province_code = models.CharField(max_length=2, editable=False)
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    name = models.CharField(_("nama"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    # Teachers are invited for the classes they will follow up.
    class_codes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
