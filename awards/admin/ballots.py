"""Admin for ballots: the secretary's buttons, the paper counts, and the council members' voting page.

- ``/admin/awards/ballot/<id>/vote/``: a member with a seat votes Đồng ý / Không đồng ý on every
  nominee, once. After the vote the page says it was recorded and never shows the choices again
  (they are stored nowhere but in the items' counters).
- ``/admin/awards/ballot/<id>/vote/<member id>/``: the secretary records an absent member's
  written opinion (the attendance row must say so).
- ``/admin/awards/ballot/<id>/counts/``: paper ballots or show of hands, counts per nominee.
- Counts appear (inline, with the % of TOTAL membership) only once the ballot is closed.
- ``VoteReceipt`` pages show who voted and when; there is no choice to show.
"""

from functools import partial
from importlib.util import find_spec

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from awards.admin.council import CouncilScopeMixin, ServiceCallMixin
from awards.admin.council_forms import CountsForm, VoteForm, item_field_name
from awards.admin.printing import BALLOT_ACTIONS
from awards.enums import BallotStatus, TallyOutcome, VoteMethod
from awards.models import Ballot, BallotItem, CouncilMember, Recusal, VoteReceipt
from awards.percent import percent_text
from awards.services import tally as tally_services
from awards.services import voting as services
from awards.services.council import CouncilError, seat_of
from hoinghi.admin_mixins import ReadOnlyAdminMixin, ScopedHistoryMixin
from hoinghi.gates import council_manager_required
from hoinghi.models import set_history_user
from hoinghi.roles import manages_council
from reference.enums import NomineeKind

ITEM_FIELDS = ("order", "nominee_name", "proposing_unit")
secret = sensitive_post_parameters()  # no error report ever shows a vote's or a passphrase's POST data
RESULT_FIELDS = (
    "ballots_issued",
    "ballots_returned",
    "ballots_valid",
    "ballots_invalid",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "recused",
    "percent_for",
    "result_rank",
    "result_outcome",
)


def nominee_line(nominee) -> tuple[str, str]:
    """("Ông Nguyễn Văn A", "position – unit") for a person; (name, governing body) for a collective."""
    name = f"{nominee.honorific} {nominee.full_name}".strip()
    if nominee.kind != NomineeKind.INDIVIDUAL:
        return name, nominee.parent_body
    return name, " – ".join(part for part in (nominee.position, nominee.unit.name if nominee.unit_id else "") if part)


def eligibility_verdicts(nominations) -> dict:
    """``nominations.eligibility.verdicts_for`` when that module exists (issue 3 §1), else nothing."""
    if find_spec("nominations.eligibility") is None:
        return {}
    from nominations.eligibility import verdicts_for

    return verdicts_for(nominations)


class BallotItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BallotItem
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("ballot", "nomination__nominee", "nomination__proposing_unit")
            .order_by("order", "id")
        )

    def get_fields(self, request, obj=None):
        return ITEM_FIELDS + (RESULT_FIELDS if obj is not None and services.results_visible(obj) else ())

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("nominee"))
    def nominee_name(self, item: BallotItem) -> str:
        return str(item.nomination.nominee)

    @admin.display(description=_("proposing unit"))
    def proposing_unit(self, item: BallotItem) -> str:
        return str(item.nomination.proposing_unit)

    @admin.display(description=_("percentage of all council members"))
    def percent_for(self, item: BallotItem) -> str:
        return percent_text(item.votes_for, item.denominator)

    def _result(self, item: BallotItem):
        """The item's rank and outcome: as applied, or (closed, not applied) as the tally computes them.

        A closed ballot never shows "Not counted yet" beside its counts: the outcome column is the
        tally's, and the page says it is not applied yet (docs/council-voting.md).
        """
        if item.ballot.status == BallotStatus.APPLIED:
            return item.rank, item.get_outcome_display()
        cache = self.__dict__.setdefault("_tallies", {})  # one inline instance per request
        if item.ballot_id not in cache:
            result = tally_services.tally(item.ballot)
            cache[item.ballot_id] = {r.item.pk: (r.rank, r.final_label) for r in result.items}
        return cache[item.ballot_id][item.pk]

    @admin.display(description=_("rank"))
    def result_rank(self, item: BallotItem):
        return self._result(item)[0] or "—"

    @admin.display(description=_("outcome"))
    def result_outcome(self, item: BallotItem) -> str:
        return self._result(item)[1]


class VoteReceiptInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Who voted and when (managers only); a receipt holds no choice."""

    model = VoteReceipt
    extra = 0
    fields = ("member", "written_opinion", "recorded_by", "recorded_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "recorded_by")

    def has_view_permission(self, request, obj=None):
        return manages_council(request.user)


@admin.register(Ballot)
class BallotAdmin(ServiceCallMixin, CouncilScopeMixin, ScopedHistoryMixin, SimpleHistoryAdmin):
    conference_path = "meeting__conference"
    list_display = ("meeting", "award_form", "kind", "method", "status", "receipts_count")
    list_display_links = ("meeting", "award_form")
    list_filter = (("meeting", admin.RelatedOnlyFieldListFilter), "status", "method", "kind", "award_form")
    list_select_related = ("meeting", "award_form")
    fields = (
        "meeting",
        "award_form",
        "kind",
        "method",
        "recused_in_total",
        "status",
        "revote_of",
        "total_members",
        "present_members",
        "opened_at",
        "opener",
        "closed_at",
        "closer",
    )
    inlines = (BallotItemInline, VoteReceiptInline)
    actions = ("open_ballots", "close_ballots", *BALLOT_ACTIONS)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(receipts_total=Count("receipts"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == BallotStatus.DRAFT and manages_council(request.user):
            return tuple(name for name in self.fields if name not in ("method", "recused_in_total"))
        return self.fields

    def has_add_permission(self, request):
        return False  # created from the meeting page (services.create_ballots_for_meeting)

    def has_change_permission(self, request, obj=None):
        # Only the method of a ballot being prepared is edited here; the rest moves by the buttons.
        draft = obj is None or obj.status == BallotStatus.DRAFT
        return draft and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        draft = obj is None or obj.status == BallotStatus.DRAFT
        return draft and manages_council(request.user) and super().has_delete_permission(request, obj)

    @admin.display(description=_("opened by"))
    def opener(self, ballot: Ballot) -> str:
        return str(ballot.opened_by or "—")

    @admin.display(description=_("closed by"))
    def closer(self, ballot: Ballot) -> str:
        return str(ballot.closed_by or "—")

    @admin.display(description=_("votes cast"), ordering="receipts_total")
    def receipts_count(self, ballot: Ballot) -> int:
        return ballot.receipts_total

    def save_model(self, request, obj, form, change):
        set_history_user(obj, request.user)
        super().save_model(request, obj, form, change)

    # --- pages ----------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path("<path:object_id>/vote/", view(secret(self.vote_view)), name="awards_ballot_vote"),
            path(
                "<path:object_id>/vote/<int:member_id>/",
                view(secret(council_manager_required(self.vote_view))),
                name="awards_ballot_written_opinion",
            ),
            path("<path:object_id>/counts/", view(self.counts_view), name="awards_ballot_counts"),
            path("<path:object_id>/open/", view(require_POST(self.open_view)), name="awards_ballot_open"),
            path("<path:object_id>/close/", view(require_POST(self.close_view)), name="awards_ballot_close"),
            path("<path:object_id>/revote/", view(require_POST(self.revote_view)), name="awards_ballot_revote"),
            path("<path:object_id>/apply/", view(require_POST(self.apply_view)), name="awards_ballot_apply"),
        ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        context = {"open_for_you": list(services.ballots_open_for(request.user)), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        ballot = self.get_object(request, object_id)
        context = {} if ballot is None else self._buttons(request, ballot)
        return super().change_view(request, object_id, form_url, extra_context={**context, **(extra_context or {})})

    def _buttons(self, request, ballot: Ballot) -> dict:
        manager = manages_council(request.user)
        is_open, secret = ballot.status == BallotStatus.OPEN, ballot.method == VoteMethod.SECRET
        seat = seat_of(request.user, ballot.meeting.conference_id)
        context = {
            "can_open": manager and ballot.status == BallotStatus.DRAFT,
            "can_close": manager and is_open,
            "can_enter_counts": manager and is_open and not secret,
            "can_vote": seat is not None
            and is_open
            and secret
            and ballot.meeting.attendance.filter(member=seat, present=True).exists(),
            "can_revote": manager
            and services.results_visible(ballot)
            and ballot.items.filter(outcome=TallyOutcome.TIED).exists(),
            "results_hidden": not services.results_visible(ballot),
            "result_pending": ballot.status == BallotStatus.CLOSED,
            "result_applied": ballot.status == BallotStatus.APPLIED,
            "can_apply": ballot.status == BallotStatus.CLOSED and tally_services.may_apply(request.user),
        }
        if ballot.status == BallotStatus.CLOSED:
            context["blocking"] = tally_services.tally(ballot).blocking
        context["awaiting_count"] = ballot.status == BallotStatus.SEALED
        context["run_url"] = reverse("admin:awards_councilmeeting_run", args=[ballot.meeting_id])
        if secret and services.results_visible(ballot):
            code = request.GET.get("code", "").strip()
            context["code_lookup"] = {"code": code, "found": bool(code) and services.counted_code(ballot, code)}
        if manager and is_open and secret:
            voted = VoteReceipt.objects.filter(ballot=ballot).values("member_id")
            context["written_opinions"] = list(
                ballot.meeting.attendance.filter(present=False, written_opinion=True)
                .exclude(member_id__in=voted)
                .select_related("member")
            )
        return context

    def vote_view(self, request, object_id, member_id=None):
        ballot = self.scoped_object(request, object_id)
        if member_id is None:
            member = seat_of(request.user, ballot.meeting.conference_id)
            if member is None:
                raise PermissionDenied  # no seat on this council: the object's rule, not a role's
        else:  # an absent member's written opinion: its URL is gated (council_manager_required)
            member = get_object_or_404(CouncilMember, pk=member_id, conference=ballot.meeting.conference_id)
        items = list(
            ballot.items.select_related(
                "nomination__nominee__unit", "nomination__proposing_unit", "nomination__award_form"
            ).order_by("order", "id")
        )
        recused = {r.item_id: r for r in Recusal.objects.filter(item__ballot=ballot, member=member)}
        form = VoteForm(request.POST or None, items=items, recused=set(recused))
        if request.method == "POST":
            if form.is_valid():
                self._cast(request, ballot, member, form.choices())
            else:
                self.message_user(request, _("Each nominee gets “Agree”, “Disagree” or “Abstain”."), messages.ERROR)
            return HttpResponseRedirect(request.path)
        receipt = VoteReceipt.objects.filter(ballot=ballot, member=member).first()
        attendance = ballot.meeting.attendance.filter(member=member).first()
        may_vote = attendance is not None and (attendance.present or (attendance.written_opinion and member_id))
        verdicts = eligibility_verdicts([item.nomination for item in items])
        rows = []
        for item in items:
            name, description = nominee_line(item.nomination.nominee)
            rows.append(
                {
                    "item": item,
                    "name": name,
                    "description": description,
                    "url": reverse("nomination_detail", kwargs={"public_id": item.nomination.public_id}),
                    "verdict": verdicts.get(item.nomination_id),
                    "recusal": recused.get(item.pk),
                    "field": None if item.pk in recused else form[item_field_name(item)],
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Vote: %(ballot)s") % {"ballot": ballot},
            "ballot": ballot,
            "member": member,
            "written_opinion": member.user_id != request.user.pk,
            "receipt": receipt,
            "voting_open": ballot.status == BallotStatus.OPEN and ballot.method == VoteMethod.SECRET,
            "may_vote": may_vote,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/awards/ballot/vote.html", context)

    def _cast(self, request, ballot, member, choices) -> None:
        try:
            services.cast_secret_vote(ballot, member, choices, by=request.user)
        except CouncilError as exc:
            for message in exc.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            # Deliberately no trace of the choices, here or anywhere (the tracking code is on the page).
            self.message_user(request, _("The vote was recorded. Thank you."), messages.SUCCESS)

    @council_manager_required
    def counts_view(self, request, object_id):
        ballot = self.scoped_object(request, object_id)
        items = list(ballot.items.select_related("nomination__nominee").order_by("order", "id"))
        forms = [
            CountsForm(
                request.POST or None,
                prefix=f"item{item.pk}",
                initial=CountsForm.initial_for(item, ballot.present_members),
            )
            for item in items
        ]
        if (
            request.method == "POST"
            and all(form.is_valid() for form in forms)
            and self._enter(request, ballot, items, forms)
        ):
            self.message_user(request, _("The counts were saved."), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:awards_ballot_change", args=[ballot.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Counts: %(ballot)s") % {"ballot": ballot},
            "ballot": ballot,
            "rows": [{"item": item, "form": form} for item, form in zip(items, forms, strict=True)],
        }
        return TemplateResponse(request, "admin/awards/ballot/counts.html", context)

    def _enter(self, request, ballot, items, forms) -> bool:
        """Enter every nominee's counts, all or nothing; errors go on each nominee's form."""
        failed = False
        with transaction.atomic():
            for item, form in zip(items, forms, strict=True):
                try:
                    services.enter_counts(ballot, item, **form.cleaned_data, by=request.user)
                except CouncilError as exc:
                    form.add_error(None, exc.messages)
                    failed = True
            if failed:
                transaction.set_rollback(True)
        return not failed

    def _back(self, ballot) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:awards_ballot_change", args=[ballot.pk]))

    @council_manager_required
    def open_view(self, request, object_id):
        ballot = self.scoped_object(request, object_id)
        if self.run_service(request, partial(services.open_ballot, ballot, by=request.user), _("The ballot is open.")):
            return self._passphrase_page(request, [ballot], ballot.passphrase)
        return self._back(ballot)

    def _passphrase_page(self, request, ballots, passphrase):
        """The counting passphrase, shown once on this response (no message, session or row holds it)."""
        if not passphrase:
            return self._back(ballots[0]) if len(ballots) == 1 else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Counting passphrase — shown once"),
            "passphrase": passphrase,
            "opened": ballots,
        }
        return TemplateResponse(request, "admin/awards/ballot/passphrase.html", context)

    @council_manager_required
    def close_view(self, request, object_id):
        ballot = self.scoped_object(request, object_id)
        self.run_service(request, partial(services.close_ballot, ballot, by=request.user), _("The ballot is closed."))
        return self._back(ballot)

    @council_manager_required
    def apply_view(self, request, object_id):
        """Apply the closed ballot's tally right on its page (the same service as the results page)."""
        ballot = self.scoped_object(request, object_id)
        try:
            result = tally_services.apply_tally(ballot, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            approved = {"approved": len(result.approved), "total": len(result.items)}
            message = _("Council outcome applied: %(approved)d of %(total)d approved.") % approved
            self.message_user(request, message, messages.SUCCESS)
        return self._back(ballot)

    @council_manager_required
    def revote_view(self, request, object_id):
        ballot = self.scoped_object(request, object_id)
        created = []

        def call():
            created.append(
                services.create_ballot(
                    ballot.meeting,
                    award_form=ballot.award_form,
                    kind=ballot.kind,
                    method=ballot.method,
                    by=request.user,
                    revote_of=ballot,
                )
            )

        if self.run_service(request, call, _("A re-vote on the tied nominees was prepared.")):
            return self._back(created[0])
        return self._back(ballot)

    # --- list actions -----------------------------------------------------------------------

    @admin.action(description=_("Open the selected ballots"), permissions=["manage"])
    def open_ballots(self, request, queryset):
        """All or none, with one passphrase for the secret ones, shown once."""
        ballots, found = list(queryset.order_by("id")), {}

        def call():
            found["passphrase"] = services.open_ballots(ballots, by=request.user)

        if self.run_service(request, call, _("The ballot is open.")) and found["passphrase"]:
            return self._passphrase_page(request, ballots, found["passphrase"])
        return None

    @admin.action(description=_("Close the selected ballots"), permissions=["manage"])
    def close_ballots(self, request, queryset):
        for ballot in queryset:
            call = partial(services.close_ballot, ballot, by=request.user)
            self.run_service(request, call, _("%(ballot)s: closed.") % {"ballot": ballot})


@admin.register(VoteReceipt)
class VoteReceiptAdmin(ReadOnlyAdminMixin, CouncilScopeMixin, admin.ModelAdmin):
    """That a member voted, and when. There is no choice to show: none is stored with a member."""

    conference_path = "ballot__meeting__conference"
    list_display = ("ballot", "member", "written_opinion", "recorded_by", "recorded_at")
    list_filter = (("ballot__meeting", admin.RelatedOnlyFieldListFilter), "written_opinion")
    list_select_related = ("ballot__meeting", "ballot__award_form", "member", "recorded_by")
    fields = list_display
    readonly_fields = fields
