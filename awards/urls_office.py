"""The Office's pages: council results, decisions and proposals (awards/views/office.py)."""

from django.urls import path

from awards.views import office

urlpatterns = [
    path("results/", office.council_results, name="council_results"),
    path("results/<int:ballot_id>/apply/", office.apply_ballot, name="ballot_apply"),
    path("results/<int:ballot_id>/tie/", office.settle_tie, name="ballot_settle_tie"),
    path("history/", office.conference_history, name="conference_history"),
    path("decisions/", office.decision_list, name="decision_list"),
    path("decisions/draft/", office.draft_decision, name="decision_draft"),
    path("decisions/<int:pk>/", office.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/history/", office.decision_history, name="decision_history"),
    path("decisions/<int:pk>/issue/", office.issue_decision, name="decision_issue"),
    path("decisions/<int:pk>/replace/", office.replace_decision, name="decision_replace"),
    path("decisions/<int:pk>/province/", office.record_province_decision, name="decision_province"),
]
