"""The JSON of each endpoint. Field names are English; labels (``*_label``) follow the language.

Public serializers carry nothing personal beyond the public honour roll: a name, a unit, the
award form, the decision's number and date (never a position, birth year, achievement, amount,
phone or e-mail). Token serializers carry what the same user reads on the pages.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Decision, DecisionEntry
from conference.models import Delegate
from conference.services import agenda as agenda_service
from conference.services.ceremony import decision_date, decision_label
from nominations.models import Nomination
from reference.models import Conference


def unit_name(entry: DecisionEntry) -> str:
    """The unit the honour roll names: the nominee's own, else the proposing unit."""
    nomination = entry.nomination
    return (nomination.nominee.unit or nomination.proposing_unit).name


class ConferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conference
        fields = ["slug", "name", "year", "date", "start_time", "end_time", "venue", "organiser", "is_current"]


class AgendaItemSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    start = serializers.TimeField()
    end = serializers.TimeField()
    duration_minutes = serializers.IntegerField()


class ConferenceDetailSerializer(ConferenceSerializer):
    agenda = serializers.SerializerMethodField()

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
    name = serializers.CharField(source="recipient")
    unit = serializers.SerializerMethodField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    award_form = serializers.CharField(source="decision.award_form.name")
    decision_number = serializers.SerializerMethodField()
    decision_date = serializers.SerializerMethodField()
    conference = serializers.CharField(source="decision.conference.slug")

    def get_unit(self, entry) -> str:
        return unit_name(entry)

    def get_decision_number(self, entry) -> str:
        return decision_label(entry.decision)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_decision_date(self, entry) -> str | None:
        value = decision_date(entry.decision)
        return value.isoformat() if value else None


class HonourRollSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()
    results = HonourRollRowSerializer(many=True)


class PublicDecisionSerializer(serializers.ModelSerializer):
    document_type_label = serializers.CharField(source="get_document_type_display")
    number = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()
    award_form = serializers.CharField(source="award_form.name")
    conference = serializers.CharField(source="conference.slug")
    entry_count = serializers.IntegerField()

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
    name = serializers.CharField(source="recipient")
    kind_label = serializers.CharField(source="get_kind_display")
    unit = serializers.SerializerMethodField()

    class Meta:
        model = DecisionEntry
        fields = ["register_number", "kind", "kind_label", "name", "unit"]

    def get_unit(self, entry) -> str:
        return unit_name(entry)


class NominationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id")
    conference = serializers.CharField(source="conference.slug")
    kind = serializers.CharField(source="nominee.kind")
    kind_label = serializers.CharField(source="nominee.get_kind_display")
    name = serializers.CharField(source="nominee.full_name")
    position = serializers.CharField(source="nominee.position")
    unit = serializers.CharField(source="nominee.unit.name", default="")
    proposing_unit = serializers.CharField(source="proposing_unit.name")
    award_form = serializers.CharField(source="award_form.name")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Nomination
        fields = ["id", "conference", "kind", "kind_label", "name", "position", "unit", "proposing_unit"]
        fields += ["award_form", "status", "status_label", "status_note", "submitted_at", "updated_at"]


class AwardDecisionSerializer(serializers.ModelSerializer):
    document_type_label = serializers.CharField(source="get_document_type_display")
    number = serializers.CharField(source="number_label")
    award_form = serializers.CharField(source="award_form.name")
    conference = serializers.CharField(source="conference.slug")

    class Meta:
        model = Decision
        fields = ["id", "document_type", "document_type_label", "number", "date", "award_form", "conference"]
        fields += ["province_decision_number", "province_decision_date"]


class AwardSerializer(serializers.ModelSerializer):
    nomination = serializers.UUIDField(source="nomination.public_id")
    name = serializers.CharField(source="recipient")
    kind_label = serializers.CharField(source="get_kind_display")
    unit = serializers.SerializerMethodField()
    decided = serializers.SerializerMethodField()
    decision = AwardDecisionSerializer()

    class Meta:
        model = DecisionEntry
        fields = ["id", "nomination", "register_number", "kind", "kind_label", "name", "description", "unit"]
        fields += ["amount", "decided", "decision"]

    def get_unit(self, entry) -> str:
        return unit_name(entry)

    def get_decided(self, entry) -> bool:
        """A Quyết định is decided when issued; a Tờ trình once the province's decision is recorded."""
        return bool(decision_label(entry.decision))


class AttendanceSerializer(serializers.ModelSerializer):
    conference = serializers.CharField(source="conference.slug")
    group = serializers.CharField(source="group.name")
    rsvp_label = serializers.CharField(source="get_rsvp_display")
    checked_in = serializers.SerializerMethodField()
    checked_in_at = serializers.SerializerMethodField()

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
