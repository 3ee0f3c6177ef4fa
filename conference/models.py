"""Delegates, their invitations and check-in, the agenda, and who presents the awards."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conference.enums import AgendaKind, Rsvp, TalkStatus
from hoinghi import limits
from hoinghi.models import NormalisedTextMixin
from hoinghi.text import fold, person_name_key
from nominations.enums import Gender
from reference.enums import NomineeKind

SECTION_TEXT = 20000  # one movement's section of the summary report: a few pages
REPRESENTATIVE_PREFIX = "dai dien "  # "Đại diện " folded (hoinghi.text.fold)


def new_token() -> str:
    """128 random bits as hex: printed in letters, so no "-" for a line break to swallow."""
    return secrets.token_hex(16)


class DelegateGroup(NormalisedTextMixin, models.Model):
    """Thành phần tham dự: one of the plan's delegate groups, with its target count."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="delegate_groups", verbose_name=_("conference")
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=300)
    target = models.PositiveSmallIntegerField(_("target count"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegate group")
        verbose_name_plural = _("delegate groups")
        ordering = ["conference", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "code"], name="unique_group_code")]

    def __str__(self) -> str:
        return self.name


class Delegate(NormalisedTextMixin, models.Model):
    """Đại biểu: who is invited; the invitation number is fixed when the delegate is added."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="delegates", verbose_name=_("conference")
    )
    group = models.ForeignKey(
        DelegateGroup, on_delete=models.PROTECT, related_name="delegates", verbose_name=_("group")
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("honoured nomination"),
    )
    introduced_to_congress = models.BooleanField(_("introduced to the provincial emulation congress"), default=False)
    # The delegate's place in the conference's list (STT): the order of the invitation copies. The
    # register number printed on the letter is the invitation document's (``invitation``).
    invitation_number = models.PositiveIntegerField(_("invitation number"), editable=False)
    invitation = models.ForeignKey(
        "registry.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="invited_delegates",
        verbose_name=_("invitation document"),
    )
    # Where this delegate's copy lies in the issued invitation's stored PDF (1-based first page, count).
    invitation_first_page = models.PositiveIntegerField(
        _("first page in the issued invitation"), null=True, editable=False
    )
    invitation_page_count = models.PositiveIntegerField(_("pages in the issued invitation"), null=True, editable=False)
    rsvp = models.CharField(_("reply"), max_length=20, choices=Rsvp.choices, default=Rsvp.INVITED)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)
    token = models.CharField(_("invitation code"), max_length=64, unique=True, default=new_token, editable=False)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_text = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Optimistic locking: one more on every save (the edit page sends the version it showed).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["conference", "group__order", "sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "invitation_number"], name="unique_invitation_number"),
            models.UniqueConstraint(
                fields=["conference", "nomination"],
                condition=models.Q(nomination__isnull=False),
                name="one_delegate_per_nomination",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.normalise_text_fields()
        self.compute_keys()
        if not self._state.adding:
            # Every writer (edit page, reply, import) makes an open edit page stale.
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "version"]
        super().save(*args, **kwargs)

    def compute_keys(self) -> None:
        self.sort_key = person_name_key(self.full_name)
        self.search_text = fold(" ".join([self.full_name, self.position, self.organisation]))[:400]

    @property
    def is_representative(self) -> bool:
        """Stands for a collective or a body ("Đại diện Phòng …", as "Add the awardees" names them)."""
        return fold(self.full_name).startswith(REPRESENTATIVE_PREFIX)

    @property
    def honorific(self) -> str:
        """Ông / Bà / "Ông/Bà"; none for a representative (officials write no Ông/Bà before a collective)."""
        if self.is_representative:
            return ""
        return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(self.gender, "Ông/Bà")

    def address_details(self) -> list[str]:
        """Position and organisation as printed after the name (letter, name card).

        A representative's name already says whom they stand for: a position "Đại diện …" and an
        organisation the name contains are left out ("Đại diện Phòng X", not "…, Đại diện tập thể, Phòng X").
        """
        parts = [self.position, self.organisation]
        if self.is_representative:
            name = fold(self.full_name)
            parts = [p for p in parts if not fold(p).startswith(REPRESENTATIVE_PREFIX) and fold(p) not in name]
        return [p for p in parts if p]


class CheckIn(models.Model):
    """That a delegate arrived. One row at most (the constraint settles two taps at once)."""

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="check_in", verbose_name=_("delegate")
    )
    at = models.DateTimeField(_("arrived"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return str(self.delegate)


class AgendaItem(NormalisedTextMixin, models.Model):
    """One item of the programme; start times follow from the order and the durations."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("conference")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=30, choices=AgendaKind.choices)
    title = models.CharField(_("title"), max_length=400)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=10)
    presenter = models.CharField(_("presenter"), max_length=300, blank=True)
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exemplar giving the talk"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["conference", "order", "id"]

    def __str__(self) -> str:
        return self.title


class AwardPresenter(NormalisedTextMixin, models.Model):
    """Who hands over one award form's certificates to one kind of awardee on stage."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.PROTECT, related_name="+", verbose_name=_("award form")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    presenter = models.CharField(_("presented by"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award presenter")
        verbose_name_plural = _("award presenters")
        constraints = [
            models.UniqueConstraint(fields=["conference", "award_form", "kind"], name="one_presenter_per_award")
        ]

    def __str__(self) -> str:
        return self.presenter


class SummarySection(NormalisedTextMixin, models.Model):
    """One section of the Báo cáo tổng kết các phong trào thi đua: the Office's text on one movement.

    Drafted from the accepted unit reports (``conference.services.summary.generate``), then edited
    by the Office; the figures beside it are always read from the data when printed.
    """

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="summary_sections", verbose_name=_("conference")
    )
    movement = models.ForeignKey(
        "reference.Movement", on_delete=models.CASCADE, related_name="summary_sections", verbose_name=_("movement")
    )
    body = models.TextField(_("text"), blank=True, max_length=SECTION_TEXT, help_text=limits.limit_help(SECTION_TEXT))
    edited = models.BooleanField(_("edited by the Office"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("summary report section")
        verbose_name_plural = _("summary report sections")
        ordering = ["movement__order", "movement_id"]
        constraints = [models.UniqueConstraint(fields=["conference", "movement"], name="one_section_per_movement")]

    def __str__(self) -> str:
        return str(self.movement)


TALK_TITLE = 400


def talk_path(instance: "ExemplarTalk", filename: str) -> str:
    """Stored under a random name: the original name is kept in a column, never trusted."""
    return f"talks/{instance.public_id.hex[:2]}/{instance.public_id.hex}{instance.extension}"


class ExemplarTalk(NormalisedTextMixin, models.Model):
    """Tham luận: the file an exemplar reads at an exemplar-talk agenda item, and its review.

    Only ``conference.services.talks`` writes it; its status moves through ``conference.transitions.TALKS``.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="talk", verbose_name=_("agenda item")
    )
    title = models.CharField(_("title of the talk"), max_length=TALK_TITLE)
    status = models.CharField(_("status"), max_length=20, choices=TalkStatus.choices, default=TalkStatus.SUBMITTED)
    status_note = models.TextField(
        _("reason"), blank=True, max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE)
    )
    file = models.FileField(_("file"), upload_to=talk_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file extension"), max_length=10)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemplar talk")
        verbose_name_plural = _("exemplar talks")

    def __str__(self) -> str:
        return self.title


def photo_path(instance: "HonourPhoto", filename: str) -> str:
    return f"honour-photos/{instance.public_id.hex[:2]}/{instance.public_id.hex}.jpg"


class HonourPhoto(models.Model):
    """The photo of one honoured nomination in the honour book (kỷ yếu), stored resized as JPEG."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nomination = models.OneToOneField(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="honour_photo", verbose_name=_("nomination")
    )
    file = models.ImageField(_("photo"), upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honour book photo")
        verbose_name_plural = _("honour book photos")

    def __str__(self) -> str:
        return str(self.nomination_id)
