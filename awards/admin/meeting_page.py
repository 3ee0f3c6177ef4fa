"""The secretary's one page for a council meeting: ``/admin/awards/councilmeeting/<id>/run/``.

Attendance and the vote-counting board in one form, open the meeting, create and open every
ballot at once (the counting passphrase is shown once, on that response only), recusals, who has
voted (never how) refreshed live, close every ballot, count them with the passphrase, the
tally, apply it, close the meeting. Every write goes through the services
(``awards.services.council``, ``voting``, ``tally``); see docs/council-voting.md.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.admin.council_forms import CloseMeetingForm
from awards.enums import BallotStatus, MeetingStatus, VoteMethod
from awards.models import BallotItem, CouncilMeeting, CouncilMember, Recusal
from awards.services import council as council_services
from awards.services import tally as tally_services
from awards.services import voting
from awards.services.council import CouncilError
from hoinghi.gates import council_manager_required
from hoinghi.roles import is_office


class BoardForm(forms.Form):
    """Ban kiểm phiếu: a head and two members, three different members of this council."""

    board_head = forms.ModelChoiceField(CouncilMember.objects.none(), label=_("head of the vote-counting board"))
    board_member_1 = forms.ModelChoiceField(CouncilMember.objects.none(), label=_("vote-counting board member"))
    board_member_2 = forms.ModelChoiceField(CouncilMember.objects.none(), label=_("vote-counting board member"))

    def __init__(self, *args, meeting: CouncilMeeting, **kwargs):
        initial = {name: getattr(meeting, f"{name}_id") for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        for field in self.fields.values():
            field.queryset = CouncilMember.objects.filter(conference=meeting.conference_id)

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in self.fields]
        if all(chosen) and len({m.pk for m in chosen}) != 3:
            raise ValidationError(_("The vote-counting board is three different members."))
        return cleaned


class RecusalForm(forms.Form):
    item = forms.ModelChoiceField(BallotItem.objects.none(), label=_("nominee"))
    member = forms.ModelChoiceField(CouncilMember.objects.none(), label=_("member"))
    reason = forms.CharField(label=_("reason"), max_length=300)

    def __init__(self, *args, meeting: CouncilMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = BallotItem.objects.filter(
            ballot__meeting=meeting, ballot__status__in=(BallotStatus.DRAFT, BallotStatus.OPEN)
        ).select_related("nomination__nominee", "ballot__award_form")
        self.fields["item"].label_from_instance = lambda item: f"{item.nomination.nominee} – {item.ballot.award_form}"
        self.fields["member"].queryset = CouncilMember.objects.filter(conference=meeting.conference_id)


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(
        label=_("counting passphrase"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class MeetingPageMixin:
    """The meeting page's views, mixed into CouncilMeetingAdmin."""

    @council_manager_required
    def run_view(self, request, object_id):
        meeting = self.scoped_object(request, object_id)
        if request.method == "POST":
            action = request.POST.get("action", "")
            handler = getattr(self, f"_run_{action.replace('-', '_')}", None)
            if handler is None:
                self.message_user(request, _("Unknown action."), messages.ERROR)
            else:
                response = handler(request, meeting)
                if response is not None:
                    return response
            return HttpResponseRedirect(reverse("admin:awards_councilmeeting_run", args=[meeting.pk]))
        template = "admin/awards/councilmeeting/_voters.html" if request.GET.get("part") == "voters" else None
        return self._run_page(request, meeting, template=template)

    # --- actions ------------------------------------------------------------------------------

    def _run_attendance(self, request, meeting):
        """Every member's attendance, then the board: each through its service, refusals as messages."""
        members = list(CouncilMember.objects.filter(conference=meeting.conference_id).order_by("order", "id"))
        saved = True
        for member in members:
            present = request.POST.get(f"present_{member.pk}") == "on"
            written = request.POST.get(f"written_{member.pk}") == "on" and not present
            call = partial(
                council_services.record_attendance,
                meeting,
                member,
                present=present,
                written_opinion=written,
                by=request.user,
            )
            saved = self.run_service(request, call, None) and saved
        board = BoardForm(request.POST, meeting=meeting)
        if board.is_valid():
            data = board.cleaned_data
            call = partial(
                council_services.choose_board,
                meeting,
                head=data["board_head"],
                member_1=data["board_member_1"],
                member_2=data["board_member_2"],
                by=request.user,
            )
            saved = self.run_service(request, call, None) and saved
        elif any(board.data.get(name) for name in board.fields):
            saved = False
            for error in board.errors.values():
                self.message_user(request, " ".join(error), messages.ERROR)
        if saved:
            self.message_user(request, _("Attendance saved."), messages.SUCCESS)

    def _run_open_meeting(self, request, meeting):
        call = partial(council_services.open_meeting, meeting, by=request.user)
        self.run_service(request, call, _("The meeting is in session."))

    def _run_open_ballots(self, request, meeting):
        """Create the missing ballots (secret) and open every ballot being prepared; show the passphrase once."""
        if not meeting.board_head_id:
            self.message_user(request, _("Choose the vote-counting board before opening the ballots."), messages.ERROR)
            return None
        found = {}

        def call():
            with transaction.atomic():
                voting.create_ballots_for_meeting(meeting, method=VoteMethod.SECRET, by=request.user)
                drafts = list(meeting.ballots.filter(status=BallotStatus.DRAFT).order_by("id"))
                if not drafts:
                    raise CouncilError(_("There is no ballot to open."), code="nothing_to_open")
                found["passphrase"] = voting.open_ballots(drafts, by=request.user)
                found["ballots"] = drafts

        if not self.run_service(request, call, _("The ballots are open.")):
            return None
        return self._run_page(request, meeting, passphrase=found["passphrase"], opened=found["ballots"])

    def _run_recuse(self, request, meeting):
        form = RecusalForm(request.POST, meeting=meeting)
        if not form.is_valid():
            self.message_user(request, _("Choose the nominee and the member, and give the reason."), messages.ERROR)
            return
        data = form.cleaned_data
        call = partial(voting.recuse, data["item"], data["member"], reason=data["reason"], by=request.user)
        self.run_service(request, call, _("The recusal is recorded."))

    def _run_close_ballots(self, request, meeting):
        ballots = list(meeting.ballots.filter(status=BallotStatus.OPEN).order_by("id"))
        self.run_service(request, partial(voting.close_ballots, ballots, by=request.user), _("The ballots are closed."))

    def _run_count(self, request, meeting):
        form = PassphraseForm(request.POST)
        passphrase = form.cleaned_data["passphrase"] if form.is_valid() else ""
        ballots = list(meeting.ballots.filter(status=BallotStatus.SEALED).order_by("id"))
        call = partial(voting.count_ballots, ballots, passphrase=passphrase, by=request.user)
        self.run_service(request, call, _("The ballots are counted; their keys are destroyed."))

    def _run_apply(self, request, meeting):
        applied = 0
        for ballot in meeting.ballots.filter(status=BallotStatus.CLOSED, revote_of=None).order_by("id"):
            try:
                tally_services.apply_tally(ballot, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                for message in getattr(exc, "messages", [str(exc)]):
                    self.message_user(request, f"{ballot}: {message}", messages.ERROR)
            else:
                applied += 1
        if applied:
            self.message_user(request, _("Outcome applied: %(n)d ballots.") % {"n": applied}, messages.SUCCESS)

    def _run_close_meeting(self, request, meeting):
        form = CloseMeetingForm(request.POST)
        end_time = form.cleaned_data["end_time"] if form.is_valid() else None
        call = partial(council_services.close_meeting, meeting, by=request.user, end_time=end_time)
        self.run_service(request, call, _("The meeting is closed."))

    # --- the page -----------------------------------------------------------------------------

    def _run_page(self, request, meeting, *, template=None, passphrase=None, opened=()):
        meeting = CouncilMeeting.objects.select_related("conference").get(pk=meeting.pk)
        members = list(CouncilMember.objects.filter(conference=meeting.conference_id).order_by("order", "id"))
        attendance = {row.member_id: row for row in meeting.attendance.all()}
        ballots = list(meeting.ballots.select_related("award_form").order_by("award_form__order", "kind", "id"))
        voters = voting.voters_of(meeting)
        statuses = {b.status for b in ballots}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Run the meeting: %(meeting)s") % {"meeting": meeting},
            "meeting": meeting,
            "original": meeting,
            "quorum": council_services.quorum(meeting),
            "rows": [{"member": m, "attendance": attendance.get(m.pk)} for m in members],
            "board_form": BoardForm(meeting=meeting),
            "recusal_form": RecusalForm(meeting=meeting),
            "recusals": Recusal.objects.filter(item__ballot__meeting=meeting).select_related(
                "member", "item__nomination__nominee"
            ),
            "passphrase_form": PassphraseForm(),
            "close_form": CloseMeetingForm(initial={"end_time": council_services.default_end_time(meeting)}),
            "ballots": ballots,
            "voting": [
                {
                    "member": m,
                    "cells": [m.pk in voters.get(b.pk, set()) for b in ballots if b.method == VoteMethod.SECRET],
                }
                for m in members
                if attendance.get(m.pk) and (attendance[m.pk].present or attendance[m.pk].written_opinion)
            ],
            "secret_ballots": [b for b in ballots if b.method == VoteMethod.SECRET],
            "any_open": BallotStatus.OPEN in statuses,
            "any_draft": BallotStatus.DRAFT in statuses or not ballots,
            "any_sealed": BallotStatus.SEALED in statuses,
            "any_closed": BallotStatus.CLOSED in statuses,
            "may_apply": tally_services.may_apply(request.user),
            "results": [(b, tally_services.tally(b)) for b in ballots if voting.results_visible(b)],
            "passphrase": passphrase,
            "opened": opened,
            "is_planned": meeting.status == MeetingStatus.PLANNED,
            "is_open": meeting.status == MeetingStatus.OPEN,
            "minutes_url": reverse("meeting_minutes_pdf", args=[meeting.pk]),
            # The Office registers the council's records (the council's series, docs/document-register.md).
            "may_issue": is_office(request.user),
            "is_closed": meeting.status == MeetingStatus.CLOSED,
        }
        return TemplateResponse(request, template or "admin/awards/councilmeeting/run.html", context)
