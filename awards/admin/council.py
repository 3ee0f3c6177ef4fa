"""Admin for the council: its members, its meetings (attendance, quorum), and (awards.admin.ballots) its votes.

- Every state change goes through ``awards.services.council`` / ``awards.services.voting``: the
  buttons on the change pages and the list actions call them, and a meeting's attendance inline
  saves row by row through ``record_attendance``. Status fields are read-only here.
- Who may press the buttons is ``manages_council`` (the council secretary, the Office, the
  Director, administrators); others see the pages read-only, or not at all.
- A user who does not manage the council sees only the councils in which they hold a seat.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from awards.admin.council_forms import CloseMeetingForm, CreateBallotsForm
from awards.admin.meeting_page import MeetingPageMixin
from awards.admin.printing import MEETING_ACTIONS
from awards.enums import MeetingStatus
from awards.models import CouncilMeeting, CouncilMember, MeetingAttendance
from awards.services import council as council_services
from awards.services import voting as voting_services
from awards.services.council import CouncilError
from hoinghi.admin_mixins import ScopedHistoryMixin
from hoinghi.gates import council_manager_required
from hoinghi.models import set_history_user
from hoinghi.roles import manages_council


class CouncilScopeMixin:
    """Managers see every council; anyone else only the councils where they hold a seat."""

    conference_path = "conference"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if manages_council(request.user):
            return queryset
        return queryset.filter(**{f"{self.conference_path}__council_members__user": request.user})

    def has_manage_permission(self, request) -> bool:
        return manages_council(request.user)

    def revert_disabled(self, request, obj=None):
        return True  # an old version would bring back an old status: only the services set it


class ServiceCallMixin:
    """Run one service call for an admin button or action and report the outcome as messages."""

    def run_service(self, request, call, success) -> bool:
        """The views calling it are gated (council_manager_required); the services check again."""
        try:
            call()
        except CouncilError as exc:
            for message in exc.messages:
                self.message_user(request, message, messages.ERROR)
            return False
        if success:
            self.message_user(request, success, messages.SUCCESS)
        return True

    def scoped_object(self, request, object_id):
        """The object through the admin's scoped queryset; outside it, 404 like the change page."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj


@admin.register(CouncilMember)
class CouncilMemberAdmin(CouncilScopeMixin, ScopedHistoryMixin, SimpleHistoryAdmin):
    list_display = ("full_name", "position", "role", "conference", "user", "order")
    list_display_links = ("full_name",)
    list_filter = (("conference", admin.RelatedOnlyFieldListFilter), "role")
    list_select_related = ("conference", "user")
    search_fields = ("full_name", "position")
    autocomplete_fields = ("user",)
    fields = ("conference", "full_name", "position", "role", "order", "user")


class CouncilMeetingForm(forms.ModelForm):
    class Meta:
        model = CouncilMeeting
        fields = (
            "conference",
            "purpose",
            "date",
            "start_time",
            "end_time",
            "place",
            "chair",
            "secretary",
            "board_head",
            "board_member_1",
            "board_member_2",
        )

    def clean(self):
        cleaned = super().clean()
        conference_id = cleaned["conference"].pk if cleaned.get("conference") else self.instance.conference_id
        for name in ("chair", "secretary", "board_head", "board_member_1", "board_member_2"):
            member = cleaned.get(name)
            if member is not None and conference_id is not None and member.conference_id != conference_id:
                self.add_error(name, _("This person is not a member of this conference's council."))
        board = [cleaned.get(name) for name in ("board_head", "board_member_1", "board_member_2")]
        chosen = [member.pk for member in board if member is not None]
        if len(chosen) != len(set(chosen)):
            self.add_error("board_member_2", _("The vote-counting board is three different members."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start is not None and end is not None and end <= start:
            message = _("The end time (%(end)s) must be after the start time (%(start)s).")
            self.add_error("end_time", message % {"end": f"{end:%H:%M}", "start": f"{start:%H:%M}"})
        return cleaned


class AttendanceInline(admin.TabularInline):
    """Who came: one row per member (CouncilMeetingAdmin.save_related adds them), saved through
    ``record_attendance`` (CouncilMeetingAdmin.save_formset)."""

    model = MeetingAttendance
    fields = ("member", "present", "written_opinion", "note")
    readonly_fields = ("member",)
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == MeetingStatus.CLOSED:
            return False
        return manages_council(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(
    MeetingPageMixin, ServiceCallMixin, CouncilScopeMixin, ScopedHistoryMixin, SimpleHistoryAdmin
):
    list_display = ("purpose", "conference", "date", "start_time", "place", "status", "present_count")
    list_filter = (("conference", admin.RelatedOnlyFieldListFilter), "status")
    list_select_related = ("conference",)
    search_fields = ("purpose", "place")
    fields = (
        "conference",
        "purpose",
        "date",
        "start_time",
        "end_time",
        "place",
        "chair",
        "secretary",
        "board_head",
        "board_member_1",
        "board_member_2",
        "status",
        "quorum_summary",
    )
    form = CouncilMeetingForm
    inlines = (AttendanceInline,)
    actions = ("open_meetings", "close_meetings", "create_ballots", *MEETING_ACTIONS)

    def get_queryset(self, request):
        present = Count("attendance", filter=Q(attendance__present=True), distinct=True)
        return super().get_queryset(request).annotate(present_total=present)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "quorum_summary"]
        if obj is not None:
            readonly.append("conference")
        return readonly

    def has_change_permission(self, request, obj=None):
        open_ = obj is None or obj.status != MeetingStatus.CLOSED
        return open_ and super().has_change_permission(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    @admin.display(description=_("present"), ordering="present_total")
    def present_count(self, obj: CouncilMeeting) -> int:
        return obj.present_total

    @admin.display(description=_("quorum"))
    def quorum_summary(self, obj: CouncilMeeting) -> str:
        if obj.pk is None:
            return "—"
        result = council_services.quorum(obj)
        text = _("%(present)d of %(total)d members present; at least %(required)d needed") % {
            "present": result.present,
            "total": result.total,
            "required": result.required,
        }
        verdict = _("quorum reached") if result.reached else _("quorum not reached")
        return f"{text} — {verdict}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            for name in ("chair", "secretary", "board_head", "board_member_1", "board_member_2"):
                if name in form.base_fields:
                    form.base_fields[name].queryset = CouncilMember.objects.filter(conference=obj.conference_id)
        return form

    def save_model(self, request, obj, form, change):
        set_history_user(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        if meeting.status != MeetingStatus.CLOSED and manages_council(request.user):
            # Every member has a row, absent until the secretary ticks who came (members added later too).
            listed = meeting.attendance.values("member_id")
            for member in CouncilMember.objects.filter(conference=meeting.conference_id).exclude(pk__in=listed):
                council_services.record_attendance(meeting, member, present=False, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeetingAttendance:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            data, member = row.cleaned_data, row.instance.member
            try:
                saved = council_services.record_attendance(
                    form.instance,
                    member,
                    present=data["present"],
                    written_opinion=data["written_opinion"],
                    note=data["note"],
                    by=request.user,
                )
            except CouncilError as exc:
                for message in exc.messages:
                    self.message_user(request, f"{member}: {message}", messages.ERROR)
                continue
            formset.changed_objects.append((saved, row.changed_data))

    # --- buttons on the change page ---------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/run/",
                view(sensitive_post_parameters("passphrase")(self.run_view)),
                name="awards_councilmeeting_run",
            ),
            path("<path:object_id>/open/", view(require_POST(self.open_view)), name="awards_councilmeeting_open"),
            path("<path:object_id>/close/", view(require_POST(self.close_view)), name="awards_councilmeeting_close"),
            path(
                "<path:object_id>/create-ballots/",
                view(require_POST(self.create_ballots_view)),
                name="awards_councilmeeting_create_ballots",
            ),
        ] + super().get_urls()

    def _back(self, meeting) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:awards_councilmeeting_change", args=[meeting.pk]))

    @council_manager_required
    def open_view(self, request, object_id):
        meeting = self.scoped_object(request, object_id)
        call = partial(council_services.open_meeting, meeting, by=request.user)
        self.run_service(request, call, _("The meeting is in session."))
        return self._back(meeting)

    @council_manager_required
    def close_view(self, request, object_id):
        meeting = self.scoped_object(request, object_id)
        form = CloseMeetingForm(request.POST)
        if not form.is_valid():  # not a time at all (the browser's time field never sends one)
            self.message_user(request, _("Enter the time the meeting ended."), messages.ERROR)
            return self._back(meeting)
        end_time = form.cleaned_data["end_time"]
        call = partial(council_services.close_meeting, meeting, by=request.user, end_time=end_time)
        self.run_service(request, call, _("The meeting is closed."))
        return self._back(meeting)

    @council_manager_required
    def create_ballots_view(self, request, object_id):
        meeting = self.scoped_object(request, object_id)
        form = CreateBallotsForm(request.POST)
        method = form.cleaned_data["method"] if form.is_valid() else CreateBallotsForm.base_fields["method"].initial
        self._create_ballots(request, meeting, method)
        return self._back(meeting)

    def _create_ballots(self, request, meeting, method) -> None:
        created: list = []

        def call():
            created.extend(voting_services.create_ballots_for_meeting(meeting, method=method, by=request.user))

        if self.run_service(request, call, None):
            if created:
                names = ", ".join(str(ballot) for ballot in created)
                self.message_user(request, _("Ballots created: %(names)s.") % {"names": names}, messages.SUCCESS)
            else:
                self.message_user(request, _("No new ballot: every award form and kind has one."), messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, unquote(object_id))
        context = {"council_buttons": False}
        if meeting is not None and manages_council(request.user):
            context = {
                "council_buttons": True,
                "run_url": reverse("admin:awards_councilmeeting_run", args=[meeting.pk]),
                "meeting_status": meeting.status,
                "close_form": CloseMeetingForm(initial={"end_time": council_services.default_end_time(meeting)}),
                "ballots_form": CreateBallotsForm(),
                "ballots_url": reverse("admin:awards_ballot_changelist") + f"?meeting__id__exact={meeting.pk}",
            }
        return super().change_view(request, object_id, form_url, extra_context={**context, **(extra_context or {})})

    # --- list actions -----------------------------------------------------------------------

    @admin.action(description=_("Open the selected meetings"), permissions=["manage"])
    def open_meetings(self, request, queryset):
        for meeting in queryset:
            call = partial(council_services.open_meeting, meeting, by=request.user)
            self.run_service(request, call, _("%(meeting)s: in session.") % {"meeting": meeting})

    @admin.action(description=_("Close the selected meetings (now)"), permissions=["manage"])
    def close_meetings(self, request, queryset):
        for meeting in queryset:
            end_time = council_services.default_end_time(meeting)
            if end_time is None:  # not happening now: the clock is not its end time
                message = _("%(meeting)s: not in session now; enter its end time on the meeting's page.")
                self.message_user(request, message % {"meeting": meeting}, messages.ERROR)
                continue
            call = partial(council_services.close_meeting, meeting, by=request.user, end_time=end_time)
            self.run_service(request, call, _("%(meeting)s: closed.") % {"meeting": meeting})

    @admin.action(description=_("Create the ballots (secret ballot) for the selected meetings"), permissions=["manage"])
    def create_ballots(self, request, queryset):
        for meeting in queryset:
            self._create_ballots(request, meeting, CreateBallotsForm.base_fields["method"].initial)
