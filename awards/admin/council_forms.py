"""Forms of the council's admin pages: the vote, the paper counts, closing a meeting, new ballots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import Choice, VoteMethod
from awards.models import BallotItem
from awards.services.secret_ballot import RECUSE


def item_field_name(item: BallotItem) -> str:
    return f"item_{item.pk}"


class VoteForm(forms.Form):
    """Đồng ý / Không đồng ý / Không biểu quyết per nominee, or "I recuse myself"; blank = abstain.

    A nominee the member is already recused from gets no field at all.
    """

    def __init__(self, *args, items: list[BallotItem], recused: set[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if item.pk not in recused]
        for item in self.items:
            self.fields[item_field_name(item)] = forms.ChoiceField(
                label=str(item.nomination.nominee),
                choices=[*Choice.choices, (RECUSE, _("I do not vote: conflict of interest"))],
                widget=forms.RadioSelect,
                required=False,
            )

    def choices(self) -> dict[int, str]:
        """Item id → choice, for the nominees marked (the service counts a blank as an abstention)."""
        marked = {item.pk: self.cleaned_data.get(item_field_name(item)) for item in self.items}
        return {pk: value for pk, value in marked.items() if value}


class CountsForm(forms.Form):
    """The counted paper ballots or raised hands for one nominee."""

    issued = forms.IntegerField(label=_("ballots issued"), min_value=0)
    returned = forms.IntegerField(label=_("ballots returned"), min_value=0)
    valid = forms.IntegerField(label=_("valid ballots"), min_value=0)
    invalid = forms.IntegerField(label=_("invalid ballots"), min_value=0)
    votes_for = forms.IntegerField(label=_("agree"), min_value=0)
    votes_against = forms.IntegerField(label=_("disagree"), min_value=0)

    @classmethod
    def initial_for(cls, item: BallotItem, present: int) -> dict[str, int]:
        if item.ballots_valid is None:
            return {"issued": present, "returned": present, "valid": present, "invalid": 0}
        return {
            "issued": item.ballots_issued,
            "returned": item.ballots_returned,
            "valid": item.ballots_valid,
            "invalid": item.ballots_invalid,
            "votes_for": item.votes_for,
            "votes_against": item.votes_against,
        }


class CloseMeetingForm(forms.Form):
    """The end time as entered; the clock is offered only while the meeting is happening now."""

    end_time = forms.TimeField(
        label=_("end time"),
        required=False,  # a missing time is refused by close_meeting, with its message
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )


class CreateBallotsForm(forms.Form):
    method = forms.ChoiceField(label=_("method"), choices=VoteMethod.choices, initial=VoteMethod.SECRET)
