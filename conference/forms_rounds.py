"""The form that starts the next round (conference/views/rounds.py)."""

from django import forms
from django.utils.translation import gettext_lazy

from conference.services.next_round import NextRoundInput

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class NextRoundForm(forms.Form):
    # The year the page offered: a second press (or a second tab) names a year already started.
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2200)
    name = forms.CharField(label=gettext_lazy("Name of the new conference"), max_length=300)
    date = forms.DateField(label=gettext_lazy("Conference date"), required=False, widget=DATE_WIDGET)
    nomination_deadline = forms.DateField(label=gettext_lazy("Nomination deadline"), required=False, widget=DATE_WIDGET)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked what is carried over; make the new round the current one.")
    )

    def to_input(self) -> NextRoundInput:
        data = self.cleaned_data
        return NextRoundInput(
            year=data["year"], name=data["name"], date=data["date"], nomination_deadline=data["nomination_deadline"]
        )
