"""The JSON of each endpoint. Field names are English; labels (``*_label``) follow the language.

Public serializers carry nothing personal beyond the public honour roll: a name, a unit, the
award form, the decision's number and date (never a position, birth year, achievement, amount,
phone or e-mail). Token serializers carry what the same user reads on the pages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Decision, DecisionEntry
from awards.selectors import decision_date, decision_label
from conference.models import Delegate
from conference.services import agenda as agenda_service
from nominations.models import Nomination
from reference.models import Conference

NAME = _("name of the collective or person, as on the certificate")
UNIT = _("unit")
KIND = _("collective or individual")
KIND_LABEL = _("the kind, in words")
AWARD_FORM = _("award form")
CONFERENCE = _("conference (its short code)")
NUMBER = _("number the certificate carries: the decision's, or the province's for a proposal")
DATE = _("date of that decision")
TYPE_LABEL = _("the document type, in words")


def unit_name(entry: DecisionEntry) -> str:
    """The unit the honour roll names: the nominee's own, else the proposing unit."""
    nomination = entry.nomination
    return (nomination.nominee.unit or nomination.proposing_unit).name


class ConferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conference
        fields = ["slug", "name", "year", "date", "start_time", "end_time", "venue", "organiser", "is_current"]


class AgendaItemSerializer(serializers.Serializer):
    order = serializers.IntegerField(label=_("order"))
    kind = serializers.CharField(label=_("kind"))
    kind_label = serializers.CharField(label=KIND_LABEL)
    title = serializers.CharField(label=_("title"))
    start = serializers.TimeField(label=_("starts"))
    end = serializers.TimeField(label=_("ends"))
    duration_minutes = serializers.IntegerField(label=_("duration (minutes)"))


class ConferenceDetailSerializer(ConferenceSerializer):
    agenda = serializers.SerializerMethodField(label=_("agenda"))

    class Meta(ConferenceSerializer.Meta):
        fields = [*ConferenceSerializer.Meta.fields, "agenda"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, conference) -> list:
        rows = [
            {
                "order": slot.item.order,
                "kind": slot.item.kind,
                "kind_label": slot.item.get_kind_display(),
                "title": slot.item.title,
                "start": slot.start,
                "end": slot.end,
                "duration_minutes": slot.item.duration_minutes,
            }
            for slot in agenda_service.schedule(conference)
        ]
        return AgendaItemSerializer(rows, many=True).data


class HonourRollRowSerializer(serializers.Serializer):
    name = serializers.CharField(source="recipient", label=NAME)
    unit = serializers.SerializerMethodField(label=UNIT)
    kind = serializers.CharField(label=KIND)
    kind_label = serializers.CharField(source="get_kind_display", label=KIND_LABEL)
    award_form = serializers.CharField(source="decision.award_form.name", label=AWARD_FORM)
    decision_number = serializers.SerializerMethodField(label=NUMBER)
    decision_date = serializers.SerializerMethodField(label=DATE)
    conference = serializers.CharField(source="decision.conference.slug", label=CONFERENCE)

    def get_unit(self, entry) -> str:
        return unit_name(entry)

    def get_decision_number(self, entry) -> str:
        return decision_label(entry.decision)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_decision_date(self, entry) -> str | None:
        value = decision_date(entry.decision)
        return value.isoformat() if value else None


class HonourRollSerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"))
    count = serializers.IntegerField(label=_("how many rows"))
    results = HonourRollRowSerializer(many=True, label=_("the honoured, in stage order"))


class PublicDecisionSerializer(serializers.ModelSerializer):
    document_type_label = serializers.CharField(source="get_document_type_display", label=TYPE_LABEL)
    number = serializers.SerializerMethodField(label=NUMBER)
    date = serializers.SerializerMethodField(label=DATE)
    award_form = serializers.CharField(source="award_form.name", label=AWARD_FORM)
    conference = serializers.CharField(source="conference.slug", label=CONFERENCE)
    entry_count = serializers.IntegerField(label=_("how many on the list"))

    class Meta:
        model = Decision
        fields = ["id", "document_type", "document_type_label", "number", "date", "title", "award_form"]
        fields += ["conference", "entry_count"]

    def get_number(self, decision) -> str:
        return decision_label(decision)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_date(self, decision) -> str | None:
        value = decision_date(decision)
        return value.isoformat() if value else None


class PublicEntrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="recipient", label=NAME)
    kind_label = serializers.CharField(source="get_kind_display", label=KIND_LABEL)
    unit = serializers.SerializerMethodField(label=UNIT)

    class Meta:
        model = DecisionEntry
        fields = ["register_number", "kind", "kind_label", "name", "unit"]

    def get_unit(self, entry) -> str:
        return unit_name(entry)


class NominationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", label=_("the nomination's identifier"))
    conference = serializers.CharField(source="conference.slug", label=CONFERENCE)
    kind = serializers.CharField(source="nominee.kind", label=KIND)
    kind_label = serializers.CharField(source="nominee.get_kind_display", label=KIND_LABEL)
    name = serializers.CharField(source="nominee.full_name", label=_("nominee"))
    position = serializers.CharField(source="nominee.position", label=_("position"))
    unit = serializers.CharField(source="nominee.unit.name", default="", label=_("the nominee's unit"))
    proposing_unit = serializers.CharField(source="proposing_unit.name", label=_("proposing unit"))
    award_form = serializers.CharField(source="award_form.name", label=AWARD_FORM)
    status_label = serializers.CharField(source="get_status_display", label=_("the status, in words"))

    class Meta:
        model = Nomination
        fields = ["id", "conference", "kind", "kind_label", "name", "position", "unit", "proposing_unit"]
        fields += ["award_form", "status", "status_label", "status_note", "submitted_at", "updated_at"]


class AwardDecisionSerializer(serializers.ModelSerializer):
    document_type_label = serializers.CharField(source="get_document_type_display", label=TYPE_LABEL)
    number = serializers.CharField(source="number_label", label=_("number of the decision or proposal"))
    award_form = serializers.CharField(source="award_form.name", label=AWARD_FORM)
    conference = serializers.CharField(source="conference.slug", label=CONFERENCE)

    class Meta:
        model = Decision
        fields = ["id", "document_type", "document_type_label", "number", "date", "award_form", "conference"]
        fields += ["province_decision_number", "province_decision_date"]


class AwardSerializer(serializers.ModelSerializer):
    nomination = serializers.UUIDField(source="nomination.public_id", label=_("the nomination's identifier"))
    name = serializers.CharField(source="recipient", label=NAME)
    kind_label = serializers.CharField(source="get_kind_display", label=KIND_LABEL)
    unit = serializers.SerializerMethodField(label=UNIT)
    decided = serializers.SerializerMethodField(
        label=_("decided: an issued decision, or a proposal the province has decided")
    )
    decision = AwardDecisionSerializer(label=_("the decision or proposal"))

    class Meta:
        model = DecisionEntry
        fields = ["id", "nomination", "register_number", "kind", "kind_label", "name", "description", "unit"]
        fields += ["amount", "decided", "decision"]

    def get_unit(self, entry) -> str:
        return unit_name(entry)

    def get_decided(self, entry) -> bool:
        # A Quyết định is decided when issued; a Tờ trình once the province's decision is recorded.
        return bool(decision_label(entry.decision))


class AttendanceSerializer(serializers.ModelSerializer):
    conference = serializers.CharField(source="conference.slug", label=CONFERENCE)
    group = serializers.CharField(source="group.name", label=_("delegate group"))
    rsvp_label = serializers.CharField(source="get_rsvp_display", label=_("the reply, in words"))
    checked_in = serializers.SerializerMethodField(label=_("arrived"))
    checked_in_at = serializers.SerializerMethodField(label=_("arrival time"))

    class Meta:
        model = Delegate
        fields = ["id", "conference", "full_name", "position", "organisation", "group", "rsvp", "rsvp_label"]
        fields += ["substitute_name", "checked_in", "checked_in_at"]

    def _check_in(self, delegate):
        return getattr(delegate, "check_in", None)

    def get_checked_in(self, delegate) -> bool:
        return self._check_in(delegate) is not None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_checked_in_at(self, delegate) -> str | None:
        check_in = self._check_in(delegate)
        return serializers.DateTimeField().to_representation(check_in.at) if check_in else None
