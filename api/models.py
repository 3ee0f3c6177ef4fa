"""API tokens (issued by the administrator, stored hashed, revocable) and the log of token requests.

A token is shown once, when it is issued; the database keeps its SHA-256 digest and a short
prefix to recognise it in lists. It acts as its user: every endpoint scopes what it returns with
the same functions as the pages (docs/api.md). Tokens are never deleted: revoked, they keep their
log rows.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoinghi.models import NormalisedTextMixin


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")


class ApiToken(NormalisedTextMixin, models.Model):
    name = models.CharField(_("name"), max_length=200, help_text=_("Which system uses it, e.g. the province's portal."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("acts as user"),
        help_text=_("The token sees what this user sees in the application."),
    )
    scope = models.CharField(_("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(_("token begins with"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )
    history = HistoricalRecords(excluded_fields=["digest"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


class ApiRequestLog(models.Model):
    """One request that presented a token (valid or not): who, what, when, from where, the answer."""

    token = models.ForeignKey(
        ApiToken,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("API token"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("API request")
        verbose_name_plural = _("API request log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["token", "at"], name="api_request_token_at")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
